"""The player's record: what they found across playthroughs, kept in `profile.json`.

    profile = Profile.open(saves_dir)          # never raises
    if profile.problem: tell_the_player(profile.problem)
    record = profile.record(story.id)
    record.seen("hatch"), record.taken("hatch", "ask_him"), record.found("home")
    found, total = record.endings_found(story)  # "endings found 3 of 9"
    for entry in gallery(story, record): entry.ending.title, entry.found, entry.ending.hint
    record.epilogue("home")                     # its text as the player last saw it, or None
    record.read                                 # digests of the paragraphs shown (read_text)
    profile.note(story, step.state, old_state, step.events)   # after every step; writes if new

A record holds, per story id: each ending reached with when it was first
reached, the scenes seen, the choices taken as (scene id, choice id),
each ending's epilogue as last seen (`epilogues`), and a digest of every
paragraph of scene text shown (`read`, see `iss.engine.read_text`), the
text of scenes a fallback passed through included.
The file is written atomically (see `save_files.write_atomic`), and merged:
under a lock (`save_files.locked`, `profile.json.lock`), `save` reads what
is on disk, adds it to what this game knows, and writes the union, so two
games sharing a saves folder never drop each other's endings. A record only
grows, so the merge is a union (the earliest date wins for an ending).

A write that fails leaves `pending` true: what the player did stays in
memory, and the next `note` (or `flush`) writes it all, so once the disk
works again the record catches up with nothing lost. A file that
cannot be read is never reset silently: `open` sets it aside as
`profile.json.broken-<timestamp>`, starts a new record and says so in
`problem`. A record written by a newer version is read-only here (`problem`
says so) so that this version never clobbers it.

The format, version 1:

    {"format": "iss-profile", "version": 1, "min_reader": 1,
     "stories": {"<story id>": {"endings": {"<ending id>": "<ISO date and time>"},
                                "scenes": ["<scene id>", ...],
                                "choices": [["<scene id>", "<choice id>"], ...],
                                "epilogues": {...},
                                "read": "<16 hex digits> <16 hex digits> ...",
                                "labels": [["<scene id>", "<choice id>", "<16 hex digits>"], ...]}}}

`epilogues`, `read` and `labels` are optional (see `iss.engine.epilogues`,
`iss.engine.read_text` and `iss.engine.choice_labels`; a record without them has none); they are read
leniently, so a damaged epilogue or digest never costs the record.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from collections.abc import Set as AbstractSet
from datetime import datetime
from pathlib import Path

from iss.engine.choice_labels import taken_label
from iss.engine.epilogues import Epilogue, bounded
from iss.engine.events import Event, PassedThrough
from iss.engine.model import Story
from iss.engine.player_record import (
    MAX_PROFILE_BYTES,
    GalleryEntry,
    NewerProfile,
    Record,
    decode_profile,
    encode_profile,
    gallery,
)
from iss.engine.read_text import add_read, digests
from iss.engine.runner import route_choices, scene_text
from iss.engine.save_files import SaveError, locked, set_aside, write_atomic
from iss.engine.state import GameState

__all__ = ["PROFILE_NAME", "GalleryEntry", "Profile", "Record", "decode_profile", "gallery"]

PROFILE_NAME = "profile.json"
LOCK_NAME = "profile.json.lock"


class Profile:
    """The record file of a saves folder. Use `Profile.open(folder)`."""

    def __init__(
        self,
        path: Path,
        stories: dict[str, Record] | None = None,
        problem: str | None = None,
        read_only: bool = False,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        self.path = path
        self.stories: dict[str, Record] = stories or {}
        self.problem = problem
        """A message for the player when the file could not be used as it was, else None."""
        self.read_only = read_only
        self.pending = False
        """True when something the player did is not yet written (a write failed)."""
        self._now = now or (lambda: datetime.now().astimezone())

    @classmethod
    def open(cls, folder: Path, now: Callable[[], datetime] | None = None) -> Profile:
        """Read the record in `folder`; never raises (see `problem`)."""
        path = folder / PROFILE_NAME
        try:
            with path.open("rb") as f:
                raw = f.read(MAX_PROFILE_BYTES + 1)
        except FileNotFoundError:
            return cls(path, now=now)
        except OSError as exc:
            problem = f"Your record ({path}) cannot be read: {exc.strerror or exc}. It will not be updated."
            return cls(path, problem=problem, read_only=True, now=now)
        try:
            return cls(path, decode_profile(raw), now=now)
        except NewerProfile as exc:
            return cls(path, problem=f"{exc} It will not be updated.", read_only=True, now=now)
        except SaveError as exc:
            reason = str(exc)
        try:
            moved = set_aside(path)
        except OSError as err:
            problem = (
                f"Your record ({path}) could not be read ({reason}) nor set aside "
                f"({err.strerror or err}). It will not be updated."
            )
            return cls(path, problem=problem, read_only=True, now=now)
        problem = (
            f"Your record could not be read: {reason}. It was kept as {moved.name}, "
            "and a new record starts now."
        )
        return cls(path, problem=problem, now=now)

    def record(self, story_id: str) -> Record:
        """The record of one story (empty if the player never played it)."""
        return self.stories.setdefault(story_id, Record())

    def absorb(self, stories: dict[str, Record]) -> None:
        """Add `stories` to what this profile knows (Record objects are kept, and grow)."""
        for story_id, other in stories.items():
            self.record(story_id).absorb(other)

    def note(
        self,
        story: Story,
        state: GameState,
        previous: GameState | None = None,
        events: Iterable[Event] = (),
    ) -> bool:
        """Record what `state` shows (scenes seen, the paragraphs of its text, the ending)
        and the choice that led from `previous` to it. `events` are those of the step a
        front end showed: the text of each scene it passed through (`PassedThrough`) was
        shown too, so it counts as read. Writes the file when something is new; returns
        True then.

        Raises `SaveError` if the file cannot be written.
        """
        record = self.record(story.id)
        changed = False
        new_scenes = state.visited - record.scenes
        if new_scenes:
            record.scenes |= new_scenes
            changed = True
        for event in events:
            if isinstance(event, PassedThrough):
                changed = add_read(record.read, digests(event.text)) or changed
        text = scene_text(story, state)
        changed = add_read(record.read, digests(text)) or changed
        if (
            previous is not None
            and len(state.history) == len(previous.history) + 1
            and state.history[:-1] == previous.history
        ):
            taken = (previous.scene, state.history[-1])
            if taken not in record.choices:
                record.choices.add(taken)
                changed = True
            label = taken_label(story, previous, taken[1])
            if label is not None:  # else the choice is kept by id alone
                changed = record.labels.add(*taken, label) or changed
        if state.ending is not None and state.ending not in record.endings:
            record.endings[state.ending] = self._now()
            changed = True
        if state.ending is not None:
            spans = bounded(text)
            kept = record.epilogues.get(state.ending)
            if kept is None or kept.spans != spans:
                record.epilogues[state.ending] = Epilogue(self._now(), spans)
                changed = True
        if changed or self.pending:
            self.save()
        return changed

    def note_route(
        self, story: Story, state: GameState, route: AbstractSet[tuple[str, str]] | None = None
    ) -> bool:
        """Record every choice of `state`'s history as taken, and its scenes as seen: for a
        run that began by replaying a route (`iss play --at`, a jump from the story map),
        whose choices `note` never saw one by one. Writes when something is new.

        `route` is `route_choices` of that history when the caller has it (`replay_route`
        gives both), so the route is not replayed a second time.

        Raises `SaveError` if the file cannot be written.
        """
        record = self.record(story.id)
        if route is None:
            route = route_choices(story, state.history, state.seed)
        taken = route - record.choices
        scenes = state.visited - record.scenes
        record.choices |= taken
        record.scenes |= scenes
        if taken or scenes or self.pending:
            self.save()
        return bool(taken or scenes)

    def flush(self) -> bool:
        """Write what a failed write left pending. True when nothing is pending any more.

        Raises `SaveError` if it still cannot be written.
        """
        if self.pending:
            self.save()
        return not self.pending

    def save(self) -> None:
        """Merge with the file on disk and write the union atomically, under the lock.

        Raises `SaveError` (and stays `pending`); does nothing when read-only.
        """
        if self.read_only:
            return
        self.pending = True
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with locked(self.path.with_name(LOCK_NAME)):
                self.absorb(self._on_disk())
                write_atomic(self.path, encode_profile(self.stories))
        except OSError as exc:
            raise SaveError(
                f"Could not write your record to {self.path}: {exc.strerror or exc}."
            ) from None
        self.pending = False

    def _on_disk(self) -> dict[str, Record]:
        """What the file holds now (another game may have written it). Empty if unreadable."""
        try:
            with self.path.open("rb") as f:
                raw = f.read(MAX_PROFILE_BYTES + 1)
        except FileNotFoundError:
            return {}
        try:
            return decode_profile(raw)
        except NewerProfile:
            self.read_only = True
            raise SaveError(
                "Your record was written by a newer version of I.S.S. meanwhile; "
                "it will not be updated."
            ) from None
        except SaveError:
            # It was readable when this game opened it; keep the damaged file, never reset it.
            set_aside(self.path)
            return {}
