"""The Textual UI shows a story made of escape sequences without passing any on."""

from __future__ import annotations

import pytest

from iss.authoring.loader import LoadResult
from iss.ui.screens.play import PlayScreen
from tests.conftest import load_ok
from tests.hostile.attacks import ATTACK, hostile_story, leaked
from tests.ui.conftest import SIZE, TINY, MakeApp


def screen_text(app: object) -> str:
    """Every character the screen would draw, as the terminal would get it."""
    compositor = app.screen._compositor  # type: ignore[attr-defined]
    return "\n".join(strip.text for strip in compositor.render_strips())


async def test_play_screens_and_notices_stay_safe(
    app_for: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    story = hostile_story(load_ok(TINY))
    monkeypatch.setattr("iss.ui.app.load_story", lambda _folder: LoadResult(story, [], []))
    app = app_for(TINY)
    async with app.run_test(size=SIZE) as pilot:
        assert not leaked(screen_text(app))  # the title screen
        await pilot.press("enter")
        assert isinstance(app.screen, PlayScreen)
        assert "␛[2J" in screen_text(app)
        assert not leaked(screen_text(app))
        await pilot.press("1")
        app.notify(f"Resumed at {ATTACK}.", title=ATTACK)
        await pilot.pause()
        assert not leaked(screen_text(app))
        for key in ("c", "i", "j"):
            await pilot.press(key)
            await pilot.pause()
            assert not leaked(screen_text(app)), key
            await pilot.press("escape")


def test_attack_fixture_is_hostile() -> None:
    assert leaked(ATTACK)
