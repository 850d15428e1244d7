"""What mattered: a choice counts when it closed off an ending another choice kept open."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import count
from typing import Any

import pytest

from iss.authoring.explore import (
    Kept,
    Mattered,
    Told,
    Turn,
    described,
    led_here,
    prove,
    quoted_choice,
    run_states,
    steps_to,
    what_led_here,
    what_mattered,
    you_chose,
)
from iss.engine.model import Story
from iss.engine.runner import choose
from tests.conftest import TINY, WriteStory, load_ok

FORKS = """\
title: Forks
start: a
characters:
  kira: {name: Dr. Kira Foster, side: US, player: true}
endings:
  home: {title: Home, kind: good, canonical: true}
  lost: {title: Lost, kind: failure}
  quiet: {title: Quiet, kind: quiet}
  far: {title: Far, kind: dark}
"""
"""Going left closes one ending off; then going home closes off two."""

FORK_SCENES = """\
scenes:
  a:
    title: The Hatch
    text: Two ways.
    choices:
      - id: left
        text: Go left
        go: b
      - id: quiet_way
        text: Stay quiet
        go: quiet_end
  b:
    title: The Node
    text: Three ways.
    choices:
      - id: home_way
        text: Go home
        go: home_end
      - id: lost_way
        text: Get lost
        go: lost_end
      - id: far_way
        text: Go far
        go: far_end
  home_end: {title: Home, text: Home., ending: home}
  lost_end: {title: Lost, text: Lost., ending: lost}
  quiet_end: {title: Quiet, text: Quiet., ending: quiet}
  far_end: {title: Far, text: Far., ending: far}
"""


def pairs(lines: Sequence[Told]) -> list[tuple[str, str]]:
    """The (scene title, line) of each told choice, as a player reads them."""
    return [(told.scene, told.line) for told in lines]


def test_waiting_closed_off_the_good_ending() -> None:
    story = load_ok(TINY)
    weighed = what_mattered(story, ("wait", "keep_waiting"), time_limit=60)
    assert weighed.complete and weighed.weighed == weighed.total == 2
    assert weighed.turns == (
        Turn(
            0,
            "hatch",
            "wait",
            ("home",),
            "ask_him",
            "Wait for him to come to you",
            (("Knock and ask what the order said", ("home",)),),
            "The Hatch",
        ),
    )


def test_the_last_choice_can_matter_too() -> None:
    story = load_ok(TINY)
    weighed = what_mattered(story, ("ask_him", "take_the_key"), time_limit=60)
    # Asking kept both endings open; taking the key closed off the burn.
    assert weighed.turns == (
        Turn(
            1,
            "the_key",
            "take_the_key",
            ("burn",),
            "keep_waiting",
            "Take the key",
            (("Keep waiting", ("burn",)),),
            "The Key",
        ),
    )


LOST_AND_FAR = (("Get lost", ("lost",)), ("Go far", ("far",)))
QUIET = (("Stay quiet", ("quiet",)),)


def test_the_choice_that_closed_most_comes_first(write_story: WriteStory) -> None:
    story = load_ok(write_story(FORKS, scenes=FORK_SCENES))
    weighed = what_mattered(story, ("left", "home_way"), time_limit=60)
    assert weighed.turns == (
        # Each ending under the other choice whose walk reached it: the screen names those.
        Turn(1, "b", "home_way", ("lost", "far"), "lost_way", "Go home", LOST_AND_FAR, "The Node"),
        Turn(0, "a", "left", ("quiet",), "quiet_way", "Go left", QUIET, "The Hatch"),
    )


TWO_WAYS_SCENES = """\
scenes:
  b:
    title: The Node
    text: Three ways.
    choices:
      - id: home_way
        text: Go home
        go: home_end
      - id: lost_way
        text: Get lost
        go: lost_end
      - id: detour
        text: Take the long way
        go: c
  c:
    title: The Long Way
    text: Two more.
    choices:
      - id: lost_again
        text: Get lost after all
        go: lost_end
      - id: far_way
        text: Go far
        go: far_end
  home_end: {title: Home, text: Home., ending: home}
  lost_end: {title: Lost, text: Lost., ending: lost}
  quiet_end: {title: Quiet, text: Quiet., ending: quiet}
  far_end: {title: Far, text: Far., ending: far}
