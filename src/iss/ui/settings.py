"""What the player can set: how scene text appears, and the theme."""

from __future__ import annotations

from dataclasses import dataclass

EFFECTS = ("typewriter", "words", "off")
"""How scene text reveals: a character at a time, a word at a time, or at once."""

SPEEDS = {"slow": 30, "normal": 70, "fast": 160}
"""Characters per second for each speed name."""


@dataclass(slots=True)
class Settings:
    """The UI settings of one app run."""

    effect: str = "typewriter"
    speed: str = "normal"
    seen_at_once: bool = True
    """Show the text of scenes seen in earlier playthroughs at once."""

    @property
    def animated(self) -> bool:
        return self.effect != "off"

    @property
    def chars_per_second(self) -> int:
        return SPEEDS.get(self.speed, SPEEDS["normal"])

    def cycle_effect(self) -> None:
        self.effect = EFFECTS[(EFFECTS.index(self.effect) + 1) % len(EFFECTS)]

    def cycle_speed(self) -> None:
        names = list(SPEEDS)
        self.speed = names[(names.index(self.speed) + 1) % len(names)]
