"""The player's record of one story, and the format of the file that keeps them all.

`iss.engine.profile` owns the file (opening, merging, writing); this module holds what
it holds: `Record`, the endings gallery a record makes, and `encode_profile` /
`decode_profile`, the bytes of `profile.json` (the format is described there).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from iss.engine.choice_labels import ChoiceLabels
from iss.engine.epilogues import Epilogue, decode_epilogues, encode_epilogues, later
from iss.engine.model import Ending, Story
from iss.engine.read_text import add_read, decode_read, encode_read
from iss.engine.save_files import SaveError
from iss.engine.terminal_safety import clipped_line

FORMAT = "iss-profile"
VERSION = 1
MIN_READER = 1
MAX_PROFILE_BYTES = 32 * 2**20


@dataclass(slots=True)
class Record:
    """One story's part of the player's record."""

    endings: dict[str, datetime] = field(default_factory=dict)
    scenes: set[str] = field(default_factory=set)
    choices: set[tuple[str, str]] = field(default_factory=set)
    epilogues: dict[str, Epilogue] = field(default_factory=dict)
    """Ending id -> its text as the player last saw it."""
    read: set[str] = field(default_factory=set)
    """Digests of the paragraphs of scene text shown (`iss.engine.read_text`)."""
    labels: ChoiceLabels = field(default_factory=ChoiceLabels)
    """The wordings of the choices taken (`iss.engine.choice_labels`)."""

    def seen(self, scene_id: str) -> bool:
        """True if the player has been in this scene, in this or an earlier playthrough."""
        return scene_id in self.scenes

    def taken(self, scene_id: str, choice_id: str) -> bool:
        """True if the player has taken this choice in this scene before (for a ✓ mark)."""
        return (scene_id, choice_id) in self.choices

    def taken_as(self, scene_id: str, choice_id: str, label: str, bare: str | None = None) -> bool:
        """True if the player has taken this choice before with these words on it
        (`iss.engine.choice_labels.wording`; `bare` is the label alone)."""
        return self.labels.taken_as(self.choices, scene_id, choice_id, label, bare)

    def found(self, ending_id: str) -> datetime | None:
        """When the player first reached this ending, or None."""
        return self.endings.get(ending_id)

    def epilogue(self, ending_id: str) -> Epilogue | None:
        """The ending's text as the player last saw it (None: never, or not kept)."""
        return self.epilogues.get(ending_id)

    def endings_found(self, story: Story) -> tuple[int, int]:
        """(found, total) over the story's endings as they are now."""
        return sum(1 for e in story.endings if e in self.endings), len(story.endings)

    def absorb(self, other: Record) -> bool:
        """Add what `other` knows to this record (in place); True when anything was new."""
        before = (len(self.endings), len(self.scenes), len(self.choices))
        changed = add_read(self.read, other.read)
        changed = self.labels.absorb(other.labels) or changed
        for ending, when in other.endings.items():
            mine = self.endings.get(ending)
            if mine is None or _earlier(when, mine):
                self.endings[ending] = when
        self.scenes |= other.scenes
        self.choices |= other.choices
        for ending, theirs in other.epilogues.items():
            held = self.epilogues.get(ending)
            kept = theirs if held is None else later(held, theirs)
            if kept is not held:
                self.epilogues[ending] = kept
                changed = True
        return changed or before != (len(self.endings), len(self.scenes), len(self.choices))


@dataclass(frozen=True, slots=True)
class GalleryEntry:
    """An ending as the endings gallery shows it: found (when) or not yet (show the hint)."""

    ending: Ending
    found: datetime | None


def gallery(story: Story, record: Record) -> list[GalleryEntry]:
    """The story's endings in manifest order, each with when it was first found."""
    return [GalleryEntry(e, record.found(e.id)) for e in story.endings.values()]


class NewerProfile(SaveError):
    """The record was written by a newer version of I.S.S."""


def encode_profile(stories: dict[str, Record]) -> bytes:
    data = {
        "format": FORMAT,
        "version": VERSION,
        "min_reader": MIN_READER,
        "stories": {sid: _encode_record(r) for sid, r in sorted(stories.items())},
    }
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _encode_record(record: Record) -> dict[str, object]:
    out: dict[str, object] = {
        "endings": {
            e: when.isoformat(timespec="seconds") for e, when in sorted(record.endings.items())
        },
        "scenes": sorted(record.scenes),
        "choices": [list(pair) for pair in sorted(record.choices)],
    }
    if record.epilogues:
        out["epilogues"] = encode_epilogues(record.epilogues)
    if record.read:
        out["read"] = encode_read(record.read)
    if record.labels.by_choice:
        out["labels"] = record.labels.encode()
    return out


def decode_profile(raw: bytes) -> dict[str, Record]:
    """Read a profile file's bytes. Raises `SaveError` (or `NewerProfile`) saying what is wrong."""
    if len(raw) > MAX_PROFILE_BYTES:
        raise SaveError("the file is too large")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise SaveError("the file is not text") from None
    except (ValueError, RecursionError):
        raise SaveError("the file is not valid JSON (cut short or corrupted?)") from None
    top = _obj(data, "the file")
    if top.get("format") != FORMAT:
        raise SaveError("the file is not an I.S.S. record")
    version, min_reader = top.get("version"), top.get("min_reader")
    if not isinstance(version, int) or not isinstance(min_reader, int):
        raise SaveError("its version is missing")
    if min_reader > VERSION:
        raise NewerProfile(
            f"Your record was written by a newer version of I.S.S. (format {version})."
        )
    stories: dict[str, Record] = {}
    for sid, entry in _obj(top.get("stories"), "`stories`").items():
        named = clipped_line(sid, 40)  # the file is input: a key may be a megabyte long
        e = _obj(entry, f"story `{named}`")
        endings: dict[str, datetime] = {}
        for ending, when in _obj(e.get("endings"), "`endings`").items():
            try:
                endings[ending] = datetime.fromisoformat(when)
            except (TypeError, ValueError):
                what = f"ending `{clipped_line(ending, 40)}`"
                raise SaveError(f"the date of {what} is not a date") from None
        scenes = e.get("scenes")
        if not isinstance(scenes, list) or not all(isinstance(s, str) for s in scenes):
            raise SaveError(f"the scenes of story `{named}` should be a list of ids")
        choices = e.get("choices")
        if not isinstance(choices, list) or not all(_is_pair(c) for c in choices):
            raise SaveError(f"the choices of story `{named}` should be [scene, choice] pairs")
        epilogues = decode_epilogues(e.get("epilogues"))
        pairs = {(c[0], c[1]) for c in choices}
        read, labels = decode_read(e.get("read")), ChoiceLabels.decode(e.get("labels"))
        stories[sid] = Record(endings, set(scenes), pairs, epilogues, read, labels)
    return stories


def _earlier(a: datetime, b: datetime) -> bool:
    """a < b, also when one of them has no time zone (a hand-edited file)."""
    try:
        return a < b
    except TypeError:
        return a.replace(tzinfo=None) < b.replace(tzinfo=None)


def _obj(value: object, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise SaveError(f"{what} should be a JSON object")
    return value


def _is_pair(value: object) -> bool:
    return isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) for v in value)
