"""What a narrow or short terminal leaves out: whole footer keys, and the title drawing."""

from __future__ import annotations

from textual.widgets._footer import FooterKey

from iss.ui.widgets.footer import GameFooter
from tests.ui.conftest import SIZE, SMALL, MakeApp


def shown_keys(footer: GameFooter) -> list[str]:
    return [key.key for key in footer.query(FooterKey) if key.display]


async def test_a_narrow_footer_leaves_out_whole_keys_instead_of_cutting_one(
    app_for: MakeApp,
) -> None:
    app = app_for()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("n")
        await pilot.pause()
        footer = app.screen.query_one(GameFooter)
        shown = shown_keys(footer)
        assert shown[:2] == ["escape", "f1"]  # Menu and Help always: Help lists every key
        assert "f9" not in shown
        for key in footer.query(FooterKey):
            if key.display:
                assert key.region.right <= footer.content_region.right, key.key
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        await pilot.pause()
        assert "f9" in shown_keys(footer)


async def test_the_title_draws_the_station_when_there_is_room(app_for: MakeApp) -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#station-art").display
        await pilot.resize_terminal(*SMALL)
        await pilot.pause()
        assert not app.screen.query_one("#station-art").display
        assert app.screen.query_one("#limb").display  # the Earth stays


async def test_no_key_is_left_half_under_the_command_palette_key(app_for: MakeApp) -> None:
    """The palette's key is docked right, over the last keys: at 60 columns the ending
    screen showed "r Rewin" under "^p palette". A key under it is left out whole."""
    app = app_for()
    async with app.run_test(size=SMALL) as pilot:
        for key in ("n", "1", "1", "1", "1", "end"):  # the station fixture's The Fall
            await pilot.press(key)
            await pilot.pause()
        await pilot.pause()
        footer = app.screen.query_one(GameFooter)
        [palette] = footer.query(FooterKey).filter(".-command-palette")
        keys = [k for k in footer.query(FooterKey) if k is not palette]
        assert "r" not in shown_keys(footer) and any(not k.display for k in keys)
        for shown in keys:
            if shown.display:
                assert shown.region.right <= palette.region.x, shown.key
