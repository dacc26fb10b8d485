"""Notifications and dialogs: a notification never covers a dialog's border."""

from __future__ import annotations

import pytest
from textual.screen import ModalScreen

from newsreader.storage import Library

from .conftest import make_app, wait_until


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (160, 50)])
@pytest.mark.parametrize("key", ["t", "d", "question_mark"])
async def test_a_notification_never_covers_a_dialog(filled: Library, size: tuple[int, int],
                                                    key: str) -> None:
    app = make_app(filled)
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("a")  # archived: a notification
        await pilot.press(key)  # a dialog, while it shows
        await wait_until(pilot, lambda: isinstance(app.screen, ModalScreen))
        screen = app.screen
        await wait_until(pilot, lambda: bool(screen.query("Toast")))
        await pilot.pause()
        dialog = screen.query_one(".dialog").region
        toasts = [toast.region for toast in screen.query("Toast")]
        assert toasts and all(region.area for region in toasts)
        for toast in toasts:
            assert not toast.overlaps(dialog), (toast, dialog)
