"""The save file format, version 2: JSON, checked field by field on the way in.

    {
      "format": "iss-save",
      "version": 2,            # the format this file was written in
      "min_reader": 1,         # the oldest format version that can read it
      "sequence": 17,          # the saves folder's write counter when written (version 2)
      "slot": "Before the hatch",
      "story": {"id": "iss", "title": "I.S.S.", "hash": "<sha256 of the story files>"},
      "saved_at": "2025-01-02T14:03:00+01:00",
      "play_seconds": 754,
      "scene": {"id": "hatch", "title": "The Hatch", "excerpt": "The hatch to ..."},
      "state": { GameState.to_json() }
    }

Version 2 added `sequence`, which orders saves (newest first, the autosave
ring, Continue) without trusting clocks; a version 1 file reads as sequence 0,
older than anything written since. Readers of version 1 ignore the new field,
so `min_reader` stays 1.

`encode_save(...)` builds the bytes; `decode_save(bytes)` returns a `SaveFile`
or raises `SaveError` naming the first problem. Every field's type and range
is checked: numbers must lie within `MAX_SAVE_INT` (play time within
`MAX_PLAY_SECONDS`), texts within `MAX_TEXT` characters, and the history within
`MAX_HISTORY` choices, so nothing a front end does with a loaded save can
overflow. `state_from_json(data)` is the inverse of `GameState.to_json()`, and
`check_state(story, state)` says whether a state fits a story (every scene,
character, flag, item... it names exists).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from iss.engine.limits import MAX_SAVE_INT as MAX_SAVE_INT  # re-exported: saves bound numbers by it
from iss.engine.model import STATUSES, Story, Value
from iss.engine.runner import scene_text
from iss.engine.save_files import SaveError
from iss.engine.state import GameState

FORMAT = "iss-save"
VERSION = 3
"""The format version this code writes. 3 added `visits`, `taken` and `calls` to the state."""
MIN_READER = 3
"""The oldest format version that can read what this code writes (a reader of 2 would
drop the call stack and the once-only choices taken)."""
_ADDED_IN_3 = frozenset({"visits", "taken", "calls"})
EXCERPT_CHARS = 100
MAX_HISTORY = 100_000
"""The most choices a save may hold (a playthrough of I.S.S. takes about a hundred);
loading one this long takes well under a second (bench/bench_saves.py)."""
MAX_TEXT = 1_000
"""The most characters of any text or id in a save."""
MAX_PLAY_SECONDS = 10**9
"""About 31 years of play time."""
MAX_VERSION = 10**6
"""Format versions and sequence numbers above this are not real."""
MAX_SEQUENCE = MAX_SAVE_INT

_STATE_KEYS = frozenset(GameState.__dataclass_fields__)


class NewerFormat(SaveError):
    """The save was written by a newer version of I.S.S. in a format this one cannot read."""


@dataclass(frozen=True, slots=True)
class SaveFile:
    """A decoded save file (its state not yet checked against any story)."""

    slot: str
    story_id: str
    story_title: str
    story_hash: str
    saved_at: datetime
    play_seconds: int
    scene_id: str
    scene_title: str
    excerpt: str
    state: GameState
    version: int
    sequence: int = 0
    """The saves folder's write counter when this was written (0: a version 1 file)."""


