"""What mattered, at the ending, as lines a screen reader reads in order.

    weighed = weigh(story, state, seconds)
    mattered_lines(story, weighed, found)              # what the player chose, and the
                                                       # other choice that led elsewhere
    mattered_lines(story, weighed, found, ways=True)   # and the endings it could have led to
    led_lines(story, state, weighed, seconds)          # the choices that kept this ending
                                                       # in reach

The endings come only when the player asks (`:ways` at the ending's prompt): named
at once, they read as a checklist ("could have led to 8 endings you have not
found", blind reader R18).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from iss.engine.model import Story
from iss.engine.state import GameState

if TYPE_CHECKING:
    from iss.authoring.explore import Mattered

WAYS_ASK = "(Type :ways for the endings those other choices could have led to; Enter finishes.)"
WAYS_WORDS = frozenset({":ways", "ways"})


def weigh(story: Story, state: GameState, seconds: float) -> Mattered:
    """The choices of the run that closed off other endings (see
    `iss.authoring.explore.mattered`), weighed for at most `seconds`."""
    from iss.authoring.explore import what_mattered  # only at an ending

    return what_mattered(story, state.history, state.seed, seconds)


def mattered_lines(
    story: Story, weighed: Mattered, found: Collection[str], ways: bool = False
) -> list[str]:
    """The lines "What mattered:" and one per choice (with `ways`, the endings each other
    choice could have led to; never naming one the player has not found)."""
    from iss.authoring.explore import described

    lines, note = described(story, weighed, found, ways=ways)
    out = ["", "Where the other ways led:" if ways else "What mattered:"]
    out.extend(f"  {scene}: {line}" for scene, line in lines)
    if note:
        out.append(f"  {note}")
    return out


def led_lines(story: Story, state: GameState, weighed: Mattered, seconds: float) -> list[str]:
    """The lines "What led here:" and one per choice that kept this ending in reach
    (`what_led_here`, weighed for at most `seconds`), leaving out those "What mattered"
    told; none when there is no such choice."""
    from iss.authoring.explore import led_here, what_led_here

    kept = what_led_here(story, state.history, state.seed, seconds)
    lines = led_here(story, kept, weighed)
    if not lines:
        return []
    return ["What led here:", *(f"  {scene}: {line}" for scene, line in lines)]
