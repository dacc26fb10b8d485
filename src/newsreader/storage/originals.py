"""How a revision's original bytes are kept in ``revisions.original``: as one Zstandard frame.

Saved pages are mostly markup, which compresses about five times over, and the originals
are most of a library's size. Zstandard rather than zlib: as small as zlib's default level
at a quarter of its time, which an import pays for every page. Everything outside
``storage/`` sees the bytes as they were imported: the library packs them as it writes a
revision and unpacks them as it reads one, and a backup holds them unpacked (``Backup``
does both ways).
"""

from __future__ import annotations

_LEVEL = 3  # zstd's default
# No original is anywhere near this (imports stop at 20 MB); a frame that claims more is
# damaged, and is not unpacked into memory to find out.
_MAX_UNPACKED = 256 * 1024 * 1024


class DamagedOriginalError(ValueError):
    """A stored original that does not unpack: the file was damaged or written by hand."""


def pack(data: bytes | bytearray | memoryview | str) -> bytes:
    """The stored form of an original."""
    import zstandard  # here: reading a library never packs, so start-up does not load it

    if isinstance(data, str):  # a column SQLite typed as text in an old or hand-made file
        data = data.encode("utf-8", "surrogatepass")
    return zstandard.ZstdCompressor(level=_LEVEL).compress(bytes(data))


def unpack(blob: bytes | bytearray | memoryview) -> bytes:
    """The original bytes back from their stored form; DamagedOriginalError if they cannot be:
    not one whole frame, bytes after it, or a size over what any import could have stored."""
    import zstandard

    data = bytes(blob)
    try:
        size = zstandard.frame_content_size(data)
        if not 0 <= size <= _MAX_UNPACKED:
            raise DamagedOriginalError("its original bytes claim no size, or an impossible one")
        return zstandard.ZstdDecompressor().decompress(
            data, max_output_size=size, allow_extra_data=False)
    except zstandard.ZstdError as error:
        raise DamagedOriginalError(f"its original bytes cannot be read ({error})") from None
