"""`iss play --json`: the game as JSON lines, for tools, tests and bots.

Every step writes one JSON object on one line of stdout (see
docs/protocol.md): the scene, its text as paragraphs of styled spans, which
of them were read in an earlier playthrough (`read_before`, from the player's
record, which a game with a saves folder keeps as the other front ends do), the
choices with their ids and whether they are open, what the step changed,
the clock, and the ending once one is reached. Each line of stdin is a
choice id, or a command object: `{"choose": ID}`, `{"undo": N}`,
`{"save": NAME}`, `{"load": NAME}`. A mistake is answered with an `error`
object, never a traceback, and the game goes on.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import Any, TextIO

from iss.engine.clocks import clock_readings
from iss.engine.errors import EngineError
from iss.engine.events import (
    EndingReached,
    Event,
    FlagSet,
    ItemGained,
    ItemLost,
    PassedThrough,
    StatusChanged,
    TimerExpired,
    TrustChanged,
    VariableChanged,
)
from iss.engine.model import Story
from iss.engine.profile import Profile
from iss.engine.read_text import paragraphs, read_paragraphs
from iss.engine.rewind import CannotRewind, rewind
from iss.engine.runner import Step, choices, choose, new_game, replay, scene_text
from iss.engine.save_files import SaveError
from iss.engine.save_folders import story_folder
from iss.engine.saves import SaveStore
from iss.engine.state import GameState
from iss.engine.terminal_safety import json_escape_controls
from iss.engine.text import Span
from iss.notices import NOTICE_LEVELS, Teller, said_lines
from iss.settings import Settings, load_settings

PROTOCOL_VERSION = 1
"""Bumped when a field changes meaning or goes away; new fields may appear in any version."""

EXIT_OK = 0
EXIT_INPUT_ENDED = 3
MAX_LINE = 64 * 1024
"""Longer input lines are refused with an error (and never parsed)."""


def _paragraphs(spans: tuple[Span, ...]) -> list[list[dict[str, str]]]:
    """Spans split at paragraph breaks: [[{"text", "style"}, ...], ...] (as
    `read_text.paragraphs` splits them, so `read_before` lines up with them)."""
    return [[{"text": s.text, "style": s.style} for s in p] for p in paragraphs(spans)]


def _read_before(spans: tuple[Span, ...], read: AbstractSet[str]) -> list[bool]:
    """For each paragraph of `_paragraphs(spans)`: was it read in an earlier playthrough?"""
    return [paragraph.read for paragraph in read_paragraphs(spans, read)]


def _event(story: Story, event: Event, read: AbstractSet[str]) -> dict[str, Any] | None:
    if isinstance(event, TrustChanged):
        return {
            "type": "trust",
            "character": event.character,
            "other": event.other,
            "from": story.trust_level(event.old),
            "to": story.trust_level(event.new),
            "delta": event.new - event.old,
        }
    if isinstance(event, ItemGained | ItemLost):
        gained = isinstance(event, ItemGained)
        return {"type": "item", "item": event.item, "held": gained}
    if isinstance(event, FlagSet):
        return {"type": "flag", "flag": event.flag, "value": event.value}
    if isinstance(event, StatusChanged):
        return {"type": "status", "character": event.character, "from": event.old, "to": event.new}
    if isinstance(event, VariableChanged):
        return {"type": "variable", "name": event.name, "from": event.old, "to": event.new}
    if isinstance(event, TimerExpired):
        return {"type": "timer_expired", "timer": event.timer}
    if isinstance(event, EndingReached):
        return {"type": "ending", "ending": event.ending}
    if isinstance(event, PassedThrough):
        scene = story.scenes[event.scene]
        return {
            "type": "passed",
            "scene": {"id": scene.id, "title": scene.title, "location": scene.location},
            "text": _paragraphs(event.text),
            "read_before": _read_before(event.text, read),
        }
    return None


def step_object(
    story: Story,
    step: Step,
    notice: str | None = None,
    read: AbstractSet[str] = frozenset(),
    told: Sequence[str] = (),
) -> dict[str, Any]:
    """The JSON object for a step (see docs/protocol.md). `read` holds the digests of the
    paragraphs read in earlier playthroughs (`iss.engine.read_text`); `told` the notice
    lines a `Teller` words for the step, at the player's level."""
    state = step.state
    text = scene_text(story, state)
    scene = story.scenes[state.scene]
    ending = None
    if state.ending is not None:
        found = story.endings[state.ending]
        ending = {"id": found.id, "title": found.title, "kind": found.kind}
    events = [e for e in (_event(story, ev, read) for ev in step.events) if e is not None]
    return {
        "protocol": PROTOCOL_VERSION,
        "type": "step",
        "scene": {
            "id": scene.id,
            "title": scene.title_in(state.visits),
            "location": scene.location,
        },
        "text": _paragraphs(text),
        "read_before": _read_before(text, read),
        "choices": [
            {
                "id": view.id,
                "text": view.plain,
                "available": view.available,
                "reason": view.reason,
                "minutes": view.choice.minutes,
            }
            for view in choices(story, state)
            if view.available or not view.hidden
        ],
        "events": events,
        "told": list(told),
        "clock": {
            c.timer: {"label": c.label, "minutes": c.minutes, "running": c.running}
            for c in clock_readings(story, state)
        },
        "ending": ending,
        "notice": notice,
    }


