"""Latched timers: a `while:` that, once it holds, holds for the rest of the story.

The bundled story's reentry clock runs `while: flag.war_started`, and nothing
ever sets that flag back to false. Once the war starts the clock never stops,
so a loop that spends time after that point surely runs it down, and the loop
closes. The proof pass (`proof.py`, `split_stuck.py`) counts such a timer as
closing wherever its box says the `while:` surely holds; before, it counted
only timers with no `while:` at all, and a loop at the end of the story that
only a time-locked choice could leave was reported as a possible trap.

A `while:` latches when:
- it reads only flags (`flag.`) and scenes seen (`seen.`), which the story can
  turn on: a scene once seen stays seen;
- every effect that writes one of those flags sets it to the constant `true`;
- it is monotone in them: turning one more of them on never makes it fail
  (tried on every combination, up to `MAX_LATCH_NAMES` names).
"""

from __future__ import annotations

from itertools import product

from iss.authoring.explore.points import Point
from iss.engine.model import Condition, Story

MAX_LATCH_NAMES = 10
"""A `while:` reading more names than this is not tried (2**10 combinations)."""

_TURNED_ON = ("flag.", "seen.")


def latches(story: Story, condition: Condition) -> bool:
    """True when `condition`, once it holds, holds in every later state (see the module)."""
    names = tuple(sorted(condition.names))
    if not names or len(names) > MAX_LATCH_NAMES:
        return False
    if not all(name.startswith(_TURNED_ON) for name in names):
        return False
    for scene in story.scenes.values():
        for effects in (scene.effects, *(c.effects for c in scene.choices)):
            for effect in effects:
                if effect.target in names and not (
                    effect.write is not None and effect.write.const is True
                ):
                    return False
    return _monotone(condition, names)


def _monotone(condition: Condition, names: tuple[str, ...]) -> bool:
    """True when turning any one name on never makes `condition` fail where it held."""
    point = Point(names, (False,) * len(names))
    holds: set[tuple[bool, ...]] = set()
    for values in product((False, True), repeat=len(names)):
        point.load(values)
        if condition.failing_reason(point) is None:
            holds.add(values)
    return all(
        (*values[:i], True, *values[i + 1 :]) in holds
        for values in holds
        for i, on in enumerate(values)
        if not on
    )


__all__ = ["MAX_LATCH_NAMES", "latches"]
