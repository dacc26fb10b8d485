"""The hostile corpus through the real commands, and a short fixed-seed run of the CLI fuzzer.

Both use scripts/fuzz_cli.py itself, so CI exercises the harness that longer runs use
(`python scripts/fuzz_cli.py --minutes 10`). A failure lists each broken promise (a
traceback, an odd exit status, an escape or bidi character in the output, a refused
backup that left rows, a changed foreign file, a failed integrity check) with the call.
"""

from __future__ import annotations

from pathlib import Path

import fuzz_cli  # scripts/fuzz_cli.py (scripts/ is on pytest's pythonpath)
import pytest

from .conftest import ROOT

CORPUS = ROOT / "tests" / "data" / "hostile"



def _assert_clean(run: object, tmp_path: Path) -> None:
    groups = fuzz_cli.save(run.findings, tmp_path / "findings")  # type: ignore[attr-defined]
    assert not groups, fuzz_cli.summary(run, groups)


def test_corpus_covers_the_attacks() -> None:
    pages = {p.name for p in (CORPUS / "pages").iterdir()}
    backups = {p.name for p in (CORPUS / "backups").iterdir()}
    assert {"binary.html", "empty.html", "nul-bytes.txt", "huge-line.txt.gz",
            "deeply-nested.html.gz", "charset-unknown.html", "bom-utf16le.txt",
            "escapes-title.html", "bidi-title.md", "rich-markup.html",
            "markdown-injection.html", "yaml-injection.md"} <= pages
    assert {"binary.jsonl", "not-utf8.jsonl", "id-past-int64.jsonl", "schema-text.jsonl",
            "line-is-list.jsonl", "float-1e400.jsonl", "structure-not-json.jsonl",
            "text-number.jsonl", "title-list.jsonl", "offsets-negative.jsonl",
            "count-unknown.jsonl", "note-dangling-highlight.jsonl", "valid.jsonl"} <= backups
    assert sum(p.stat().st_size for p in CORPUS.rglob("*") if p.is_file()) < 400_000


@pytest.mark.parametrize("part", [0, 1, 2])
def test_every_corpus_page_is_added_or_refused_in_one_line(tmp_path: Path, part: int) -> None:
    run = fuzz_cli.Run(tmp_path, call_timeout=10)
    run.sweep_pages(sorted(run.corpus.pages)[part::3])
    run.finish()
    _assert_clean(run, tmp_path)
    assert run.articles >= 3  # the readable pages did land


@pytest.mark.parametrize("half", [0, 1])
def test_every_corpus_backup_is_restored_or_refused_whole(tmp_path: Path, half: int) -> None:
    run = fuzz_cli.Run(tmp_path, call_timeout=10)
    run.sweep_backups(sorted(run.corpus.backups)[half::2])
    _assert_clean(run, tmp_path)


@pytest.mark.parametrize(("actions", "steps"), [
    (["add"], 10),
    (["restore"], 30),
    (["note", "tag", "highlight"], 150),
    (["export", "vault"], 150),
    (["show", "list", "search", "notes", "flags"], 250),
    (["foreign"], 40),
], ids=["add", "restore", "annotate", "export", "read", "foreign"])
def test_fixed_seed_fuzz_run_finds_nothing(tmp_path: Path, actions: list[str],
                                           steps: int) -> None:
    run = fuzz_cli.fuzz(tmp_path, seed=16, iterations=steps, call_timeout=5,
                        actions=actions)
    _assert_clean(run, tmp_path)
    assert run.calls > steps
