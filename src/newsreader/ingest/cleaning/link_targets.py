"""Which link targets an article keeps: http(s) addresses, resolved against the page's."""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urljoin


def http_url(href: str | None, base: str | None) -> str | None:
    """``href`` resolved against ``base`` if it is an http(s) URL, else None."""
    if not href:
        return None
    return _resolved(href, base)


# A page asks for the same links again and again (each block's anchors, the region's, the
# related boxes'), and urljoin is not cheap.
@lru_cache(maxsize=4096)
def _resolved(href: str, base: str | None) -> str | None:
    href = href.strip()
    if href.startswith("#") or href.lower().startswith(("javascript:", "mailto:", "tel:")):
        return None
    try:
        resolved = urljoin(base, href) if base else href
    except ValueError:
        return None
    if not resolved.lower().startswith(("http://", "https://")):
        return None
    return resolved
