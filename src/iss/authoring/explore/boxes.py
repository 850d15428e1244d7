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

from iss.authoring.explore.bounds import target_name
from iss.authoring.explore.box_data import (
    EITHER,
    Box,
    initial_box,
    joined,
    narrowed,
    shared,
    state_box,
    with_values,
    written,
)
from iss.authoring.explore.box_time import time_passing
from iss.authoring.explore.classes import by_class, columns
from iss.authoring.explore.memo import Memo, Passed, Sides, Values
from iss.authoring.explore.points import Point
from iss.authoring.explore.relevance import reader
from iss.engine.model import STATUSES, Condition, Effect, Reader, Story, Value
from iss.engine.state import Draft

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
        reads = {name for _, name in self._clocks}
        for timer in story.timers.values():
            if timer.running is not None:
                reads |= timer.running.names
        self._time_reads = tuple(sorted(reads))
        """Every name time passing reads or writes: the clocks and what their `while:` reads."""
        self._time_caps = self._caps_of(self._time_reads)
        self._plans: dict[int, tuple[tuple[Effect, ...], tuple[str, ...], tuple[object, ...]]] = {}
        """id of a tuple of effects -> (the tuple, every name they read or write, their caps)."""

    def _use(self, memo: Memo) -> None:
        self._memo = memo
        self._tests, self._results, self._names = memo.tests, memo.results, memo.names
        self._targets = memo.targets
        self._splits, self._applied, self._spent = memo.splits, memo.applied, memo.spent
        self._written, self._passed = memo.written, memo.passed

    def _caps_of(self, names: Iterable[str]) -> tuple[object, ...]:
        """The caps of the visit counts among `names`: what else, beside their values in a
        box, decides what a step on them gives (a count's domain ends at its cap)."""
        return tuple((n, self.caps.get(n)) for n in names if n.startswith("visits."))

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
            return EITHER
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
            return EITHER
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
        """The parts of `box` where `condition` may hold and may fail (None: never); a
        part that is not `box` itself is a new box, which the caller may write to."""
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
            None if holds is None else narrowed(box, names, holds),
            None if fails is None else narrowed(box, names, fails),
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
        # One value of each class of values the condition cannot tell apart (`classes`).
        sets, members = by_class(self._memo, self.story, condition, names, sets)
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
        # themselves; each column's values over a side: its points transposed, in C (and
        # with value classes, each kept value read as its class).
        held, failed = points - failed_anywhere, points - held_anywhere
        return columns(held, members), columns(failed, members)

    def apply(self, effect: Effect, box: Box) -> Box:
        """`box` after `effect`: its target takes every value the effect can give it."""
        return self.apply_all((effect,), box)

    def apply_all(self, effects: tuple[Effect, ...], box: Box, own: bool = False) -> Box:
        """`box` after each of `effects` in turn (`apply` of each on the last's result),
        built as one new box (written in `box` itself when the caller `own`s it).

        What the effects write depends only on the values (and presence) in `box` of
        the names they read or write: the writes they made are remembered under those
        (`Memo.written`) and made again on a copy of the next such box. Given effects,
        the box it returns is always a new one, which the caller may write to."""
        if not effects:
            return box
        plan = self._plans.get(id(effects))
        if plan is None or plan[0] is not effects:
            names = sorted({n for effect in effects for n in self.names(effect)})
            plan = self._plans[id(effects)] = (effects, tuple(names), self._caps_of(names))
            self._memo.kept.append(effects)  # its id stays its own while the memo lives
        get = box.get
        memo = (id(effects), plan[2], *map(get, plan[1]))
        writes = self._written.get(memo)
        if writes is None:
            out, writes = self._apply_all(effects, box, own)
            self._written[memo] = writes
            return out
        out = box if own else dict(box)
        for target, values in writes:
            if values is None:
                out.pop(target, None)
            else:
                out[target] = values
        return out

    def _apply_all(
        self, effects: tuple[Effect, ...], box: Box, own: bool
    ) -> tuple[Box, tuple[tuple[str, Values | None], ...]]:
        """`apply_all` worked out: the box, and its writes in order (None: a name dropped)."""
        writes: list[tuple[str, Values | None]] = []
        out = box if own else dict(box)
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
            writes.append((target, values))
        return out, tuple(writes)

    def _apply_sets(
        self, effect: Effect, names: tuple[str, ...], target: str, sets: tuple[Values, ...]
    ) -> Values | None:
        """Every value `effect` gives `target` on the points of `sets` (None: too many)."""
        if prod(len(s) for s in sets) > MAX_POINTS:
            return None
        write = effect.write
        if write is not None and write.what in ("flag", "item") and write.const is None:
            return self._member_values(effect, write.read, names, target, sets)
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
        return shared(frozenset(values))

    def _member_values(
        self,
        effect: Effect,
        condition: Reader,
        names: tuple[str, ...],
        target: str,
        sets: tuple[Values, ...],
    ) -> Values:
        """`_apply_sets` of `flag.x = <condition>` (or `has.x`): whether the condition
        holds (what `Draft.set_flag` keeps), read on the point without a state; on the
        points of the names it reads when it does not read the flag (half as many)."""
        if target not in effect.reads and all(sets):
            kept = [i for i, name in enumerate(names) if name != target]
            names, sets = tuple(names[i] for i in kept), tuple(sets[i] for i in kept)
        sets, _ = by_class(self._memo, self.story, effect, names, sets)  # the same values
        results, key = self._results, id(effect)
        values: set[Value] = set()
        view: Point | None = None
        for point in product(*sets):  # a point of fewer names than the effect's: its own key
            value = results.get((key, point))
            if value is None:
                if view is None:
                    view = Point(names, point)
                else:
                    view.load(point)
                value = results[(key, point)] = bool(condition(view))
            values.add(value)
        return shared(frozenset(values))

    def spend(self, box: Box, minutes: int, own: bool = False) -> list[tuple[Box, str | None]]:
        """Time passing, as in `runner._advance`: each (box, expiry scene or None) it may give
        (one branch written in `box` itself when the caller `own`s it).

        What it gives depends only on the values (and presence) in `box` of the clocks
        and the names their `while:` reads: each branch's writes are remembered under
        those (`Memo.passed`) and made again on a copy of the next such box."""
        if minutes <= 0 or not self._clocks:
            return [(box, None)]
        get = box.get
        memo = (minutes, self._time_caps, *map(get, self._time_reads))
        found = self._passed.get(memo)
        if found is not None:
            if own and len(found) == 1:
                box.update(found[0][0])
                return [(box, found[0][1])]
            return [(written(box, writes), expired) for writes, expired in found]
        branches = time_passing(box, minutes, self._clocks, self.split, self.values, self._spent)
        reads = self._time_reads
        recipe: list[Passed] = []
        for part, expired in branches:
            writes = tuple((n, v) for n, v in part.items() if get(n) is not v)
            if len(part) < len(box) or any(n not in reads for n, _ in writes):
                return branches  # not only its own names written: nothing to remember
            recipe.append((writes, expired))
        self._passed[memo] = tuple(recipe)
        return branches


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


__all__ = [
    "MAX_POINTS",
    "Box",
    "BoxRunner",
    "initial_box",
    "joined",
    "state_box",
    "story_memo",
    "with_values",
]
