"""W206 and W212 follow the order of a step: routes and choices see the clock after time is spent."""

from __future__ import annotations

from iss.authoring.explore import explore
from iss.authoring.lint import lint
from tests.conftest import WriteStory, load_ok

MANIFEST = """\
title: Order
start: s0
characters:
  kira: {name: Kira, player: true}
clock:
  t: {label: of air, start: 2h, expires: late}
endings:
  good: {title: Good, kind: good, canonical: true}
  bad: {title: Bad, kind: failure}
  late: {title: Late, kind: failure}
"""

SCENES = """\
scenes:
  s0:
    text: The air hisses out of a crack you cannot see.
    choices:
      - id: wait
        text: Wait
        time: 30m
        go:
          - when: clock.t < 60m
            go: s1
          - s0
  s1:
    text: The air is thin now and every breath is work.
    time: 15m
    choices:
      - {id: hurry, text: Hurry to the hatch, when: clock.t == 15m, go: good_end}
      - {id: rest, text: Rest a moment, go: bad_end}
  good_end: {text: You make it to the hatch in time., ending: good}
  bad_end: {text: The air is too thin to think., ending: bad}
  late: {text: The air runs out., ending: late}
"""


def test_a_choice_open_only_after_the_time_spent_is_not_reported(
    write_story: WriteStory,
) -> None:
    """`hurry` opens only because s1 is entered with 30m left and spends 15m first."""
    story = load_ok(write_story(MANIFEST, scenes=SCENES))
    found = explore(story)
    assert found.complete and found.endings["good"].reachable
    assert found.endings["good"].path is not None
    assert found.endings["good"].path.choices == ("wait", "wait", "wait", "hurry")
    codes = [d.code for d in lint(story, found)]
    assert "W212" not in codes and "W206" not in codes
