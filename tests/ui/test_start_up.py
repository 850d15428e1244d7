"""`iss play` shows its title at once and reads the story in a thread (issue 15,
start-up): what the title does before and after the story is in."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from textual.widgets import Static

from iss.authoring.loader import LoadResult, load_story
from iss.ui import loading
from iss.ui.app import IssApp
from iss.ui.screens import title
from iss.ui.screens.ending import EndingScreen
from iss.ui.screens.play import PlayScreen
from iss.ui.screens.story_errors import StoryErrorsScreen
from iss.ui.screens.title import TitleScreen
from iss.ui.widgets.title_menu import TitleMenu
from tests.ui.conftest import BROKEN, SIZE, STATION, TINY, MakeApp


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """The story is read only once the test sets the event it returns."""
    go = threading.Event()

    def read(folder: Path) -> LoadResult:
        assert go.wait(30), "the test never let the story load"
        return load_story(folder)

    monkeypatch.setattr(loading, "read_story_and_warm_up", read)
    return go


def menu_labels(app: IssApp) -> list[str]:
    menu = app.screen.query_one("#menu", TitleMenu)
    return [str(menu.get_option_at_index(i).prompt) for i in range(menu.option_count)]


async def test_the_title_shows_before_the_story_is_read(
    app_for: MakeApp, held: threading.Event
) -> None:
    app = app_for(STATION, load_in_background=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        assert app.story is None and app.story_loading
        assert menu_labels(app)[0] == "New game"
        held.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.story is not None and not app.story_loading
        assert isinstance(app.screen, TitleScreen)
        # The same title, now with the story, and the app's first screen: no second one.
        assert app.screen_stack == [app.screen]
        title = str(app.screen.query_one("#game-title", Static).render())
        assert title == app.story.title
        assert "Continue (no autosave yet)" in menu_labels(app)


async def test_a_key_pressed_while_the_story_loads_acts_once_it_is_in(
    app_for: MakeApp, held: threading.Event
) -> None:
    app = app_for(STATION, load_in_background=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        assert isinstance(app.screen, TitleScreen)  # held, not lost
        held.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)


async def test_a_broken_story_read_in_the_background_shows_file_and_line(
    app_for: MakeApp,
) -> None:
    app = app_for(BROKEN, load_in_background=True)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, StoryErrorsScreen)
        assert app.screen.fatal
        assert [d.code for d in app.screen.diagnostics] == ["E141", "E130"]
        assert not app._notifications  # no traceback, no toast: the diagnostics


async def test_fixing_a_broken_story_brings_one_title(app_for: MakeApp, tmp_path: Path) -> None:
    import shutil

    story = tmp_path / "story"
    shutil.copytree(BROKEN, story)
    app = app_for(story, load_in_background=True)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, StoryErrorsScreen)
        shutil.rmtree(story)
        shutil.copytree(TINY, story)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        assert sum(isinstance(s, TitleScreen) for s in app.screen_stack) == 1
        await pilot.press("n")
        assert isinstance(app.screen, PlayScreen)


async def test_continue_load_and_at_work_from_the_background(app_for: MakeApp) -> None:
    first = app_for(TINY, load_in_background=True)
    async with first.run_test(size=SIZE) as pilot:
        await first.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("n", "1")
        assert first.playthrough is not None
    again = app_for(TINY, load_in_background=True)
    async with again.run_test(size=SIZE) as pilot:
        await again.workers.wait_for_complete()
        await pilot.pause()
        assert menu_labels(again)[1] == "Continue"
        await pilot.press("c")
        assert isinstance(again.screen, PlayScreen | EndingScreen)
        assert again.playthrough is not None and again.playthrough.state.history
    routed = app_for(TINY, load_in_background=True, start_route=("ask_him",))
    async with routed.run_test(size=SIZE) as pilot:
        await routed.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(routed.screen, PlayScreen)
        assert routed.playthrough is not None
        assert routed.playthrough.state.history == ("ask_him",)
        assert any("ask_him" in str(line) for line in routed.screen.notices)


async def test_a_slow_story_says_it_is_being_read(
    app_for: MakeApp, held: threading.Event, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two seconds, not the half second players get: on a busy machine (the tests run
    # beside others) the first checks can come more than half a second after the title.
    monkeypatch.setattr(title, "READING_AFTER", 2.0)
    app = app_for(STATION, load_in_background=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        atmosphere = app.screen.query_one("#atmosphere", Static)
        assert "Reading" not in str(atmosphere.render())  # a quick story never flashes it
        await pilot.pause(2.5)
        assert str(atmosphere.render()) == "Reading the story\u2026"
        held.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.story is not None
        assert "Reading" not in str(atmosphere.render())  # the subtitle took its place
