"""Gzipped sources: every member read, padding allowed, damage and bombs named."""

from __future__ import annotations

import gzip
from collections.abc import Callable
from pathlib import Path

import pytest

from newsreader.ingest import sources
from newsreader.ingest.sources import SourceError, read

PAGE = b"<html><body><p>The harbour council met on Tuesday.</p></body></html>"


def _gz(tmp_path: Path, data: bytes) -> str:
    path = tmp_path / "page.html.gz"
    path.write_bytes(data)
    return str(path)


def test_every_member_of_a_gzip_file_is_read(tmp_path: Path) -> None:
    # gzip files may be several members one after another (cat a.gz b.gz), with zero padding
    data = gzip.compress(PAGE[:20]) + gzip.compress(PAGE[20:]) + b"\x00" * 8
    assert read(_gz(tmp_path, data)).data == PAGE


@pytest.mark.parametrize(("damage", "reason"), [
    (lambda packed: packed[:-12], "ends before its last block"),
    (lambda packed: packed[:-8] + b"\x00" * 8, "damaged gzip data"),  # wrong checksum
    (lambda packed: packed + b"not gzip", "damaged gzip data"),
])
def test_damaged_gzip_is_named(tmp_path: Path, damage: Callable[[bytes], bytes],
                                reason: str) -> None:
    packed = gzip.compress(PAGE * 50)
    with pytest.raises(SourceError, match=reason):
        read(_gz(tmp_path, damage(packed)))


def test_the_size_cap_counts_every_member(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sources, "MAX_SOURCE_BYTES", 1000)
    assert len(read(_gz(tmp_path, gzip.compress(b"a" * 1000))).data) == 1000
    with pytest.raises(SourceError, match="too large once decompressed"):
        read(_gz(tmp_path, gzip.compress(b"a" * 600) * 2))
