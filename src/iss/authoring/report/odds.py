"""The odds of each ending when every available choice is picked at random.

    odds = exact_odds(story, graph, values[0])          # from the Markov chain
    odds = estimated_odds(story, counts, trapped, runs)  # from random playthroughs

Exact odds come from `chain.solve_chain` over the whole state graph.
When the graph is too big, the odds are estimated from seeded random
playthroughs, the same ones `iss explore --random` plays, with Wilson score
intervals. The intervals are simultaneous: all of them (one per ending and
one for being trapped) hold together with 95% confidence, so checking a
story's every ending against them is a fair test.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from statistics import NormalDist
from typing import Any

from iss.authoring.report.chain import Vector
from iss.engine.model import Story

CONFIDENCE = 0.95


@dataclass(frozen=True, slots=True)
class Chance:
    """A probability with its interval; `fraction` is set when it is exact."""

    p: float
    low: float
    high: float
    fraction: Fraction | None = None

    @classmethod
    def exactly(cls, value: Fraction) -> Chance:
        p = float(value)
        return cls(p, p, p, value)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "p": _round(self.p),
            "low": _round(self.low),
            "high": _round(self.high),
        }
        if self.fraction is not None:
            out["fraction"] = str(self.fraction)
        return out


@dataclass(frozen=True, slots=True)
class Odds:
    """The chance of each ending, and of never reaching one (`trapped`)."""

    exact: bool
    endings: dict[str, Chance]
    trapped: Chance
    states: int = 0
    """Exact: the nodes of the state graph solved."""
    runs: int = 0
    """Estimated: the random playthroughs counted."""
    seed: int = 0

    @property
    def method(self) -> str:
        if self.exact:
            return f"exact: an absorbing Markov chain over {self.states:,} states"
        return (
            f"estimated from {self.runs:,} random playthroughs (seed {self.seed}); "
            f"{CONFIDENCE:.0%} intervals that hold together"
        )

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "exact": self.exact,
            "method": self.method,
            "endings": {eid: chance.to_json() for eid, chance in self.endings.items()},
            "trapped": self.trapped.to_json(),
        }
        if self.exact:
            out["states"] = self.states
        else:
            out.update(runs=self.runs, seed=self.seed, confidence=CONFIDENCE)
        return out


def exact_odds(story: Story, start: Vector, states: int) -> Odds:
    """Odds from the chain's answer at the start node."""
    endings = {eid: Chance.exactly(start.get(eid, Fraction(0))) for eid in story.endings}
    trapped = Chance.exactly(1 - sum(start.values(), Fraction(0)))
    return Odds(True, endings, trapped, states=states)


def estimated_odds(
    story: Story,
    counts: dict[str, int],
    trapped: int,
    runs: int,
    seed: int,
    unreachable: frozenset[str] = frozenset(),
) -> Odds:
    """Odds from `runs` playthroughs; `unreachable` endings (proved so) get exactly 0."""
    z = simultaneous_z(len(story.endings) + 1)
    endings = {
        eid: Chance.exactly(Fraction(0))
        if eid in unreachable
        else wilson(counts.get(eid, 0), runs, z)
        for eid in story.endings
    }
    return Odds(False, endings, wilson(trapped, runs, z), runs=runs, seed=seed)


def simultaneous_z(intervals: int, confidence: float = CONFIDENCE) -> float:
    """The normal quantile that makes `intervals` intervals hold together (Bonferroni)."""
    return NormalDist().inv_cdf(1 - (1 - confidence) / (2 * intervals))


def wilson(hits: int, runs: int, z: float) -> Chance:
    """The Wilson score interval for `hits` out of `runs`."""
    if runs == 0:
        return Chance(0.0, 0.0, 1.0)
    p = hits / runs
    z2 = z * z
    centre = (hits + z2 / 2) / (runs + z2)
    half = z / (runs + z2) * math.sqrt(hits * (runs - hits) / runs + z2 / 4)
    return Chance(p, max(0.0, centre - half), min(1.0, centre + half))


def _round(value: float) -> float:
    return round(value, 6)
