"""Saves and the player's record of one story, as both front ends use them.

    records = Records(base, story, now=..., repeat_after=60.0)  # plain; None in the UI
    records.notices                                    # moved old saves, an unreadable record
    for line in records.after_step(state, previous, seconds, events=step.events): tell(line)
    loaded = records.load("before the hatch")          # Loaded, or an Outcome that failed
    for line in records.resumed(loaded, seconds): tell(line)   # Continue now resumes here
    records.latest()                                   # what Continue resumes
    for line in records.last_words(): tell(line)       # before the game exits

Wraps `SaveStore` and `Profile` so that every failure comes back as a
sentence, never as an exception reaching a front end. The story's saves live
in `base/<story id>/` (`save_folders`); saves of the old shared layout are
moved there on the first start.

What Continue resumes is the newest autosave by sequence number. Every step
autosaves, a finished run included (so Continue offers its ending rather
than the scene before it), and so does every load: after a load or a
quickload, Continue resumes the loaded game, not the branch the player left.

Failed writes of the record and of autosaves go through `WriteProblems`:
told when they happen, then again only after `repeat_after` seconds (plain
mode) or when the problem changes (the UI), with a count of the failures in
between; the record keeps everything in memory and catches up on the next
write that works, and the player is told that too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from iss.engine.events import Event
from iss.engine.model import Story
from iss.engine.profile import GalleryEntry, Profile, Record, gallery
from iss.engine.save_folders import migrate_old_saves, story_folder
from iss.engine.save_slots import delete_save, rename_save
from iss.engine.saves import BrokenSave, Loaded, SaveError, SaveInfo, SaveStore
from iss.engine.state import GameState
from iss.write_problems import WriteProblems

Entry = SaveInfo | BrokenSave


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened, in a sentence for the player; `ok` False means it failed."""

    ok: bool
    message: str
    slot: str = ""
    """The slot it concerns, when it made or renamed one."""


