"""A screen styled once when it is first shown, not twice."""

from __future__ import annotations

from textual import events, on
from textual.screen import Screen


class StyledOnce(Screen[None]):
    """A screen whose first ``ScreenResume`` does not restyle its tree.

    Textual restyles a screen and every widget in it on each ``ScreenResume``, so that a
    screen coming back into view picks up what changed while it was hidden. The first one
    arrives just after the screen was mounted, and so styled: restyling then only redoes
    that work, and the first frame waits for it. Later resumes restyle as usual.
    """

    _resumed_before = False

    @on(events.ScreenResume)
    def _keep_the_first_styles(self, event: events.ScreenResume) -> None:
        """The first time: leave the styles just computed at mount as they are."""
        if not self._resumed_before:
            self._resumed_before = True
            event.refresh_styles = False
