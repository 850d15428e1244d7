"""F1 opens Help over every dialog (issue 18: it did nothing while one was open)."""

from __future__ import annotations

import pytest

from iss.ui.screens.help import HelpScreen
from iss.ui.screens.play import PlayScreen
from tests.ui.conftest import SIZE, TINY, MakeApp


@pytest.mark.parametrize("key", ["c", "t", "i", "j", "r", "escape"])
async def test_f1_opens_help_over_a_dialog(app_for: MakeApp, key: str) -> None:
    app = app_for(TINY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        assert isinstance(app.screen, PlayScreen)
        await pilot.press(key)
        dialog = app.screen
        assert not isinstance(dialog, PlayScreen | HelpScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen), (key, type(app.screen).__name__)
        await pilot.press("escape")
        assert app.screen is dialog
