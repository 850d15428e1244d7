"""How much work weighing one playthrough may do, counted so that it is the same everywhere.

    allowance = Allowance.of(WEIGH_WORK, time_limit=WEIGH_SECONDS)
    proof = prove(story, relevance, allowance.proof_deadline, start=state, max_visits=allowance.left)
    allowance.spend(proof.visits)
    if allowance.spent: ...  # stop here, on every machine at the same place

What mattered and What led here were cut by a clock of 3 s. A full weighing takes
2 to 10 s on a shared machine, so two replays of one route, under different load,
numbered different choices (blind reader R244 #14). The work is now counted: scene
visits of the proof pass and steps of the walks. The clock is only a safety net.
Pure: no Textual, no printing.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

WEIGH_WORK = 40_000
"""Units each list (What mattered, What led here) may spend: a scene visit of the
proof pass, or a step of a walk. A full weighing of a random route through the bundled
story spends at most about 30,000 for What mattered and 32,000 for What led here."""
WEIGH_SECONDS = 20.0
"""Seconds each list may take at most: a safety net only, well past what `WEIGH_WORK`
takes on a loaded machine. Plain mode and the ending screen both use it."""


@dataclass(slots=True)
class Allowance:
    """Work left to do (counted), and a deadline that is only a safety net."""

    left: int
    deadline: float
    clock: Callable[[], float] = time.perf_counter

    @classmethod
    def of(
        cls,
        work: int,
        time_limit: float | None = None,
        clock: Callable[[], float] = time.perf_counter,
    ) -> Allowance:
        """`work` units, and `time_limit` seconds (None: `WEIGH_SECONDS`)."""
        seconds = WEIGH_SECONDS if time_limit is None else time_limit
        return cls(work, clock() + seconds, clock)

    @property
    def spent(self) -> bool:
        """Is the work all done, or the safety net's time up?"""
        return self.left <= 0 or self.clock() >= self.deadline

    @property
    def proof_deadline(self) -> float:
        """The time left as a `time.perf_counter` deadline, the clock the proof pass reads
        (`clock` may be another: a test's)."""
        return time.perf_counter() + self.deadline - self.clock()

    def spend(self, units: int) -> None:
        self.left -= units


__all__ = ["WEIGH_WORK", "Allowance"]
