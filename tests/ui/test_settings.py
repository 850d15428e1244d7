"""Settings survive the app: a player's choice of text effect is still there next time."""

from __future__ import annotations

from pathlib import Path

import pytest

from iss.settings import SETTINGS_FILE, Settings, load_settings, save_settings
from iss.ui.app import make_app
from iss.ui.screens.settings import SettingsScreen
from tests.ui.conftest import TINY


async def test_changed_settings_are_kept_for_the_next_run(saves: Path) -> None:
    app = make_app(TINY, saves)
    assert app.settings.effect == "typewriter"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        await pilot.press("enter")  # the first line cycles the text effect
        await pilot.pause()
    assert (saves / SETTINGS_FILE).is_file()
    assert make_app(TINY, saves).settings.effect == "words"


def test_unreadable_settings_fall_back_to_defaults(tmp_path: Path) -> None:
    (tmp_path / SETTINGS_FILE).write_text("{not json", encoding="utf-8")
    assert load_settings(tmp_path) == Settings()
    (tmp_path / SETTINGS_FILE).write_text(
        '{"effect": "explode", "speed": "fast"}', encoding="utf-8"
    )
    assert load_settings(tmp_path) == Settings(speed="fast")


def test_saving_into_an_unusable_folder_says_why(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    problem = save_settings(Settings(), blocker)
    assert problem is not None and problem.startswith("Settings could not be saved")


async def test_theme_line_changes_the_theme_and_settings_stay_open(saves: Path) -> None:
    app = make_app(TINY, saves)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "up", "enter")  # up from the first line wraps to Theme
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        assert app.theme != "station"
        assert load_settings(saves).theme == app.theme


@pytest.mark.parametrize(("theme", "see_through"), [("ansi-dark", True), ("station", False)])
async def test_a_dialog_keeps_the_game_visible_under_an_ansi_theme(
    saves: Path, theme: str, see_through: bool
) -> None:
    """ANSI colours can't be blended, so a dimmed backdrop would paint the game
    out: under an ANSI theme a dialog's backdrop is transparent instead."""
    app = make_app(TINY, saves, settings=Settings(effect="off", theme=theme))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        alpha = app.screen.styles.background.a
        assert (alpha == 0) if see_through else (alpha > 0)
