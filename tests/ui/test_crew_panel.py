"""The crew panel beside the story: one line per crew member for who, side and where,
never wrapped (a wrapped "outside" read as a line of its own)."""

from __future__ import annotations

from dataclasses import replace

from textual.widgets import Static

from iss.ui.screens.crew import CrewScreen, CrewTrustScreen
from iss.ui.screens.play import PlayScreen
from iss.ui.widgets.crew_panel import CrewPanel
from tests.ui.conftest import MakeApp


async def test_a_long_status_is_cut_never_wrapped(app_for: MakeApp) -> None:
    app = app_for()
    async with app.run_test(size=(100, 30)) as pilot:
        app.start_new_game()
        await pilot.pause()
        run = app.playthrough
        assert run is not None
        story = run.story
        state = replace(run.state, status={**run.state.status, "gordon": "outside"})
        panel = app.screen.query_one(CrewPanel)
        panel.show(story, state)
        await pilot.pause()
        roomy = panel.size.height
        assert roomy == 2 * len(story.crew)
        panel.styles.width = 24  # narrower than "Gordon Barrett  US  ◐ outside"
        await pilot.pause()
        assert panel.size.height == roomy  # cut, not wrapped onto a line of its own


async def test_the_side_panels_scrollbar_leaves_the_crew_room(app_for: MakeApp) -> None:
    """Once the kit overflows, the side column's scrollbar takes one column, not two:
    "Christian Campbell US  ◐ outside" still fits."""
    app = app_for()
    async with app.run_test(size=(100, 30)) as pilot:
        app.start_new_game()
        await pilot.pause()
        side = app.screen.query_one("#side")
        assert side.styles.scrollbar_size_vertical == 1


async def test_the_crew_and_its_ties_each_have_a_key_to_the_other(app_for: MakeApp) -> None:
    """`c` and `t` open the crew and the ties in play; over either, the other's key
    goes across, and its own closes it."""
    app = app_for()
    async with app.run_test(size=(80, 24)) as pilot:
        app.start_new_game()
        await pilot.pause()
        for key, screen in (("c", CrewScreen), ("t", CrewTrustScreen), ("c", CrewScreen)):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, screen), key
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)


async def test_the_crew_screens_say_where_each_trust_last_moved(app_for: MakeApp) -> None:
    """As `:trust` does (blind reader R259 #1): a fall that leaves a level in its band
    still shows, on the crew screen and the ties; the side panel, redrawn at every
    step, keeps its two lines."""
    app = app_for()
    async with app.run_test(size=(100, 40)) as pilot:
        app.start_new_game()
        await pilot.pause()
        await pilot.press("1")  # Keep watching the flashes: Weronika's trust rises
        await pilot.pause()
        panel = str(app.screen.query_one(CrewPanel).render())
        assert "last rose" not in panel
        await pilot.press("c")
        await pilot.pause()
        crew = "\n".join(str(s.render()) for s in app.screen.query(Static))
        assert "last rose at The Cupola" in crew
        await pilot.press("t")
        await pilot.pause()
        ties = "\n".join(str(s.render()) for s in app.screen.query(Static))
        assert "last rose at The Cupola" in ties
