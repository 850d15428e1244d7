"""Game messages go on the notice lines above the choices; toasts are for problems."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from iss.ui.records import Outcome
from iss.ui.screens.play import PlayScreen
from tests.ui.conftest import SIZE, MakeApp
from tests.ui.test_play_flow import shown


def notice_of(app: object) -> str:
    screen = getattr(app, "screen", None)
    assert isinstance(screen, PlayScreen)
    told = screen.query_one("#notice", Static)
    return shown(told) if told.display else ""


async def test_quicksave_and_quickload_say_so_above_the_choices(app_for: MakeApp) -> None:
    app = app_for()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("n", "f5")
        await pilot.pause()
        assert "Quicksaved." in notice_of(app)
        await pilot.press("1")
        assert "Quicksaved." not in notice_of(app)  # gone with the next choice
        await pilot.press("f9", "y")
        await pilot.pause()
        assert "Resumed at The Cupola." in notice_of(app)
        assert not app._notifications


async def test_rewind_says_so_above_the_choices(app_for: MakeApp) -> None:
    app = app_for()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("n", "1", "1", "r", "up", "enter")
        await pilot.pause()
        assert "Rewound to before choice 1." in notice_of(app)
        assert not app._notifications


async def test_a_failed_quicksave_is_a_toast(
    app_for: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = app_for()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("n")
        assert app.records is not None
        failed = Outcome(False, "Could not quicksave: no space left on device.")
        monkeypatch.setattr(app.records, "quicksave", lambda *args: failed)
        await pilot.press("f5")
        await pilot.pause()
        assert "quicksave" not in notice_of(app).lower()
        assert [n.message for n in app._notifications] == [failed.message]
