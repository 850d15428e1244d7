"""A playthrough's trust notices read as consequences, not a ticker.

Readers T/U counted about six "lets you a little further in" per route when
each notice was worded on its own. A `Teller` remembers what it said: no phrase
comes back on the next notice or within a few choices, a second small move the
same way for the same person is left to the crew panel, and the same choices
read the same however the player got there.
"""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest

from iss.backlog import backlog
from iss.engine.events import Event, ItemGained, PassedThrough, SceneEntered, TrustChanged
from iss.engine.model import Story
from iss.engine.runner import choices, choose, new_game, replay
from iss.notices import ARRIVED, QUIET_CHOICES, Teller, said_lines
from iss.notices.phrases import (
    BIG_COLDER,
    BIG_WARMER,
    COLDER,
    PAIR_COLDER,
    PAIR_WARMER,
    VOICES,
    WARMER,
)
from tests.conftest import ROOT, edited_copy, load_ok
from tests.engine.test_notices import station

LEVELS = ("hostile", "wary", "neutral", "trusting", "loyal")


@pytest.fixture(scope="module")
def bundled() -> Story:
    return load_ok(ROOT / "story")


def told_along(story: Story, route: tuple[str, ...], seed: int = 0) -> list[list[str]]:
    """The notice lines of each choice of `route`, told as one sitting tells them."""
    teller = Teller(story)
    step = new_game(story, seed)
    out = []
    for choice in route:
        before = step.state
        step = choose(story, before, choice)
        out.append(said_lines(teller.tell(before, choice, step)))
    return out


def phrase_of(story: Story, line: str) -> str:
    """A line with the names taken out: the phrase a reader hears repeat."""
    for character in story.characters.values():
        line = line.replace(character.short, "X")
    return line


def random_route(story: Story, seed: int) -> tuple[str, ...]:
    """A playthrough to an ending, each choice drawn from a seeded generator."""
    pick = random.Random(seed)
    step = new_game(story, seed)
    route: list[str] = []
    while not step.state.over and len(route) < 300:
        open_ = [v.id for v in choices(story, step.state) if v.available]
        route.append(pick.choice(open_))
        step = choose(story, step.state, route[-1])
    return tuple(route)


def test_no_phrase_repeats_back_to_back_or_within_three_choices(bundled: Story) -> None:
    routes = [w.choices for w in bundled.walkthroughs]
    seeds = [0] * len(routes) + list(range(12))
    routes += [random_route(bundled, seed) for seed in range(12)]
    total = 0
    for route, seed in zip(routes, seeds, strict=True):
        told = [
            (n, phrase_of(bundled, line))
            for n, lines in enumerate(told_along(bundled, route, seed))
            for line in lines
            if not line.startswith("You now have") and not line.startswith("You no longer")
        ]
        total += len(told)
        for (n, phrase), (m, later) in itertools.pairwise(told):
            assert phrase != later, (route, n, m, phrase)
        for i, (n, phrase) in enumerate(told):
            near = [p for m, p in told[i + 1 :] if m - n <= 3]
            assert phrase not in near, (route, n, phrase)
    assert total >= 5 * len(routes)  # the routes really tell trust moves (about 8 each)


def test_a_load_an_undo_and_the_backlog_read_as_the_sitting_did(bundled: Story) -> None:
    """Same choices, same words: a fresh teller (after a load, an undo or `--at`)
    catches up on the history, and the backlog tells each step as it was told."""
    route = next(w.choices for w in bundled.walkthroughs if w.ending == "the_fall")
    sitting = told_along(bundled, route)
    assert sitting == told_along(bundled, route)
    for k in range(0, len(route), 5):
        before = replay(bundled, route[:k]).state  # as a load rebuilds it
        step = choose(bundled, before, route[k])
        assert said_lines(Teller(bundled).tell(before, route[k], step)) == sitting[k]
    teller = Teller(bundled)  # one teller, taken back and forward again
    late = replay(bundled, route[:20]).state
    teller.tell(late, route[20], choose(bundled, late, route[20]))
    early = replay(bundled, route[:8]).state
    assert said_lines(teller.tell(early, route[8], choose(bundled, early, route[8]))) == sitting[8]
    end = replay(bundled, route).state
    pages = [page.notices for page in backlog(bundled, end).pages if page.choice is not None]
    assert pages == [tuple(lines) for lines in sitting]


