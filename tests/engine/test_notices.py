"""Trust notices: only when a level is crossed, in words, in a few wordings."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from iss.authoring.loader import load_story
from iss.engine.clocks import ClockReading
from iss.engine.events import TrustChanged
from iss.engine.model import Story
from iss.notices import (
    COLDER,
    PAIR_COLDER,
    PAIR_WARMER,
    WARMER,
    clock_note,
    clock_warning,
    event_notices,
    time_cost,
    trust_notice,
)

STATION = Path(__file__).resolve().parent.parent / "ui" / "fixtures" / "station"


def station() -> Story:
    story = load_story(STATION).story
    assert story is not None
    return story


def test_a_small_move_inside_a_level_says_nothing() -> None:
    story = station()  # levels: 0-2 hostile, 3-4 wary, 5-6 neutral, 7-8 trusting, 9-10 loyal
    assert trust_notice(story, TrustChanged("weronika", None, 5, 6)) is None
    assert trust_notice(story, TrustChanged("nicholai", None, 2, 0)) is None


def test_crossing_a_level_is_told_in_words_never_a_level_or_a_number() -> None:
    story = station()
    up = trust_notice(story, TrustChanged("alexey", None, 4, 5))
    down = trust_notice(story, TrustChanged("alexey", None, 5, 4))
    pair = trust_notice(story, TrustChanged("gordon", "weronika", 6, 7))
    assert up in {warm.format(who="Alexey") for warm in WARMER}
    assert down is not None and down in {c.format(who="Alexey") for c in COLDER}
    assert pair is not None and pair in {p.format(who="Gordon", other="Nika") for p in PAIR_WARMER}
    levels = ("hostile", "wary", "neutral", "trusting", "loyal")
    for line in (up, down, pair):
        assert not any(ch.isdigit() for ch in line)
        assert not any(level in line for level in levels)


def test_a_fall_never_reads_as_good_news() -> None:
    """A drop from loyal to trusting is told with a cold phrase, a rise from wary
    to neutral with a warm one."""
    story = station()
    down = trust_notice(story, TrustChanged("christian", None, 9, 8))
    assert down in {cold.format(who="Christian") for cold in COLDER}
    up = trust_notice(story, TrustChanged("christian", None, 4, 5))
    assert up in {warm.format(who="Christian") for warm in WARMER}


def test_a_small_move_never_reads_as_final() -> None:
    """One level, either way, is a step: R115 read "Gordon will not soon forgive that"
    after one choice, then met a warm Gordon a scene later. Lasting words are kept
    for the big moves, and even they stop short of never."""
    lasting = re.compile(r"\b(forgive|never|again|dearly|far|breaks)\b")
    for phrase in WARMER + COLDER:
        assert lasting.search(phrase) is None, phrase


def test_no_notice_holds_parentheses() -> None:
    """Plain mode puts each notice in parentheses: none may nest."""
    story = station()
    for who in story.characters:
        for old in range(11):
            for new in (old - 2, old - 1, old + 1, old + 2):
                told = trust_notice(story, TrustChanged(who, None, old, max(0, min(10, new))))
                assert told is None or not {"(", ")"} & set(told)


def test_a_tie_between_two_of_the_crew_reads_as_theirs_not_kiras() -> None:
    """ "Christian and Weronika keep their distance now" read as both cooling toward Kira
    (blind reader R351 #4): a pair's notice says the tie is between them."""
    for phrase in PAIR_WARMER + PAIR_COLDER:
        told = phrase.format(who="Christian", other="Weronika")
        assert "between" in told or "each other" in told, told


def test_the_moves_of_one_step_count_as_one() -> None:
    """Up a level and back within one step is no move: nothing is said. A step that
    ends lower says so, whatever it passed through."""
    story = station()
    there_and_back = [
        TrustChanged("christian", None, 7, 9),
        TrustChanged("christian", None, 9, 8),
    ]
    assert event_notices(story, there_and_back) == []
    fall = [TrustChanged("alexey", None, 4, 6), TrustChanged("alexey", None, 6, 2)]
    (line,) = event_notices(story, fall)
    assert line in {cold.format(who="Alexey") for cold in COLDER}


def test_the_wording_varies_between_crossings() -> None:
    story = station()
    lines = {
        trust_notice(story, TrustChanged(who, None, old, old + 1))
        for who in ("alexey", "christian", "gordon")
        for old in (2, 4, 6, 8)
    }
    phrases = {
        line.split(" (")[0].replace("Alexey", "X").replace("Christian", "X")
        for line in lines
        if line
    }
    assert len(phrases) >= 3


def test_half_an_hour_or_more_shows_on_the_choice() -> None:
    assert time_cost(10) == ""
    assert time_cost(29) == ""
    assert time_cost(30) == " · 30m"
    assert time_cost(60) == " · 1h"
    assert time_cost(240) == " · 4h"
    assert time_cost(90) == " · 1h 30m"


def test_a_choice_that_outlasts_the_clock_says_what_is_left_not_its_cost() -> None:
    """ "Keep it sealed to the end · 24h" was offered with 4h 40m to go (blind reader R1)."""
    assert time_cost(1440, left=280) == " · 4h 40m, all that is left"
    assert time_cost(120, left=120) == " · 2h, all that is left"
    assert time_cost(60, left=61) == " · 1h of 1h 01m left"  # it fits: the cost, against the clock
    assert time_cost(10, left=5) == " · 5m, all that is left"  # untold costs too
    assert time_cost(0, left=0) == ""  # a free choice spends nothing
    assert time_cost(45, left=None) == " · 45m"  # no clock running


def test_a_clock_warns_in_words_when_little_time_is_left() -> None:
    assert clock_warning(600, 1800) == ""
    assert clock_warning(225, 1800) == "running low"  # an eighth of 30h
    assert clock_warning(60, 120) == "running low"  # never less than an hour
    assert clock_warning(30, 1800) == "almost out"
    assert clock_warning(0, 1800) == "out"  # R269: "0m to reentry (almost out)"
    stopped = ClockReading("air", "of air", 30, 1800, running=False)
    assert clock_note(stopped) == "stopped"  # not "almost out": it is not running down
    assert clock_note(replace(stopped, running=True)) == "almost out"