"""


def test_every_other_choice_names_every_ending_it_reaches(write_story: WriteStory) -> None:
    """Blind reader R59 #15: each ending was named under one other choice only, so a
    choice that had led the reader to Flag Bearer was said to lead only elsewhere."""
    story = load_ok(write_story(FORKS.replace("start: a", "start: b"), scenes=TWO_WAYS_SCENES))
    weighed = what_mattered(story, ("home_way",), time_limit=60)
    (turn,) = weighed.turns
    assert turn.closed == ("lost", "far")
    assert dict(turn.roads) == {"Get lost": ("lost",), "Take the long way": ("lost", "far")}
    lines, _ = described(story, weighed, found={"lost"}, ways=True)
    assert pairs(lines) == [
        (
            "The Node",
            'You chose "Go home." Instead, "Take the long way" could have led to Lost and an ending'
            ' you have not found; "Get lost" could have led to Lost.',
        )
    ]


def test_out_of_time_it_says_how_far_it_got() -> None:
    story = load_ok(TINY)
    ticks = count()
    weighed = what_mattered(
        story, ("wait", "keep_waiting"), time_limit=0.5, clock=lambda: next(ticks)
    )
    assert not weighed.complete
    assert weighed.weighed < weighed.total == 2
    assert weighed.turns == ()


def test_the_work_is_counted_so_a_loaded_machine_weighs_the_same(write_story: WriteStory) -> None:
    """What mattered and What led here were cut by a 3 s clock, so two replays of one
    route under different load numbered different choices (blind reader R244 #14). The
    work is counted: with too little of it the weighing stops at the same place, however
    slow the clock says the machine is."""
    story = load_ok(write_story(FORKS, scenes=FORK_SCENES))
    route = ("left", "home_way")
    weighings = [what_mattered(story, route, time_limit=60, work=work) for work in range(40)]
    assert weighings[0].weighed == 0
    assert any(0 < w.weighed < w.total for w in weighings)  # the last choice, not the first
    assert weighings[-1].complete
    ticks = count(step=0.01)  # every look at the clock finds it 10 ms on
    for work, weighed in enumerate(weighings):
        slow = what_mattered(story, route, time_limit=60, clock=lambda: next(ticks), work=work)
        assert slow == weighed
    led = [what_led_here(story, route, time_limit=60, work=work) for work in range(40)]
    assert led[0] == () and led[-1] != ()
    for work, kept in enumerate(led):
        slow_led = what_led_here(story, route, time_limit=60, clock=lambda: next(ticks), work=work)
        assert slow_led == kept


def test_every_closed_ending_is_proved_out_of_reach_after_the_choice() -> None:
    story = load_ok(TINY)
    for route in (("wait", "keep_waiting"), ("ask_him", "take_the_key")):
        states = run_states(story, route)
        for turn in what_mattered(story, route, time_limit=60).turns:
            after = choose(story, states[turn.index], turn.choice).state
            assert not set(turn.closed) & prove(story, start=after).endings
            assert turn.instead != turn.choice


def test_endings_not_found_are_counted_never_named(write_story: WriteStory) -> None:
    story = load_ok(write_story(FORKS, scenes=FORK_SCENES))
    weighed = what_mattered(story, ("left", "home_way"), time_limit=60)
    lines, note = described(story, weighed, found={"home", "far"}, ways=True)
    assert pairs(lines) == [  # in the order played
        (
            "The Hatch",
            'You chose "Go left." Instead, "Stay quiet" could have led to an ending you have not found.',
        ),
        (
            "The Node",
            'You chose "Go home." Instead, "Get lost" could have led to an ending you'
            ' have not found; "Go far" could have led to Far.',
        ),
    ]
    assert note == ""
    assert not any("Lost" in line or "Quiet" in line for _, line in pairs(lines))
    lines, note = described(story, weighed, found={"home"}, shown=1, ways=True)
    assert pairs(lines) == [
        (
            "The Node",
            'You chose "Go home." Instead, "Get lost" and "Go far" could each have led to an ending'
            " you have not found.",
        )
    ]
    assert note == "1 more choice turned away from an ending."


def test_by_default_only_the_choices_are_told_never_the_endings(write_story: WriteStory) -> None:
    """Blind reader R18: "could have led to 8 endings you have not found" on the ending
    screen read as a checklist; the endings come when the player asks (`ways`)."""
    story = load_ok(write_story(FORKS, scenes=FORK_SCENES))
    weighed = what_mattered(story, ("left", "home_way"), time_limit=60)
    lines, note = described(story, weighed, found={"home", "far"})
    assert pairs(lines) == [
        ("The Hatch", 'You chose "Go left." Instead, "Stay quiet" could have led elsewhere.'),
        (
            "The Node",
            'You chose "Go home." Instead, "Get lost" or "Go far" could have led elsewhere.',
        ),
    ]
    assert note == ""
    assert described(story, weighed, found={"home"}, shown=1)[1] == "1 more choice mattered too."


def test_the_notes_say_when_nothing_mattered_and_when_time_ran_out() -> None:
    story = load_ok(TINY)
    assert described(story, Mattered((), 3, 3), found=()) == (
        [],
        "No single choice turned away from an ending that another kept open.",
    )
    assert described(story, Mattered((), 1, 3), found=()) == (
        [],
        "Earlier choices may have mattered too.",
    )
    # Most of the run weighed: no note (it read as an engine message, R96, R97).
    assert described(story, Mattered((), 38, 40), found=()) == ([], "")
    assert (
        described(story, Mattered((), 2, 3), found=())[1]
        == "Earlier choices may have mattered too."
    )


GATE_SCENES = """\
scenes:
  a:
    title: The Hatch
    text: Two ways.
    choices:
      - {id: tell, text: Tell them, do: flag.told = true, go: b}
      - {id: keep, text: Keep it quiet, go: b}
  b:
    title: The Node
    text: Two more.
    choices:
      - {id: vote, text: Call a vote, when: flag.told, go: home_end}
      - {id: leave, text: Leave, go: lost_end}
      - {id: stay, text: Stay, go: far_end}
  home_end: {title: Home, text: Home., ending: home}
  lost_end: {title: Lost, text: Lost., ending: lost}
  quiet_end: {title: Quiet, text: Quiet., ending: quiet}
  far_end: {title: Far, text: Far., ending: far}
"""
GATED = FORKS.replace("endings:", "flags:\n  told: You told them.\nendings:")

"""Telling them closes nothing off (every ending is still open after it), yet without it
Home is out of reach: what mattered misses it, what led here names it."""


def test_what_led_here_names_the_choice_without_which_the_ending_was_lost(
    write_story: WriteStory,
) -> None:
    story = load_ok(write_story(GATED, scenes=GATE_SCENES))
    weighed = what_mattered(story, ("tell", "vote"), time_limit=60)
    assert [turn.choice for turn in weighed.turns] == ["vote"]
    kept = what_led_here(story, ("tell", "vote"), time_limit=60)
    assert [(k.choice, k.others) for k in kept] == [
        ("tell", ("Keep it quiet",)),
        ("vote", ("Leave", "Stay")),
    ]
    assert pairs(led_here(story, kept, weighed)) == [
        (
            "The Hatch",
            'You chose "Tell them." Instead, "Keep it quiet" would have put this ending out of reach.',
        )
    ]
    # The run that kept quiet, and left: nothing it chose kept Lost in reach that
    # another choice would have lost, but the last choice.
    assert [k.choice for k in what_led_here(story, ("keep", "leave"), time_limit=60)] == ["leave"]


def test_what_led_here_stops_at_its_time_limit(write_story: WriteStory) -> None:
    story = load_ok(write_story(GATED, scenes=GATE_SCENES))
    ticks = count(step=10.0)
    assert what_led_here(story, ("tell", "vote"), time_limit=1, clock=lambda: next(ticks)) == ()


def test_a_choice_taken_again_on_a_loop_is_told_once() -> None:
    """Waiting twice at the same door closed something each time, and read the same
    twice in a row (blind reader R98 #16): one line, and nothing counted as more."""
    story = load_ok(TINY)
    turn = Turn(0, "hatch", "wait", ("good",), "knock", "Wait for him to come to you")
    again = Turn(1, "hatch", "wait", ("good",), "knock", "Wait for him to come to you", (), "Again")
    lines, note = described(story, Mattered((turn, again), 2, 2), found=())
    assert len(lines) == 1 and note == ""
    assert (lines[0].scene, lines[0].index) == ("The Hatch", 0)  # the first visit's title


def test_what_led_here_tells_a_choice_taken_again_on_a_loop_once(write_story: WriteStory) -> None:
    """Waiting twice at The Soyuz kept Reentry in reach twice, and read the same twice in a
    row (blind reader R101 #11): one line."""
    story = load_ok(write_story(GATED, scenes=GATE_SCENES))
    wait = Kept(0, "a", "tell", "Tell them", ("Keep it quiet",))
    again = Kept(1, "a", "tell", "Tell them", ("Keep it quiet",), "The Hatch, Again")
    assert len(led_here(story, (wait, again))) == 1


def test_a_choice_is_told_under_the_title_of_its_visit(write_story: WriteStory) -> None:
    """A scene with a title per visit ("The Soyuz, Four Hours On") is named in What
    mattered and What led here as the player read it at that choice, not by its first
    title."""
    scenes = FORK_SCENES.replace("title: The Node", "title: 'The Node{sequence: | , Again}'")
    scenes = scenes.replace(
        "go: far_end", "go: far_end\n      - {id: round, text: Go round, go: b}"
    )
    story = load_ok(write_story(FORKS, scenes=scenes))
    weighed = what_mattered(story, ("left", "round", "home_way"), time_limit=60)
    titles = {story.scenes[t.scene].id: t.title for t in weighed.turns}
    assert titles.get("b") == "The Node, Again"
    lines, _ = described(story, weighed, found=())
    assert "The Node, Again" in [told.scene for told in lines]


def test_a_choice_with_a_quotation_and_more_reads_as_one_choice() -> None:
    """Blind reader R130 read 'You chose "Nothing." Wait for her alarm. "Tell Christian..."'
    and could not tell where one choice ended and the next began."""
    assert quoted_choice('"Get in."') == '"Get in."'  # one quotation stands as it is
    assert quoted_choice('"Nothing." Wait for her alarm.') == "\"'Nothing.' Wait for her alarm.\""
    assert quoted_choice('"Christian! The arm!" on channel two') == (
        "\"'Christian! The arm!' on channel two\""
    )
    assert quoted_choice("\u201cHi,\u201d she says") == '"\u2018Hi,\u2019 she says"'
    assert quoted_choice("Go home") == '"Go home"'


def test_the_choice_taken_ends_inside_its_marks_and_the_others_follow_instead() -> None:
    """R287 (#9) read 'You chose "Go left". "Stay quiet" could have led elsewhere.' as
    one run of choices, the full stop outside the marks a slip in American style."""
    assert you_chose("Go left") == 'You chose "Go left."'
    assert you_chose("Go left. ") == 'You chose "Go left."'
    assert you_chose('"Get in."') == 'You chose "Get in."'
    assert you_chose('"Get in"') == 'You chose "Get in."'
    assert you_chose('Say "yes"') == "You chose \"Say 'yes.'\""
    assert you_chose("Why?") == 'You chose "Why?"'


def with_prelude(write_story: WriteStory) -> Story:
    """FORKS after a prelude whose two choices both lead to The Hatch: after either,
    every ending may still be reached."""
    prelude = FORK_SCENES.replace(
        "scenes:\n",
        "scenes:\n  p:\n    title: Prelude\n    text: Ready.\n    choices:\n"
        "      - id: begin\n        text: Begin\n        go: a\n"
        "      - id: also_begin\n        text: Also begin\n        go: a\n",
    )
    return load_ok(write_story(FORKS.replace("start: a", "start: p"), scenes=prelude))


def test_once_every_ending_is_in_reach_the_choices_before_are_weighed_without_a_pass(
    write_story: WriteStory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After "Begin" every ending may still be reached, so neither it nor any choice
    before it can have closed one off: no proof pass is run from there (the first
    passes cover the whole story and cost the most), and the weighing is complete."""
    story = with_prelude(write_story)
    started: list[str] = []

    def counted(*args: Any, **kwargs: Any) -> Any:
        started.append(kwargs["start"].scene)
        return prove(*args, **kwargs)

    monkeypatch.setattr("iss.authoring.explore.mattered.prove", counted)
    weighed = what_mattered(story, ("begin", "left", "home_way"), time_limit=60)
    assert weighed.complete and weighed.weighed == weighed.total == 3
    assert [turn.choice for turn in weighed.turns] == ["home_way", "left"]
    assert "p" not in started and "a" in started


def test_what_led_here_takes_a_walk_that_gets_there_as_its_witness(
    write_story: WriteStory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "Also begin" keeps Home in reach: a walk from it by the fewest steps gets there,
    so no proof pass is run, and the answers are what the pass alone gave."""
    story = with_prelude(write_story)
    assert steps_to(story, "home") == {"home_end": 0, "b": 1, "a": 2, "p": 3}
    route = ("begin", "left", "home_way")
    with monkeypatch.context() as no_walks:
        no_walks.setattr("iss.authoring.explore.way_here._walks_to", lambda *_: False)
        proved = what_led_here(story, route, time_limit=60)
    started: list[str] = []

    def counted(*args: Any, **kwargs: Any) -> Any:
        started.append(kwargs["start"].scene)
        return prove(*args, **kwargs)

    monkeypatch.setattr("iss.authoring.explore.way_here.prove", counted)
    walked = what_led_here(story, route, time_limit=60)
    assert walked == proved and [kept.choice for kept in walked] == ["left", "home_way"]
    assert started == []  # every other choice ended at once, or was walked to Home


LOCKED_SCENES = GATE_SCENES.replace(
    "when: flag.told, go: home_end}",
    "when: flag.told, reason: You kept it quiet., go: home_end}\n"
    "      - {id: shout, text: Shout, when: flag.told, go: far_end}",
)
"""The Node's vote is locked with the author's reason; its shout is locked without one."""


def test_a_lock_the_author_explained_is_told_beside_the_choice_that_mattered(
    write_story: WriteStory,
) -> None:
    # A locked "Wait. Zvezda's engines could keep all six of us up" said what shut One
    # Crew, and the ending's list never did (blind reader R311 #1).
    story = load_ok(write_story(GATED, scenes=LOCKED_SCENES))
    weighed = what_mattered(story, ("keep", "leave"), time_limit=60)
    node = next(turn for turn in weighed.turns if turn.scene == "b")
    assert node.locked == (("Call a vote", "You kept it quiet."),)
    lines, _ = described(story, weighed, found=())
    assert pairs(lines)[-1] == (
        "The Node",
        'You chose "Leave." Instead, "Stay" could have led elsewhere.'
        ' Locked there: "Call a vote" (You kept it quiet).',
    )
