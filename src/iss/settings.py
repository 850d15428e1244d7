"""What the player can set: how scene text appears, the trust notices, and the theme.

One store for both front ends, `settings.json` in the saves folder: the UI's
Settings screen writes it, and so does plain mode's `:skim on|off`, which is
this file's "Read text" folded or not (`Settings.skim`), so a player who folds
read paragraphs in one front end finds them folded in the other; plain mode's
`:notices all|big|off` is the UI's "Trust notices" the same way.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from iss.engine.save_files import write_atomic

SETTINGS_FILE = "settings.json"
"""Kept in the saves folder, next to the saves and the player's record."""

EFFECTS = ("typewriter", "words", "off")
"""How scene text reveals: a character at a time, a word at a time, or at once."""

SPEEDS = {"slow": 270, "normal": 670, "fast": 1800}
"""Characters per second for each speed name, in both effects (words appear
once all their letters are due). A typical scene of the story is about 1,350
characters: about 5 s, 2 s and under 1 s."""

READ_TEXT = {"dimmed": "dimmed", "folded": "folded", "new": "shown as new"}
"""How a replay shows paragraphs read in an earlier playthrough (the setting's values
and their labels): in the theme's muted colour, folded into one line per run
("⋯ 3 paragraphs read before"), or like any other text."""

NOTICES = {"all": "every change", "big": "first and big changes", "off": "off"}
"""Which trust notices ("Gordon warms to you a little.") the text tells (the setting's
values and their labels): every level crossed, only big moves and the first line
about each person, or none (the crew panel and `:trust` show every move at each).
The keys are `iss.notices.NOTICE_LEVELS`, written out: the title screen reads the
settings before the engine is loaded, and `iss.notices` loads it."""

NOTICES_DEFAULT = "big"
"""A blind reader (R14) found the lines "like game UI in the middle of the prose",
after "almost every choice", at 9 a 40-choice playthrough; "big" tells about 7, most
of them the first word about each of the crew, and after that only what changes a
lot. Every change stays one setting away, and the crew panel shows each move."""

TYPICAL_SCENE_CHARS = 1350
"""The median length of a scene of the I.S.S. story, for the speed labels."""


def speed_label(speed: str) -> str:
    """'normal · a scene in about 2 s', true for both text effects."""
    seconds = TYPICAL_SCENE_CHARS / SPEEDS.get(speed, SPEEDS["normal"])
    told = "under 1 s" if seconds < 1 else f"about {round(seconds)} s"
    return f"{speed} · a scene in {told}"


@dataclass(slots=True)
class Settings:
    """The UI settings of one app run."""

    effect: str = "typewriter"
    speed: str = "normal"
    seen_at_once: bool = True
    """Show the text of scenes seen in earlier playthroughs at once (paragraph by
    paragraph once the record knows the paragraphs read: only new ones type out)."""
    read_text: str = "dimmed"
    """How paragraphs read in an earlier playthrough look: a key of `READ_TEXT`."""
    notices: str = NOTICES_DEFAULT
    """Which trust notices the text tells: a key of `NOTICES`."""
    theme: str = "station"

    @property
    def skim(self) -> bool:
        """Plain mode folds read paragraphs (`--skim`) when Read text is "folded"."""
        return self.read_text == "folded"

    def set_skim(self, on: bool) -> None:
        """`:skim on` folds read paragraphs; `:skim off` dims them (plain mode shows
        dimmed and new alike), and leaves "shown as new" as it was."""
        if on:
            self.read_text = "folded"
        elif self.read_text == "folded":
            self.read_text = "dimmed"

    @property
    def animated(self) -> bool:
        return self.effect != "off"

    @property
    def chars_per_second(self) -> int:
        return SPEEDS.get(self.speed, SPEEDS["normal"])

    def cycle_effect(self) -> None:
        self.effect = EFFECTS[(EFFECTS.index(self.effect) + 1) % len(EFFECTS)]

    def cycle_read_text(self) -> None:
        names = list(READ_TEXT)
        self.read_text = names[(names.index(self.read_text) + 1) % len(names)]

    def cycle_notices(self) -> None:
        names = list(NOTICES)
        self.notices = names[(names.index(self.notices) + 1) % len(names)]

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
    if data.get("read_text") in READ_TEXT:
        settings.read_text = data["read_text"]
    if data.get("notices") in NOTICES:
        settings.notices = data["notices"]
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
