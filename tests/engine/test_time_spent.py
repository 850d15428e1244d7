"""A choice's time label tells what taking it spends, not only its own time.

Blind reader R12 saw "· 30m" take an hour (the scene it led to spent another half
hour) and "Wait three and a half hours more" take four: a player could not plan
against the clock.
"""

from __future__ import annotations

from iss.engine.clocks import time_left, time_spent
from iss.engine.runner import new_game
from iss.notices import time_cost
from tests.conftest import BASE_MANIFEST, WriteStory, load_ok

SCENES = """\
scenes:
  a:
    title: A
    text: Start.
    choices:
      - id: quick
        text: Quick
        time: 10m
        go: b
      - id: slow
        text: Slow
        time: 30m
        go: b
      - id: through
        text: Through the hall
        go: hall
  hall:
    title: Hall
    text: A long hall.
    time: 1h
    choices:
      - fallback: true
        go: b
  b:
    title: B
    text: A scene that takes its time.
    time: 45m
    choices:
      - text: Finish
        go: done
  done:
    title: Done
    text: End.
    ending: good
  burn:
    title: Burn
    text: Fire.
    ending: burn
"""


def labels(write_story: WriteStory, clock: str) -> dict[str, str]:
    story = load_ok(write_story(BASE_MANIFEST.replace("start: 2h", f"start: {clock}"), s=SCENES))
    state = new_game(story, 0).state
    left = time_left(story, state)
    scene = story.scenes[state.scene]
    return {c.id: time_cost(time_spent(story, state, c.id), left, c.minutes) for c in scene.choices}


def test_a_choice_spends_its_own_time_and_the_time_of_the_scenes_it_enters(
    write_story: WriteStory,
) -> None:
    story = load_ok(write_story(BASE_MANIFEST.replace("start: 2h", "start: 10h"), s=SCENES))
    state = new_game(story, 0).state
    assert time_spent(story, state, "quick") == 10 + 45
    assert time_spent(story, state, "slow") == 30 + 45
    assert time_spent(story, state, "through") == 60 + 45  # the hall is passed through


def test_the_label_tells_what_a_costly_choice_spends(write_story: WriteStory) -> None:
    assert labels(write_story, "10h") == {
        "quick": "",  # ten minutes of its own, and the clock is long: nothing to weigh
        "slow": " · 1h 15m",  # not "30m": the scene it leads to takes 45 more
        "through": "",
    }


def test_when_the_clock_is_short_every_choice_that_spends_a_quarter_of_it_says_so(
    write_story: WriteStory,
) -> None:
    assert labels(write_story, "3h") == {
        "quick": " · 55m",
        "slow": " · 1h 15m",
        "through": " · 1h 45m",
    }
    assert labels(write_story, "1h30m")["through"] == " · 1h 30m, all that is left"


def test_a_story_without_clocks_spends_nothing(write_story: WriteStory) -> None:
    manifest = BASE_MANIFEST.replace(
        "clock:\n  reentry: {label: to reentry, start: 2h, expires: burn}\n", ""
    )
    story = load_ok(write_story(manifest, s=SCENES))
    assert time_spent(story, new_game(story, 0).state, "slow") == 0