def test_a_line_tells_where_someone_stands_against_the_last_line() -> None:
    """Fifteen lines in a 40-choice playthrough read as a line on nearly every choice
    (readers R9, R10): a line tells a change since the last line about that person,
    and a small one waits `QUIET_CHOICES` choices after any line."""
    story = station()  # levels: 0-2 hostile, 3-4 wary, 5-6 neutral, 7-8 trusting, 9-10 loyal
    teller = Teller(story)

    def tell(when: int, old: int, new: int, who: str = "alexey") -> list[str]:
        return said_lines(teller.words(when, [TrustChanged(who, None, old, new)]))

    assert len(tell(1, 4, 5)) == 1  # wary to neutral: the first line about Alexey
    assert tell(2, 5, 7) == []  # on to trusting a choice later: too soon
    assert tell(3, 7, 5) == []  # back to neutral, where the last line left him
    assert len(tell(3, 4, 5, "gordon")) == 1  # the first line about Gordon does not wait
    assert tell(3 + QUIET_CHOICES, 5, 7) == []  # still too soon after Gordon's line
    assert len(tell(4 + QUIET_CHOICES, 7, 5) + tell(4 + QUIET_CHOICES, 5, 7)) == 1
    big_cold = {p.format(who="Alexey") for p in BIG_COLDER}
    assert tell(5 + QUIET_CHOICES, 7, 3)[0] in big_cold  # two levels: told at once
    assert tell(6 + QUIET_CHOICES, 3, 5) == []  # wary to neutral: too soon
    assert tell(20, 5, 4) == []  # back to wary, where the last line left him
    colder = {p.format(who="Alexey") for p in COLDER}
    assert tell(21, 4, 2)[0] in colder  # wary to hostile, long after: "a little"


def test_a_line_never_reads_against_the_move_it_follows() -> None:
    """A move left untold (another crossed more in the same stretch) leaves Alexey two
    levels below the last line about him: a move up from there must not read as
    colder, and the next move down reads as far colder than that line."""
    story = station()  # levels: 0-2 hostile, 3-4 wary, 5-6 neutral, 7-8 trusting, 9-10 loyal
    teller = Teller(story)

    def tell(when: int, *moves: tuple[str, int, int]) -> list[str]:
        events: list[Event] = [TrustChanged(who, None, old, new) for who, old, new in moves]
        return said_lines(teller.words(when, events))

    assert len(tell(1, ("alexey", 6, 7))) == 1  # neutral to trusting
    gordon = {p.format(who="Gordon") for p in BIG_WARMER}
    assert tell(10, ("gordon", 2, 9), ("alexey", 7, 3))[0] in gordon  # Gordon's crosses most
    assert tell(20, ("alexey", 3, 5)) == []  # up to neutral, yet below trusting: unsaid
    big_cold = {p.format(who="Alexey") for p in BIG_COLDER}
    assert tell(30, ("alexey", 5, 4))[0] in big_cold  # wary: two below trusting


def test_every_phrase_names_who_says_which_way_and_shows_no_level() -> None:
    tables = [WARMER, COLDER, PAIR_WARMER, PAIR_COLDER, BIG_WARMER, BIG_COLDER]
    for who, (warmer, colder) in VOICES.items():
        tables += [warmer, colder]
        for phrase in (*warmer, *colder):
            assert who.capitalize() in phrase
    for table in tables:
        assert len(set(table)) == len(table)
        for phrase in table:
            assert "{who}" in phrase or any(w.capitalize() in phrase for w in VOICES)
            assert not {"(", ")"} & set(phrase)
            assert not any(ch.isdigit() for ch in phrase)
            assert not any(level in phrase.lower() for level in LEVELS)
    assert len(WARMER) >= 8 and len(COLDER) >= 8


