"""The order of a step (docs/story-format.md, "The order of a step"):
a choice's `do:`, then its `time:`, then its routes on that state, then a timer's
expiry scene instead; entering a scene spends its `time:` before its `do:`."""

from __future__ import annotations

from iss.engine import SceneEntered, TimerExpired, choose, new_game
from iss.engine.walk import Walker
from tests.conftest import WriteStory, load_ok

MANIFEST = """\
title: Order
start: s0
characters:
  kira: {name: Kira, player: true}
  gordon: {name: Gordon Barrett, short: Gordon, trust: 5}
clock:
  t: {label: of air, start: 2h, expires: late}
endings:
  good: {title: Good, kind: good, canonical: true}
  bad: {title: Bad, kind: failure}
  late: {title: Late, kind: failure}
"""


def test_routes_read_the_clock_after_the_choice_spends_its_time(
    write_story: WriteStory,
) -> None:
    """The issue's small story: 2h, spend 30m, `clock.t < 60m` routes to the bad end."""
    scenes = """\
    scenes:
      s0:
        text: The air hisses out of a crack you cannot see.
        choices:
          - id: wait
            text: Wait
            time: 30m
            go:
              - when: clock.t < 60m
                go: bad_end
              - s0
      bad_end: {text: The air is too thin to think., ending: bad}
      late: {text: The air runs out., ending: late}
    """
    story = load_ok(write_story(MANIFEST, scenes=scenes))
    state = new_game(story).state
    state = choose(story, state, "wait").state
    assert (state.scene, state.clock["t"]) == ("s0", 90)
    state = choose(story, state, "wait").state
    assert (state.scene, state.clock["t"]) == ("s0", 60)
    state = choose(story, state, "wait").state  # 30 left: 30 < 60, so the route is taken
    assert (state.scene, state.clock["t"]) == ("bad_end", 30)


def test_a_scene_whose_time_runs_the_clock_out_is_never_entered(
    write_story: WriteStory,
) -> None:
    """Its `do:` never applies: nobody dies off-screen on the way to the expiry ending."""
    scenes = """\
    scenes:
      s0:
        text: Gordon checks the seals one more time.
        choices:
          - {id: go_on, text: Go on, time: 90m, go: s1}
      s1:
        text: Gordon goes outside and does not come back.
        time: 1h
        do: status.gordon = dead
        choices:
          - {id: end, text: End, go: good_end}
      good_end: {text: It ends well for everyone aboard., ending: good}
      late: {text: The air runs out., ending: late}
    """
    story = load_ok(write_story(MANIFEST, scenes=scenes))
    step = choose(story, new_game(story).state, "go_on")
    assert step.state.scene == "late"
    assert step.state.status["gordon"] == "aboard"
    assert "s1" not in step.state.visited
    assert SceneEntered("s1") not in step.events
    assert step.events.index(TimerExpired("t")) < step.events.index(SceneEntered("late"))
    assert step.state.clock["t"] == 0 and step.state.elapsed == 150


def test_a_scene_spends_its_time_before_its_effects_read_the_clock(
    write_story: WriteStory,
) -> None:
    scenes = """\
    scenes:
      s0:
        text: Gordon checks the seals one more time.
        choices:
          - {id: go_on, text: Go on, go: s1}
      s1:
        text: Gordon counts the minutes out loud.
        time: 30m
        choices:
          - {id: hurry, text: Hurry, when: clock.t == 90m, go: good_end}
          - {id: wait, text: Wait, go: bad_end}
      good_end: {text: It ends well for everyone aboard., ending: good}
      bad_end: {text: The air is too thin to think., ending: bad}
      late: {text: The air runs out., ending: late}
    """
    story = load_ok(write_story(MANIFEST, scenes=scenes))
    state = choose(story, new_game(story).state, "go_on").state
    assert state.clock["t"] == 90
    assert choose(story, state, "hurry").state.ending == "good"


def test_of_two_clocks_run_out_at_once_the_one_with_less_left_ran_out_first(
    write_story: WriteStory,
) -> None:
    """One spending runs both clocks out: its scene is the one whose clock had less
    left, wherever it is listed; on a tie, the first listed. (The first listed once won
    however much it had left: 3h of sleep with 2h of orbit and 1h of air ended in
    reentry, when the air was gone an hour before.) The walker and the explorer agree:
    tests/authoring/test_random_walks.py and test_explore_boxes.py."""
    manifest = MANIFEST.replace(
        "  t: {label: of air, start: 2h, expires: late}",
        "  orbit: {label: to reentry, start: START_ORBIT, expires: fall}\n"
        "  t: {label: of air, start: 1h, expires: late}",
    ).replace("  late:", "  fall: {title: Fall, kind: failure}\n  late:")
    scenes = """\
    scenes:
      s0:
        text: Gordon is asleep before you have strapped in.
        choices:
          - {id: sleep, text: Sleep, time: 3h, go: good_end}
      good_end: {text: You wake to the alarm., ending: good}
      late: {text: The air runs out., ending: late}
      fall: {text: The station falls., ending: fall}
    """
    for orbit, first in (("2h", "late"), ("30m", "fall"), ("1h", "fall")):
        story = load_ok(write_story(manifest.replace("START_ORBIT", orbit), scenes=scenes))
        step = choose(story, new_game(story).state, "sleep")
        assert step.state.scene == first, orbit
        assert [e for e in step.events if isinstance(e, TimerExpired)] == [
            TimerExpired("t" if first == "late" else "orbit")
        ]
        assert step.state.clock == {"orbit": 0, "t": 0}
        walker = Walker(story)
        walk = walker.start()
        walker.choose(walk, walker.options(walk)[0])
        assert walk.freeze() == step.state, orbit
