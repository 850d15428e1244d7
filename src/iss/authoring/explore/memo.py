"""What the box runners of one story remember (`boxes.story_memo`).

The proof pass and its split passes run the same compiled conditions and
effects on mostly the same value sets, scene after scene and pass after pass;
`Memo` keeps what each gave, keyed by the object's `id` and the sets it read.
"""

from __future__ import annotations

from iss.engine.model import Value

Values = frozenset[Value]
"""The values a name may hold."""

Passed = tuple[tuple[tuple[str, Values], ...], str | None]
"""A branch of time passing: the writes it makes to a box, and its expiry scene or None."""

Cuts = tuple[tuple[int, ...] | None, ...]
"""Per name a condition reads, in its order: the cut points it is compared with, or
None when its values must be kept apart (`classes.thing_cuts`)."""

Members = tuple[dict[Value, Values] | None, ...]
"""Per column of reduced sets: each value kept -> the values of its class (None: as is)."""

Reduced = tuple[tuple[Values, ...], Members]
"""Value sets with one value per class, and what each stands for (`classes.reduce_sets`)."""

Sides = tuple[tuple[Values, ...] | None, tuple[Values, ...] | None]
"""Where a condition may hold and where it may fail: a value set per name it reads, or
None when it never does."""


class Memo:
    """What a condition or an effect gives on a point, and on the value sets it reads: the
    same whatever the box (caps only bound which points there are), so every `BoxRunner`
    of one story shares one (`story_memo`): the explorer's proof pass, its split passes
    and the claims' passes of `iss explore` and `iss check` run the same conditions on
    mostly the same sets. Keyed by the object's `id`; `kept` holds each object so
    keyed, so no other object can take its `id` while the memo lives."""

    __slots__ = (
        "applied",
        "classes",
        "cuts",
        "kept",
        "names",
        "none_hold",
        "passed",
        "results",
        "spent",
        "splits",
        "targets",
        "tests",
        "written",
    )

    def __init__(self) -> None:
        self.tests: dict[int, tuple[set[tuple[Value, ...]], set[tuple[Value, ...]]]] = {}
        """Condition -> (the points where it held, those where it failed), of all it was
        run on (`BoxRunner.split`)."""
        self.results: dict[tuple[int, tuple[Value, ...]], Value] = {}
        self.names: dict[int, tuple[str, ...]] = {}
        self.targets: dict[int, str] = {}
        """Effect -> the name it writes (filled with its `names`)."""
        self.splits: dict[tuple[int, tuple[Values, ...]], Sides] = {}
        """(condition, the sets it reads) -> the columns where it may hold and may fail."""
        self.applied: dict[tuple[int, tuple[Values, ...]], Values | None] = {}
        """(effect, the sets it reads) -> every value it can give (None: too many points)."""
        self.spent: dict[tuple[Values, int], Values | None] = {}
        """(a clock's values, minutes) -> its values after them, when none runs out
        (None: some does). One object per result, so boxes share their clocks' sets
        and `joined` finds them the same without comparing them value by value."""
        self.written: dict[tuple[object, ...], tuple[tuple[str, Values | None], ...]] = {}
        """(effects, caps, the values of every name they read or write) -> the writes
        `apply_all` made, in order (None: the name dropped)."""
        self.passed: dict[tuple[object, ...], tuple[Passed, ...]] = {}
        """(minutes, caps, the values of the clocks and every name their `while:` reads)
        -> each branch of `spend`: its writes and its expiry scene."""
        self.none_hold: dict[tuple[tuple[int, ...], tuple[Values, ...]], bool] = {}
        """(conditions, the sets they read) -> whether some point fails every one."""
        self.cuts: dict[int | tuple[int, tuple[str, ...]], Cuts | None] = {}
        """Condition (or effect and the names read) -> per name it reads, the cut points
        it compares it with, or None (`classes.thing_cuts`)."""
        self.classes: dict[tuple[tuple[Values, ...], Cuts], Reduced] = {}
        """(sets, cuts) -> the sets with one value per class (`classes.reduce_sets`)."""
        self.kept: list[object] = []


__all__ = ["Cuts", "Members", "Memo", "Passed", "Reduced", "Sides", "Values"]
