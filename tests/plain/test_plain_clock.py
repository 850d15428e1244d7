"""Plain mode says the clock once it has fallen an hour unseen.

A choice's label names the clock only where time is a question, so a run of scenes
that each spent half an hour took hours with no figure on screen: a blind reader
(R261 #1) saw "1h of the 11h 30m" at one decision and "7h 55m to reentry" six scenes
on. Now a scene whose choices come after an hour or more unseen says the figure."""

from __future__ import annotations

import io

from iss.plain import PlainGame
from tests.conftest import BASE_MANIFEST, BASE_SCENES, WriteStory, load_ok

SCENES = """\
scenes:
  a:
    title: A
    text: Start.
    choices:
      - text: Go on
        go: b
  b:
    title: B
    text: Twenty minutes.
    time: 20m
    choices:
      - text: Go on
        go: c
  c:
    title: C
    text: Twenty more.
    time: 20m
    choices:
      - text: Go on
        go: c2
  c2:
    title: C2
    text: And twenty.
    time: 20m
    choices:
      - text: Go on
        go: d
  d:
    title: D
    text: The clock reads {clock.reentry} here.
    time: 20m
    choices:
      - text: Go on
        go: e
  e:
    title: E
    text: A quarter.
    time: 15m
    choices:
      - text: Finish
        go: done
  done:
    title: Done
    text: End.
    ending: good
""" + BASE_SCENES[BASE_SCENES.index("  burn:\n") :]  # the timer's own ending


def played(write_story: WriteStory, typed: str) -> str:
    story = load_ok(write_story(BASE_MANIFEST.replace("start: 2h", "start: 10h"), s=SCENES))
    out = io.StringIO()
    PlainGame(story, io.StringIO(typed), out, mattered_seconds=0).run()
    return out.getvalue()


def test_an_hour_gone_unseen_is_said_before_the_choices(write_story: WriteStory) -> None:
    text = played(write_story, "1\n1\n1\n1\n1\n1\n")
    b, c = text.split("== B ==")[1].split("== C ==")
    assert "now.)" not in b and "now.)" not in c.split("== C2 ==")[0]  # 20m, 40m: not yet
    assert "And twenty.\n\n(9h to reentry now.)\n\n  1) Go on" in c.split("== D ==")[0]
    # the text gives the figure itself, and the next quarter hour is not news
    assert "The clock reads 8h 40m here." in text
    assert text.count("now.)") == 1


def test_status_shows_the_clock_and_the_count_starts_again(write_story: WriteStory) -> None:
    text = played(write_story, "1\n:status\n1\n")
    assert "Clock: 9h 40m to reentry" in text  # at B
    assert "now.)" not in text  # C is twenty minutes after the figure was on screen
