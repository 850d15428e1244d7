"""A scene longer than the screen says so: "more text · PgDn" on the choices' top edge
while text lies below the view. A key that skips the typewriter leaves the view where the
reading was (it jumped to the end, past the middle of a long scene, in play), and
typing that runs to the end keeps its last line in sight."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from iss.settings import Settings
from iss.ui.widgets.choice_list import ChoiceList
from iss.ui.widgets.scene_scroll import MORE_BELOW, SceneScroll
from iss.ui.widgets.scene_text import SceneText
from tests.ui.conftest import SIZE, MakeApp
from tests.ui.test_typewriter import long_story, settle, typewriter


async def type_for_three_seconds(
    pilot: Pilot[int], now: list[float]
) -> tuple[SceneScroll, SceneText]:
    """Start a new game of the long story with the typewriter on, run its clock (`now`)
    to three seconds, a second at a time, and let the view settle after each second
    (the reveal keeps its newest line in sight); the scene's scroll and its text."""
    await pilot.press("n")
    screen = pilot.app.screen
    scene, text = screen.query_one(SceneScroll), screen.query_one(SceneText)
    for second in (1.0, 2.0, 3.0):
        now[0] = second
        text.tick()
        await settle(pilot, lambda: scene.scroll_y == scene.max_scroll_y > 0)
    return scene, text


async def test_a_long_scene_shown_at_once_says_there_is_more_below(
    app_for: MakeApp, tmp_path: Path
) -> None:
    app = app_for(long_story(tmp_path), settings=Settings(effect="off"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        scene, more = app.screen.query_one(SceneScroll), app.screen.query_one(ChoiceList)
        await settle(pilot, lambda: bool(more.border_title))
        assert scene.scroll_y == 0 and more.border_title == MORE_BELOW
        for _ in range(10):  # page down to the end: the line goes
            await pilot.press("pagedown")
            await settle(pilot, lambda: not scene.more_below)
        await settle(pilot, lambda: not more.border_title)
        assert scene.scroll_y == scene.max_scroll_y > 0 and not more.border_title
        await pilot.press("pageup")  # and comes back with text below
        await settle(pilot, lambda: bool(more.border_title))
        assert more.border_title


async def test_a_scene_that_fits_says_nothing(app_for: MakeApp) -> None:
    app = app_for(settings=Settings(effect="off"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await pilot.pause()
        assert not app.screen.query_one(SceneScroll).more_below
        assert not app.screen.query_one(ChoiceList).border_title


async def test_a_key_that_skips_the_typing_leaves_the_view_where_the_reading_was(
    app_for: MakeApp, tmp_path: Path
) -> None:
    now = [0.0]
    app = app_for(long_story(tmp_path), **typewriter(now))
    async with app.run_test(size=SIZE) as pilot:
        scene, text = await type_for_three_seconds(pilot, now)
        more = app.screen.query_one(ChoiceList)
        reading = scene.scroll_y
        assert reading > 0 and not more.border_title  # following the typing: nothing said
        now[0] = 3.5
        text.tick()  # more typed: a scroll to its end is on its way
        await pilot.press("x")  # no key of the game's: the rest at once
        text.post_message(SceneText.Grew())  # as one still on its way when the key came
        await settle(pilot, lambda: bool(more.border_title))
        assert not text.revealing
        assert reading <= scene.scroll_y < scene.max_scroll_y  # not jumped to the end
        assert more.border_title


async def test_typing_that_runs_to_the_end_keeps_the_last_line_in_sight(
    app_for: MakeApp, tmp_path: Path
) -> None:
    now = [0.0]
    app = app_for(long_story(tmp_path), **typewriter(now))
    async with app.run_test(size=SIZE) as pilot:
        scene, text = await type_for_three_seconds(pilot, now)
        assert text.revealing
        now[0] = 100.0  # the rest is due at once, many lines of it
        text.tick()
        await settle(pilot, lambda: scene.scroll_y == scene.max_scroll_y)
        await settle(pilot, lambda: not app.screen.query_one(ChoiceList).border_title)
        assert not text.revealing
        assert scene.scroll_y == scene.max_scroll_y
        assert not app.screen.query_one(ChoiceList).border_title
