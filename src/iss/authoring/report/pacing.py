"""Pacing: how much a playthrough reads, and how long it reads without deciding anything.

    reading = Reading(story)
    reading.see(state)              # the player reads the scene text in this state
    reading.choose(options=3)       # then picks one of 3 available choices
    walk = reading.done(state.ending)

Words are those of the scene text as it renders in the state the player
reads it in (conditional fragments included or not). A *decision* is a
choice taken where at least two were available; a scene with one available
choice is read straight through, so the longest run of words without a
decision runs across it. The share of the story's words counts each scene
the playthrough shows once, against every scene's words with every text
variant counted once (`Scene.words`).
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from iss.engine.model import Story
from iss.engine.runner import can_take, choose, new_game
from iss.engine.state import StateView
from iss.engine.text import count_key


@dataclass(frozen=True, slots=True)
class Walk:
    """What one playthrough read and decided."""

    ending: str | None
    words: int
    share: float
    """Of the story's words, the share this playthrough shows."""
    choices: int
    decisions: int
    longest_run: int
    """The most words read in a row without a decision."""
    taken: frozenset[tuple[str, str]] = frozenset()


class WordCounts:
    """Words of the story, and of a scene's text as it renders in a state.

    A scene's count depends only on the conditions of its fragments and the
    values it shows (`count_key`), so it is remembered per scene and per
    variant: random play meets the same few variants of a scene thousands of
    times."""

    def __init__(self, story: Story) -> None:
        self.story = story
        self.story_words = sum(s.words for s in story.scenes.values())
        self.keys: dict[str, Callable[[StateView], tuple[object, ...]] | None] = {}
        self.seen: dict[tuple[str, tuple[object, ...]], int] = {}

    def of(self, state: StateView) -> int:
        scene = state.scene
        if scene not in self.keys:
            self.keys[scene] = count_key(self.story.scenes[scene].text)
        key_of = self.keys[scene]
        if key_of is None:
            return self.story.scenes[scene].text.word_count(state)
        key = (scene, key_of(state))
        count = self.seen.get(key)
        if count is None:
            count = self.seen[key] = self.story.scenes[scene].text.word_count(state)
        return count


class Reading:
    """Follows one playthrough and counts what it reads (see the module docstring)."""

    def __init__(self, story: Story, counts: WordCounts | None = None) -> None:
        self.story = story
        self.counts = counts or WordCounts(story)
        self.words = self.choices = self.decisions = self.run = self.longest_run = 0
        self.first_visit: dict[str, int] = {}
        self.taken: set[tuple[str, str]] = set()

    def see(self, state: StateView) -> None:
        count = self.counts.of(state)
        self.words += count
        self.first_visit.setdefault(state.scene, count)
        self.run += count
        self.longest_run = max(self.longest_run, self.run)

    def choose(self, scene: str, choice: str, options: int) -> None:
        self.choices += 1
        self.taken.add((scene, choice))
        if options >= 2:
            self.decisions += 1
            self.run = 0

    def done(self, ending: str | None) -> Walk:
        total = self.counts.story_words
        seen = sum(self.first_visit.values())
        return Walk(
            ending,
            self.words,
            seen / total if total else 1.0,
            self.choices,
            self.decisions,
            self.longest_run,
            frozenset(self.taken),
        )


def follow(story: Story, route: Sequence[str]) -> Walk:
    """Play `route` from the start and read along."""
    reading = Reading(story)
    state = new_game(story).state
    reading.see(state)
    for choice_id in route:
        scene = story.scenes[state.scene]
        options = sum(can_take(c, state) for c in scene.choices)
        reading.choose(scene.id, choice_id, options)
        state = choose(story, state, choice_id).state
        reading.see(state)
    return reading.done(state.ending)


@dataclass(frozen=True, slots=True)
class Spread:
    """Smallest, median and largest of some numbers."""

    low: float
    median: float
    high: float

    @classmethod
    def of(cls, values: Iterable[float]) -> Spread:
        data = sorted(values) or [0]
        return cls(data[0], statistics.median(data), data[-1])

    def to_json(self) -> dict[str, float]:
        return {"min": _num(self.low), "median": _num(self.median), "max": _num(self.high)}


@dataclass(frozen=True, slots=True)
class Pacing:
    """Pacing over a set of playthroughs."""

    playthroughs: int
    words: Spread
    share: Spread
    choices: Spread
    decisions: Spread
    longest_run: Spread

    @classmethod
    def of(cls, walks: Sequence[Walk]) -> Pacing:
        return cls(
            len(walks),
            Spread.of(w.words for w in walks),
            Spread.of(w.share for w in walks),
            Spread.of(w.choices for w in walks),
            Spread.of(w.decisions for w in walks),
            Spread.of(w.longest_run for w in walks),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "playthroughs": self.playthroughs,
            "words": self.words.to_json(),
            "share_of_story": self.share.to_json(),
            "choices": self.choices.to_json(),
            "decisions": self.decisions.to_json(),
            "longest_run_without_decision": self.longest_run.to_json(),
        }


@dataclass
class RoutePacing:
    """Pacing over the shortest route to each ending, and each route's own numbers."""

    routes: dict[str, tuple[tuple[str, ...], Walk]] = field(default_factory=dict)
    shortest: bool = True
    """False when some route is the shortest found, not proved shortest."""

    @property
    def summary(self) -> Pacing:
        return Pacing.of([walk for _, walk in self.routes.values()])

    def to_json(self) -> dict[str, Any]:
        return {
            "shortest": self.shortest,
            **self.summary.to_json(),
            "routes": {
                eid: {
                    "route": list(route),
                    "words": walk.words,
                    "share_of_story": round(walk.share, 4),
                    "choices": walk.choices,
                    "decisions": walk.decisions,
                    "longest_run_without_decision": walk.longest_run,
                }
                for eid, (route, walk) in self.routes.items()
            },
        }


def _num(value: float) -> float:
    return int(value) if float(value).is_integer() else round(value, 4)
