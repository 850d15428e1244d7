"""Properties, `requires:` and the continuity lint: proved, or refuted with a route that plays."""

from __future__ import annotations

import json
import subprocess
import sys

from iss.authoring.diagnostics import Diagnostic
from iss.authoring.lint import lint
from iss.authoring.loader import load_story
from iss.engine.runner import replay
from tests.conftest import BASE_MANIFEST, WriteStory, load_ok

SCENES = """\
scenes:
  a:
    title: A
    text: Alexey waits by the hatch with the key.
    choices:
      - {id: wait, text: Wait with him, go: b}
      - {id: lose_him, text: Let him go outside alone, do: status.alexey = dead, go: b}
  b:
    title: B
    text: The corridor is quiet now, and the lights are low.
    choices:
      - {id: home, text: Go home, go: home}
  home: {text: You are home at last and the air is sweet., ending: good}
  burn: {text: Fire and noise and then nothing at all., ending: burn}
"""


def _codes(diagnostics: list[Diagnostic]) -> list[str]:
    return [
        d.code for d in diagnostics if d.code[1:3] == "17" or d.code in ("W213", "W214", "W215")
    ]


def test_a_violated_always_is_an_error_with_a_shortest_route_that_plays(
    write_story: WriteStory,
) -> None:
    manifest = (
        BASE_MANIFEST + "properties:\n  alexey_gets_home:\n    at: home\n    always: alive.alexey\n"
    )
    story = load_ok(write_story(manifest, scenes=SCENES))
    found = [d for d in lint(story) if d.code == "E170"]
    assert len(found) == 1
    d = found[0]
    assert (d.file.endswith("story.yaml"), d.line) == (True, 21)
    assert d.route == ("lose_him", "home")
    assert "shortest route (2 choices)" in d.hint
    state = replay(story, d.route).state
    assert state.scene == "home" and state.status["alexey"] == "dead"


def test_a_property_that_holds_is_silent_and_possible_reports_its_witness(
    write_story: WriteStory,
) -> None:
    manifest = BASE_MANIFEST + (
        "properties:\n"
        "  someone_is_home:\n    at: [home]\n    always: seen.b\n"
        "  alexey_may_die:\n    at: home\n    possible: dead.alexey\n"
    )
    story = load_ok(write_story(manifest, scenes=SCENES))
    assert _codes(lint(story)) == []


def test_an_impossible_possible_is_an_error(write_story: WriteStory) -> None:
    manifest = BASE_MANIFEST + "properties:\n  nicholai_dies:\n    possible: dead.nicholai\n"
    story = load_ok(write_story(manifest, scenes=SCENES))
    assert _codes(lint(story)) == ["E171"]


def test_properties_may_stand_in_a_scene_file_and_requires_on_a_scene(
    write_story: WriteStory,
) -> None:
    branch = "properties:\n  b_needs_alexey:\n    at: b\n    always: alive.alexey\n"
    scenes = SCENES.replace("    title: B\n", "    title: B\n    requires: alive.alexey\n")
    story = load_ok(write_story(scenes=scenes, branch="scenes: {}\n" + branch))
    found = [d for d in lint(story) if d.code == "E170"]
    assert sorted((d.file.rsplit("/", 1)[-1], d.route) for d in found) == [
        ("branch.yaml", ("lose_him",)),
        ("scenes.yaml", ("lose_him",)),
    ]


def test_a_property_needs_one_kind_and_real_scenes(write_story: WriteStory) -> None:
    manifest = (
        BASE_MANIFEST
        + "properties:\n  vague:\n    at: nowhere\n    always: alive.alexey\n  both:\n    always: flag.met\n    possible: flag.met\n"
    )
    result = load_story(write_story(manifest, scenes=SCENES))
    assert sorted(d.code for d in result.errors) == ["E130", "E172"]


def test_naming_the_dead_warns_unless_guarded_or_acknowledged(write_story: WriteStory) -> None:
    named = SCENES.replace("The corridor is quiet now", "Alexey's corridor is quiet now")
    story = load_ok(write_story(scenes=named))
    found = [d for d in lint(story) if d.code == "W214"]
    assert len(found) == 1
    assert found[0].route == ("lose_him",) and "alexey" in found[0].message
    assert "may be dead" in found[0].message
    guarded = SCENES.replace(
        "text: The corridor is quiet now, and the lights are low.",
        "text: '{if alive.alexey: Alexey hums.} The corridor is quiet now, and the lights are low.'",
    )
    assert _codes(lint(load_ok(write_story(scenes=guarded)))) == []
    acknowledged = named.replace("    title: B\n", "    title: B\n    mentions_absent: [alexey]\n")
    assert _codes(lint(load_ok(write_story(scenes=acknowledged)))) == []
    otherwise = SCENES.replace(
        "text: The corridor is quiet now, and the lights are low.",
        "text: '{if dead.alexey: It is quiet. | Alexey hums.} The corridor is quiet, the lights low.'",
    )
    assert _codes(lint(load_ok(write_story(scenes=otherwise)))) == []


def test_a_walkthrough_crossing_a_failing_requires_warns(write_story: WriteStory) -> None:
    scenes = SCENES.replace("    title: B\n", "    title: B\n    requires: alive.alexey\n")
    manifest = (
        BASE_MANIFEST + "walkthroughs:\n  canonical: {ending: good, choices: [lose_him, home]}\n"
    )
    story = load_ok(write_story(manifest, scenes=scenes))
    found = [d for d in lint(story) if d.code == "W215"]
    assert len(found) == 1 and found[0].route == ("lose_him",)


def test_check_json_carries_the_route(write_story: WriteStory) -> None:
    manifest = (
        BASE_MANIFEST + "properties:\n  alexey_gets_home:\n    at: home\n    always: alive.alexey\n"
    )
    folder = write_story(manifest, scenes=SCENES)
    out = subprocess.run(
        [sys.executable, "-m", "iss", "check", str(folder), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 1
    errors = json.loads(out.stdout)["errors"]
    assert [(e["code"], e["route"]) for e in errors] == [("E170", ["lose_him", "home"])]


def test_explore_json_reports_a_possible_property_with_its_witness_route(
    write_story: WriteStory,
) -> None:
    manifest = (
        BASE_MANIFEST + "properties:\n  alexey_may_die:\n    at: home\n    possible: dead.alexey\n"
    )
    folder = write_story(manifest, scenes=SCENES)
    out = subprocess.run(
        [sys.executable, "-m", "iss", "explore", str(folder), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    found = json.loads(out.stdout)["properties"]["alexey_may_die"]
    assert found["status"] == "possible" and found["shortest"] is True
    state = replay(load_ok(folder), found["route"]).state
    assert state.scene == "home" and state.status["alexey"] == "dead"
