"""What the proof pass found (`proof.prove`): the scenes, choices and endings it may reach.

    proof = prove(story)
    proof.endings                          # every ending outside it is unreachable
    proof.fewest_choices("end_home", story)  # a lower bound on the choices to get there

Kept apart from the pass itself (`proof.py`), which is the fixed point over boxes,
so that readers of a proof need not read how it was made.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from iss.authoring.explore.boxes import Box
from iss.engine.model import Story


@dataclass
class Proof:
    """What the pass found. Everything outside `scenes`, `choices` and `endings` is unreachable."""

    scenes: set[str] = field(default_factory=set)
    choices: set[tuple[str, str]] = field(default_factory=set)
    endings: set[str] = field(default_factory=set)
    dead_ends: set[str] = field(default_factory=set)
    """Scenes where some state of the box leaves no choice available."""
    untimed_loops: list[tuple[str, ...]] = field(default_factory=list)
    """Loops that can go round without a closing timer running down, and that the
    pass cannot show are always left by some available choice."""
    targets: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    """(scene, choice) -> the scenes taking it may lead to."""
    distance: dict[str, int] = field(default_factory=dict)
    """Scene -> at least this many choices are needed to reach it."""
    boxes: dict[str, Box] = field(default_factory=dict)
    complete: bool = True
    """False when the pass stopped at its deadline: then it proves nothing."""
    visits: int = 0
    """How many times a scene's choices were run (the work done)."""
    seconds: float = 0.0

    def fewest_choices(self, ending: str, story: Story) -> int | None:
        """A lower bound on the choices any playthrough needs to reach `ending`."""
        found = [
            self.distance[s.id]
            for s in story.scenes.values()
            if s.ending == ending and s.id in self.distance
        ]
        return min(found) if found else None


__all__ = ["Proof"]
