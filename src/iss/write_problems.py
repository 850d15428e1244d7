"""When to tell the player that a write failed, so that no failure is silent and none nags.

    problems = WriteProblems(repeat_after=60.0)         # plain mode: at most once a minute
    problems = WriteProblems(repeat_after=None)          # the UI: only when things change
    message = problems.failed("autosave", str(error))    # None: said recently, counted
    message = problems.succeeded("autosave")             # "Autosaves work again." once

Each kind of write ("record", "autosave") is tracked on its own. The first
failure of a kind is always told. After that, a failure is told again when
its problem changes (another error), or, with `repeat_after`, when that many
seconds have passed since it was last told; the failures in between are
counted and the next message says how many there were. When a write of a
kind that was failing works again, `succeeded` says so once. `untold()`
lists what failed since it was last told, for a last word before the game
exits. Saves the player asks for are not throttled: each one is answered.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

RECOVERED = {
    "record": "Your record can be written again; it is up to date, nothing was lost.",
    "autosave": "Autosaves work again.",
}
"""What to say when a kind of write that was failing works again."""

LABELS = {"record": "write(s) of your record", "autosave": "autosave(s)"}
"""How the summary of untold failures names each kind."""


@dataclass(slots=True)
class _Failing:
    problem: str
    told_at: float
    untold: int = 0


class WriteProblems:
    """Which failed writes to tell the player, and when (see the module docstring)."""

    def __init__(
        self, repeat_after: float | None = 60.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.repeat_after = repeat_after
        self.clock = clock
        self._failing: dict[str, _Failing] = {}

    def failed(self, kind: str, problem: str) -> str | None:
        """A write of `kind` failed with `problem`: the message to show now, or None."""
        now = self.clock()
        failing = self._failing.get(kind)
        if failing is not None and failing.problem == problem:
            due = self.repeat_after is not None and now - failing.told_at >= self.repeat_after
            if not due:
                failing.untold += 1
                return None
        untold = failing.untold if failing is not None else 0
        self._failing[kind] = _Failing(problem, now)
        if untold:
            return f"{problem} ({untold} more such failure(s) since the last message.)"
        return problem

    def succeeded(self, kind: str) -> str | None:
        """A write of `kind` worked: a message when it had been failing, else None."""
        if self._failing.pop(kind, None) is None:
            return None
        return RECOVERED.get(kind, "Writing works again.")

    def failing(self, kind: str) -> bool:
        return kind in self._failing

    def untold(self) -> list[str]:
        """Failures counted but not yet told, one line per kind (then they count as told)."""
        lines = []
        for kind, failing in self._failing.items():
            if failing.untold:
                label = LABELS.get(kind, f"{kind} write(s)")
                lines.append(
                    f"Since that message, {failing.untold} more {label} failed the same way."
                )
                failing.untold = 0
        return lines
