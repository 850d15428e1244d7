"""Boxes as data: joined, narrowed and written to as plain dicts, and a real state as one.

A box maps each name to the set of values it may hold (`Box`); a name left out may
hold any value of its type. A box is never changed once made: each of these builds a
new one (or gives the old one back when nothing changes). `BoxRunner` (`boxes.py`)
runs the engine's steps on boxes with them.
"""

from __future__ import annotations

from collections.abc import Iterable

from iss.authoring.explore.memo import Values
from iss.engine.model import Story, Value
from iss.engine.state import GameState, initial_state

Box = dict[str, Values]
"""Name -> the values it may hold. A name left out may hold any value of its type."""

TRUE: Values = frozenset((True,))
FALSE: Values = frozenset((False,))
EITHER: Values = frozenset((False, True))
SHARED_UP_TO = 16
"""Sets of more values than this are not looked up in `shared` (a clock's can hold
hundreds; the memo shares those it makes already)."""
_shared: dict[type, dict[Values, Values]] = {bool: {TRUE: TRUE, FALSE: FALSE, EITHER: EITHER}}


def shared(values: Values) -> Values:
    """One object for every equal set of values of one kind (all `bool`, all `int`, all
    `str`): `joined` compares the sets of two boxes by identity first, and only looks
    into those that are not the same object (most joins add nothing, and most sets
    are a flag's `{True}` made afresh at each step). Sets of mixed kinds (and large ones)
    are given back as they are: `1 == True`, so `{1}` must not stand for `{True}`."""
    if len(values) > SHARED_UP_TO:
        return values
    kinds = {v.__class__ for v in values}
    if len(kinds) != 1:
        return values
    (kind,) = kinds
    table = _shared.get(kind)
    if table is None:
        table = _shared[kind] = {}
    elif len(table) > 100_000:  # many stories in one process: start again
        table.clear()
    return table.setdefault(values, values)


def written(box: Box, writes: tuple[tuple[str, Values], ...]) -> Box:
    """`box` with `writes` made (new names last, in order), on a copy."""
    if not writes:
        return box
    out = dict(box)
    out.update(writes)
    return out


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
            out[name] = shared(values | more)
        found = next(names, None)
        if found is None:
            return out
        name, values = found
        more = get(name)


def with_values(box: Box, name: str, values: Iterable[Value]) -> Box:
    out = dict(box)
    out[name] = frozenset(values)
    return out


def narrowed(box: Box, names: tuple[str, ...], kept: tuple[Values, ...]) -> Box:
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
        box.update({f"{head}.{n}": TRUE if n in of else FALSE for n in names})
    box.update({f"taken.{key}": TRUE if key in state.taken else FALSE for key in story.tracked})
    box.update(
        {f"visits.{sid}": shared(frozenset({state.visits.get(sid, 0)})) for sid in story.counted}
    )
    for head, values in (
        ("trust", {**state.trust, **state.crew_trust}),
        ("status", state.status),
        ("var", state.variables),
        ("clock", state.clock),
    ):
        box.update({f"{head}.{n}": shared(frozenset({v})) for n, v in values.items()})
    return box


__all__ = [
    "EITHER",
    "FALSE",
    "TRUE",
    "Box",
    "initial_box",
    "joined",
    "narrowed",
    "shared",
    "state_box",
    "with_values",
    "written",
]
