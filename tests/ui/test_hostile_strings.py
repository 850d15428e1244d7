"""The Textual UI shows a story made of escape sequences without passing any on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import OptionList

from iss.authoring.loader import LoadResult
from iss.engine.runner import replay
from iss.engine.saves import SaveStore
from iss.ui.screens.play import PlayScreen
from iss.ui.screens.saves import LoadScreen
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
    monkeypatch.setattr(
        "iss.authoring.loader.load_story", lambda _folder: LoadResult(story, [], [])
    )
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
        for key in ("c", "i", "j", "m"):  # m: the story map's flowchart too
            await pilot.press(key)
            await pilot.pause()
            assert not leaked(screen_text(app)), key
            await pilot.press("escape")


async def test_a_hostile_lock_reason_stays_safe(
    app_for: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    story = hostile_story(load_ok(TINY))
    monkeypatch.setattr(
        "iss.authoring.loader.load_story", lambda _folder: LoadResult(story, [], [])
    )
    app = app_for(TINY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.press("2")  # wait: the key's choice is locked, with its reason
        await pilot.pause()
        shown = screen_text(app)
        assert "locked:" in shown and "␛[2J" in shown.split("locked:")[1]
        assert not leaked(shown)


def test_attack_fixture_is_hostile() -> None:
    assert leaked(ATTACK)


async def test_a_crafted_save_reaches_the_load_screen_and_notices_defused(
    app_for: MakeApp, saves: Path
) -> None:
    """A save is input: its scene title and excerpt (the Load screen, "Resumed at"), and a
    choice id in its history (the notice when it no longer replays) stay harmless."""
    story = load_ok(TINY)
    store = SaveStore(saves / story.id)
    store.save("titled", story, replay(story, ["ask_him"]).state, 5)
    store.save("edited", story, replay(story, ["ask_him"]).state, 5)
    for path in store.folder.glob("*.save.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        data["scene"]["title"] = f"T {ATTACK} [bold red]MARKUP[/]"
        data["scene"]["excerpt"] = f"E {ATTACK}"
        if data["slot"] == "edited":
            data["state"]["history"].append(f"x{ATTACK}")
        path.write_text(json.dumps(data), encoding="utf-8")
    app = app_for(TINY)
    # "Resumed at" names the story's title of the scene, not the one the save claims.
    resumed = f"Resumed at {story.scenes[replay(story, ['ask_him']).state.scene].title}."
    async with app.run_test(size=SIZE) as pilot:
        for slot, said in (("titled", resumed), ("edited", "`x␛[2J")):
            await pilot.press("l")
            assert isinstance(app.screen, LoadScreen)
            assert "␛[2J" in screen_text(app)
            assert not leaked(screen_text(app))
            slots = app.screen.query_one("#slots", OptionList)
            ids = [slots.get_option_at_index(i).id for i in range(slots.option_count)]
            slots.highlighted = ids.index(slot)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, PlayScreen)
            # The notice is a toast or a line on the play screen: either way, defused.
            toasts = [n.message for n in app._notifications]
            assert any(said in message for message in toasts) or said in screen_text(app)
            assert not any(leaked(message) for message in toasts), toasts
            assert not leaked(screen_text(app))
            app.back_to_title()
            await pilot.pause()
