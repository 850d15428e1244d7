"""No control character from a story or a save reaches the terminal, in any front end.

The stories here are built in memory (see `attacks.hostile_story`): the loader
refuses such characters in story files, so these tests check the second line
of defence, the one that also covers saves and the player's profile.
"""

from __future__ import annotations

import io
import json
from dataclasses import replace
from pathlib import Path

import pytest
from rich.console import Console, RenderableType

from iss.authoring.diagnostics import Diagnostic
from iss.authoring.loader import LoadResult
from iss.backlog import backlog
from iss.cli import check_cmd
from iss.engine.model import Story
from iss.engine.runner import replay
from iss.engine.saves import SaveStore
from iss.engine.state import GameState
from iss.engine.terminal_safety import json_escape_controls
from iss.plain import PlainGame
from iss.protocol import JsonGame, step_object
from iss.ui.render import plain, story_text
from iss.ui.screens.backlog import page_text
from iss.ui.screens.endings import gallery_text
from iss.ui.screens.journal import journal_text
from iss.ui.screens.saves import slot_prompt
from iss.ui.session import Playthrough
from iss.ui.widgets.crew_panel import crew_text, crew_trust_text
from iss.ui.widgets.kit_panel import kit_text
from tests.conftest import TINY, load_ok
from tests.hostile.attacks import ATTACK, hostile_story, leaked


@pytest.fixture
def story() -> Story:
    return hostile_story(load_ok(TINY))


def play_plain(story: Story, stdin: str, saves: Path | None = None) -> str:
    out = io.StringIO()
    game = PlainGame(story, io.StringIO(stdin), out, saves_dir=saves)
    game.run()
    return out.getvalue()


def test_plain_mode_shows_a_hostile_story_safely(story: Story, tmp_path: Path) -> None:
    text = play_plain(
        story, ":trust\n:look\n:help\nask_him\n:backlog\n:backlog ␛\n:map\n:endings\n1\n", tmp_path
    )
    assert "ENDING: " in text  # the title is an attack too
    assert "␛[2J" in text  # made visible, not dropped silently
    assert not leaked(text)


def test_a_hostile_lock_reason_is_shown_defused_on_one_line(story: Story, tmp_path: Path) -> None:
    """Waiting locks `take_the_key`: its reason (an attack with emphasis, paragraphs and a
    line separator) is listed, and said again when the player types the choice."""
    text = play_plain(story, "wait\ntake_the_key\n:quit\n", tmp_path)
    locked = [line for line in text.splitlines() if line.startswith("  1) take_the_key")]
    assert len(locked) == 2 and all("␛[2J" in line and line.endswith("]") for line in locked)
    assert "That choice is locked: " in text
    assert not leaked(text)
    step = replay(story, ["wait"])
    document = json_escape_controls(json.dumps(step_object(story, step), ensure_ascii=False))
    [reason] = [c["reason"] for c in json.loads(document)["choices"] if not c["available"]]
    assert "\n" not in reason and "\x1b" in reason  # the JSON carries it, escaped
    assert not leaked(document)
    out = io.StringIO()
    JsonGame(story, io.StringIO("wait\ntake_the_key\n"), out).run()
    assert "is not available: " in out.getvalue() and not leaked(out.getvalue())


def test_plain_mode_lists_a_crafted_save_safely(tmp_path: Path) -> None:
    story = load_ok(TINY)
    store = SaveStore(tmp_path)
    store.save("mine", story, play_plain_state(story), 5)
    for path in tmp_path.rglob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and isinstance(data.get("scene"), dict):
            data["scene"]["title"] = ATTACK
            data["scene"]["excerpt"] = ATTACK
            path.write_text(json.dumps(data), encoding="utf-8")
    text = play_plain(story, ":saves\n:load mine\n:quit\n", tmp_path)
    assert "mine" in text
    assert not leaked(text)


def play_plain_state(story: Story) -> GameState:
    return replay(story, ["ask_him"]).state


def rendered(renderable: RenderableType) -> str:
    console = Console(width=100, file=io.StringIO(), color_system=None, record=True)
    console.print(renderable)
    return console.export_text()


def test_ui_text_builders_show_a_hostile_story_safely(story: Story) -> None:
    run = Playthrough.new(story, 0, lambda: 0.0)
    run.take("ask_him")
    pieces: list[RenderableType] = [
        story_text(run.text()),
        plain(ATTACK),
        crew_text(run.story, run.state),
        crew_trust_text(run.story, run.state),
        kit_text([*run.carried(), ATTACK], run.known_facts()),
        gallery_text(run.story, {"home": "2026-01-01"}),
        journal_text(run.waypoints()),
        *(page_text(page) for page in backlog(run.story, run.state).pages),
    ]
    for piece in pieces:
        shown = rendered(piece)
        assert shown.strip()
        assert not leaked(shown), shown


def test_ui_save_list_shows_a_crafted_save_safely(tmp_path: Path) -> None:
    story = load_ok(TINY)
    store = SaveStore(tmp_path)
    saved = store.save("mine", story, play_plain_state(story), 5)

    info = replace(saved.info, slot=ATTACK, scene_title=ATTACK, excerpt=ATTACK)
    shown = rendered(slot_prompt(info))
    assert not leaked(shown), shown


def test_check_summary_diagnostics_and_json_are_safe(story: Story) -> None:
    diagnostic = Diagnostic("E110", f"scenes{ATTACK}.yaml", 3, 1, ATTACK, ATTACK)
    assert not leaked(str(diagnostic))
    result = LoadResult(story, [diagnostic], [])
    assert not leaked(check_cmd._summary(result))
    document = json_escape_controls(
        json.dumps(check_cmd.to_json(result), indent=2, ensure_ascii=False)
    )
    assert not leaked(document.replace("\n", ""))
