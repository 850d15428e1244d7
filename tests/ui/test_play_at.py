"""`iss play --at` in the UI: the playthrough starts where the replayed route ends."""

from __future__ import annotations

from iss.ui.screens.play import PlayScreen
from tests.ui.conftest import SIZE, TINY, MakeApp


async def test_a_start_route_opens_the_play_screen_where_it_ends(app_for: MakeApp) -> None:
    app = app_for(TINY, start_route=("ask_him",))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert app.playthrough is not None
        assert app.playthrough.state.scene == "the_key"
        assert app.playthrough.state.history == ("ask_him",)
        # a game message, on the notice lines above the choices: no toast over the text
        assert any("ask_him" in line for line in app.screen.notices)
        assert not app._notifications
