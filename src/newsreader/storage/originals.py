"""How a revision's original bytes are kept in ``revisions.original``: zlib-compressed.

Saved pages are mostly markup, which zlib shrinks several times over, and the originals are
most of a library's size. Everything outside ``storage/`` sees the bytes as they were
imported: the library packs them as it writes a revision and unpacks them as it reads one,
and a backup holds them unpacked (``Backup`` does both ways).
"""

from __future__ import annotations

import zlib

# zlib's default level: nearly the size of its best level at a fraction of the time.
_LEVEL = 6
# No original is anywhere near this (imports stop at 20 MB); a blob that claims more is
# damaged, and is not unpacked into memory to find out how much more.
_MAX_UNPACKED = 256 * 1024 * 1024


class DamagedOriginalError(ValueError):
    """A stored original that does not unpack: the file was damaged or written by hand."""


def pack(data: bytes | bytearray | memoryview | str) -> bytes:
    """The stored form of an original."""
    if isinstance(data, str):  # a column SQLite typed as text in an old or hand-made file
        data = data.encode("utf-8", "surrogatepass")
    return zlib.compress(bytes(data), _LEVEL)


def unpack(blob: bytes | bytearray | memoryview) -> bytes:
    """The original bytes back from their stored form; DamagedOriginalError if they cannot be."""
    inflater = zlib.decompressobj()
    try:
        data = inflater.decompress(bytes(blob), _MAX_UNPACKED)
    except (zlib.error, TypeError) as error:
        raise DamagedOriginalError(f"its original bytes cannot be read ({error})") from None
    if not inflater.eof or inflater.unconsumed_tail or inflater.unused_data:
        raise DamagedOriginalError(
            "its original bytes are cut short, too large or followed by other bytes")
    return data
