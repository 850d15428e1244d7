"""`iss play --json`: a bot plays every ending; bad input is an error object, never a crash."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from iss.authoring.explore import EXPLORE_BUDGET, explore
from iss.engine.model import Story
from iss.plain import PlainGame
from iss.protocol import JsonGame
from iss.settings import Settings, save_settings
from tests.conftest import ROOT, load_ok

BUNDLED = ROOT / "story"
STEP_KEYS = {
    "protocol",
    "type",
    "scene",
    "text",
    "read_before",
    "choices",
    "events",
    "told",
    "clock",
    "ending",
    "notice",
}


def play(
    story: Story, lines: list[str], saves: Path | None = None, notices: str | None = None
) -> tuple[int, list[dict[str, Any]]]:
    out = io.StringIO()
    typed = io.StringIO("".join(f"{x}\n" for x in lines))
    code = JsonGame(story, typed, out, saves, notices=notices).run()
    return code, [json.loads(line) for line in out.getvalue().splitlines()]


@pytest.fixture(scope="module")
def bundled() -> Story:
    return load_ok(BUNDLED)


def test_a_bot_reaches_every_ending_along_the_explorers_routes(bundled: Story) -> None:
    found = explore(
        bundled, replace(EXPLORE_BUDGET, time_limit=600)
    )  # every ending, however slow the machine
    routes = {e: r.path.choices for e, r in found.endings.items() if r.path is not None}
    assert len(routes) == len(bundled.endings)
    for ending, route in routes.items():
        code, objects = play(bundled, list(route))
        assert code == 0
        assert all(o["type"] == "step" and set(o) == STEP_KEYS for o in objects)
        for before, choice in zip(objects, route, strict=False):
            assert choice in [c["id"] for c in before["choices"] if c["available"]]
        assert objects[-1]["ending"]["id"] == ending


def test_commands_undo_save_and_load(bundled: Story, tmp_path: Path) -> None:
    first = list(bundled.walkthroughs[0].choices[:2])
    lines = [*first, '{"save": "two"}', '{"undo": 2}', '{"load": "two"}']
    code, objects = play(bundled, lines, tmp_path)
    assert code == 3  # the input ended before an ending
    steps = [o for o in objects if o["type"] == "step"]
    assert steps[3]["notice"] == "Saved."
    assert steps[4]["scene"]["id"] == steps[0]["scene"]["id"]
    assert steps[5]["scene"]["id"] == steps[2]["scene"]["id"]
    assert objects[-1] == {
        "protocol": 1,
        "type": "error",
        "error": "input_ended",
        "message": "the input ended before an ending",
    }


def test_read_before_marks_each_paragraph_read_in_an_earlier_playthrough(tmp_path: Path) -> None:
    """A front end can fold what the player read before, as the UI and plain `--skim` do:
    the game keeps the player's record in the saves folder, and every paragraph of
    `text` (and of a `passed` scene's) has a boolean in `read_before`, in order."""
    replay = load_ok(ROOT / "tests" / "fixtures" / "replay")
    code, first = play(replay, ["wait", "open"], tmp_path)
    assert code == 0
    assert all(len(o["read_before"]) == len(o["text"]) for o in first)
    assert not any(any(o["read_before"]) for o in first)  # nothing read yet
    code, second = play(replay, ["knock", "open"], tmp_path)
    hatch = second[1]
    assert hatch["scene"]["id"] == "hatch" and hatch["read_before"] == [
        True,
        False,
        True,
        True,
        True,
    ]
    assert hatch["text"][1] == [
        {"text": "Someone knocks back from the other side, twice.", "style": ""}
    ]
    assert second[0]["read_before"] == [True, True]
    # the scenes a fallback passed through: their text was shown, and read
    passing = load_ok(ROOT / "tests" / "fixtures" / "replay_passing")
    _, first = play(passing, ["knock", "open"], tmp_path)
    _, second = play(passing, ["wait", "open"], tmp_path)
    for run, read in ((first, False), (second, True)):
        passed = [e for o in run for e in o["events"] if e["type"] == "passed"]
        assert [e["scene"]["id"] for e in passed] == ["wake", "corridor"]
        assert [e["read_before"] for e in passed] == [[read, read], [read, read]]
    # without a saves folder there is no record: nothing was read before
    _, objects = play(replay, ["knock"])
    assert objects[1]["read_before"] == [False] * 5


@given(st.lists(st.text(max_size=30), max_size=8))
def test_any_input_gives_json_objects_and_never_a_traceback(lines: list[str]) -> None:
    story = load_ok(ROOT / "tests" / "fixtures" / "tiny")
    cleaned = [line.replace("\n", " ").replace("\r", " ") for line in lines]
    code, objects = play(story, cleaned)
    assert code in (0, 3)
    assert all(o["protocol"] == 1 and o["type"] in ("step", "error") for o in objects)


def test_the_bot_in_the_docs_runs() -> None:
    page = (ROOT / "docs" / "protocol.md").read_text(encoding="utf-8")
    [bot] = re.findall(r"```python\n(.*?)```", page, re.S)
    assert len(bot.strip().splitlines()) <= 22
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, "-c", bot, "the_fall"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().endswith("to The Fall")


def test_the_clock_shows_what_the_status_line_shows(bundled: Story) -> None:
    """Readers T/U: `--json` gave "air 210" from the docking, hours before anyone cut
    life support. A clock that has not started is left out, as the UI header and plain
    `:status` leave it out, and every clock says whether it runs."""
    from iss.engine.runner import new_game, replay_route
    from iss.engine.text import format_minutes
    from iss.plain.status import status_lines

    route = next(w.choices for w in bundled.walkthroughs if w.ending == "the_fall")
    code, objects = play(bundled, list(route))
    assert code == 0
    assert objects[0]["clock"] == {}  # no war yet, and the fans are on
    assert any(o["clock"].get("reentry", {}).get("running") for o in objects)
    assert any(o["clock"].get("air", {}).get("running") for o in objects)
    for n, step in enumerate(objects):
        state = replay_route(bundled, route[:n])[0].state if n else new_game(bundled).state
        lines = status_lines(bundled, state)
        shown = [line for line in lines if line.startswith("Clock: ")]
        told = [
            f"Clock: {format_minutes(c['minutes'])} {c['label']}" for c in step["clock"].values()
        ]
        if state.ending is not None:  # `:status` gives an ending's text the last word
            assert shown == [] and "Clocks: stopped; the story has ended." in lines
            continue
        assert [line.split(" (")[0] for line in shown] == told, step["scene"]["id"]


KIT_LINE = re.compile(r"You (now|no longer) have ")


def test_told_is_what_plain_mode_tells_at_the_trust_notices_level(
    bundled: Story, tmp_path: Path
) -> None:
    """`told` holds the notice lines a player reads, at the level `--notices` (or the
    saves folder's settings) gives: "off" tells the kit and no trust line, "all" tells
    every line "big" does and more, and each reads as plain mode prints it."""
    route = list(bundled.walkthroughs[0].choices)
    told: dict[str, list[str]] = {}
    for level in ("all", "big", "off"):
        code, objects = play(bundled, route, notices=level)
        assert code == 0 and objects[0]["told"] == []
        told[level] = [line for o in objects for line in o["told"]]
        out = io.StringIO()
        typed = io.StringIO("".join(f"{x}\n" for x in route))
        PlainGame(bundled, typed, out, notices=level, mattered_seconds=0).run()
        plain = out.getvalue()
        assert all(f"({line})" in plain for line in told[level]), level
    assert all(KIT_LINE.match(line) for line in told["off"]) and told["off"]
    trust = {level: [x for x in lines if not KIT_LINE.match(x)] for level, lines in told.items()}
    assert len(trust["all"]) > len(trust["big"]) > 0
    save_settings(Settings(notices="off"), tmp_path)  # as the UI and :notices keep it
    _, objects = play(bundled, route, tmp_path)
    assert [line for o in objects for line in o["told"]] == told["off"]
    _, objects = play(bundled, route, tmp_path, notices="all")  # the flag wins, for this run
    assert [line for o in objects for line in o["told"]] == told["all"]


def test_the_notices_command_sets_the_level_from_the_next_choice(bundled: Story) -> None:
    route = list(bundled.walkthroughs[0].choices)
    _, objects = play(bundled, ['{"notices": "off"}', *route], notices="all")
    assert objects[1]["notice"] == "Trust notices: off." and objects[1]["told"] == []
    assert all(KIT_LINE.match(line) for o in objects for line in o["told"])
    _, objects = play(bundled, ['{"notices": "loud"}'])
    assert objects[1]["type"] == "error" and '{"notices"' in objects[1]["message"]
