"""Time passing on a box, as `runner._advance` runs it on a state (`BoxRunner.spend`).

    branches = time_passing(box, 30, clocks, runner.split, runner.values, memo.spent)

Each timer in turn runs down on the part of the box where its `while:` may hold
(`split`), and a clock that may run out branches to its expiry scene; where two
may run out at once, to the scene of whichever had less left.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from typing import cast

from iss.authoring.explore.box_data import Box, shared, with_values
from iss.authoring.explore.memo import Values
from iss.engine.model import Condition, Timer

ZERO: Values = frozenset((0,))
"""A clock run out."""

Split = Callable[[Condition, Box], tuple[Box | None, Box | None]]


def time_passing(
    box: Box,
    minutes: int,
    clocks: Sequence[tuple[Timer, str]],
    split: Split,
    values: Callable[[Box, str], Values],
    spent: dict[tuple[Values, int], Values | None],
) -> list[tuple[Box, str | None]]:
    """Each (box, expiry scene or None) `minutes` passing may give: for each timer and
    its clock's name in `clocks`, in order; `spent` remembers a clock's values after
    `minutes` when none runs out (one object per result, so boxes share them).

    Of two timers that run out in the same spending, the one that had less left ran
    out first, and its scene is entered (on a tie, the one listed first). A branch
    keeps what its winner may have had left, so each later timer that runs out too
    is weighed against it: it wins where it had less, and both branches are kept
    where each is possible. Every clock that ran out is 0 in both, so the boxes are
    the same and only the scene differs."""
    branches: list[tuple[Box, str | None, tuple[int, ...]]] = [(box, None, ())]
    for timer, name in clocks:
        after: list[tuple[Box, str | None, tuple[int, ...]]] = []
        for part, expired, had in branches:
            running, stopped = (part, None) if timer.running is None else split(timer.running, part)
            if stopped is not None:
                after.append((stopped, expired, had))
            if running is None:
                continue
            left = values(running, name)
            minutes_left = cast(frozenset[int], left)  # a clock holds numbers
            memo = (left, minutes)
            if memo in spent:
                dropped = spent[memo]
            else:
                dropped = spent[memo] = _dropped(minutes_left, minutes)
            if dropped is not None:
                after.append((with_values(running, name, dropped), expired, had))
                continue
            # Some value runs out (or is out): in order, those are a prefix.
            ordered = sorted(minutes_left)
            cut = bisect_right(ordered, minutes)
            low, high = ordered[:cut], ordered[cut:]  # at most `minutes` left, more
            ticked = set(map(minutes.__rsub__, high))  # every value past `minutes`
            runs_out = tuple(v for v in low if v > 0)  # at 0 already, it stays there
            if len(runs_out) < len(low):
                ticked.add(0)
            if runs_out and timer.expires:
                out = with_values(running, name, ZERO)
                if expired is None:
                    after.append((out, timer.expires, runs_out))
                else:
                    after.extend(_first_out(out, expired, had, timer.expires, runs_out, ticked))
            elif runs_out:
                ticked.add(0)
            if ticked:
                after.append((with_values(running, name, shared(frozenset(ticked))), expired, had))
        branches = after
    return [(part, expired) for part, expired, _ in branches]


def _first_out(
    out: Box,
    expired: str,
    had: tuple[int, ...],
    expires: str,
    runs_out: tuple[int, ...],
    ticked: set[int],
) -> list[tuple[Box, str | None, tuple[int, ...]]]:
    """A timer runs out (from any of `runs_out`, sorted) in a branch where an earlier
    listed one ran out already, into `expired`, from any of `had`: the branches (`out`,
    the box with this clock at 0) where this one ran out first, and where the earlier
    one did. Where every value `had` can still win, the last goes into `ticked` (the
    branch the caller keeps for this clock's other values) instead."""
    branches: list[tuple[Box, str | None, tuple[int, ...]]] = []
    if runs_out[0] < had[-1]:  # it had less left: it ran out first
        branches.append((out, expires, tuple(v for v in runs_out if v < had[-1])))
    if runs_out[-1] >= had[0]:  # the earlier one had as little or less: it still wins
        kept = tuple(v for v in had if v <= runs_out[-1])
        if kept == had:
            ticked.add(0)
        else:
            branches.append((out, expired, kept))
    return branches


def _dropped(minutes_left: frozenset[int], minutes: int) -> Values | None:
    """Every value `minutes` less, when none runs out (else None). A clock may hold
    thousands of values by the end of a long story: subtract in C."""
    if minutes_left and min(minutes_left) > minutes:
        return frozenset(map(minutes.__rsub__, minutes_left))
    return None


__all__ = ["time_passing"]
