"""Events: what a step of the story did, for front ends to show.

`choose()` returns the new state together with the events it caused, in order.
Front ends render from these (a toast for a trust change, a journal line for a
scene) and never inspect engine internals.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from iss.engine.model import record

if TYPE_CHECKING:
    from iss.engine.text import Span


@record
class SceneEntered:
    """The story moved to `scene`."""

    scene: str


@record
class TrustChanged:
    """`character`'s trust changed: in Kira when `other` is None, else in `other`."""

    character: str
    other: str | None
    old: int
    new: int

    @property
    def delta(self) -> int:
        return self.new - self.old


@record
class FlagSet:
    """A flag was set or cleared."""

    flag: str
    value: bool


@record
class ItemGained:
    """Kira now carries `item`."""

    item: str


@record
class ItemLost:
    """Kira no longer carries `item`."""

    item: str


@record
class VariableChanged:
    """A story variable took a new value."""

    name: str
    old: int | bool | str
    new: int | bool | str


@record
class StatusChanged:
    """What Kira knows of a crew member's whereabouts changed (aboard, outside, ...)."""

    character: str
    old: str
    new: str


@record
class ClockAdvanced:
    """Time passed. `remaining` holds every timer's minutes left afterwards."""

    minutes: int
    remaining: tuple[tuple[str, int], ...]


@record
class TimerExpired:
    """A timer ran out; the story jumps to its expiry scene."""

    timer: str


@record
class PassedThrough:
    """The story passed through `scene` without stopping: nothing else was available
    there, so its fallback was taken by itself. `text` is the scene's text as it read
    then, for front ends to show before the scene the story stopped at."""

    scene: str
    text: tuple[Span, ...]


@record
class EndingReached:
    """The story reached an ending."""

    ending: str


Event = (
    SceneEntered
    | TrustChanged
    | FlagSet
    | ItemGained
    | ItemLost
    | VariableChanged
    | StatusChanged
    | ClockAdvanced
    | TimerExpired
    | PassedThrough
    | EndingReached
)
