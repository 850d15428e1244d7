"""Moving numbers: a choice only some routes offer, written before one every route
offers, moves that one's number; `iss report` lists it (R268 #20, R271 #14)."""

from __future__ import annotations

from iss.authoring.report import ReportOptions, build_report, moving_numbers
from iss.engine.model import Story
from tests.conftest import BASE_MANIFEST, BASE_SCENES, WriteStory, load_ok

SCENES = """\
scenes:
  a:
    title: Hub
    text: Which way?
    choices:
      - id: the_long_way
        text: The long way
        do: flag.met = true
        go: loops
      - id: the_short_way
        text: The short way
        go: loops
  loops:
    title: Two Loops
    text: Choose.
    choices:
{choices}
""" + BASE_SCENES[BASE_SCENES.index("  b:\n") :]  # the ending, and the timer's own
ASK = """\
      - id: ask_alexey
        text: Ask Alexey
        when: flag.met
        hidden: true
        go: b
"""
SIDES = """\
      - id: with_you
        text: With you
        go: b
      - id: with_the_crew
        text: With the crew
        go: b
"""


def story(write_story: WriteStory, choices: str) -> Story:
    return load_ok(write_story(BASE_MANIFEST, s=SCENES.replace("{choices}\n", choices)))


def test_a_choice_some_routes_add_first_moves_the_others(write_story: WriteStory) -> None:
    moving = moving_numbers(story(write_story, ASK + SIDES), runs=40)
    assert [(m.scene, m.choice) for m in moving] == [
        ("loops", "with_the_crew"),
        ("loops", "with_you"),
    ]
    you = next(m for m in moving if m.choice == "with_you")
    assert set(you.numbers) == {1, 2} and sum(you.numbers.values()) == 40

    report = build_report(story(write_story, ASK + SIDES), ReportOptions(runs=20, seam_runs=40))
    assert report.to_json()["moving_numbers"][1] == {
        "scene": "loops",
        "choice": "with_you",
        "numbers": {str(n): v for n, v in you.numbers.items()},
    }


def test_written_last_it_moves_nothing(write_story: WriteStory) -> None:
    assert moving_numbers(story(write_story, SIDES + ASK), runs=40) == []


def test_once_only_choices_going_as_they_are_taken_are_not_counted(
    write_story: WriteStory,
) -> None:
    once = ASK.replace("when: flag.met\n        hidden: true\n", "once: true\n").replace(
        "go: b", "go: loops"
    )
    assert moving_numbers(story(write_story, once + SIDES), runs=40) == []


def test_a_locked_choice_keeps_its_place_and_moves_nothing(write_story: WriteStory) -> None:
    """Shown locked (not `hidden:`), it is numbered in its place, as both front ends
    number it, so the choices after it keep theirs (R292 #11)."""
    locked = ASK.replace("        hidden: true\n", "")
    assert moving_numbers(story(write_story, locked + SIDES), runs=40) == []