def test_the_bundled_cast_speaks_in_its_own_voice_and_other_stories_do_not(
    bundled: Story,
) -> None:
    voiced = {p for warm, cold in VOICES.values() for p in (*warm, *cold)}
    lines = [line for step in told_along(bundled, bundled.walkthroughs[0].choices) for line in step]
    routes = [told_along(bundled, w.choices) for w in bundled.walkthroughs]
    assert any(line in voiced for route in routes for step in route for line in step)
    story = station()
    teller = Teller(story)
    rounds = [((4, 5), (5, 4))[round_ % 2] for round_ in range(4)]  # up, down, up, down
    moves = [
        TrustChanged(who, None, *move)
        for move in rounds
        for who in ("alexey", "christian", "gordon", "nicholai")
    ]
    other = [
        line
        for when, move in enumerate(moves, start=1)
        for line in said_lines(teller.words(when * 10, [move]))
    ]
    assert len(other) == 16 and not set(other) & voiced
    assert lines  # the first walkthrough tells trust at all


def test_each_line_follows_the_text_that_tells_it() -> None:
    """What the choice did comes first; a scene passed through is told before the lines
    of its own `do:`; the lines of the scene the step stops at follow `ARRIVED`. All
    lines together in one place read a choice's trust as the next scene's doing (R5)."""
    story = station()

    def move(who: str, old: int, new: int) -> TrustChanged:
        return TrustChanged(who, None, old, new)

    passed = PassedThrough("hatch", ())
    said = Teller(story).words(
        1,
        [
            move("alexey", 4, 5),  # the choice: wary to neutral
            SceneEntered("hatch"),
            move("gordon", 5, 3),  # the hatch's do: neutral to wary
            passed,
            SceneEntered("lab"),
            move("nicholai", 3, 5),  # the lab's do: wary to neutral
        ],
    )
    assert [type(part).__name__ for part in said] == [
        "str",
        "PassedThrough",
        "str",
        "Arrived",
        "str",
    ]
    assert said[1] is passed and said[3] is ARRIVED
    warmer = {p.format(who="X") for p in WARMER}
    colder = {p.format(who="X") for p in COLDER}
    assert phrase_of(story, str(said[0])) in warmer and phrase_of(story, str(said[4])) in warmer
    assert phrase_of(story, str(said[2])) in colder


def test_a_step_without_scenes_has_no_arrival() -> None:
    """Lines told of events alone (a caller's own list) have no place to split."""
    said = Teller(station()).words(1, [TrustChanged("alexey", None, 4, 5)])
    assert len(said) == 1 and isinstance(said[0], str)


def test_one_trust_line_per_stretch_of_text() -> None:
    """A line after nearly every scene, often two at once, broke the voice (readers R5,
    R6): a stretch of text tells one move, the one that crosses most, Kira's trust
    before a tie between two of the crew; the rest show in the crew panel."""
    story = station()  # levels: 0-2 hostile, 3-4 wary, 5-6 neutral, 7-8 trusting, 9-10 loyal
    pair = TrustChanged("alexey", "nicholai", 9, 6)  # loyal to neutral: two levels
    gordon = TrustChanged("gordon", None, 6, 7)  # neutral to trusting: one
    alexey = TrustChanged("alexey", None, 4, 5)  # wary to neutral: one

    def told(events: list[Event]) -> list[str]:
        return said_lines(Teller(story).words(1, events))

    assert told([pair, gordon, alexey]) == told([pair])  # the widest crossing
    assert told([gordon, alexey]) == told([gordon])  # then the first to move
    assert told([TrustChanged("alexey", "nicholai", 9, 8), alexey]) == told([alexey])  # Kira's
    assert len(told([gordon, ItemGained("research")])) == 2  # items are always told


