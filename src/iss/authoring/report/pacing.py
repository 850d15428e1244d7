"""Pacing: how much a playthrough reads, and how long it reads without deciding anything.

    reading = Reading(story)
    reading.see(state)              # the player reads the scene text in this state
    reading.choose(options=3)       # then picks one of 3 available choices
    walk = reading.done(state.ending)

Words are those of the scene text as it renders in the state the player
reads it in (conditional fragments included or not). A *decision* is a
choice taken where at least two were available; a scene with one available
choice is read straight through, so the longest run of words without a
decision runs across it. The share of the story's words counts, per scene,
the pieces of its text that any of its visits shows (`coverage.py`: a hub
shown three times with a different branch or variation item each time counts
all three, the same text twice counts once), against every scene's words with
every text variant counted once (`Scene.words`).

A scene's length is counted per visit, as it renders then: a scene whose
median visit runs past `LONG_SCENE` words is listed (`Pacing.long_scenes`).
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from iss.authoring.report.coverage import TextCoverage
from iss.engine.model import Story
from iss.engine.state import StateView
from iss.engine.text import count_key
from iss.engine.walk import Walker

LONG_SCENE = 300
"""Words a scene visit may run before the report lists it. Scenes run 80 to 300 words
(the story's voice brief); blind readers named every scene past it, wave after wave,
as where the tension drains ("the long ones land where tension should be highest")."""


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
    visits: tuple[tuple[str, int], ...] = ()
    """Each scene text read, in order, with the words it showed then."""


class WordCounts:
    """Words of the story, and of a scene's text as it renders in a state.

    A scene's count and the pieces it shows depend only on the conditions of
    its fragments, the items its variations pick and the values it shows
    (`count_key`), so they are remembered per scene and per variant: random
    play meets the same few variants of a scene thousands of times."""

    def __init__(self, story: Story) -> None:
        self.story = story
        self.story_words = sum(s.words for s in story.scenes.values())
        self.keys: dict[str, Callable[[StateView], tuple[object, ...]] | None] = {}
        self.texts: dict[str, TextCoverage] = {}
        self.seen: dict[tuple[str, tuple[object, ...]], tuple[int, int]] = {}

    def of(self, state: StateView) -> int:
        """The words the scene's text shows in `state`."""
        return self.visit(state)[0]

    def visit(self, state: StateView) -> tuple[int, int]:
        """The words the scene's text shows in `state`, and its pieces shown
        (`TextCoverage.shown`)."""
        scene = state.scene
        if scene not in self.keys:
            self.keys[scene] = count_key(self.story.scenes[scene].text)
            self.texts[scene] = TextCoverage(self.story.scenes[scene])
        key_of = self.keys[scene]
        if key_of is None:
            return self._count(state)
        key = (scene, key_of(state))
        found = self.seen.get(key)
        if found is None:
            found = self.seen[key] = self._count(state)
        return found

    def read(self, scene: str, shown: int) -> int:
        """The words of `scene` (as `Scene.words` counts them) that the pieces in
        `shown` hold (`TextCoverage.read`)."""
        return self.texts[scene].read(shown)

    def _count(self, state: StateView) -> tuple[int, int]:
        text = self.story.scenes[state.scene].text
        return text.word_count(state), self.texts[state.scene].shown(state)


class Reading:
    """Follows one playthrough and counts what it reads (see the module docstring)."""

    def __init__(self, story: Story, counts: WordCounts | None = None) -> None:
        self.story = story
        self.counts = counts or WordCounts(story)
        self.words = self.choices = self.decisions = self.run = self.longest_run = 0
        self.shown: dict[str, int] = {}
        """Per scene, the pieces of its text any visit showed (`TextCoverage.shown`)."""
        self.taken: set[tuple[str, str]] = set()
        self.passed: set[tuple[str, int, int]] = set()
        """The texts of scenes passed through since the last choice (`pass_through`)."""
        self.visits: list[tuple[str, int]] = []

    def see(self, state: StateView) -> None:
        count, shown = self.counts.visit(state)
        self._read(state.scene, count, shown)

    def pass_through(self, state: StateView) -> None:
        """Read the text of a scene a fallback passes through, in the state it renders
        in (`Walk.on_pass`): once a step for the same text, as `runner` shows it."""
        count, shown = self.counts.visit(state)
        key = (state.scene, count, shown)
        if key not in self.passed:
            self.passed.add(key)
            self._read(state.scene, count, shown)

    def _read(self, scene: str, count: int, shown: int) -> None:
        self.visits.append((scene, count))
        self.words += count
        self.shown[scene] = self.shown.get(scene, 0) | shown
        self.run += count
        self.longest_run = max(self.longest_run, self.run)

    def choose(self, scene: str, choice: str, options: int) -> None:
        self.passed.clear()
        self.choices += 1
        self.taken.add((scene, choice))
        if options >= 2:
            self.decisions += 1
            self.run = 0

    def done(self, ending: str | None) -> Walk:
        total = self.counts.story_words
        seen = sum(self.counts.read(scene, shown) for scene, shown in self.shown.items())
        return Walk(
            ending,
            self.words,
            seen / total if total else 1.0,
            self.choices,
            self.decisions,
            self.longest_run,
            frozenset(self.taken),
            tuple(self.visits),
        )


def follow(story: Story, route: Sequence[str], walker: Walker | None = None) -> Walk:
    """Play `route` from the start and read along, the scenes fallbacks pass through
    included. `walker` is the story's, compiled once for many routes."""
    reading = Reading(story)
    walker = walker or Walker(story)
    walk = walker.start(on_pass=reading.pass_through)
    reading.see(walk)
    for choice_id in route:
        options = walker.options(walk)
        option = next((o for o in options if o.choice.id == choice_id), None)
        if option is None:
            raise ValueError(f"{choice_id!r} is not available in scene {walk.scene!r}")
        reading.choose(walk.scene, choice_id, len(options))
        walker.choose(walk, option)
        reading.see(walk)
    return reading.done(walk.ending)


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
    scene_words: dict[str, Spread] = field(default_factory=dict)
    """Per scene read, the words of its visits (every visit of every playthrough)."""

    @classmethod
    def of(cls, walks: Sequence[Walk]) -> Pacing:
        visits: dict[str, list[int]] = {}
        for walk in walks:
            for scene, words in walk.visits:
                visits.setdefault(scene, []).append(words)
        return cls(
            len(walks),
            Spread.of(w.words for w in walks),
            Spread.of(w.share for w in walks),
            Spread.of(w.choices for w in walks),
            Spread.of(w.decisions for w in walks),
            Spread.of(w.longest_run for w in walks),
            {scene: Spread.of(counts) for scene, counts in sorted(visits.items())},
        )

    @property
    def visit_words(self) -> Spread:
        """Over the scenes read, the spread of their median visits."""
        return Spread.of(spread.median for spread in self.scene_words.values())

    @property
    def long_scenes(self) -> list[tuple[str, Spread]]:
        """The scenes whose median visit runs past `LONG_SCENE` words, longest first."""
        long = [
            (sid, spread) for sid, spread in self.scene_words.items() if spread.median > LONG_SCENE
        ]
        return sorted(long, key=lambda item: (-item[1].median, item[0]))

    def to_json(self) -> dict[str, Any]:
        return {
            "playthroughs": self.playthroughs,
            "words": self.words.to_json(),
            "share_of_story": self.share.to_json(),
            "choices": self.choices.to_json(),
            "decisions": self.decisions.to_json(),
            "longest_run_without_decision": self.longest_run.to_json(),
            "scene_visit_words": {
                "median_per_scene": self.visit_words.to_json(),
                "long_scenes": {sid: spread.to_json() for sid, spread in self.long_scenes},
            },
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
