"""Arrivals in one scene over seeded random plays: what each fact's value was on each.

    check_scene(story, "standoff")                # UnknownTarget unless a player stops there
    sample = ArrivalSample(story, "standoff", names)
    sample.play(6_000, seed=0)                    # the runs of `play_randomly`
    sample.arrivals, sample.ways, sample.values   # per way in; per name, each value's tally

Shared by `ways_in` (what differs on arrival, each side with a real route) and
`paragraphs` (what differs among the arrivals that read each paragraph, by
overriding `arrive`). Kept apart from ways_in.py, whose name is also the
function the package hands out on demand: a module that imported ways_in.py
made `iss.authoring.explore.ways_in` the module, not the function.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from iss.authoring.explore.arrival_names import Name
from iss.authoring.explore.find import UnknownTarget
from iss.authoring.explore.random_play import MAX_STEPS, pick_below
from iss.engine.model import Story, Value
from iss.engine.names import closest_name
from iss.engine.walk import Walk, Walker

START = "(the start)"
"""The way in of the start scene, entered as a game starts."""


def check_scene(story: Story, scene: str) -> None:
    """Raise `UnknownTarget` unless a player can stop in `scene` (it exists, and its
    fallback does not pass it through)."""
    if scene not in story.scenes:
        close = closest_name(scene, story.scenes)
        hint = f"; did you mean `{close}`?" if close else ""
        raise UnknownTarget(f"`{scene}` is not a scene of this story{hint}")
    choices = story.scenes[scene].choices
    if choices and choices[-1].fallback:
        raise UnknownTarget(f"`{scene}` is passed through by its fallback: no player stops there")


@dataclass(slots=True)
class Tally:
    """Arrivals with one value (of a name, or of every name at once)."""

    count: int
    ways: dict[str, int]
    route: tuple[str, ...]
    via: str
    by: str = "random play"

    def add(self, other: Tally) -> None:
        self.count += other.count
        for way, n in other.ways.items():
            self.ways[way] = self.ways.get(way, 0) + n
        if len(other.route) < len(self.route):
            self.route, self.via, self.by = other.route, other.via, other.by


class ArrivalSample:
    """Arrivals in `scene`: `values[i]` maps each value name `i` had to its tally.
    `play` stops at every arrival and calls `arrive` (paragraphs.py renders there too)."""

    def __init__(self, story: Story, scene: str, names: list[Name]) -> None:
        self.story, self.scene, self.names = story, scene, names
        self.walker = Walker(story)
        self.arrivals = 0
        self.ways: dict[str, int] = {}
        self.groups: dict[tuple[Value, ...], Tally] = {}
        self.values: list[dict[Value, Tally]] = [{} for _ in names]

    def play(self, plays: int, seed: int) -> None:
        """The runs of `play_randomly(story, plays, seed)`, stopping at every arrival."""
        walker, scene = self.walker, self.scene
        offers, fallbacks = walker.offers, walker.fallbacks
        for run in range(plays):
            getrandbits = random.Random(f"{seed}:{run}").getrandbits
            walk = walker.start(run, followed=True)
            if walk.scene == scene:  # the start, or where its fallbacks led
                self.arrive(walk, ".".join(walk.followed[-1]) if walk.followed else START)
            walk.followed.clear()
            for _ in range(MAX_STEPS):
                if walk.ending is not None:
                    break
                listed, always = offers[walk.scene]
                options = (
                    listed if always else [o for o in listed if o.test is None or o.test(walk)]
                )
                if not options:
                    break
                pick = 0 if len(options) == 1 else pick_below(len(options), getrandbits)
                option = options[pick]
                option.take(walk)
                way = option.pair
                if fallbacks and walk.followed:
                    way = walk.followed[-1]
                    walk.followed.clear()
                if walk.scene == scene:
                    self.arrive(walk, f"{way[0]}.{way[1]}")
        for values, group in self.groups.items():
            for i, value in enumerate(values):
                self._add(i, value, group)

    def arrive(self, walk: Walk, way: str) -> None:
        self.arrivals += 1
        self.ways[way] = self.ways.get(way, 0) + 1
        values = tuple(name.read(walk) for name in self.names)
        group = self.groups.get(values)
        if group is None:
            self.groups[values] = Tally(1, {way: 1}, tuple(walk.history), way)
        else:
            group.add(Tally(1, {way: 1}, tuple(walk.history), way))

    def _add(self, i: int, value: Value, tally: Tally) -> None:
        known = self.values[i].get(value)
        if known is None:
            self.values[i][value] = Tally(
                tally.count, dict(tally.ways), tally.route, tally.via, tally.by
            )
        else:
            known.add(tally)

    def replay(self, route: tuple[str, ...], by: str) -> None:
        """Play `route` (it ends in the scene) and add each name's value there as a side
        shown by that route alone: no sampled arrival."""
        walker = self.walker
        walk = walker.start(0, followed=True)
        way = ".".join(walk.followed[-1]) if walk.followed else START
        walk.followed.clear()
        for choice_id in route:
            listed, _ = walker.offers[walk.scene]
            option = next(o for o in listed if o.choice.id == choice_id)
            option.take(walk)
            way = ".".join(walk.followed[-1] if walk.followed else option.pair)
            walk.followed.clear()
        for i, name in enumerate(self.names):
            self._add(i, name.read(walk), Tally(0, {}, route, way, by))
        self.ways.setdefault(way, 0)
