"""Settings → Trust notices: which trust lines the play screen tells (all, big, off), kept
for the next run, overridden for one run by `iss play --notices`; the lines are drawn
quiet, after a mark, so they do not read as the story's prose.

The fixture's route (tests/fixtures/notices) is one choice per stretch: the first line
about Alexey (choice 1), a small move (6), a move between two of the crew (11), a big
move and an item (16)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.content import Content
from textual.pilot import Pilot
from textual.style import Style
from textual.widgets import Static

from iss.settings import SETTINGS_FILE, Settings, load_settings, save_settings
from iss.ui.screens.play import NOTICE_MARK, PlayScreen
from iss.ui.screens.settings import SettingsScreen
from iss.ui.widgets.scene_text import SceneText
from tests.ui.conftest import ROOT, SIZE, MakeApp

FIXTURE = ROOT / "tests" / "fixtures" / "notices"

FIRST = "Alexey softens toward you."
SMALL = "Alexey leans your way a little more."
PAIR = "Alexey and Gordon are easier with each other now."
BIG = "Something opens between you and Alexey."
ITEM = "You now have the hatch key."
BEFORE_THE_END = {"all": [FIRST, SMALL, PAIR], "big": [FIRST], "off": []}
"""What the first 15 choices tell at each level (the 16th tells the big move and the item;
the 17th reaches the ending, whose step tells no trust line)."""


def notice_content(screen: PlayScreen) -> Content:
    content = screen.query_one("#notice", Static).content
    assert isinstance(content, Content)
    return content


async def told_on_route(pilot: Pilot[int], choices: int) -> list[str]:
    """Take the first choice `choices` times; the notice lines each step showed."""
    lines: list[str] = []
    for _ in range(choices):
        await pilot.press("1")
        await pilot.pause()
        screen = pilot.app.screen
        if not isinstance(screen, PlayScreen):
            break
        if screen.query_one("#notice", Static).display:
            told = notice_content(screen).plain.split("\n")
            lines += [line.removeprefix(NOTICE_MARK) for line in told]
    return lines


@pytest.mark.parametrize("level", ["all", "big", "off"])
async def test_each_level_tells_its_lines_on_a_known_route(app_for: MakeApp, level: str) -> None:
    app = app_for(FIXTURE, settings=Settings(effect="off", notices=level))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        assert await told_on_route(pilot, 15) == BEFORE_THE_END[level]


async def test_the_lines_are_drawn_quiet_after_a_mark(app_for: MakeApp) -> None:
    """Muted (the theme's $text-muted), not in the prose's colour, each after the mark."""
    app = app_for(FIXTURE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "1")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlayScreen)
        content = notice_content(screen)
        assert content.plain == f"{NOTICE_MARK}{FIRST}"
        quiet = screen.get_component_rich_style("play--notice").color
        prose = screen.query_one(SceneText).rich_style.color
        assert quiet is not None and quiet != prose
        styles = [span.style for span in content.spans]
        assert styles and all(
            isinstance(style, Style)
            and style.foreground is not None
            and style.foreground.rich_color == quiet
            for style in styles
        )


async def test_the_setting_is_kept_and_changes_the_lines_from_the_next_choice(
    app_for: MakeApp, saves: Path
) -> None:
    app = app_for(FIXTURE)
    assert app.notice_level == "big"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await told_on_route(pilot, 5)
        await pilot.press("escape")
        await pilot.pause()
        app.open_settings()
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        await pilot.press("down", "down", "down", "down", "enter")  # Trust notices: big → off
        await pilot.pause()
        assert app.notice_level == "off"
        await pilot.press("enter")  # off → all
        await pilot.pause()
        assert app.notice_level == "all"
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        # the small move at choice 6 is told now (choice 11's pair line too)
        assert await told_on_route(pilot, 10) == [SMALL, PAIR]
    assert (saves / SETTINGS_FILE).is_file()
    assert load_settings(saves).notices == "all"
    assert app_for(FIXTURE, settings=load_settings(saves)).notice_level == "all"


async def test_the_command_line_overrides_the_setting_for_one_run(
    app_for: MakeApp, saves: Path
) -> None:
    """`iss play --notices all` with "off" kept: every line is told, "off" stays kept
    (a theme change writes the settings and must not write the override); a change in
    Settings starts from the level shown and is kept."""
    save_settings(Settings(effect="off", notices="off"), saves)
    app = app_for(FIXTURE, settings=load_settings(saves), notices="all")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        assert await told_on_route(pilot, 11) == [FIRST, SMALL, PAIR]
        app.theme = "textual-dark"
        await pilot.pause()
        assert load_settings(saves).notices == "off"
        assert load_settings(saves).theme == "textual-dark"
        app.cycle_notices()  # what Settings → Trust notices does: all → big, kept
        assert app.notice_level == "big"
    assert load_settings(saves).notices == "big"
