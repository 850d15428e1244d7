"""Boxes: sets of values per name, and the engine's own steps run on them.

A box maps each name (`trust.alexey`, `flag.met`, `clock.reentry`) to the
set of values it may hold; a name left out may hold any value of its type.
`BoxRunner` runs a condition, an effect or the passing of time on a box by
running the engine's compiled closures on every combination of the values
they read (memoized), so nothing here re-implements the expression language.
The proof pass (`proof.py`) is built on it.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import product
from math import prod
from typing import cast

from iss.authoring.explore.bounds import target_name
from iss.authoring.explore.relevance import reader
from iss.engine.model import STATUSES, Condition, Effect, Story, Value
from iss.engine.state import Draft, GameState, initial_state

Values = frozenset[Value]
Box = dict[str, Values]
"""Name -> the values it may hold. A name left out may hold any value of its type."""

MAX_POINTS = 20_000
"""Beyond this many combinations a condition counts as maybe true, maybe false."""


class _Unbounded(Exception):
    """A name whose values cannot be listed (a number with no range, free text)."""


class Point:
    """One combination of values, readable by compiled conditions (a `StateView`)."""

    __slots__ = (
        "calls",
        "clock",
        "crew_trust",
        "flags",
        "items",
        "scene",
        "seed",
        "status",
        "taken",
        "trust",
        "variables",
        "visited",
        "visits",
    )

    def __init__(self, names: tuple[str, ...], values: Iterable[Value]) -> None:
        self.trust: dict[str, int] = {}
        self.crew_trust: dict[str, int] = {}
        self.flags: set[str] = set()
        self.items: set[str] = set()
        self.variables: dict[str, Value] = {}
        self.status: dict[str, str] = {}
        self.clock: dict[str, int] = {}
        self.visited: set[str] = set()
        self.visits: dict[str, int] = {}
        self.taken: set[str] = set()
        self.scene = ""
        self.seed = 0
        self.calls: tuple[str, ...] = ()
        for name, value in zip(names, values, strict=True):
            head, _, key = name.partition(".")
            if head == "trust":
                (self.crew_trust if "-" in key else self.trust)[key] = int(value)
            elif head in ("flag", "has", "seen"):
                if value:
                    {"flag": self.flags, "has": self.items, "seen": self.visited}[head].add(key)
            elif head == "status":
                self.status[key] = str(value)
            elif head == "clock":
                self.clock[key] = int(value)
            elif head == "visits":
                self.visits[key] = int(value)
            elif head == "taken":
                if value:
                    self.taken.add(key)
            else:
                self.variables[key] = value

    def state(self) -> GameState:
        return GameState(
            scene="",
            trust=self.trust,
            crew_trust=self.crew_trust,
            flags=frozenset(self.flags),
            items=frozenset(self.items),
            variables=self.variables,
            status=self.status,
            clock=self.clock,
            visited=frozenset(self.visited),
            visits=self.visits,
            taken=frozenset(self.taken),
        )


class BoxRunner:
    """Conditions, effects and time, run on boxes for one story."""

    def __init__(self, story: Story, caps: dict[str, int] | None = None) -> None:
        self.story = story
        self.caps = caps or {}
        """Visit counts with a top: the count at the top stands for every count above."""
        self._tests: dict[tuple[int, tuple[Value, ...]], bool] = {}
        self._results: dict[tuple[int, tuple[Value, ...]], Value] = {}
        self._names: dict[int, tuple[str, ...]] = {}

    def share_memo(self, other: BoxRunner) -> None:
        """Remember in `other`'s memo: a condition or an effect gives the same on a point
        whatever the box (the caps only bound which points there are)."""
        self._tests, self._results, self._names = other._tests, other._results, other._names

    # -- values ------------------------------------------------------------------------

    def domain(self, name: str) -> Values:
        """Every value `name` can hold."""
        story = self.story
        head, _, key = name.partition(".")
        if head == "trust":
            return frozenset(range(story.trust_min, story.trust_max + 1))
        if head in ("flag", "has", "seen", "taken"):
            return frozenset((False, True))
        if head == "visits":
            if name not in self.caps:
                raise _Unbounded(name)
            return frozenset(range(self.caps[name] + 1))
        if head == "calls":
            raise _Unbounded(name)
        if head == "status":
            return frozenset(STATUSES)
        if head == "clock":
            return frozenset(range(story.timers[key].start + 1))
        var = story.variables[key]
        if var.type == "bool":
            return frozenset((False, True))
        if var.type != "int":
            if var.values:
                return frozenset(var.values)
            raise _Unbounded(name)  # free text: any string
        if var.min is None or var.max is None:
            raise _Unbounded(name)
        return frozenset(range(var.min, var.max + 1))

    def values(self, box: Box, name: str) -> Values:
        found = box.get(name)
        return self.domain(name) if found is None else found

    def names(self, thing: Condition | Effect) -> tuple[str, ...]:
        found = self._names.get(id(thing))
        if found is None:
            if isinstance(thing, Effect):
                found = tuple(sorted(thing.reads | {target_name(thing.target)}))
            else:
                found = tuple(sorted(thing.names))
            self._names[id(thing)] = found
        return found

    def points(self, box: Box, names: tuple[str, ...]) -> list[Values] | None:
        """The value sets to combine, or None when there are too many combinations."""
        try:
            sets = [self.values(box, n) for n in names]
        except _Unbounded:
            return None
        return sets if prod(len(s) for s in sets) <= MAX_POINTS else None

    # -- conditions, effects and time on boxes ------------------------------------------

    def split(self, condition: Condition, box: Box) -> tuple[Box | None, Box | None]:
        """The parts of `box` where `condition` may hold and may fail (None: never)."""
        names = self.names(condition)
        sets = self.points(box, names)
        if sets is None:
            return box, box
        kept: tuple[list[set[Value]], list[set[Value]]] = (
            [set() for _ in names],
            [set() for _ in names],
        )
        seen = [False, False]
        tests, key = self._tests, id(condition)
        for point in product(*sets):
            holds = tests.get((key, point))
            if holds is None:
                holds = condition.failing_reason(Point(names, point)) is None
                tests[(key, point)] = holds
            side = 0 if holds else 1
            seen[side] = True
            for column, value in zip(kept[side], point, strict=True):
                column.add(value)
        return tuple(  # type: ignore[return-value]
            _narrowed(box, names, kept[side]) if seen[side] else None for side in (0, 1)
        )

    def apply(self, effect: Effect, box: Box) -> Box:
        """`box` after `effect`: its target takes every value the effect can give it."""
        names = self.names(effect)
        target = target_name(effect.target)
        sets = self.points(box, names)
        out = dict(box)
        if sets is None:
            out.pop(target, None)  # anything
            return out
        read = reader(target)
        results, key = self._results, id(effect)
        values: set[Value] = set()
        for point in product(*sets):
            value = results.get((key, point))
            if value is None:
                draft = Draft(self.story, Point(names, point).state())
                effect.apply(draft)
                value = results[(key, point)] = read(draft)
            values.add(value)
        out[target] = frozenset(values)
        return out

    def spend(self, box: Box, minutes: int) -> list[tuple[Box, str | None]]:
        """Time passing, as in `runner._advance`: each (box, expiry scene or None) it may give."""
        branches: list[tuple[Box, str | None]] = [(box, None)]
        if minutes <= 0:
            return branches
        for timer in self.story.timers.values():
            name = f"clock.{timer.id}"
            after: list[tuple[Box, str | None]] = []
            for part, expired in branches:
                running, stopped = (
                    (part, None) if timer.running is None else self.split(timer.running, part)
                )
                if stopped is not None:
                    after.append((stopped, expired))
                if running is None:
                    continue
                left = self.values(running, name)
                minutes_left = cast(frozenset[int], left)  # a clock holds numbers
                if minutes_left and min(minutes_left) > minutes:
                    # Nothing runs out: every value drops by `minutes`. A clock may hold
                    # thousands of values by the end of a long story; subtract in C.
                    dropped = frozenset(map(minutes.__rsub__, minutes_left))
                    after.append((with_values(running, name, dropped), expired))
                    continue
                runs_out = [v for v in left if 0 < int(v) <= minutes]
                if runs_out and timer.expires and expired is None:
                    after.append((with_values(running, name, {0}), timer.expires))
                    left = frozenset(v for v in left if v == 0 or int(v) > minutes)
                    if not left:
                        continue
                ticked = {max(0, int(v) - minutes) for v in left}
                after.append((with_values(running, name, ticked), expired))
            branches = after
        return branches


def with_values(box: Box, name: str, values: Iterable[Value]) -> Box:
    out = dict(box)
    out[name] = frozenset(values)
    return out


def _narrowed(box: Box, names: tuple[str, ...], kept: list[set[Value]]) -> Box:
    out = dict(box)
    for name, values in zip(names, kept, strict=True):
        out[name] = frozenset(values)
    return out


def initial_box(story: Story) -> Box:
    """The state before the start scene is entered, as a box of single values."""
    return state_box(story, initial_state(story))


def state_box(story: Story, state: GameState) -> Box:
    """A real state as a box of single values (the proof pass can start from it)."""
    box: Box = {}
    for head, names, of in (
        ("flag", story.flags, state.flags),
        ("has", story.items, state.items),
        ("seen", story.scenes, state.visited),
    ):
        box.update({f"{head}.{n}": frozenset({n in of}) for n in names})
    box.update({f"taken.{key}": frozenset({key in state.taken}) for key in story.tracked})
    box.update({f"visits.{sid}": frozenset({state.visits.get(sid, 0)}) for sid in story.counted})
    for head, values in (
        ("trust", {**state.trust, **state.crew_trust}),
        ("status", state.status),
        ("var", state.variables),
        ("clock", state.clock),
    ):
        box.update({f"{head}.{n}": frozenset({v}) for n, v in values.items()})
    return box
