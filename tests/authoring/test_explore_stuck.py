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
from iss.authoring.loader import load_story
from tests.authoring.fuzz_story import (
    Extras,
    Spec,
    all_states,
    available,
    extras_st,
    story_st,
    write,
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


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(spec=story_st, extras=extras_st)
def test_what_the_split_pass_rules_out_never_happens(
    spec: Spec, extras: Extras, tmp_path: Path
) -> None:
    folder = write(tmp_path / f"t{abs(hash(repr((spec, extras))))}", spec, extras)
    story = load_story(folder, run_walkthroughs=False).story
    assert story is not None
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
    assert stuck <= proof.dead_ends
    if truth.trap:
        assert proof.dead_ends or proof.untimed_loops
