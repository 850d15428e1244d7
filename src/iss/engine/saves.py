"""Saves: named slots, a quicksave slot and an autosave ring, in one folder.

    store = SaveStore(default_saves_dir())        # iss.paths.default_saves_dir()
    store.save("before the hatch", story, state, play_seconds=clock.seconds())
    store.quicksave(story, state, clock.seconds())     # F5
    store.autosave(story, state, clock.seconds())      # after every scene
    loaded = store.load("before the hatch", story)     # or store.quickload(story)  (F9)
    loaded.state, loaded.notice, loaded.info.play_seconds
    for entry in store.list(story):                    # SaveInfo or BrokenSave
        ...

Every method that fails raises `SaveError`; its text is a sentence for the
player. Nothing here ever deletes a save: a file that cannot be read is listed
as a `BrokenSave` with its problem, and when a save is written over an
unreadable file, that file is first set aside as `<name>.broken-<timestamp>`.
A slot holding another story's save, or a newer version's, is never written over.

Loading checks the story's id and content hash. When the story changed since
the save, the state is rebuilt by replaying the saved choices (`rewind.rebuild`)
as far as they still go, and `Loaded.notice` tells the player where the game
now resumes and why. Undo lives in `iss.engine.rewind` (`rewind`, `rewind_to`,
`timeline`); the player's record in `iss.engine.profile`.

Files: `<name>.save.json` (see `save_files` for names and `save_format` for
the contents); `quicksave.save.json`; `auto-1.save.json` ... `auto-10.save.json`.
The play time a save carries is counted by `play_time.PlayClock` (importable
from here too).
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from iss.engine.model import Story
from iss.engine.play_time import PlayClock, describe_play_time
from iss.engine.rewind import rebuild
from iss.engine.runner import Step
from iss.engine.save_files import (
    AUTOSAVE_PREFIX,
    SAVE_SUFFIX,
    SaveError,
    file_stem,
    is_file_stem,
    normalize_name,
    set_aside,
    slot_path,
    sweep_temp_files,
    write_atomic,
)
from iss.engine.save_format import (
    NewerFormat,
    SaveFile,
    check_state,
    decode_save,
    encode_save,
)
from iss.engine.state import GameState
from iss.engine.terminal_safety import clipped_line

__all__ = [
    "AUTOSAVES",
    "QUICKSAVE",
    "BrokenSave",
    "Loaded",
    "PlayClock",
    "SaveError",
    "SaveInfo",
    "SaveStore",
    "Saved",
    "describe_play_time",
]

QUICKSAVE = "quicksave"
"""The quicksave slot's name."""
AUTOSAVES = 10
"""How many autosaves the ring keeps: the last 10 scenes."""
MAX_SAVE_BYTES = 8 * 2**20
"""A bigger file is not a save (the limit keeps a stray file from eating memory)."""


@dataclass(frozen=True, slots=True)
class SaveInfo:
    """A readable save, as a save list shows it.

    `slot` is the name to load it by; `kind` is "named", "quick" or "auto".
    `story_changed` is true when the story's content changed since the save
    (loading it replays its choices and may resume earlier).
    """

    slot: str
    kind: str
    path: Path
    saved_at: datetime
    play_seconds: int
    scene_id: str
    scene_title: str
    excerpt: str
    choices: int
    story_changed: bool
    sequence: int = 0
    """The folder's write counter when saved: a larger one was written later (0: an old save)."""
    over: bool = False
    """True when the save is of a finished run (its scene is an ending)."""

    def order(self) -> tuple[int, float]:
        """Newer saves sort higher: by sequence number, and by date only among old saves."""
        return (self.sequence, self.saved_at.timestamp())


@dataclass(frozen=True, slots=True)
class BrokenSave:
    """A file in the saves folder that cannot be loaded, and why (`problem`, for the player)."""

    slot: str
    kind: str
    path: Path
    problem: str


@dataclass(frozen=True, slots=True)
class Loaded:
    """A loaded save: the step to resume from (no events), and a notice for the player or None."""

    step: Step
    info: SaveInfo
    notice: str | None

    @property
    def state(self) -> GameState:
        return self.step.state


@dataclass(frozen=True, slots=True)
class Saved:
    """A written save; `notice` tells the player when an unreadable file was set aside."""

    info: SaveInfo
    notice: str | None


def kind_of(stem: str) -> str:
    if stem == QUICKSAVE:
        return "quick"
    return "auto" if stem.startswith(AUTOSAVE_PREFIX) else "named"


