"""Properties, `requires:` and the continuity lint: proved, or refuted with a route that plays."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

import iss.authoring.explore.claims as claims_module  # room internals, tested deliberately
from iss.authoring.diagnostics import Diagnostic
from iss.authoring.explore import Budget, Claim, ClaimResult, check_claims
from iss.authoring.lint import CLAIM_BUDGET, check_claims_of, lint, stated_claims
from iss.authoring.lint import properties as properties_module
from iss.authoring.lint.continuity import _Names  # room internals, tested deliberately
from iss.authoring.lint.properties import status_changes  # room internals, tested deliberately
from iss.authoring.loader import load_story
from iss.engine.model import Character, Story
from iss.engine.runner import replay
from tests.conftest import BASE_MANIFEST, TINY, WriteStory, load_ok

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


def test_only_characters_whose_status_changes_have_their_mentions_checked(
    write_story: WriteStory,
) -> None:
    """Only effects change a status: naming anyone else can never name the dead."""
    story = load_ok(write_story(scenes=SCENES))
    assert status_changes(story) == {"alexey"}
    assert status_changes(load_ok(TINY)) == frozenset()
    named = SCENES.replace("The corridor is quiet now", "Alexey and Nicholai keep it quiet now")
    asked: list[str] = []

    def recording(story: Story, claims: list[Claim], budget: Budget) -> list[ClaimResult]:
        asked.extend(c.name for c in claims)
        return check_claims(story, claims, budget)

    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setattr(properties_module, "check_claims", recording)
    try:
        found = [d for d in lint(load_ok(write_story(scenes=named))) if d.code == "W214"]
    finally:
        monkeypatch.undo()
    assert [d.message.split(" names ")[1].split(" ")[0] for d in found] == ["Alexey"]
    assert any(name.startswith("alexey in") for name in asked)
    assert not any(name.startswith("nicholai in") for name in asked)


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


def _flag_ladder(rungs: int) -> tuple[str, str]:
    """A story of `rungs` scenes in a row, each setting its own flag or not: 2**n states
    n choices in, and a property at the end that reads every flag."""
    flags = "".join(f"  f{i}: Flag {i}.\n" for i in range(rungs))
    anyone = " or ".join(f"flag.f{i}" for i in range(rungs))
    manifest = (
        "title: Ladder\nstart: r0\ncharacters:\n"
        "  kira: {name: Dr. Kira Foster, side: US, player: true}\n"
        f"flags:\n{flags}"
        "endings:\n  top: {title: Top, kind: good, canonical: true}\n"
        f"properties:\n  some_flag_at_the_top:\n    at: top_scene\n    possible: {anyone}\n"
    )
    scenes = ["scenes:"]
    for i in range(rungs):
        after = f"r{i + 1}" if i + 1 < rungs else "top_scene"
        scenes += [
            f"  r{i}:",
            f"    text: Rung {i} of the long ladder up the truss.",
            "    choices:",
            f"      - {{id: set{i}, text: Mark the rung, do: flag.f{i} = true, go: {after}}}",
            f"      - {{id: skip{i}, text: Climb on, go: {after}}}",
        ]
    scenes.append("  top_scene: {text: The top of the truss at last., ending: top}")
    return manifest, "\n".join(scenes) + "\n"


def test_the_claim_search_gives_up_early_when_it_cannot_reach_the_claims_depth(
    write_story: WriteStory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """2**12 states lie 12 choices in, and the property's scene 24 in: doubling each
    level, the search can never get there within the budget, so it stops at once (not
    after 20,000 states) and the walks find a route; the proof pass's bound shows it is
    the shortest."""
    manifest, scenes = _flag_ladder(24)
    story = load_ok(write_story(manifest, scenes=scenes))
    searched: list[int] = []
    run = claims_module._Search.run

    def counting(self: claims_module._Search, deadline: float) -> None:
        run(self, deadline)
        searched.append(len(self.tree.parent))

    monkeypatch.setattr(claims_module._Search, "run", counting)
    (result,) = check_claims(story, [s.claim for s in stated_claims(story)], CLAIM_BUDGET)
    assert result.status == "possible" and result.by == "walk"
    assert result.route is not None and len(result.route) == 24 and result.shortest
    assert searched and searched[0] < 2 * claims_module.HOPELESS_AFTER
    state = replay(story, result.route).state
    assert state.scene == "top_scene" and state.flags


VISITS_MANIFEST = """\
title: Visits
start: a
characters:
  kira: {name: Dr. Kira Foster, side: US, player: true}