class Records:
    """The saves and the record of one story under the saves folder `base`."""

    def __init__(
        self,
        base: Path,
        story: Story,
        now: Callable[[], datetime] | None = None,
        repeat_after: float | None = 60.0,
        clock: Callable[[], float] | None = None,
    ) -> None:
        self.base = base
        self.story = story
        self.folder = story_folder(base, story)
        self.notices: list[str] = migrate_old_saves(base, story)
        """Things to tell the player once, at the start."""
        self.store = SaveStore(self.folder, now=now)
        self.profile = Profile.open(self.folder, now=now)
        if self.profile.problem:
            self.notices.append(self.profile.problem)
        self.problems = (
            WriteProblems(repeat_after) if clock is None else WriteProblems(repeat_after, clock)
        )

    @property
    def record(self) -> Record:
        return self.profile.record(self.story.id)

    def gallery(self) -> list[GalleryEntry]:
        return gallery(self.story, self.record)

    # -- after every step ---------------------------------------------------

    def after_step(
        self,
        state: GameState,
        previous: GameState | None,
        seconds: int,
        autosave: bool = True,
        events: Iterable[Event] = (),
    ) -> list[str]:
        """Note a step in the record and autosave it; what to tell the player (often nothing).
        `events` are those of the step as shown: the scenes it passed through were read."""
        lines = self.note(state, previous, events)
        if autosave:
            lines += self.autosave(state, seconds)
        return lines

    def note(
        self, state: GameState, previous: GameState | None, events: Iterable[Event] = ()
    ) -> list[str]:
        try:
            self.profile.note(self.story, state, previous, events)
        except SaveError as exc:
            return self._failed("record", _record_problem(self.story, state, str(exc)))
        return self._worked("record")

    def note_route(
        self, state: GameState, route: AbstractSet[tuple[str, str]] | None = None
    ) -> list[str]:
        """A run that began by replaying a route: its choices (`route`, the pairs
        `replay_route` gives, or worked out again when None) are noted as taken."""
        try:
            self.profile.note_route(self.story, state, route)
        except SaveError as exc:
            return self._failed("record", _record_problem(self.story, state, str(exc)))
        return self._worked("record")

    def autosave(self, state: GameState, seconds: int) -> list[str]:
        try:
            saved = self.store.autosave(self.story, state, seconds)
        except SaveError as exc:
            return self._failed("autosave", f"Autosave failed: {exc}")
        return [*self._worked("autosave"), *([saved.notice] if saved.notice else [])]

    def _failed(self, kind: str, problem: str) -> list[str]:
        message = self.problems.failed(kind, problem)
        return [] if message is None else [message]

    def _worked(self, kind: str) -> list[str]:
        message = self.problems.succeeded(kind)
        return [] if message is None else [message]

    def last_words(self) -> list[str]:
        """Before the game exits: write what is pending, and tell what is still untold."""
        lines = self.problems.untold()
        if self.profile.pending:
            try:
                self.profile.flush()
            except SaveError as exc:
                lines.append(f"{exc} What you found since it last worked is not in your record.")
            else:
                lines += self._worked("record")
        return lines

    # -- saves --------------------------------------------------------------

    def entries(self) -> list[Entry]:
        return self.store.list(self.story)

    def named(self) -> list[Entry]:
        """Slots a player can save over: named ones and the quicksave."""
        return [e for e in self.entries() if e.kind != "auto"]

    def latest(self) -> SaveInfo | None:
        """What Continue resumes: the newest autosave by sequence number."""
        return next(
            (e for e in self.entries() if isinstance(e, SaveInfo) and e.kind == "auto"), None
        )

    def save(self, slot: str, state: GameState, seconds: int) -> Outcome:
        try:
            saved = self.store.save(slot, self.story, state, seconds)
        except SaveError as exc:
            return Outcome(False, str(exc))
        message = f"Saved as {saved.info.slot}."
        return Outcome(True, f"{message} {saved.notice}" if saved.notice else message)

    def quicksave(self, state: GameState, seconds: int) -> Outcome:
        try:
            saved = self.store.quicksave(self.story, state, seconds)
        except SaveError as exc:
            return Outcome(False, str(exc))
        return Outcome(True, saved.notice or "Quicksaved.")

    def load(self, slot: str) -> Loaded | Outcome:
        try:
            return self.store.load(slot, self.story)
        except SaveError as exc:
            return Outcome(False, str(exc))

    def delete(self, slot: str) -> Outcome:
        try:
            delete_save(self.store.folder, slot)
        except SaveError as exc:
            return Outcome(False, str(exc))
        return Outcome(True, f"Deleted “{slot}”.")

    def rename(self, slot: str, new: str) -> Outcome:
        try:
            name = rename_save(self.store.folder, slot, new)
        except SaveError as exc:
            return Outcome(False, str(exc))
        return Outcome(True, f"Renamed “{slot}” to “{name}”.", name)

    def resumed(self, loaded: Loaded, seconds: int) -> list[str]:
        """After a load: note it, and make it what Continue resumes (an autosave of it).

        Loading the newest autosave as it was saved needs no new autosave.
        """
        lines = self.note(loaded.state, None)
        info = loaded.info
        newest = info.kind == "auto" and info.sequence >= self.store.latest_sequence()
        if not (newest and loaded.notice is None):
            lines += self.autosave(loaded.state, seconds)
        return lines


def _record_problem(story: Story, state: GameState, problem: str) -> str:
    """The message for a failed record write; it names an ending that is not in it yet."""
    if state.ending is None or state.ending not in story.endings:
        return problem
    title = story.endings[state.ending].title
    return (
        f"{problem} The ending “{title}” is not in your record yet; "
        "it will be added as soon as the record can be written."
    )


def when(moment: datetime) -> str:
    """A save's date as the lists show it."""
    return moment.strftime("%Y-%m-%d %H:%M")
