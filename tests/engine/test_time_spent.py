"""A choice's time label tells what taking it spends, not only its own time, and
weighs it against the other choices while the clock is long.

Blind reader R12 saw "· 30m" take an hour (the scene it led to spent another half
hour) and "Wait three and a half hours more" take four: a player could not plan
against the clock. Readers R13 and R17 then saw "Run the sequence once more · 2h"
beside an unlabelled "Take the comms headset", both entering the spacewalk's hour
and a half, and read a two-hour rehearsal into the half hour the prose told.
"""

from __future__ import annotations

from iss.engine.clocks import ClockReading, deadline, time_spent
from iss.engine.runner import choose_unrecorded, new_game
from iss.notices import choice_time_labels, time_cost, time_costs
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
    return choice_time_labels(story, state, [c.id for c in story.scenes[state.scene].choices])


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
        # through spends 50 minutes more than quick: time is a question here, and every
        # choice says its whole cost, so the three add up against the clock
        "quick": " · 55m of the 10h to reentry",
        "slow": " · 1h 15m of the 10h to reentry",
        "through": " · 1h 45m of the 10h to reentry",  # the hall's hour, and the end's 45m
    }


REHEARSAL = """\
scenes:
  a:
    title: A
    text: Start.
    choices:
      - id: take_comms
        text: Take the comms headset
        go: eva
      - id: rehearse
        text: Run the sequence once more
        time: 30m
        go: eva
  eva:
    title: EVA
    text: Outside.
    time: 1h30m
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


def test_where_the_choices_differ_each_says_its_whole_cost_against_the_clock(
    write_story: WriteStory,
) -> None:
    """Not how much longer than the quickest: "· 30m longer" read as the whole cost to
    six blind readers, and the clock then fell further than the label said."""
    story = load_ok(write_story(BASE_MANIFEST.replace("start: 2h", "start: 20h"), s=REHEARSAL))
    state = new_game(story, 0).state
    spent = {c: time_spent(story, state, c) for c in ("take_comms", "rehearse")}
    assert spent == {"take_comms": 90, "rehearse": 120}
    first = deadline(story, state)
    assert first is not None and first.minutes == 20 * 60
    assert time_costs(spent, first) == {
        "take_comms": " · 1h 30m of the 20h to reentry",
        "rehearse": " · 2h of the 20h to reentry",
    }


def test_a_label_adds_up_to_what_the_clock_loses_and_is_never_alone_when_both_cost() -> None:
    """R196: "· 40m longer" beside a five-minute choice, then the clock fell 45m."""
    reentry = ClockReading("reentry", "to reentry", minutes=555, start=1500)
    assert time_costs({"wait": 5, "broadcast": 45}, reentry) == {
        "wait": "",  # five minutes is too little to tell
        "broadcast": " · 45m of the 9h 15m to reentry",
    }
    # where every choice spends about the same and no clock is on screen, none is labelled
    assert time_costs({"a": 60, "b": 75}) == {"a": "", "b": ""}
    # with the clock on screen, half an hour or more is said even where all spend alike
    # (R269: 45 minutes went by on "Warn her" with no word)
    assert time_costs({"a": 60, "b": 75}, reentry) == {
        "a": " · 1h of the 9h 15m to reentry",
        "b": " · 1h 15m of the 9h 15m to reentry",
    }
    assert time_costs({"a": 15, "b": 20}, reentry) == {"a": "", "b": ""}
    # with no clock running, a whole cost alone
    assert time_costs({"a": 0, "b": 60}) == {"a": "", "b": " · 1h"}


def test_when_the_clock_is_short_every_choice_that_spends_a_quarter_of_it_says_so(
    write_story: WriteStory,
) -> None:
    assert labels(write_story, "3h") == {
        "quick": " · 55m of the 3h to reentry",
        "slow": " · 1h 15m of the 3h to reentry",
        "through": " · 1h 45m of the 3h to reentry",
    }
    assert labels(write_story, "1h30m")["through"] == " · all the 1h 30m to reentry"


def test_a_story_without_clocks_spends_nothing(write_story: WriteStory) -> None:
    manifest = BASE_MANIFEST.replace(
        "clock:\n  reentry: {label: to reentry, start: 2h, expires: burn}\n", ""
    )
    story = load_ok(write_story(manifest, s=SCENES))
    assert time_spent(story, new_game(story, 0).state, "slow") == 0


def test_a_label_names_the_clock_it_weighs_the_cost_against() -> None:
    """With two clocks, "· 30m of 1h 25m left" under a scene that said "2h of air" left a
    blind reader (R137) to work out that the tag was the orbit's."""
    assert time_cost(30, left=85, clock="to reentry") == " · 30m of the 1h 25m to reentry"
    assert time_cost(120, left=115, clock="of air") == " · all the 1h 55m of air"
    assert time_cost(10, left=85, clock="to reentry") == ""  # too little to tell
    reentry = ClockReading("reentry", "to reentry", minutes=100, start=120)
    assert time_costs({"a": 30, "b": 90}, reentry) == {
        "a": " · 30m of the 1h 40m to reentry",
        "b": " · 1h 30m of the 1h 40m to reentry",
    }
    # a label is story text: nothing in it reaches the terminal as a control sequence
    assert "\x1b" not in time_cost(30, left=60, clock="\x1b[2Jof air")


def test_the_deadline_is_the_running_clock_that_runs_out_first(write_story: WriteStory) -> None:
    manifest = BASE_MANIFEST.replace(
        "  reentry: {label: to reentry, start: 2h, expires: burn}\n",
        "  reentry: {label: to reentry, start: 2h, expires: burn}\n"
        "  air: {label: of air, start: 1h, expires: burn, while: flag.met}\n",
    )
    cut = SCENES.replace(
        "      - id: slow\n        text: Slow\n        time: 30m\n",
        "      - id: slow\n        text: Slow\n        time: 30m\n        do: [flag.met = true]\n",
    )
    story = load_ok(write_story(manifest, s=cut))
    state = new_game(story, 0).state
    first = deadline(story, state)
    assert first is not None and (first.label, first.minutes) == ("to reentry", 120)
    after = choose_unrecorded(story, state, "slow").state  # the air starts to run
    first = deadline(story, after)
    assert first is not None and first.label == "of air" and first.minutes < 60


def test_a_clock_no_one_knows_of_yet_is_not_shown_but_still_runs(write_story: WriteStory) -> None:
    """R203, R204, R206: "Wake Gordon · 30m of the 25h to reentry" at the flashes, two
    scenes before Gordon works out the decay. A timer's `shown:` hides it until then."""
    from iss.engine.clocks import clock_readings

    manifest = BASE_MANIFEST.replace(
        "reentry: {label: to reentry, start: 2h, expires: burn}",
        "reentry: {label: to reentry, start: 10h, expires: burn, shown: seen.b}",
    )
    story = load_ok(write_story(manifest, s=SCENES))
    state = new_game(story, 0).state
    assert clock_readings(story, state) == [] and deadline(story, state) is None
    labels = choice_time_labels(story, state, ["quick", "slow", "through"])
    assert labels["through"] == " · 1h 45m"  # its cost, weighed against no clock
    after = choose_unrecorded(story, state, "quick").state  # into b: Gordon's numbers
    [reentry] = clock_readings(story, after)
    assert reentry.minutes == 10 * 60 - 55  # it ran all the while
