"""A list of rows (feeds, highlights, links, notes, addresses) that also moves with ``j``
and ``k``, as the library's list and the reader do."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import OptionList


class RowList(OptionList):
    """An option list with ``j``/``k`` beside the arrow keys."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Next row", show=False, id="lists.down"),
        Binding("k", "cursor_up", "Previous row", show=False, id="lists.up"),
    ]
