"""Time passing on a box, as `runner._advance` runs it on a state (`BoxRunner.spend`).

    branches = time_passing(box, 30, clocks, runner.split, runner.values, memo.spent)

Each timer in turn runs down on the part of the box where its `while:` may hold
(`split`), and a clock that may run out branches to its expiry scene.
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
    `minutes` when none runs out (one object per result, so boxes share them)."""
    branches: list[tuple[Box, str | None]] = [(box, None)]
    for timer, name in clocks:
        after: list[tuple[Box, str | None]] = []
        for part, expired in branches:
            running, stopped = (part, None) if timer.running is None else split(timer.running, part)
            if stopped is not None:
                after.append((stopped, expired))
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
                after.append((with_values(running, name, dropped), expired))
                continue
            # Some value runs out (or is out): in order, those are a prefix.
            ordered = sorted(minutes_left)
            cut = bisect_right(ordered, minutes)
            low, high = ordered[:cut], ordered[cut:]  # at most `minutes` left, more
            if low and low[-1] > 0 and timer.expires and expired is None:
                after.append((with_values(running, name, ZERO), timer.expires))
                low = [v for v in low if v == 0]
                if not low and not high:
                    continue
            ticked = set(map(minutes.__rsub__, high))  # every value past `minutes`
            if low:  # the rest stop at 0
                ticked.add(0)
            after.append((with_values(running, name, shared(frozenset(ticked))), expired))
        branches = after
    return branches


def _dropped(minutes_left: frozenset[int], minutes: int) -> Values | None:
    """Every value `minutes` less, when none runs out (else None). A clock may hold
    thousands of values by the end of a long story: subtract in C."""
    if minutes_left and min(minutes_left) > minutes:
        return frozenset(map(minutes.__rsub__, minutes_left))
    return None


__all__ = ["time_passing"]