class JsonGame:
    """One playthrough over JSON lines."""

    def __init__(
        self,
        story: Story,
        stdin: TextIO,
        stdout: TextIO,
        saves_dir: Path | None = None,
        seed: int = 0,
        start_route: tuple[str, ...] | None = None,
        notices: str | None = None,
    ) -> None:
        self.story = story
        self.stdin = stdin
        self.stdout = stdout
        # The story's own folder under the saves folder, as the other front ends use.
        folder = None if saves_dir is None else story_folder(saves_dir, story)
        self.store = None if folder is None else SaveStore(folder)
        self.profile = None if folder is None else Profile.open(folder)
        """The player's record, kept as the other front ends keep it."""
        self.read_before: frozenset[str] = frozenset()
        """Digests of the paragraphs the record held as the game began (`read_before`)."""
        if self.profile is not None:
            self.read_before = frozenset(self.profile.record(story.id).read)
        self.step: Step = new_game(story, seed)
        kept = Settings() if saves_dir is None else load_settings(saves_dir)
        self.teller = Teller(story, kept.notices if notices is None else notices)
        """Words a step's notices (`told`) at the level `notices` gives, else as the saves
        folder's settings keep it (the UI's Trust notices, plain mode's `:notices`)."""
        self.opening: str | None = None
        """The first step's `notice`: which route `--at` replayed, or why the record
        could not be used as it was."""
        if start_route is not None:
            self.step = replay(story, start_route, seed)
            route = " ".join(start_route) or "(none: it is the start)"
            self.opening = f"Playtest at `{self.step.state.scene}`: replayed the route {route}"
        if self.profile is not None and self.profile.problem:
            self.opening = " ".join(filter(None, (self.opening, self.profile.problem)))

    def send(self, data: dict[str, Any]) -> None:
        line = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        self.stdout.write(json_escape_controls(line) + "\n")
        self.stdout.flush()

    def error(self, code: str, message: str) -> None:
        self.send(
            {"protocol": PROTOCOL_VERSION, "type": "error", "error": code, "message": message}
        )

    def step_object(self, notice: str | None = None, told: Sequence[str] = ()) -> dict[str, Any]:
        return step_object(self.story, self.step, notice, self.read_before, told)

    def run(self) -> int:
        shown = self.step.events if self.opening is None else ()  # `--at`: the route's are not
        self.note(None, shown)
        self.send(self.step_object(self.opening))
        while not self.step.state.over:
            line = self.stdin.readline()
            if not line:
                self.error("input_ended", "the input ended before an ending")
                return EXIT_INPUT_ENDED
            self.handle(line.strip())
        return EXIT_OK

    def handle(self, line: str) -> None:
        """Act on one line: a choice id or a command object."""
        if not line:
            return
        if len(line) > MAX_LINE:
            self.error("bad_input", f"a line may hold at most {MAX_LINE} characters")
            return
        if not line.startswith("{"):
            self.take(line)
            return
        try:
            command = json.loads(line)
        except (ValueError, RecursionError):
            self.error("bad_json", "the line starts with `{` but is not a JSON object")
            return
        if not isinstance(command, dict) or len(command) != 1:
            self.error("bad_command", "a command is an object with one key")
            return
        [(name, value)] = command.items()
        if name == "choose" and isinstance(value, str):
            self.take(value)
        elif name == "undo" and isinstance(value, int) and not isinstance(value, bool):
            self.undo(value)
        elif name in ("save", "load") and isinstance(value, str):
            self.save_or_load(name, value)
        elif name == "notices" and value in NOTICE_LEVELS:
            self.teller.level = str(value)
            self.send(self.step_object(f"Trust notices: {value}."))
        else:
            self.error(
                "bad_command",
                'commands: {"choose": ID}, {"undo": N}, {"save": NAME}, {"load": NAME},'
                ' {"notices": "all"|"big"|"off"}',
            )

    def take(self, choice_id: str) -> None:
        previous = self.step.state
        try:
            self.step = choose(self.story, previous, choice_id)
        except EngineError as exc:
            self.error("bad_choice", str(exc))
            return
        self.note(previous, self.step.events)
        self.autosave()
        told = said_lines(self.teller.tell(previous, choice_id, self.step))
        self.send(self.step_object(told=told))

    def undo(self, steps: int) -> None:
        taken = len(self.step.state.history)
        if not 1 <= steps <= max(taken, 1):
            self.error("bad_undo", f"undo takes 1 to {max(taken, 1)} choice(s)")
            return
        try:
            self.step = rewind(self.story, self.step.state, steps)
        except CannotRewind as exc:
            self.error("bad_undo", str(exc))
            return
        self.note(None)
        self.send(self.step_object(f"Took back {steps} choice(s)."))

    def save_or_load(self, what: str, name: str) -> None:
        if self.store is None:
            self.error("no_saves", "this game has no saves folder")
            return
        try:
            if what == "save":
                saved = self.store.save(name, self.story, self.step.state)
                self.send(self.step_object(saved.notice or "Saved."))
            else:
                loaded = self.store.load(name, self.story)
                self.step = loaded.step
                self.note(None)
                self.send(self.step_object(loaded.notice or "Loaded."))
        except SaveError as exc:
            self.error(f"{what}_failed", str(exc))

    def note(self, previous: GameState | None, shown: tuple[Event, ...] = ()) -> None:
        """Note the step in the player's record (what was seen, taken, found and read,
        the scenes `shown` passed through included), as the other front ends do."""
        if self.profile is None:
            return
        try:
            self.profile.note(self.story, self.step.state, previous, shown)
        except SaveError as exc:
            self.error("record_failed", str(exc))

    def autosave(self) -> None:
        if self.store is None:
            return
        try:
            self.store.autosave(self.story, self.step.state)
        except SaveError as exc:
            self.error("autosave_failed", str(exc))
