"""Boxes: sets of values per name, and the engine's own steps run on them.

A box maps each name (`trust.alexey`, `flag.met`, `clock.reentry`) to the
set of values it may hold; a name left out may hold any value of its type.
`BoxRunner` runs a condition, an effect or the passing of time on a box by
running the engine's compiled closures on every combination of the values
they read (memoized), so nothing here re-implements the expression language.
The proof pass (`proof.py`) is built on it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from itertools import product
from math import prod
from typing import cast

from iss.authoring.explore.bounds import target_name
from iss.authoring.explore.memo import Memo, Sides, Values
from iss.authoring.explore.points import Point
from iss.authoring.explore.relevance import reader
from iss.engine.model import STATUSES, Condition, Effect, Story, Value
from iss.engine.state import Draft, GameState, initial_state

Box = dict[str, Values]
"""Name -> the values it may hold. A name left out may hold any value of its type."""

MAX_POINTS = 20_000
"""Beyond this many combinations a condition counts as maybe true, maybe false."""

_EITHER: Sides = ((), ())
"""A condition on too many points to try: it may hold and may fail anywhere."""


class _Unbounded(Exception):
    """A name whose values cannot be listed (a number with no range, free text)."""


_last_memo: tuple[Story, Memo] | None = None


def story_memo(story: Story) -> Memo:
    """The memo of `story`'s runners: the last story's is kept (one at a time, so a
    process that checks many stories holds one memo)."""
    global _last_memo
    last = _last_memo
    if last is not None and last[0] is story:
        return last[1]
    memo = Memo()
    _last_memo = (story, memo)
    return memo


class BoxRunner:
    """Conditions, effects and time, run on boxes for one story."""

    def __init__(self, story: Story, caps: dict[str, int] | None = None) -> None:
        self.story = story
        self.caps = caps or {}
        """Visit counts with a top: the count at the top stands for every count above."""
        self._use(story_memo(story))
        self._domains: dict[str, Values] = {}
        self._clocks = [(t, f"clock.{t.id}") for t in story.timers.values()]

    def _use(self, memo: Memo) -> None:
        self._memo = memo
        self._tests, self._results, self._names = memo.tests, memo.results, memo.names
        self._targets = memo.targets
        self._splits, self._applied, self._spent = memo.splits, memo.applied, memo.spent

    def share_memo(self, other: BoxRunner) -> None:
        """Remember in `other`'s memo (see `Memo`; runners of one story share it already)."""
        self._use(other._memo)

    # -- values ------------------------------------------------------------------------

    def domain(self, name: str) -> Values:
        """Every value `name` can hold."""
        found = self._domains.get(name)
        if found is None:
            found = self._domains[name] = self._domain(name)
        return found

    def _domain(self, name: str) -> Values:
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
                target = self._targets[id(thing)] = target_name(thing.target)
                found = tuple(sorted(thing.reads | {target}))
            else:
                found = tuple(sorted(thing.names))
            self._names[id(thing)] = found
            self._memo.kept.append(thing)  # its id stays its own while the memo lives
        return found

    def points(self, box: Box, names: tuple[str, ...]) -> list[Values] | None:
        """The value sets to combine, or None when there are too many combinations."""
        sets = self._sets(box, names)
        if sets is None or prod(len(s) for s in sets) > MAX_POINTS:
            return None
        return list(sets)

    def _sets(self, box: Box, names: tuple[str, ...]) -> tuple[Values, ...] | None:
        """The value set of each name (None when one cannot be listed)."""
        get, domains = box.get, self._domains
        out = []
        try:
            for name in names:  # `values`, written out: the passes' most frequent call
                found = get(name)
                if found is None:
                    found = domains.get(name)
                    if found is None:
                        found = self.domain(name)
                out.append(found)
        except _Unbounded:
            return None
        return tuple(out)

    # -- conditions, effects and time on boxes ------------------------------------------

    def none_may_hold(self, conditions: list[Condition], box: Box) -> bool:
        """True when some point of `box` fails every one of `conditions` (or there are
        too many points to try). The proof passes ask it of the same conditions on the
        same sets scene after scene, part after part: the answer is remembered."""
        names = tuple(sorted({n for c in conditions for n in self.names(c)}))
        sets = self.points(box, names)
        if sets is None:
            return True
        memo = (tuple(map(id, conditions)), tuple(sets))
        found = self._memo.none_hold.get(memo)
        if found is None:
            found = self._memo.none_hold[memo] = _fails_somewhere(conditions, names, sets)
        return found

    def split(self, condition: Condition, box: Box) -> tuple[Box | None, Box | None]:
        """The parts of `box` where `condition` may hold and may fail (None: never)."""
        names = self.names(condition)
        sets = self._sets(box, names)
        if sets is None:
            return box, box
        memo = (id(condition), sets)
        sides = self._splits.get(memo)
        if sides is None:
            sides = self._splits[memo] = self._split_sets(condition, names, sets)
        if sides is _EITHER:
            return box, box
        holds, fails = sides
        return (
            None if holds is None else _narrowed(box, names, holds),
            None if fails is None else _narrowed(box, names, fails),
        )

    def _split_sets(
        self, condition: Condition, names: tuple[str, ...], sets: tuple[Values, ...]
    ) -> Sides:
        """Where `condition` may hold and may fail, column by column, on every point of
        `sets` (`_EITHER` when there are too many points to try).

        The memo keeps, per condition, the points where it held and those where it
        failed: the points of `sets` are sorted into both by set operations, in C, and
        only the points never tried before are run (the passes split the same
        conditions on overlapping sets: four points in five were tried before)."""
        if prod(len(s) for s in sets) > MAX_POINTS:
            return _EITHER
        tried = self._tests.get(id(condition))
        if tried is None:
            tried = self._tests[id(condition)] = (set(), set())
        held_anywhere, failed_anywhere = tried
        points = set(product(*sets))
        new = points - held_anywhere
        new -= failed_anywhere
        view: Point | None = None
        for point in new:
            if view is None:
                view = Point(names, point)
            else:
                view.load(point)
            if condition.failing_reason(view) is None:
                held_anywhere.add(point)
            else:
                failed_anywhere.add(point)
        # Each point is in one of the two now. The differences keep the points of `sets`
        # themselves; each column's values over a side: its points transposed, in C.
        held, failed = points - failed_anywhere, points - held_anywhere
        return (
            tuple(map(frozenset, zip(*held, strict=True))) if held else None,
            tuple(map(frozenset, zip(*failed, strict=True))) if failed else None,
        )

    def apply(self, effect: Effect, box: Box) -> Box:
        """`box` after `effect`: its target takes every value the effect can give it."""
        return self.apply_all((effect,), box)

    def apply_all(self, effects: tuple[Effect, ...], box: Box) -> Box:
        """`box` after each of `effects` in turn (`apply` of each on the last's result),
        built as one new box."""
        if not effects:
            return box
        out = dict(box)
        targets, applied = self._targets, self._applied
        for effect in effects:
            names = self.names(effect)
            target = targets[id(effect)]
            sets = self._sets(out, names)
            values: Values | None = None
            if sets is not None:
                memo = (id(effect), sets)
                if memo in applied:
                    values = applied[memo]
                else:
                    values = applied[memo] = self._apply_sets(effect, names, target, sets)
            if values is None:
                out.pop(target, None)  # anything
            else:
                out[target] = values
        return out

    def _apply_sets(
        self, effect: Effect, names: tuple[str, ...], target: str, sets: tuple[Values, ...]
    ) -> Values | None:
        """Every value `effect` gives `target` on the points of `sets` (None: too many)."""
        if prod(len(s) for s in sets) > MAX_POINTS:
            return None
        read = reader(target)
        results, key = self._results, id(effect)
        values: set[Value] = set()
        view: Point | None = None
        for point in product(*sets):
            value = results.get((key, point))
            if value is None:
                if view is None:
                    view = Point(names, point)
                else:
                    view.load(point)
                draft = Draft(self.story, view.state())  # it copies what the effect writes
                effect.apply(draft)
                value = results[(key, point)] = read(draft)
            values.add(value)
        return frozenset(values)

    def spend(self, box: Box, minutes: int) -> list[tuple[Box, str | None]]:
        """Time passing, as in `runner._advance`: each (box, expiry scene or None) it may give."""
        branches: list[tuple[Box, str | None]] = [(box, None)]
        if minutes <= 0:
            return branches
        for timer, name in self._clocks:
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
                memo = (left, minutes)
                if memo in self._spent:
                    dropped = self._spent[memo]
                else:
                    dropped = self._spent[memo] = _dropped(minutes_left, minutes)
                if dropped is not None:
                    after.append((with_values(running, name, dropped), expired))
                    continue
                # Some value runs out (or is out): in order, those are a prefix.
                ordered = sorted(minutes_left)
                cut = bisect_right(ordered, minutes)
                low, high = ordered[:cut], ordered[cut:]  # at most `minutes` left, more
                if low and low[-1] > 0 and timer.expires and expired is None:
                    after.append((with_values(running, name, {0}), timer.expires))
                    low = [v for v in low if v == 0]
                    if not low and not high:
                        continue
                ticked = set(map(minutes.__rsub__, high))  # every value past `minutes`
                if low:  # the rest stop at 0
                    ticked.add(0)
                after.append((with_values(running, name, ticked), expired))
            branches = after
        return branches


