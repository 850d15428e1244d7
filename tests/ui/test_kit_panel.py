"""The kit and knowledge beside the story: it fits its column at 100x30, scrolling within
its frame once the list outgrows the room under the crew (and the kit screen fits at
80x24); and a fact or an item appears once the text that gives it is typed."""

from __future__ import annotations

from pathlib import Path

from textual.containers import VerticalScroll

from iss.ui.screens.kit import KitScreen
from iss.ui.widgets.kit_panel import KitPanel
from iss.ui.widgets.scene_text import SceneText
from tests.conftest import edited_copy
from tests.ui.conftest import SIZE, STATION, MakeApp
from tests.ui.test_play_flow import shown
from tests.ui.test_typewriter import settle, typewriter

PLAY = (100, 30)
"""The smallest terminal that shows the side column."""

FACTS = 12


def knowing_story(tmp_path: Path) -> Path:
    """The station story where watching the flashes teaches Kira twelve long facts."""
    facts = "".join(
        f"  fact_{n}: Fact {n} is a long line that wraps over two or three lines of the kit.\n"
        for n in range(FACTS)
    )
    learn = "".join(f", flag.fact_{n} = true" for n in range(FACTS))
    return edited_copy(
        STATION,
        tmp_path / "knowing",
        story=("flags:\n", "flags:\n" + facts),
        scenes=("flag.saw_flash = true", "flag.saw_flash = true" + learn),
    )


def kit_lines(kit: KitPanel) -> str:
    return shown(kit.query_one("Static"))


async def test_a_long_kit_scrolls_within_its_frame_in_the_column(
    app_for: MakeApp, tmp_path: Path
) -> None:
    app = app_for(knowing_story(tmp_path))
    async with app.run_test(size=PLAY) as pilot:
        await pilot.press("n", "1")
        await pilot.pause()
        await pilot.pause()
        side, kit = app.screen.query_one("#side", VerticalScroll), app.screen.query_one(KitPanel)
        assert "Fact 11" in kit_lines(kit)
        assert kit.region.bottom <= side.content_region.bottom  # its frame's bottom in sight
        assert kit.region.right <= side.content_region.right
        assert kit.max_scroll_y > 0  # the rest is a scroll away, inside the frame
        assert side.max_scroll_y == 0  # the column itself stays put under the crew
        assert kit.scroll_y == kit.max_scroll_y  # the newest facts in sight


async def test_a_short_kit_is_as_tall_as_its_lines(app_for: MakeApp) -> None:
    app = app_for()
    async with app.run_test(size=PLAY) as pilot:
        await pilot.press("n")
        await pilot.pause()
        kit = app.screen.query_one(KitPanel)
        assert kit.region.height == 6  # frame, "Carrying", its line, "Known", its line
        assert kit.max_scroll_y == 0


async def test_the_kit_screen_fits_a_small_terminal(app_for: MakeApp, tmp_path: Path) -> None:
    app = app_for(knowing_story(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "1", "i")
        await pilot.pause()
        assert isinstance(app.screen, KitScreen)
        box = app.screen.query_one(".dialog")
        assert box.region.bottom <= app.screen.size.height - 1  # above the footer
        assert box.region.right <= app.screen.size.width
        assert app.screen.query_one(VerticalScroll).max_scroll_y > 0


async def test_a_fact_appears_once_the_text_that_gives_it_is_typed(app_for: MakeApp) -> None:
    now = [0.0]
    app = app_for(STATION, **typewriter(now))
    async with app.run_test(size=PLAY) as pilot:
        await pilot.press("n", "x", "1")  # watch the flashes: the node tells of them
        kit, text = app.screen.query_one(KitPanel), app.screen.query_one(SceneText)
        assert text.revealing
        assert "nothing yet" in kit_lines(kit)
        now[0] = 0.2
        text.tick()
        await pilot.pause()
        assert 0 < text.shown_chars < text.full_text.plain.index("She saw it too")
        assert "nothing yet" in kit_lines(kit)  # not before its sentence
        now[0] = 100.0
        text.tick()
        await settle(pilot, lambda: "flashes" in kit_lines(kit))
        assert not text.revealing
        assert "You saw the flashes spread" in kit_lines(kit)


async def test_skipping_the_typing_shows_a_new_item_at_once(app_for: MakeApp) -> None:
    now = [0.0]
    app = app_for(STATION, **typewriter(now))
    async with app.run_test(size=PLAY) as pilot:
        await pilot.press("n", "x", "1", "x", "1")  # take the key Nika offers
        kit, text = app.screen.query_one(KitPanel), app.screen.query_one(SceneText)
        assert text.revealing
        assert "Weronika's key" not in kit_lines(kit)
        await pilot.press("x")
        await settle(pilot, lambda: "Weronika's key" in kit_lines(kit))
        assert "Weronika's key" in kit_lines(kit)


async def test_with_the_typewriter_off_the_kit_is_there_at_once(app_for: MakeApp) -> None:
    app = app_for(STATION)
    async with app.run_test(size=PLAY) as pilot:
        await pilot.press("n", "1", "1")
        await pilot.pause()
        assert "Weronika's key" in kit_lines(app.screen.query_one(KitPanel))


async def test_the_kit_screen_opened_while_typing_shows_the_text_first(app_for: MakeApp) -> None:
    """`i` acts at once while the text types; the kit screen lists everything Kira has,
    so the text that gives it is all shown under it (the panel too)."""
    now = [0.0]
    app = app_for(STATION, **typewriter(now))
    async with app.run_test(size=PLAY) as pilot:
        await pilot.press("n", "x", "1")
        play, text = app.screen, app.screen.query_one(SceneText)
        assert text.revealing
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, KitScreen)
        assert not text.revealing
        assert "flashes" in kit_lines(play.query_one(KitPanel))