class SaveStore:
    """The saves folder. It is created on the first write."""

    def __init__(self, folder: Path, now: Callable[[], datetime] | None = None) -> None:
        self.folder = folder
        self._now = now or (lambda: datetime.now().astimezone())
        self._next_auto: int | None = None
        self._sequence: int | None = None
        """The highest sequence number in the folder, once scanned."""
        sweep_temp_files(folder, time.time())

    # -- writing -----------------------------------------------------------

    def save(self, name: str, story: Story, state: GameState, play_seconds: int = 0) -> Saved:
        """Save `state` in the slot `name`, replacing what it held."""
        name = normalize_name(name)
        if file_stem(name).startswith(AUTOSAVE_PREFIX):
            raise SaveError(
                f"Names starting with “{AUTOSAVE_PREFIX}” belong to autosaves; pick another."
            )
        return self._write(name, slot_path(self.folder, name), story, state, play_seconds)

    def quicksave(self, story: Story, state: GameState, play_seconds: int = 0) -> Saved:
        return self.save(QUICKSAVE, story, state, play_seconds)

    def autosave(self, story: Story, state: GameState, play_seconds: int = 0) -> Saved:
        """Save into the autosave ring, over its oldest entry once all `AUTOSAVES` are used."""
        if self._next_auto is None:
            self._next_auto = self._find_next_auto()
        name = f"{AUTOSAVE_PREFIX}{self._next_auto}"
        saved = self._write(name, slot_path(self.folder, name), story, state, play_seconds)
        self._next_auto = self._next_auto % AUTOSAVES + 1
        return saved

    def _find_next_auto(self) -> int:
        """The ring slot after the newest autosave, by sequence number (never by the clock)."""
        newest: tuple[int, float, int] | None = None
        for index in range(1, AUTOSAVES + 1):
            path = slot_path(self.folder, f"{AUTOSAVE_PREFIX}{index}")
            try:
                save = self._decode(path)
            except SaveError:
                continue
            key = (save.sequence, save.saved_at.timestamp(), index)
            if newest is None or key[:2] > newest[:2]:
                newest = key
        return 1 if newest is None else newest[2] % AUTOSAVES + 1

    def latest_sequence(self) -> int:
        """The highest sequence number of any save in the folder (0 when there is none)."""
        if self._sequence is None:
            self._sequence = 0
            for path in self._save_paths():
                with contextlib.suppress(SaveError):
                    self._sequence = max(self._sequence, self._decode(path).sequence)
        return self._sequence

    def _save_paths(self) -> list[Path]:
        try:
            return sorted(p for p in self.folder.glob(f"*{SAVE_SUFFIX}") if p.is_file())
        except OSError:
            return []

    def _write(
        self, name: str, path: Path, story: Story, state: GameState, play_seconds: int
    ) -> Saved:
        blocker = _not_a_folder(self.folder)
        if blocker is not None:
            raise SaveError(f"Could not save “{name}”: {blocker} is not a folder.")
        notice = None
        if path.exists():
            notice = self._clear_the_way(name, path, story)
        saved_at = self._now()
        sequence = self.latest_sequence() + 1
        try:
            data = encode_save(name, story, state, play_seconds, saved_at, sequence)
        except SaveError as exc:
            raise SaveError(f"Could not save “{name}”: {exc}.") from None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_atomic(path, data)
        except OSError as exc:
            raise SaveError(f"Could not save “{name}” in {self.folder}: {_why(exc)}.") from None
        self._sequence = sequence
        info = self._info(decode_save(data), path, story)
        return Saved(info, notice)

    def _clear_the_way(self, name: str, path: Path, story: Story) -> str | None:
        """Refuse to write over another story's or a newer version's save; set aside garbage."""
        auto = kind_of(file_stem(name)) == "auto"
        try:
            save = self._decode(path)
        except NewerFormat:
            if not auto:
                raise SaveError(
                    f"The slot “{name}” holds a save from a newer version of I.S.S.; "
                    "pick another name."
                ) from None
            return None
        except SaveError as exc:
            try:
                moved = set_aside(path)
            except OSError as err:
                raise SaveError(
                    f"Could not set aside the unreadable “{name}”: {_why(err)}."
                ) from None
            return f"The old save in “{name}” was unreadable: {exc}. It was kept as {moved.name}."
        if save.story_id != story.id and not auto:
            raise SaveError(
                f"The slot “{name}” holds a save of another story (“{save.story_id}”); "
                "pick another name."
            )
        return None

    # -- reading -----------------------------------------------------------

    def list(self, story: Story) -> list[SaveInfo | BrokenSave]:
        """Every save in the folder: readable ones newest first, then the unreadable ones."""
        good: list[SaveInfo] = []
        broken: list[BrokenSave] = []
        for path in self._save_paths():
            entry, _ = self._read(path, story)
            if isinstance(entry, BrokenSave):
                broken.append(entry)
            else:
                good.append(entry)
                if self._sequence is not None:
                    self._sequence = max(self._sequence, entry.sequence)
        good.sort(key=SaveInfo.order, reverse=True)
        return [*good, *broken]

    def load(self, name: str, story: Story) -> Loaded:
        """The game saved in slot `name`, rebuilt for the story as it is now."""
        path = slot_path(self.folder, name)
        if not path.is_file():
            raise SaveError(f"There is no save named “{normalize_name(name)}”.")
        entry, save = self._read(path, story)
        if isinstance(entry, BrokenSave) or save is None:
            problem = entry.problem if isinstance(entry, BrokenSave) else "it cannot be read"
            raise SaveError(f"The save “{entry.slot}” cannot be loaded: {problem}.")
        saved = save.state
        rebuilt = rebuild(story, saved.history, saved.seed)
        state = rebuilt.step.state
        if rebuilt.complete and state == saved:
            return Loaded(Step(saved, ()), entry, None)
        title = story.scenes[state.scene].title_in(state.visits)
        if not entry.story_changed:
            why = "This save did not match a replay of its own choices (was it edited?)"
        else:
            why = "The story changed since this save"
        if rebuilt.problem is None:
            notice = f"{why}; its {rebuilt.total} choice(s) now lead to '{title}'."
        else:
            notice = (
                f"{why}: {rebuilt.problem}; resuming at '{title}' "
                f"after {rebuilt.taken} of {rebuilt.total} choices."
            )
        return Loaded(Step(state, ()), entry, notice)

    def quickload(self, story: Story) -> Loaded:
        return self.load(QUICKSAVE, story)

    def _read(self, path: Path, story: Story) -> tuple[SaveInfo | BrokenSave, SaveFile | None]:
        """The list entry of the file at `path`, and its decoded contents when readable."""
        stem = path.name[: -len(SAVE_SUFFIX)]
        kind = kind_of(stem)
        try:
            if not is_file_stem(stem):
                raise SaveError("its file name is not a save name")
            save = self._decode(path)
        except SaveError as exc:
            return BrokenSave(stem, kind, path, str(exc)), None
        if save.story_id != story.id:
            theirs = f"“{clipped_line(save.story_id, 40)}”: {clipped_line(save.story_title, 60)}"
            problem = f"it is a save of another story ({theirs})"
            return BrokenSave(stem, kind, path, problem), save
        if save.story_hash == story.content_hash:
            misfit = check_state(story, save.state)
            if misfit is not None:
                return BrokenSave(stem, kind, path, f"it does not fit the story: {misfit}"), save
        return self._info(save, path, story), save

    def _info(self, save: SaveFile, path: Path, story: Story) -> SaveInfo:
        stem = path.name[: -len(SAVE_SUFFIX)]
        try:
            slot = save.slot if file_stem(normalize_name(save.slot)) == stem else stem
        except SaveError:
            slot = stem
        scene = story.scenes.get(save.scene_id)
        return SaveInfo(
            slot=slot,
            kind=kind_of(stem),
            path=path,
            saved_at=save.saved_at,
            play_seconds=save.play_seconds,
            scene_id=save.scene_id,
            # The story's own title when it has the scene: the stored one is only what
            # the file claims (it may be edited, or from an older version of the story).
            scene_title=scene.title_in(save.state.visits)
            if scene is not None
            else save.scene_title,
            excerpt=save.excerpt,
            choices=len(save.state.history),
            story_changed=save.story_hash != story.content_hash,
            sequence=save.sequence,
            over=save.state.over,
        )

    def _decode(self, path: Path) -> SaveFile:
        try:
            with path.open("rb") as f:
                raw = f.read(MAX_SAVE_BYTES + 1)
        except OSError as exc:
            raise SaveError(f"the file cannot be read ({_why(exc)})") from None
        if len(raw) > MAX_SAVE_BYTES:
            raise SaveError("the file is too large to be a save")
        return decode_save(raw)


def _not_a_folder(folder: Path) -> Path | None:
    """The first of `folder` and its parents that exists but is not a folder, if any."""
    for path in (folder, *folder.parents):
        try:
            if path.exists():
                return None if path.is_dir() else path
        except OSError:
            return None
    return None


def _why(exc: OSError) -> str:
    return exc.strerror or str(exc) or type(exc).__name__
