"""Saves and the player's record, as the UI uses them.

Wraps `SaveStore` and `Profile` so that every failure comes back as a
sentence to show, never as an exception reaching a screen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from iss.engine.model import Story
from iss.engine.profile import GalleryEntry, Profile, Record, gallery
from iss.engine.saves import BrokenSave, Loaded, SaveError, SaveInfo, SaveStore
from iss.engine.state import GameState

Entry = SaveInfo | BrokenSave


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened, in a sentence for the player; `ok` False means it failed."""

    ok: bool
    message: str


class Records:
    """The saves folder of one app run: save slots, autosaves, and the profile."""

    def __init__(self, folder: Path, now: Callable[[], datetime]) -> None:
        self.folder = folder
        self.store = SaveStore(folder, now=now)
        self.profile = Profile.open(folder, now=now)

    def record(self, story: Story) -> Record:
        return self.profile.record(story.id)

    # -- the record --------------------------------------------------------

    def note(self, story: Story, state: GameState, previous: GameState | None) -> str | None:
        """Record a step in the profile; a message when that failed."""
        try:
            self.profile.note(story, state, previous)
        except SaveError as exc:
            return str(exc)
        return None

    def gallery(self, story: Story) -> list[GalleryEntry]:
        return gallery(story, self.record(story))

    # -- saves -------------------------------------------------------------

    def entries(self, story: Story) -> list[Entry]:
        return self.store.list(story)

    def named(self, story: Story) -> list[Entry]:
        """Slots a player can save over: named ones and the quicksave."""
        return [e for e in self.entries(story) if e.kind != "auto"]

    def latest_autosave(self, story: Story) -> SaveInfo | None:
        return next(
            (e for e in self.entries(story) if isinstance(e, SaveInfo) and e.kind == "auto"), None
        )

    def save(self, slot: str, story: Story, state: GameState, seconds: int) -> Outcome:
        try:
            saved = self.store.save(slot, story, state, seconds)
        except SaveError as exc:
            return Outcome(False, str(exc))
        message = f"Saved as {saved.info.slot}."
        return Outcome(True, f"{message} {saved.notice}" if saved.notice else message)

    def quicksave(self, story: Story, state: GameState, seconds: int) -> Outcome:
        try:
            saved = self.store.quicksave(story, state, seconds)
        except SaveError as exc:
            return Outcome(False, str(exc))
        return Outcome(True, saved.notice or "Quicksaved.")

    def autosave(self, story: Story, state: GameState, seconds: int) -> str | None:
        """Autosave; a message only when something went wrong or was set aside."""
        try:
            return self.store.autosave(story, state, seconds).notice
        except SaveError as exc:
            return f"Autosave failed: {exc}"

    def load(self, slot: str, story: Story) -> Loaded | Outcome:
        try:
            return self.store.load(slot, story)
        except SaveError as exc:
            return Outcome(False, str(exc))


def when(moment: datetime) -> str:
    """A save's date as the lists show it."""
    return moment.strftime("%Y-%m-%d %H:%M")
