"""How highlight colours look: the theme variables behind them, and a swatch for lists.

The colours are theme variables (``$highlight-yellow`` ...) so a theme can set its own; the
defaults are translucent, so they tint whatever surface the theme has, light or dark.
"""

from __future__ import annotations

from textual.content import Content

from newsreader.storage.annotations import COLORS

_NAMED = {"yellow": "gold", "green": "limegreen", "blue": "dodgerblue", "pink": "hotpink",
          "purple": "mediumpurple"}
COLOR_KEYS = {str(number): color for number, color in enumerate(COLORS, start=1)}
"""The keys ``1``-``5`` and the colour each one sets."""


def theme_variable_defaults() -> dict[str, str]:
    """``highlight-<colour>`` for each colour, used unless the theme defines its own."""
    return {f"highlight-{color}": f"{_NAMED[color]} 40%" for color in COLORS}


def component_class(color: str) -> str:
    """The ArticleBody component class that paints a highlight of this colour."""
    return f"article-body--hl-{color if color in _NAMED else COLORS[0]}"


def swatch(color: str) -> Content:
    """A coloured block and the colour's name, for lists of highlights."""
    return Content.assemble(("\u258c", _NAMED.get(color, _NAMED[COLORS[0]])), (color, "dim"))
