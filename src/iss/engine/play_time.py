"""Play time: the seconds a player has spent playing, carried across saves.

clock = PlayClock()                   # counting from 0 now
clock.pause(); clock.resume()         # a dialog or a suspended terminal
clock.reset(loaded.info.play_seconds) # after loading a save
describe_play_time(clock.seconds())   # "1h 02m"
"""

from __future__ import annotations

import time
from collections.abc import Callable


class PlayClock:
    """Play time: seconds spent playing, carried across saves (monotonic, pausable)."""

    def __init__(self, seconds: float = 0, now: Callable[[], float] = time.monotonic) -> None:
        self._now = now
        self._base = seconds
        self._since: float | None = now()

    def seconds(self) -> int:
        running = 0.0 if self._since is None else self._now() - self._since
        return int(self._base + running)

    def reset(self, seconds: float) -> None:
        """Start counting again from `seconds` (after loading a save)."""
        self._base = seconds
        self._since = self._now() if self._since is not None else None

    def pause(self) -> None:
        if self._since is not None:
            self._base += self._now() - self._since
            self._since = None

    def resume(self) -> None:
        if self._since is None:
            self._since = self._now()


def describe_play_time(seconds: int) -> str:
    """`45s`, `12m`, `1h 02m`."""
    if seconds < 60:
        return f"{seconds}s"
    minutes = seconds // 60
    if minutes < 60:
        return f"{minutes}m"
    return f"{minutes // 60}h {minutes % 60:02d}m"
