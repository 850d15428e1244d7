"""`iss play --at` in the UI: the playthrough starts where the replayed route ends."""

from __future__ import annotations

from iss.ui.screens.ending import EndingScreen
from iss.ui.screens.play import PlayScreen
from iss.ui.screens.story_map import StoryMapScreen
from iss.ui.widgets.map_view import MapView
from tests.ui.conftest import SIZE, STATION, TINY, MakeApp
from tests.ui.test_play_flow import shown


async def test_a_start_route_opens_the_play_screen_where_it_ends(app_for: MakeApp) -> None:
    app = app_for(TINY, start_route=("ask_him",))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert app.playthrough is not None
        assert app.playthrough.state.scene == "the_key"
        assert app.playthrough.state.history == ("ask_him",)
        # a game message, on the notice lines above the choices: no toast over the text
        assert any("ask_him" in str(line) for line in app.screen.notices)
        assert not app._notifications


async def test_the_map_draws_the_replayed_route_as_taken(app_for: MakeApp) -> None:
    """The route `--at` replayed is this run's: its choices are taken on the map (solid
    lines into the boxes it passed), and the record keeps them for later runs."""
    app = app_for(STATION, start_route=("look", "take_key"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.records is not None
        assert app.records.record.taken("cupola", "look")
        assert app.records.record.taken("node", "take_key")
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, StoryMapScreen)
        chart = app.screen.chart
        for scene, text in (("cupola", "Keep watching the flashes"), ("node", "Take the key")):
            node = chart.node(scene)
            assert node is not None
            assert [b.text for b in node.branches if b.taken] == [
                b.text for b in node.branches if b.text.startswith(text)
            ]
        picture = app.screen.query_one(MapView).picture
        taken = {(e.source, e.target) for e in picture.edges if e.taken}
        assert taken == {("cupola", "node"), ("node", "lab")}


async def test_a_route_that_ends_at_an_ending_does_not_call_it_found(app_for: MakeApp) -> None:
    """`iss play --at home` replays a route into the ending: the record keeps its
    choices but not the ending, which the player never reached, and the ending screen
    said "Endings found: 0 of 2, this one new" under a "A new ending" banner."""
    app = app_for(TINY, start_route=("ask_him", "take_the_key"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, EndingScreen)
        assert not app.screen.query("#new-ending")
        found = shown(app.screen.query_one("#found"))
        assert found == "Endings found: 0 of 2 (this one is not in your record)"
