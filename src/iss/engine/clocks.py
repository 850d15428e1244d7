"""Which clocks a player sees, and what they read: one rule for every front end.

A timer without `while:` always runs and is always shown. A timer with one
(the air, which counts down only once life support is cut) is shown while it
runs, and after it has run (a stopped clock that spent minutes is still news),
but not before: "3h30m of air" from the docking onward reads as a spoiler, or
as a fault. The Textual header, plain mode's `:status` and `iss play --json`
all ask here, so they agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from iss.engine.events import ClockAdvanced
from iss.engine.model import Story
from iss.engine.runner import choose_unrecorded
from iss.engine.state import GameState


@dataclass(frozen=True, slots=True)
class ClockReading:
    """A timer as a front end shows it."""

    timer: str
    label: str
    minutes: int
    start: int = 0
    """Where the timer started (how low is low depends on it)."""
    running: bool = True
    """Whether it counts down now (a `while:` timer may stop again)."""


def clock_readings(story: Story, state: GameState) -> list[ClockReading]:
    """The timers to show, in the story's order: always-running ones, and
    conditional ones once they have started; none whose `shown:` fails."""
    readings = []
    for timer in story.timers.values():
        if timer.shown is not None and timer.shown.failing_reason(state) is not None:
            continue
        left = state.clock.get(timer.id, timer.start)
        running = timer.running is None or timer.running.failing_reason(state) is None
        if not running and left >= timer.start:
            continue  # a clock that has not started yet is not news
        readings.append(ClockReading(timer.id, timer.label, left, timer.start, running))
    return readings


def deadline(story: Story, state: GameState) -> ClockReading | None:
    """The running clock with an end (`expires:`) that runs out first, or None when
    none runs: what a choice's time is weighed against (a choice that spends more
    than its minutes spends all that is left)."""
    ending = [
        r
        for r in clock_readings(story, state)
        if r.running and story.timers[r.timer].expires is not None
    ]
    return min(ending, key=lambda r: r.minutes, default=None)


def time_spent(story: Story, state: GameState, choice_id: str) -> int:
    """The minutes taking the available choice `choice_id` in `state` spends before the
    next choice: its own time and the time of every scene it enters on the way (a scene's
    `time:`, a scene passed through by its fallback), found by taking it.

    A label showing the choice's own time alone misled a blind reader (R12): "· 30m"
    took an hour when the scene it led to spent another half hour, and "Wait three and a
    half hours more" took four."""
    if not story.timers:
        return 0
    step = choose_unrecorded(story, state, choice_id)
    return sum(event.minutes for event in step.events if isinstance(event, ClockAdvanced))