def excerpt(story: Story, state: GameState, limit: int = EXCERPT_CHARS) -> str:
    """The start of the current scene's text as one plain line, cut at a word."""
    text = " ".join("".join(span.text for span in scene_text(story, state)).split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.-—") + "…"


def encode_save(
    slot: str,
    story: Story,
    state: GameState,
    play_seconds: int,
    saved_at: datetime,
    sequence: int = 0,
) -> bytes:
    """The bytes of a save file for `state` in `story`.

    Raises `SaveError` when the playthrough is longer than a save may hold.
    """
    if len(state.history) > MAX_HISTORY:
        raise SaveError(
            f"this playthrough has {len(state.history):,} choices; a save holds at most "
            f"{MAX_HISTORY:,}"
        )
    scene = story.scenes[state.scene]
    data = {
        "format": FORMAT,
        "version": VERSION,
        "min_reader": MIN_READER,
        "sequence": sequence,
        "slot": slot,
        "story": {"id": story.id, "title": story.title[:MAX_TEXT], "hash": story.content_hash},
        "saved_at": saved_at.isoformat(timespec="seconds"),
        "play_seconds": max(0, min(MAX_PLAY_SECONDS, int(play_seconds))),
        "scene": {
            "id": scene.id,
            "title": scene.title_in(state.visits)[:MAX_TEXT],
            "excerpt": excerpt(story, state),
        },
        "state": state.to_json(),
    }
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def decode_save(raw: bytes) -> SaveFile:
    """Read a save file's bytes. Raises `SaveError` saying what is wrong with them."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise SaveError("the file is not text (corrupted?)") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        if not text.strip():
            raise SaveError("the file is empty") from None
        if exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string"):
            raise SaveError("the file is cut short (truncated)") from None
        raise SaveError(f"the file is not valid JSON (line {exc.lineno}: {exc.msg})") from None
    except (ValueError, RecursionError):  # a 5,000-digit number, [[[[...]]]]
        raise SaveError("the file holds values no save has") from None
    top = _mapping(data, "the file")
    if top.get("format") != FORMAT:
        raise SaveError("the file is not an I.S.S. save")
    version = _int(top.get("version"), "`version`", 1, MAX_VERSION)
    min_reader = _int(top.get("min_reader"), "`min_reader`", 1, MAX_VERSION)
    if min_reader > VERSION:
        raise NewerFormat(
            f"it was written by a newer version of I.S.S. (save format {version}; "
            f"this version reads format {VERSION}); update the game to load it"
        )
    story = _mapping(top.get("story"), "`story`")
    scene = _mapping(top.get("scene"), "`scene`")
    try:
        saved_at = datetime.fromisoformat(_str(top.get("saved_at"), "`saved_at`"))
        saved_at.timestamp()  # years such as 1 or 9999 fail here on some platforms
    except (ValueError, OverflowError, OSError):
        raise SaveError("`saved_at` is not a date") from None
    sequence = _int(top.get("sequence", 0), "`sequence`", 0, MAX_SEQUENCE)
    return SaveFile(
        slot=_str(top.get("slot"), "`slot`"),
        story_id=_str(story.get("id"), "`story.id`"),
        story_title=_str(story.get("title"), "`story.title`"),
        story_hash=_str(story.get("hash"), "`story.hash`"),
        saved_at=saved_at,
        play_seconds=_int(top.get("play_seconds"), "`play_seconds`", 0, MAX_PLAY_SECONDS),
        scene_id=_str(scene.get("id"), "`scene.id`"),
        scene_title=_str(scene.get("title"), "`scene.title`"),
        excerpt=_str(scene.get("excerpt"), "`scene.excerpt`"),
        state=state_from_json(top.get("state"), strict=version <= VERSION, version=version),
        version=version,
        sequence=sequence,
    )


def state_from_json(data: object, strict: bool = True, version: int = VERSION) -> GameState:
    """The inverse of `GameState.to_json()`. Raises `SaveError` on any wrong field or type.

    With `strict`, unknown fields are refused too (a newer format may add some).
    A state of format 2 or older has no visit counts: each scene it visited
    counts once, and no choice is recorded as taken.
    """
    d = _mapping(data, "`state`")
    expected = _STATE_KEYS if version >= 3 else _STATE_KEYS - _ADDED_IN_3
    missing = sorted(expected - d.keys())
    if missing:
        raise SaveError(f"the state has no `{missing[0]}`")
    extra = sorted(d.keys() - _STATE_KEYS)
    if strict and extra:
        raise SaveError(f"the state has an unknown field `{extra[0]}`")
    ending = d["ending"]
    if ending is not None:
        ending = _str(ending, "`state.ending`")
    visited = _names(d["visited"], "`state.visited`")
    visits = dict.fromkeys(visited, 1)
    taken: frozenset[str] = frozenset()
    calls: tuple[str, ...] = ()
    if version >= 3:
        visits = _ints(d["visits"], "`state.visits`", 0)
        taken = _names(d["taken"], "`state.taken`")
        calls = tuple(_str(c, "a scene in `state.calls`") for c in _list(d["calls"], "`calls`"))
        if len(calls) > MAX_HISTORY:
            raise SaveError("`state.calls` is longer than any playthrough")
    return GameState(
        scene=_str(d["scene"], "`state.scene`"),
        trust=_ints(d["trust"], "`state.trust`"),
        crew_trust=_ints(d["crew_trust"], "`state.crew_trust`"),
        flags=_names(d["flags"], "`state.flags`"),
        items=_names(d["items"], "`state.items`"),
        variables=_values(d["variables"], "`state.variables`"),
        status=_strs(d["status"], "`state.status`"),
        clock=_ints(d["clock"], "`state.clock`", 0),
        elapsed=_int(d["elapsed"], "`state.elapsed`", 0),
        history=_history(d["history"]),
        visited=visited,
        seed=_int(d["seed"], "`state.seed`"),
        ending=ending,
        visits=visits,
        taken=taken,
        calls=calls,
    )


def check_state(story: Story, state: GameState) -> str | None:
    """None when `state` fits `story`, else the first thing that does not, for the player."""
    scene = story.scenes.get(state.scene)
    if scene is None:
        return f"the story has no scene `{state.scene}`"
    if state.ending != scene.ending:
        return f"the ending `{state.ending}` does not match scene `{scene.id}`"
    crew = {c.id for c in story.crew}
    if set(state.trust) != crew:
        return "the trust values do not match the story's crew"
    lo, hi = story.trust_min, story.trust_max
    if any(not lo <= v <= hi for v in [*state.trust.values(), *state.crew_trust.values()]):
        return f"a trust value is outside {lo}..{hi}"
    if set(state.crew_trust) != set(story.crew_trust):
        return "the crew's trust pairs do not match the story"
    for kind, names, known in (
        ("flag", state.flags, story.flags),
        ("item", state.items, story.items),
        ("scene", state.visited, story.scenes),
        ("scene", state.visits, story.scenes),
        ("scene", state.calls, story.scenes),
    ):
        unknown = sorted(set(names) - set(known))
        if unknown:
            return f"the story has no {kind} `{unknown[0]}`"
    if set(state.variables) != set(story.variables):
        return "the variables do not match the story"
    for name, value in state.variables.items():
        if type(value) is not type(story.variables[name].default):
            return f"variable `{name}` has the wrong type"
    if set(state.status) != set(story.characters):
        return "the characters do not match the story"
    if any(s not in STATUSES for s in state.status.values()):
        return "a character has an unknown status"
    if set(state.clock) != set(story.timers):
        return "the clocks do not match the story"
    return None


def _mapping(value: object, what: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise SaveError(f"{what} should be a JSON object")
    return value


def _list(value: object, what: str) -> list[Any]:
    if not isinstance(value, list):
        raise SaveError(f"{what} should be a list")
    return value


def _history(value: object) -> tuple[str, ...]:
    choices = _list(value, "`state.history`")
    if len(choices) > MAX_HISTORY:
        raise SaveError(
            f"`state.history` claims {len(choices):,} choices; a save holds at most {MAX_HISTORY:,}"
        )
    return tuple(_str(c, "a choice in `state.history`") for c in choices)


def _str(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise SaveError(f"{what} should be text")
    if len(value) > MAX_TEXT:
        raise SaveError(f"{what} is longer than {MAX_TEXT:,} characters")
    return value


def _int(
    value: object, what: str, minimum: int = -MAX_SAVE_INT, maximum: int = MAX_SAVE_INT
) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise SaveError(f"{what} should be a whole number")
    if value < minimum:
        raise SaveError(f"{what} should be at least {minimum:,}")
    if value > maximum:
        raise SaveError(f"{what} should be at most {maximum:,}")
    return value


def _ints(value: object, what: str, minimum: int = -MAX_SAVE_INT) -> dict[str, int]:
    return {
        _key(k, what): _int(v, f"{what}.{k}", minimum) for k, v in _mapping(value, what).items()
    }


def _key(key: str, what: str) -> str:
    if len(key) > MAX_TEXT:
        raise SaveError(f"a key of {what} is longer than {MAX_TEXT:,} characters")
    return key


def _strs(value: object, what: str) -> dict[str, str]:
    return {_key(k, what): _str(v, f"{what}.{k}") for k, v in _mapping(value, what).items()}


def _values(value: object, what: str) -> dict[str, Value]:
    out: dict[str, Value] = {}
    for k, v in _mapping(value, what).items():
        if isinstance(v, bool):
            out[_key(k, what)] = v
        elif isinstance(v, int):
            out[_key(k, what)] = _int(v, f"{what}.{k}")
        elif isinstance(v, str):
            out[_key(k, what)] = _str(v, f"{what}.{k}")
        else:
            raise SaveError(f"{what}.{k} should be a number, yes/no or text")
    return out


def _names(value: object, what: str) -> frozenset[str]:
    items = [_str(v, f"an entry of {what}") for v in _list(value, what)]
    return frozenset(items)