endings:
  home: {title: Home, kind: good, canonical: true}
properties:
  loops_twice: {at: b, possible: visits.a >= 2}
  took_it: {at: b, possible: taken.a.again}
"""
VISITS_SCENES = """\
scenes:
  a:
    text: The corridor bends back on itself once more.
    choices:
      - {id: again, text: Go round again, go: a}
      - {id: onward, text: Go on, go: b}
  b:
    text: A hatch, and beyond it the way home.
    requires: visits.a < 3
    choices:
      - {id: home, text: Go home, go: home_scene}
  home_scene: {text: You are home at last and safe., ending: home}
"""


def test_visits_and_taken_read_only_by_properties_are_counted(write_story: WriteStory) -> None:
    """Only a property and a `requires:` read `visits.a` and `taken.a.again`: the engine
    must count them all the same, or they read 0 and the claims come out wrong (both
    were reported impossible and the `requires:` as holding)."""
    story = load_ok(write_story(VISITS_MANIFEST, scenes=VISITS_SCENES))
    assert "a" in story.counted and "a.again" in story.tracked
    results = {
        r.claim.name: r
        for r in check_claims(story, [s.claim for s in stated_claims(story)], CLAIM_BUDGET)
    }
    assert results["loops_twice"].status == "possible"
    assert results["loops_twice"].route == ("again", "onward")
    assert results["took_it"].status == "possible"
    assert results["requires of b"].status == "violated"
    assert results["requires of b"].route == ("again", "again", "onward")


@given(
    st.lists(
        st.sampled_from(
            ["Alexey", "alexey", "ALEXEY", "Lex", "Ke", "\u212a", "é", " ", ".", "x", "_"]
        ),
        max_size=12,
    )
)
def test_finding_crew_names_in_lower_case_agrees_with_ignoring_case(parts: list[str]) -> None:
    """The ASCII fast path of `_Names.named` finds the first name where the
    case-insensitive pattern does (a non-ASCII text takes the slow path)."""
    names = _Names(
        (
            Character("alexey", "Alexey Pulov", "Alexey", "RU"),
            Character("ke", "Ke Lex", "Lex", "US"),
        )
    )
    text = "".join(parts)
    first = names.any.search(text)
    expected = (
        []
        if first is None
        else [who for who, p in names.patterns.items() if p.search(text, first.start())]
    )
    assert names.named(text) == expected


# Alexey is lost only through `lose`, open when flag.p is set without flag.q; one choice sets
# both, so it never opens. A box forgets that they go together, and splitting by Alexey's
# status does not help: only a search that finishes proves the mention of him in `b` safe.
TOGETHER_MANIFEST = BASE_MANIFEST.replace("flags:\n", "flags:\n  p: P.\n  q: Q.\n")
TOGETHER_SCENES = """\
scenes:
  a:
    title: A
    text: The corridor splits two ways before the hatch.
    choices:
      - {id: both, text: Throw both switches, do: [flag.p = true, flag.q = true], go: c}
      - {id: neither, text: Leave the switches, go: c}
  c:
    title: C
    text: The hatch is open and the lights are low.
    choices:
      - {id: lose, text: Let him go, when: flag.p and not flag.q, do: status.alexey = dead, go: b}
      - {id: out, text: Go through, go: b}
  b:
    title: B
    text: Alexey closes the hatch behind you both.
    choices:
      - {id: home, text: Go home, go: home}
  home: {text: You are home at last and the air is sweet., ending: good}
  burn: {text: Fire and noise and then nothing at all., ending: burn}
