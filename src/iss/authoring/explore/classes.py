"""Value classes: the values of a number one condition cannot tell apart.

    reduced, members = by_class(memo, story, condition, names, sets)
    ...run the condition on the points of `reduced` only, sorting them into held...
    columns(held, members)                           # each name's values where it held

A number a condition only compares with constants (`trust.nicholai >= 6`) is
read by it only through its side of each cut point (`bounds._cut_points`):
two values on the same side of every cut give the same result on every point,
whatever the other names hold. So a box pass that runs a condition on every
combination of the values its names may hold (`BoxRunner._split_sets`) runs it
on one value of each class instead, and a side's column is the union of the
classes of the values in it: the same sets as running it on every point. So does
an effect that sets a flag or an item to a condition (`flag.x = trust.a >= 6`,
`BoxRunner._member_values`): the values it gives are those of its classes' points.
The reading is the saturation's (`bounds.constant_cuts`), of the tree the engine
parses; a number read any other way (arithmetic, compared with a name) keeps
every value. The outcome of a condition is a function of its comparisons, however
they are nested, so a source written as its clauses joined (`join_conditions`,
claims' guards) reads the same comparisons.

The bundled story's `trust.christian >= 6 and trust.gordon >= 6 and ...` was
19,008 points in a split pass, and is 32 so.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator

from iss.authoring.explore.bounds import constant_cuts
from iss.authoring.explore.box_data import shared
from iss.authoring.explore.memo import Cuts, Members, Memo, Reduced, Values
from iss.engine.model import Condition, Effect, Story, Value


def by_class(
    memo: Memo,
    story: Story,
    thing: Condition | Effect,
    names: tuple[str, ...],
    sets: tuple[Values, ...],
) -> tuple[tuple[Values, ...], Members | None]:
    """`sets` (of `names`) reduced to one value per class of a condition, or of the value
    of an effect `flag.x = <value>` (`reduce_sets`), and what each kept value stands for
    (None: `sets` as they are); remembered in `memo`."""
    key: int | tuple[int, tuple[str, ...]] = (
        id(thing) if isinstance(thing, Condition) else (id(thing), names)
    )
    known = memo.cuts
    if key in known:
        cuts = known[key]
    else:
        cuts = known[key] = thing_cuts(story, thing, names)
    if cuts is None:
        return sets, None
    return reduce_sets(sets, cuts, memo.classes)


def thing_cuts(story: Story, thing: Condition | Effect, names: tuple[str, ...]) -> Cuts | None:
    """Per name of `names`, its cut points when the condition (or the effect's value) only
    compares it with constants; None when no name has any."""
    found = constant_cuts(story, thing.source, value=isinstance(thing, Effect))
    cuts = tuple(found.get(name) for name in names)
    return cuts if any(c is not None for c in cuts) else None


def reduce_sets(
    sets: tuple[Values, ...], cuts: Cuts, known: dict[tuple[tuple[Values, ...], Cuts], Reduced]
) -> Reduced:
    """`sets` with one value of each class per column (the least), and what each stands
    for; remembered in `known` under the sets and cuts (the passes meet the same ones)."""
    key = (sets, cuts)
    found = known.get(key)
    if found is not None:
        return found
    reduced: list[Values] = []
    members: list[dict[Value, Values] | None] = []
    for values, points in zip(sets, cuts, strict=True):
        if points is None or len(values) < 2:
            reduced.append(values)
            members.append(None)
            continue
        classes: dict[int, list[Value]] = {}
        for value in values:
            classes.setdefault(bisect_right(points, value), []).append(value)
        if len(classes) == len(values):
            reduced.append(values)
            members.append(None)
            continue
        stands: dict[Value, Values] = {}
        for group in classes.values():
            stands[min(group)] = frozenset(group)
        reduced.append(frozenset(stands))
        members.append(stands)
    found = known[key] = (tuple(reduced), tuple(members))
    return found


def columns(points: set[tuple[Value, ...]], members: Members | None) -> tuple[Values, ...] | None:
    """Each column's values over `points` (None when there are none), shared
    (`box_data.shared`); with `members`, each kept value read as its class."""
    if not points:
        return None
    found: Iterator[Values] = map(frozenset, zip(*points, strict=True))
    if members is not None:
        found = map(_expand, found, members)
    return tuple(map(shared, found))


def _expand(column: Values, members: dict[Value, Values] | None) -> Values:
    """The values a column of kept values stands for."""
    if members is None:
        return column
    if len(column) == len(members):
        return frozenset().union(*members.values())
    return frozenset().union(*(members[value] for value in column))


__all__ = ["by_class", "columns", "reduce_sets", "thing_cuts"]
