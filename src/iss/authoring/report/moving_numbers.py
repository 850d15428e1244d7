"""Moving numbers: choices whose number in the list changes from route to route.

    moving = moving_numbers(story, runs=300, seed=0)
    moving[0].scene, moving[0].choice, moving[0].numbers
    # ('eva_private', 'stand_with_christian', {1: 41, 2: 12})

Both front ends number the choices they show 1, 2, 3 in the scene's order, a locked
one in its place (blind reader R292 #11 took the wrong choice where numbering only the
open ones moved it up past a locked one). A choice that only some routes show, written
before one every route offers, still moves that one down a place on those routes. Two blind readers (R268 #20, R271 #14) replaying Two
Loops typed "1" from memory for "With you. Whatever comes." and took the other side,
because on their second route "Leave channel two. Ask Alexey" came first. The fix is
in the story: write the choices only some routes offer after the ones every route
offers. This finds where, the way a reader finds it: seeded random playthroughs (drawn
as `iss report` draws them) note the number of each choice at every decision.

Numbers are counted among the choices shown that are not `once:`: a hub whose once-only
choices go as they are taken renumbers the rest on purpose, and a player sees it go.

Pure: no Textual, no printing; `iss report` shows them.
"""

from __future__ import annotations

from dataclasses import dataclass

from iss.authoring.explore import MAX_RANDOM_STEPS
from iss.authoring.report.sampling import random_decisions
from iss.engine.model import Story
from iss.engine.runner import choices


@dataclass(frozen=True, slots=True)
class MovingNumber:
    """One choice offered under different numbers on different visits."""

    scene: str
    choice: str
    numbers: dict[int, int]
    """Number shown (among the choices that are not once-only) to visits seen with it."""

    @property
    def split(self) -> int:
        """The visits that saw it under any but its most common number."""
        return sum(self.numbers.values()) - max(self.numbers.values())


def moving_numbers(
    story: Story, runs: int, seed: int = 0, max_steps: int = MAX_RANDOM_STEPS
) -> list[MovingNumber]:
    """The choices `runs` seeded random playthroughs met under more than one number,
    most evenly split first. Run i draws with `random.Random(f"{seed}:{i}")`, as
    `iss report` does."""
    seen: dict[tuple[str, str], dict[int, int]] = {}
    for walk, options in random_decisions(story, runs, seed, max_steps):
        if sum(not o.choice.once for o in options) < 2:
            continue
        state = walk.freeze()
        shown = [v for v in choices(story, state) if v.available or not v.hidden]
        kept = [v for v in shown if not v.choice.once]
        for number, view in enumerate(kept, 1):
            if view.available:
                counts = seen.setdefault((state.scene, view.id), {})
                counts[number] = counts.get(number, 0) + 1
    moving = [
        MovingNumber(scene, choice, dict(sorted(numbers.items())))
        for (scene, choice), numbers in seen.items()
        if len(numbers) > 1
    ]
    return sorted(moving, key=lambda m: (-m.split, m.scene, m.choice))


__all__ = ["MovingNumber", "moving_numbers"]
