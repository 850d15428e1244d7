"""Random playthroughs: play the story many times, picking choices with a seeded RNG.

    report = play_randomly(story, runs=2000, seed=7)
    report.endings        # how often each ending was reached
    report.scene_coverage # the share of scenes some playthrough entered

Every playthrough runs through the engine's step, taken in place
(`iss.engine.walk`: the same choices to the same states as `choose()`,
without a frozen state and events at every step). Runs are reproducible: the
same story, `runs` and `seed` give the same report.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from iss.engine.model import Story
from iss.engine.walk import Walker

MAX_STEPS = 2_000
"""A playthrough longer than this is counted as stuck in a loop."""


@dataclass
class RandomReport:
    """What `runs` random playthroughs found."""

    runs: int
    seed: int
    endings: dict[str, int]
    dead_ends: dict[str, int] = field(default_factory=dict)
    """Scene id -> how many playthroughs stopped there with no choice available."""
    too_long: int = 0
    lengths: list[int] = field(default_factory=list)
    scenes_seen: set[str] = field(default_factory=set)
    choices_taken: set[tuple[str, str]] = field(default_factory=set)
    total_scenes: int = 0
    total_choices: int = 0
    seconds: float = 0.0
    examples: dict[str, tuple[int, tuple[str, ...]]] = field(default_factory=dict)
    """Ending -> (the run's seed, its choice ids): one playthrough per ending, to replay."""

    @property
    def scene_coverage(self) -> float:
        return len(self.scenes_seen) / self.total_scenes if self.total_scenes else 1.0

    @property
    def choice_coverage(self) -> float:
        return len(self.choices_taken) / self.total_choices if self.total_choices else 1.0

    @property
    def per_second(self) -> float:
        return self.runs / self.seconds if self.seconds > 0 else float("inf")

    def to_json(self) -> dict[str, Any]:
        import statistics  # here: `iss explore` without --random then never imports it

        lengths = self.lengths or [0]
        return {
            "runs": self.runs,
            "seed": self.seed,
            "endings": dict(sorted(self.endings.items())),
            "dead_ends": dict(sorted(self.dead_ends.items())),
            "too_long": self.too_long,
            "lengths": {
                "min": min(lengths),
                "mean": round(statistics.fmean(lengths), 2),
                "median": statistics.median(lengths),
                "max": max(lengths),
            },
            "coverage": {
                "scenes": {"seen": len(self.scenes_seen), "total": self.total_scenes},
                "choices": {"taken": len(self.choices_taken), "total": self.total_choices},
            },
            "examples": {
                eid: {"seed": seed, "path": list(path)}
                for eid, (seed, path) in sorted(self.examples.items())
            },
            "seconds": round(self.seconds, 3),
        }


def play_randomly(
    story: Story, runs: int, seed: int = 0, max_steps: int = MAX_STEPS
) -> RandomReport:
    """Play `runs` random playthroughs; run `i` uses `random.Random(f"{seed}:{i}")`."""
    started = time.perf_counter()
    report = RandomReport(
        runs=runs,
        seed=seed,
        endings={eid: 0 for eid in story.endings},
        total_scenes=len(story.scenes),
        total_choices=sum(len(s.choices) for s in story.scenes.values()),
    )
    # The engine's step, in place (`iss.engine.walk`): the same choices to the same states
    # as `choose()`, without a frozen state and events at every step.
    walker = Walker(story)
    offers, start = walker.offers, walker.start
    fallbacks = walker.fallbacks
    taken = report.choices_taken
    for run in range(runs):
        getrandbits = random.Random(f"{seed}:{run}").getrandbits
        walk = start(run)
        steps = 0
        while walk.ending is None:
            if steps >= max_steps:
                report.too_long += 1
                break
            scene, always = offers[walk.scene]
            options = scene if always else [o for o in scene if o.test is None or o.test(walk)]
            count = len(options)
            if count == 1:
                option = options[0]
            elif count:
                bits = count.bit_length()  # `pick_below`, written out: one call less a step
                drawn = getrandbits(bits)
                while drawn >= count:
                    drawn = getrandbits(bits)
                option = options[drawn]
            else:
                report.dead_ends[walk.scene] = report.dead_ends.get(walk.scene, 0) + 1
                break
            taken.add(option.pair)
            option.take(walk)
            if fallbacks:
                taken.update(walk.followed)
                walk.followed.clear()
            steps += 1
        report.scenes_seen.update(walk.visited)
        report.lengths.append(steps)
        ending = walk.ending
        if ending is not None:
            report.endings[ending] += 1
            if ending not in report.examples:
                report.examples[ending] = (run, tuple(walk.history))
    report.seconds = time.perf_counter() - started
    return report


def pick_below(n: int, getrandbits: Callable[[int], int]) -> int:
    """What `random.Random.choice` draws for a sequence of `n` (n >= 1) items, written out
    (it is the random player's one call per step): the same numbers, so the same runs."""
    bits = n.bit_length()
    drawn = getrandbits(bits)
    while drawn >= n:
        drawn = getrandbits(bits)
    return drawn
