"""The typewriter: it follows the text, never hides the choices, and never blocks a key."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot

from iss.settings import Settings, speed_label
from iss.ui.screens.pause import PauseScreen
from iss.ui.screens.play import PlayScreen
from iss.ui.widgets.choice_list import ChoiceList
from iss.ui.widgets.scene_text import SceneText, reveal_end
from tests.ui.conftest import SIZE, TINY, MakeApp
from tests.ui.test_play_flow import shown


def long_story(tmp_path: Path) -> Path:
    """The tiny story with forty more paragraphs in its first scene."""
    story = tmp_path / "long"
    story.mkdir()
    (story / "story.yaml").write_text((TINY / "story.yaml").read_text(encoding="utf-8"))
    long_text = "\n\n".join(f"      Paragraph {n} of a long scene." for n in range(40))
    scenes = (TINY / "scenes.yaml").read_text(encoding="utf-8")
    scenes = scenes.replace("      *waiting*.\n", "      *waiting*.\n\n" + long_text + "\n")
    (story / "scenes.yaml").write_text(scenes, encoding="utf-8")
    return story


async def settle(pilot: Pilot[int], done: Callable[[], bool]) -> None:
    """Let the app refresh until `done()` holds (the scroll follows after a refresh)."""
    for _ in range(50):
        await pilot.pause(0.02)
        if done():
            return


def typewriter(now: list[float], effect: str = "typewriter") -> dict[str, object]:
    """App options: the typewriter on, run by a clock the test moves."""
    return {"settings": Settings(effect=effect, speed="slow"), "clock": lambda: now[0]}


def test_words_appear_whole_at_the_speed_of_letters() -> None:
    plain = "Alexey is waiting."
    assert reveal_end(plain, 4, words=False) == 4
    assert reveal_end(plain, 4, words=True) == 0  # "Alex" is not a word yet
    assert reveal_end(plain, 7, words=True) == 6  # "Alexey" is
    assert reveal_end(plain, 11, words=True) == 9
    assert reveal_end(plain, 99, words=True) == len(plain)


def test_speed_labels_say_how_long_a_scene_takes() -> None:
    assert speed_label("normal") == "normal · a scene in about 2 s"
    assert speed_label("slow") == "slow · a scene in about 5 s"
    assert speed_label("fast") == "fast · a scene in under 1 s"


async def test_choices_are_visible_while_the_text_types_out(app_for: MakeApp) -> None:
    now = [0.0]
    app = app_for(TINY, **typewriter(now))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        text = app.screen.query_one(SceneText)
        choices = app.screen.query_one(ChoiceList)
        assert text.revealing and choices.display and choices.option_count == 2
        assert shown(text) == ""
        await pilot.press("x")  # a plain key completes the text and does nothing else
        assert not text.revealing
        assert "Alexey is waiting." in shown(text)
        assert app.playthrough is not None and app.playthrough.state.history == ()


async def test_words_mode_keeps_to_the_speed(app_for: MakeApp) -> None:
    now = [0.0]
    app = app_for(TINY, **typewriter(now, effect="words"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        text = app.screen.query_one(SceneText)
        now[0] = 0.02  # 270 characters a second: 5 due, so only whole words
        text.tick()
        assert 0 < text.shown_chars <= 5
        assert text.revealing


async def test_bindings_act_at_once_while_the_text_types_out(app_for: MakeApp) -> None:
    now = [0.0]
    app = app_for(TINY, **typewriter(now))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "escape")
        assert isinstance(app.screen, PauseScreen)
        await pilot.press("escape", "1")  # a number takes the choice it names
        await pilot.pause()
        assert app.playthrough is not None and app.playthrough.state.history == ("ask_him",)


async def test_the_reveal_keeps_its_newest_line_in_sight(app_for: MakeApp, tmp_path: Path) -> None:
    now = [0.0]
    app = app_for(long_story(tmp_path), **typewriter(now))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        scene = app.screen.query_one("#scene")
        text = app.screen.query_one(SceneText)
        for second in range(1, 4):
            now[0] = float(second)
            text.tick()
            await settle(pilot, lambda: scene.scroll_y == scene.max_scroll_y)
        assert text.revealing
        assert scene.scroll_y > 0
        assert scene.scroll_y == scene.max_scroll_y


async def test_rewind_shows_the_scene_at_once(app_for: MakeApp) -> None:
    now = [0.0]
    app = app_for(**typewriter(now))
    app.settings.seen_at_once = False  # so only the rewind itself can skip the typing
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "x", "1", "x", "r", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert app.playthrough is not None and app.playthrough.state.history == ()
        assert not app.screen.query_one(SceneText).revealing


async def test_reload_shows_the_scene_at_once(app_for: MakeApp) -> None:
    now = [0.0]
    app = app_for(**typewriter(now))
    app.settings.seen_at_once = False
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "x", "1", "x", "ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert not app.screen.query_one(SceneText).revealing
