"""Where a `go: return` may resume (`explore.calls`): only where a call into its scene left
off. Sound on every generated story (every real state's stack top is among its scene's
tops), and precise enough that sub-scenes of returns only are no dead ends and a
return does not make a loop with another sub-scene's caller."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings

from iss.authoring.explore import explore, prove
from iss.authoring.explore.calls import (  # room internals, tested deliberately
    EMPTY,
    call_tops,
)
from iss.authoring.loader import load_story
from iss.engine.runner import can_take, choose, new_game
from iss.paths import bundled_story_dir
from tests.authoring.fuzz_story import (
    Extras,
    Spec,
    all_states,
    extras_st,
    load_written,
    story_st,
)
from tests.authoring.test_explore_proof import ENDING_SCENES, MANIFEST
from tests.conftest import WriteStory, load_ok

TWO_CALLS = """\
scenes:
  a:
    text: The log waits on the table, and then the lab does.
    choices:
      - {id: sign, text: Sign the log, call: log, go: b}
  b:
    text: Christian is in the lab, running the numbers again.
    choices:
      - {id: talk, text: Talk to him, call: lab, go: home}
  log:
    text: You type a word into the log and sign it.
    choices:
      - {id: done, text: Done, go: return}
  lab:
    text: He nods at the screen and says nothing.
    choices:
      - {id: leave, text: Leave him to it, go: return}
      - {id: stay, text: Stay a while, time: 30m, go: return}
"""


def test_a_return_resumes_only_where_a_call_into_its_scene_left_off(
    write_story: WriteStory,
) -> None:
    story = load_ok(write_story(MANIFEST, scenes=TWO_CALLS + ENDING_SCENES))
    tops = call_tops(story)
    assert tops["a"] == {EMPTY} and tops["b"] == {EMPTY}
    assert tops["log"] == {"b"} and tops["lab"] == {"home"}
    assert tops["home"] == {EMPTY}
    proof = prove(story)
    assert proof.targets[("log", "done")] == {"b"}
    assert proof.targets[("lab", "leave")] == {"home"}
    # Every return resumed at any call's target before: `log` and `lab` (their choices
    # all return) were possible dead ends, and b -> lab -> b a loop no clock closes.
    assert proof.dead_ends == set() and proof.untimed_loops == []
    found = explore(story)
    assert found.complete and found.exact_states == 0, found.cut_reason


def test_a_proof_from_a_state_inside_a_call_resumes_at_its_stack() -> None:
    story = load_story(bundled_story_dir()).story
    assert story is not None
    tops = call_tops(story)
    inside = [sid for sid, on_top in tops.items() if EMPTY not in on_top]
    assert inside, "the bundled story calls sub-scenes"
    state = new_game(story).state
    assert call_tops(story, state.scene, ("x", "y"))[state.scene] == {"y"}


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(spec=story_st, extras=extras_st)
def test_every_real_stack_top_is_among_its_scenes_tops(
    spec: Spec, extras: Extras, tmp_path: Path
) -> None:
    story = load_written(tmp_path, spec, extras)
    truth = all_states(story)
    if truth is None:
        return
    tops = call_tops(story)
    for state in truth.states:
        assert (state.calls[-1] if state.calls else EMPTY) in tops[state.scene], state.scene
        if state.calls:  # and from a state inside calls, every state after it
            inner = call_tops(story, state.scene, state.calls)
            assert state.calls[-1] in inner[state.scene]
            for choice in story.scenes[state.scene].choices:
                if not can_take(choice, state):
                    continue
                after = choose(story, state, choice.id).state
                assert (after.calls[-1] if after.calls else EMPTY) in inner[after.scene]
