"""Pilot tests: a served visitor's save code on the title screen, and typing another."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static

from iss.engine.save_codes import new_code, show_code
from iss.ui.screens.save_code import SaveCodeScreen
from iss.ui.screens.title import TitleScreen
from tests.ui.conftest import SIZE, MakeApp


async def test_without_a_code_there_is_no_code_line_and_k_does_nothing(app_for: MakeApp) -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        assert not app.screen.query_one("#save-code", Static).display
        await pilot.press("k")
        assert isinstance(app.screen, TitleScreen)


async def test_typing_an_earlier_code_brings_its_saves_back(app_for: MakeApp, saves: Path) -> None:
    earlier, now = new_code(), new_code()
    first = app_for(save_code=earlier)
    async with first.run_test(size=SIZE) as pilot:
        await pilot.press("n", "1")  # an autosave under the earlier code
    assert list((saves / earlier).rglob("auto-*.save.json"))

    app = app_for(save_code=now)
    async with app.run_test(size=SIZE) as pilot:
        assert show_code(now) in str(app.screen.query_one("#save-code", Static).render())
        assert app.latest_autosave() is None  # a fresh visitor has nothing to continue
        await pilot.press("k")
        assert isinstance(app.screen, SaveCodeScreen)
        field = app.screen.query_one("#code", Input)

        field.value = "../" + earlier  # not a code: told so, nothing changes
        await pilot.press("enter")
        assert isinstance(app.screen, SaveCodeScreen)
        assert "16 letters" in str(app.screen.query_one("#problem", Static).render())
        assert app.save_code == now

        field.value = show_code(new_code())  # a code nobody has used
        await pilot.press("enter")
        assert "No saves" in str(app.screen.query_one("#problem", Static).render())

        field.value = show_code(earlier).lower()  # as a person might type it
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        assert app.save_code == earlier and app.save_dir == saves / earlier
        assert app.latest_autosave() is not None  # Continue resumes the earlier run
        assert show_code(earlier) in str(app.screen.query_one("#save-code", Static).render())
