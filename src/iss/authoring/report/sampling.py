"""Random playthroughs that read along: the sample behind estimated odds and random pacing.

    sample = play_and_read(story, runs=3000, seed=0)
    sample.walks        # one `pacing.Walk` per playthrough
    sample.counts       # ending id -> playthroughs that reached it

The choices are drawn exactly as `iss explore --random` draws them (run i
uses `random.Random(f"{seed}:{i}")` and skips the draw when only one
choice is available), so the same seed gives the same playthroughs.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from iss.authoring.explore import MAX_RANDOM_STEPS
from iss.authoring.report.pacing import Reading, Walk, WordCounts
from iss.engine.model import Story
from iss.engine.state import GameState
from iss.engine.walk import Option, Walker
from iss.engine.walk_state import Walk as Walking


@dataclass
class Sample:
    """What `runs` random playthroughs reached and read."""

    runs: int
    seed: int
    walks: list[Walk] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    trapped: int = 0
    """Playthroughs that stopped at a dead end or ran past the step limit."""


def play_and_read(
    story: Story,
    runs: int,
    seed: int = 0,
    max_steps: int = MAX_RANDOM_STEPS,
    hopeless: Callable[[GameState], bool] | None = None,
) -> Sample:
    """Play `runs` seeded random playthroughs and read along.

    `hopeless(state)` may say that no ending can be reached from a state (the
    exact graph knows): that playthrough then stops there, counted as trapped,
    instead of circling until `max_steps`."""
    sample = Sample(runs, seed, counts={eid: 0 for eid in story.endings})
    words = WordCounts(story)
    # The engine's step in place (`iss.engine.walk`): the states `choose()` reaches, the
    # text read in each, without a frozen state and events at every step.
    walker = Walker(story)
    for run in range(runs):
        rng = random.Random(f"{seed}:{run}")
        reading = Reading(story, words)
        walk = walker.start(run, on_pass=reading.pass_through)  # passed through: read too
        reading.see(walk)
        for _ in range(max_steps):
            if walk.ending is not None:
                break
            options = walker.options(walk)
            if not options or (hopeless is not None and hopeless(walk.freeze())):
                break
            option = options[0] if len(options) == 1 else rng.choice(options)
            reading.choose(walk.scene, option.choice.id, len(options))
            walker.choose(walk, option)
            reading.see(walk)
        sample.walks.append(reading.done(walk.ending))
        if walk.ending is None:
            sample.trapped += 1
        else:
            sample.counts[walk.ending] += 1
    return sample


def random_decisions(
    story: Story, runs: int, seed: int = 0, max_steps: int = MAX_RANDOM_STEPS
) -> Iterator[tuple[Walking, list[Option]]]:
    """Each decision of `runs` seeded random playthroughs, drawn as `play_and_read`
    draws them: the walk as it stands there and the options it offers, before the
    draw. A caller reads the walk (`walk.freeze()` for a state) and leaves it as is."""
    walker = Walker(story)
    for run in range(runs):
        rng = random.Random(f"{seed}:{run}")
        walk = walker.start(run)
        for _ in range(max_steps):
            if walk.ending is not None:
                break
            options = walker.options(walk)
            if not options:
                break
            yield walk, options
            walker.choose(walk, options[0] if len(options) == 1 else rng.choice(options))