"""


def test_a_mention_neither_proved_nor_broken_is_w218_with_both_ways_to_acknowledge(
    write_story: WriteStory,
) -> None:
    story = load_ok(write_story(TOGETHER_MANIFEST, scenes=TOGETHER_SCENES))
    assert _codes(lint(story)) == []  # the full budget finishes the search: proved safe
    small = Budget(max_states=2, time_limit=30)
    (found,) = [d for d in check_claims_of(story, small) if d.code == "W218"]
    assert (found.file.endswith("scenes.yaml"), found.line) == (True, 14)
    assert "Alexey Pulov (`alexey`)" in found.message
    assert "not proved alive here" in found.message and "no route found" in found.message
    assert "mentions_absent:" in found.hint and "requires: alive.alexey" in found.hint
    assert found.route == () and not found.is_error
    for acknowledged in (
        TOGETHER_SCENES.replace("    title: B\n", "    title: B\n    mentions_absent: [alexey]\n"),
        TOGETHER_SCENES.replace(
            "text: Alexey closes the hatch behind you both.",
            "text: '{if alive.alexey: Alexey waves.} The hatch closes behind you.'",
        ),
    ):
        quiet = load_ok(write_story(TOGETHER_MANIFEST, scenes=acknowledged))
        assert [d.code for d in check_claims_of(quiet, small)] == []


def test_a_mention_the_plain_pass_cannot_prove_is_proved_split_by_status(
    write_story: WriteStory,
) -> None:
    """Losing Alexey sets flag.p, and `b` names him only without it. One box per
    scene forgets that the two go together; split by his status, the pass keeps it."""
    scenes = TOGETHER_SCENES.replace(
        "when: flag.p and not flag.q, do: status.alexey = dead",
        "when: flag.q, do: [status.alexey = dead, flag.p = true]",
    ).replace(
        "text: Alexey closes the hatch behind you both.",
        "text: '{if flag.p: The hatch closes. | Alexey closes the hatch.}'",
    )
    story = load_ok(write_story(TOGETHER_MANIFEST, scenes=scenes))
    claims = [s.claim for s in stated_claims(story)]
    small = Budget(max_states=2, time_limit=30)
    results = {r.claim.name: r for r in check_claims(story, claims, small)}
    named = results["alexey in the text of `b`"]
    assert (named.status, named.by) == ("holds", "split proof pass")
    assert check_claims_of(story, small) == []


def test_a_route_the_lint_prints_that_crosses_a_failing_requires_warns(
    write_story: WriteStory,
) -> None:
    """The property's counterexample goes through `b`, whose `requires:` it breaks."""
    scenes = SCENES.replace("    title: B\n", "    title: B\n    requires: alive.alexey\n")
    manifest = (
        BASE_MANIFEST + "properties:\n  alexey_gets_home:\n    at: home\n    always: alive.alexey\n"
    )
    story = load_ok(write_story(manifest, scenes=scenes))
    found = lint(story)
    crossed = [d for d in found if d.code == "W215"]
    assert [(d.message.split(" enters")[0], d.line, d.route) for d in crossed] == [
        ("the route of E170", 21, ("lose_him",))
    ]
    assert sorted(d.code for d in found if d.code == "E170") == ["E170", "E170"]


def test_a_name_inside_a_longer_word_is_no_mention() -> None:
    """Every spelling of a name needs a word on both sides: "Christianity" does
    not name Christian, whichever of his names (id, short, full) it begins with."""
    names = _Names(
        (
            Character("christian", "Christian Campbell", "Chris", "US"),
            Character("alexey", "Alexey Pulov", "Alexey", "RU"),
        )
    )
    assert names.named("Chrises and Christianity, Alexeyev.") == []
    assert names.named("Alexey reads up on Christianity.") == ["alexey"]
    assert names.named("Chris, and then Alexey.") == ["christian", "alexey"]
