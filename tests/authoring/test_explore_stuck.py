"""Dead ends and loops the proof pass leaves open are settled by a split pass
(`explore.split_stuck`): a hub entered once, after one of several side scenes, is no
dead end and makes no loop. What the split pass rules out never happens (generated
stories, against every real state)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings

from iss.authoring.explore import explore, prove
from iss.authoring.explore.relevance import (  # room internals, tested deliberately
    Relevance,
)
from iss.authoring.explore.split_stuck import (  # room internals, tested deliberately
    settle_stuck,
)
from tests.authoring.fuzz_story import (
    Extras,
    Spec,
    all_states,
    available,
    extras_st,
    load_written,
    story_st,
)
from tests.authoring.test_explore_proof import ENDING_SCENES, MANIFEST
from tests.conftest import WriteStory, load_ok

HUB = """\
scenes:
  a:
    text: Gordon waits with the camera, and the lab lights are on.
    choices:
      - {id: cupola, text: Go to the Cupola, go: cupola}
      - {id: lab, text: Go to the lab, go: lab}
  cupola:
    text: The planet turns under the window.
    choices:
      - id: back
        text: Back to the node
        go:
          - {when: seen.hub, go: home}
          - hub
  lab:
    text: The centrifuge hums.
    choices:
      - id: back
        text: Back to the node
        go:
          - {when: seen.hub, go: home}
          - hub
  hub:
    text: There is time for one more thing.
    choices:
      - {id: cupola, text: The Cupola, when: not seen.cupola, go: cupola}
      - {id: lab, text: The lab, when: not seen.lab, go: lab}
"""


def test_a_hub_entered_once_is_no_dead_end_and_no_loop(write_story: WriteStory) -> None:
    story = load_ok(write_story(MANIFEST, scenes=HUB + ENDING_SCENES))
    relevance = Relevance(story)
    proof = prove(story, relevance, settle=False)
    # One box per scene: both side scenes may be seen at the hub, and a side scene's
    # route may go back to the hub.
    assert proof.dead_ends == {"hub"}
    assert proof.untimed_loops == [("cupola", "hub", "lab")]
    settle_stuck(story, relevance, proof, float("inf"))
    assert proof.dead_ends == set() and proof.untimed_loops == []
    settled = prove(story)  # which it does by itself
    assert settled.dead_ends == set() and settled.untimed_loops == []
    found = explore(story)
    assert found.complete and found.exact_states == 0, found.cut_reason


FALLBACK_LOOP_MANIFEST = """\
title: Fallback loop
start: a
characters:
  kira: {name: Dr. Kira Foster, side: US, player: true}
flags:
  keyed: The hatch is keyed.
clock:
  air: {label: of air, start: 2h, expires: suffocated}
endings:
  home: {title: Home, kind: good, canonical: true}
  suffocated: {title: Suffocated, kind: failure}
"""

FALLBACK_LOOP = """\
scenes:
  a:
    text: The hatch is shut, and the air gauge reads {clock.air}.
    choices:
      - {id: home, text: Go home, go: home}
      - {id: wait, text: Wait for the air to run out, time: 3h, go: a}
      - {id: hatch, text: Try the hatch, go: hatch}
  hatch:
    text: The hatch wheel will not turn without the key code, {clock.air} left.
    choices:
      - {id: open, text: Open it, when: flag.keyed, go: home}
      - {fallback: true, time: 1m, go: hatch}
  home: {text: You are home and the air is sweet., ending: home}
  suffocated: {text: The air runs out in the dark., ending: suffocated}
"""


def test_a_fallback_loop_under_a_closing_clock_is_a_loop(write_story: WriteStory) -> None:
    # The engine follows at most MAX_FALLBACKS (100) fallbacks in a row, then rests
    # with no choice: 100 minutes of a 120-minute clock never run it out.
    story = load_ok(write_story(FALLBACK_LOOP_MANIFEST, scenes=FALLBACK_LOOP))
    proof = prove(story)
    assert proof.complete and proof.untimed_loops == [("hatch",)]
    # The split pass keeps it too, when asked about the scene.
    relevance = Relevance(story)
    split = prove(story, relevance, settle=False)
    split.dead_ends = {"hatch"}
    settle_stuck(story, relevance, split, float("inf"))
    assert split.untimed_loops == [("hatch",)]
    found = explore(story)
    assert found.complete and [d.scene for d in found.dead_ends] == ["hatch"]


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(spec=story_st, extras=extras_st)
def test_what_the_split_pass_rules_out_never_happens(
    spec: Spec, extras: Extras, tmp_path: Path
) -> None:
    story = load_written(tmp_path, spec, extras)
    truth = all_states(story)
    if truth is None:
        return
    relevance = Relevance(story)
    proof = prove(story, relevance, settle=False)
    # Ask it about every scene, so it runs on every story: all may be dead ends, and
    # all of them one loop.
    proof.dead_ends = {s for s in proof.scenes if story.scenes[s].ending is None}
    proof.untimed_loops = [tuple(sorted(proof.scenes))]
    settle_stuck(story, relevance, proof, float("inf"))
    stuck = {s.scene for s in truth.states if s.ending is None and not available(story, s)}
    # The engine rests in a fallback loop after MAX_FALLBACKS: reported as a loop.
    looping = {s for loop in proof.untimed_loops for s in loop}
    assert stuck <= proof.dead_ends | looping
    assert all(story.scenes[s].choices[-1].fallback for s in stuck - proof.dead_ends)
    if truth.trap:
        assert proof.dead_ends or proof.untimed_loops
