"""What mattered, at the ending, as lines a screen reader reads in order."""

from __future__ import annotations

from collections.abc import Collection

from iss.engine.model import Story
from iss.engine.state import GameState


def mattered_lines(
    story: Story, state: GameState, found: Collection[str], seconds: float
) -> list[str]:
    """The choices of the run that closed off other endings (see
    `iss.authoring.explore.mattered`), weighed for at most `seconds`."""
    from iss.authoring.explore import described, what_mattered  # only at an ending

    weighed = what_mattered(story, state.history, state.seed, seconds)
    lines, note = described(story, weighed, found)
    out = ["", "What mattered:"]
    out.extend(f"  {scene}: {line}" for scene, line in lines)
    if note:
        out.append(f"  {note}")
    return out
