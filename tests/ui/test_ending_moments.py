"""The ending celebrates a new ending (and only a new one); the kit tells what held items are."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from iss.ui.screens.ending import EndingScreen
from iss.ui.screens.kit import KitScreen
from tests.authoring.test_mattered import GATE_SCENES, GATED
from tests.conftest import WriteStory, edited_copy
from tests.ui.conftest import SIZE, STATION, TINY, MakeApp
from tests.ui.test_play_flow import shown


async def keys(pilot: Pilot[int], *pressed: str) -> None:
    """One key at a time, each let settle (a loaded machine may otherwise drop one)."""
    for key in pressed:
        await pilot.press(key)
        await pilot.pause()


async def test_a_new_ending_is_celebrated_once(app_for: MakeApp) -> None:
    app = app_for(TINY)
    async with app.run_test(size=SIZE) as pilot:
        await keys(pilot, "n", "1", "1")
        assert isinstance(app.screen, EndingScreen)
        assert app.screen.query("#new-ending")
        assert "this one new" in shown(app.screen.query_one("#found"))
        await keys(pilot, "escape", "n", "1", "1")
        assert isinstance(app.screen, EndingScreen)
        assert not app.screen.query("#new-ending")  # found already: no fanfare
        assert "this one new" not in shown(app.screen.query_one("#found"))


async def test_the_kit_describes_what_kira_holds_and_nothing_else(
    app_for: MakeApp, tmp_path: Path
) -> None:
    story = edited_copy(
        STATION,
        tmp_path / "station",
        story=(
            "  nika_key: Weronika's key\n",
            "  nika_key: {name: Weronika's key, description: Cold brass on a red cord.}\n",
        ),
    )
    app = app_for(story)
    async with app.run_test(size=SIZE) as pilot:
        await keys(pilot, "n", "i")
        assert isinstance(app.screen, KitScreen)
        assert "Cold brass" not in shown(app.screen.query_one("Static"))  # not held yet
        await keys(pilot, "escape", "1", "1", "i")
        assert isinstance(app.screen, KitScreen)
        assert "Weronika's key — Cold brass on a red cord." in shown(app.screen.query_one("Static"))


async def test_what_led_here_is_shown_under_what_mattered(
    app_for: MakeApp, write_story: WriteStory
) -> None:
    """The choice without which the ending was out of reach (blind reader R95 #8)."""
    app = app_for(write_story(GATED, scenes=GATE_SCENES))
    async with app.run_test(size=SIZE) as pilot:
        await keys(pilot, "n", "1", "1")
        assert isinstance(app.screen, EndingScreen)
        text = shown(app.screen.query_one("#mattered"))
        assert text.index("What mattered") < text.index("What led here")
        assert '"Keep it quiet" would have put this ending out of reach.' in text
        await keys(pilot, "w")  # the other ways' endings: what led here steps aside
        assert "What led here" not in shown(app.screen.query_one("#mattered"))