def _dropped(minutes_left: frozenset[int], minutes: int) -> Values | None:
    """Every value `minutes` less, when none runs out (else None). A clock may hold
    thousands of values by the end of a long story: subtract in C."""
    if minutes_left and min(minutes_left) > minutes:
        return frozenset(map(minutes.__rsub__, minutes_left))
    return None


def _fails_somewhere(
    conditions: list[Condition], names: tuple[str, ...], sets: list[Values]
) -> bool:
    """True when some point of `sets` (the values of `names`) fails every condition."""
    view: Point | None = None
    for point in product(*sets):
        if view is None:
            view = Point(names, point)
        else:
            view.load(point)
        if all(c.failing_reason(view) is not None for c in conditions):
            return True
    return False


def joined(old: Box, box: Box) -> Box | None:
    """`old` and `box` joined: each name both hold, with the values of either (a name one
    leaves out may hold anything, so the join leaves it out); None when that is `old`.

    The same as `{n: old[n] | box[n] for n in old.keys() & box.keys()}` compared with
    `old`, without building the union of a name `box` adds nothing to (a clock's set can
    hold a hundred values): most joins add little or nothing."""
    get = box.get
    names = iter(old.items())
    for name, values in names:  # most joins add nothing: look before building
        more = get(name)
        if more is not values and (more is None or not more <= values):
            break
    else:
        return None
    out = dict(old)  # the names before `name` keep their values (and their order)
    while True:
        if more is None:
            del out[name]
        elif more is not values and not more <= values:
            out[name] = values | more
        found = next(names, None)
        if found is None:
            return out
        name, values = found
        more = get(name)


def with_values(box: Box, name: str, values: Iterable[Value]) -> Box:
    out = dict(box)
    out[name] = frozenset(values)
    return out


def _narrowed(box: Box, names: tuple[str, ...], kept: tuple[Values, ...]) -> Box:
    out = dict(box)
    out.update(zip(names, kept, strict=True))
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