def test_a_big_move_reads_as_big() -> None:
    """Saving Gordon's life earned only "Gordon warms to you a little" (reader R8): a
    move across two levels, or of three points or more, has words of its own."""
    story = station()  # levels: 0-2 hostile, 3-4 wary, 5-6 neutral, 7-8 trusting, 9-10 loyal

    def told(old: int, new: int) -> str:
        return said_lines(Teller(story).words(1, [TrustChanged("gordon", None, old, new)]))[0]

    big_warm = {p.format(who="Gordon") for p in BIG_WARMER}
    big_cold = {p.format(who="Gordon") for p in BIG_COLDER}
    assert told(6, 9) in big_warm  # three points, two levels
    assert told(5, 8) in big_warm  # three points across one level
    assert told(6, 7) not in big_warm  # one point across one level: "a little"
    assert told(7, 4) in big_cold and told(5, 4) not in big_cold


def test_a_quiet_choice_tells_no_trust_line_and_the_next_line_catches_up(tmp_path: Path) -> None:
    """ "Nicholai trusts you far more than before" right after letting a man die read as
    bookkeeping (R162 #9, R166 #11). A `quiet: true` choice is followed by no trust line,
    though its items are still told; the next line about that person tells where they
    stand against the last line told, the same in one sitting, after a load and in the
    backlog."""
    folder = edited_copy(
        ROOT / "tests" / "fixtures" / "tiny",
        tmp_path / "quiet",
        scenes=(
            "        do: [trust.alexey += 2, flag.asked_alexey = true]\n        time: 10m\n",
            "        do: [trust.alexey += 2, flag.asked_alexey = true, has.key = true]\n"
            "        quiet: true\n        time: 10m\n",
        ),
    )
    scenes = folder / "scenes.yaml"
    text = scenes.read_text(encoding="utf-8")
    waits = "        text: Keep waiting\n        time: 2h\n"
    a_wait = "        text: Keep waiting\n        time: 10m\n        do: trust.alexey += 1\n"
    scenes.write_text(text.replace(waits, a_wait), "utf-8")  # a move short of an ending
    story = load_ok(folder)
    assert story.scenes["hatch"].choice_index["ask_him"].quiet
    assert not story.scenes["hatch"].choice_index["wait"].quiet
    route = ("ask_him", "keep_waiting")
    told = told_along(story, route)
    assert told[0] == ["You now have Weronika's key."]  # the kit, and no trust line
    assert len(told[1]) == 1 and "Alexey" in told[1][0]  # the next move is told
    loud = load_ok(ROOT / "tests" / "fixtures" / "tiny")
    assert any("Alexey" in line for line in told_along(loud, ("ask_him",))[0])
    end = replay(story, route).state
    pages = [page.notices for page in backlog(story, end).pages if page.choice is not None]
    assert [list(page) for page in pages] == told
    caught_up = Teller(story)  # told the second step without having heard the first
    before = replay(story, route[:1]).state
    step = choose(story, before, route[1])
    assert said_lines(caught_up.tell(before, route[1], step)) == told[1]


def test_the_choice_that_reaches_an_ending_tells_no_trust_line(tmp_path: Path) -> None:
    """A trust line printed between an ending's text and its title "can no longer
    matter" (blind readers R231, R234, after Flag Bearer). The move still happens: the
    trust screen at the ending shows it."""
    folder = edited_copy(ROOT / "tests" / "fixtures" / "tiny", tmp_path / "last")
    scenes = folder / "scenes.yaml"
    text = scenes.read_text(encoding="utf-8")
    scenes.write_text(text.replace("do: has.key = true", "do: [trust.alexey += 3]"), "utf-8")
    story = load_ok(folder)
    route = ("ask_him", "take_the_key")
    told = told_along(story, route)
    assert any("Alexey" in line for line in told[0])  # mid-game: told
    assert told[1] == []  # the ending's step: not told
    end = replay(story, route).state
    assert end.over and end.trust["alexey"] > replay(story, route[:1]).state.trust["alexey"]
    pages = [page.notices for page in backlog(story, end).pages if page.choice is not None]
    assert [list(page) for page in pages] == told
