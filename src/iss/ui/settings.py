"""What the player can set: how scene text appears, and the theme."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from iss.engine.save_files import write_atomic

SETTINGS_FILE = "settings.json"
"""Kept in the saves folder, next to the saves and the player's record."""

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
    theme: str = "station"

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


def load_settings(folder: Path) -> Settings:
    """The settings an earlier run saved; defaults for anything missing or unreadable."""
    settings = Settings()
    try:
        data = json.loads((folder / SETTINGS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return settings
    if not isinstance(data, dict):
        return settings
    if data.get("effect") in EFFECTS:
        settings.effect = data["effect"]
    if data.get("speed") in SPEEDS:
        settings.speed = data["speed"]
    if isinstance(data.get("seen_at_once"), bool):
        settings.seen_at_once = data["seen_at_once"]
    if isinstance(data.get("theme"), str) and data["theme"]:
        settings.theme = data["theme"]
    return settings


def save_settings(settings: Settings, folder: Path) -> str | None:
    """Write the settings atomically; returns a problem a player can read, or None."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(folder / SETTINGS_FILE, json.dumps(asdict(settings), indent=2).encode())
    except OSError as exc:
        return f"Settings could not be saved: {exc.strerror or exc}"
    return None
