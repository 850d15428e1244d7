"""A timer whose `while:` latches on closes a loop, as a timer with no `while:` does."""

from __future__ import annotations

import textwrap

from iss.authoring.explore import explore, latches, prove
from iss.engine.model import Story
from tests.conftest import WriteStory, load_ok

MANIFEST = """\
title: Latch
start: a
characters:
  kira: {name: Dr. Kira Foster, side: US, player: true}
flags:
  started: The countdown has begun.
  rescued: Someone came.
clock:
  orbit: {label: of orbit, start: 3h10m, while: flag.started, expires: fell}
endings:
  home: {title: Home, kind: good, canonical: true}
  fell: {title: Fell, kind: failure}
"""

ENDING_SCENES = """\
  home: {text: You are home at last and the air is sweet., ending: home}
  fell: {text: The station falls out of the sky with you., ending: fell}
"""

# The way out of the wait closes with the clock: only a wait is left when too little remains.
WAIT = """\
    scenes:
      a:
        text: The first flash lights the window, and the countdown starts.
        choices:
          - {{id: start, text: Watch it, do: [flag.started = true], go: wait}}
      wait:
        text: The capsule is small, and the radio says to hold position.
        choices:
          - {{id: leave, text: Undock, when: clock.orbit >= 20m, go: home}}
          - {{id: hold, text: Wait for the ship, time: 1h, go: wait}}
          {extra}
    """


def _story(write_story: WriteStory, extra: str = "", running: str = "flag.started") -> Story:
    manifest = MANIFEST.replace("while: flag.started", f"while: {running}")
    scenes = textwrap.dedent(WAIT.format(extra=extra)) + ENDING_SCENES
    return load_ok(write_story(manifest, scenes=scenes))


def _latches(story: Story) -> bool:
    running = story.timers["orbit"].running
    assert running is not None
    return latches(story, running)


def test_a_loop_a_latched_timer_runs_down_is_no_trap(write_story: WriteStory) -> None:
    story = _story(write_story)
    assert _latches(story)
    proof = prove(story)
    assert proof.untimed_loops == [] and proof.dead_ends == set()
    found = explore(story)
    assert found.complete and found.exact_states == 0


def test_a_timer_that_can_be_stopped_does_not_close_the_loop(write_story: WriteStory) -> None:
    # The wait may turn the countdown off: then it can go round for ever.
    extra = "- {id: stop, text: Pull the breaker, do: [flag.started = false], go: wait}"
    story = _story(write_story, extra)
    assert not _latches(story)
    assert prove(story, settle=False).untimed_loops == [("wait",)]
    found = explore(story)
    assert found.complete and [t.scene for t in found.trap_loops] == ["wait"]


def test_only_a_while_that_turning_things_on_keeps_true_latches(write_story: WriteStory) -> None:
    for running, expected in (
        ("flag.started", True),
        ("flag.started or seen.wait", True),
        ("flag.started and seen.wait", True),
        ("not flag.rescued", False),  # turning `rescued` on stops it
        ("visits.wait >= 1", False),  # not a flag
    ):
        assert _latches(_story(write_story, running=running)) is expected, running
