"""`iss play --json`: the game as JSON lines, for tools, tests and bots.

Every step writes one JSON object on one line of stdout (see
docs/protocol.md): the scene, its text as paragraphs of styled spans, the
choices with their ids and whether they are open, what the step changed,
the clock, and the ending once one is reached. Each line of stdin is a
choice id, or a command object: `{"choose": ID}`, `{"undo": N}`,
`{"save": NAME}`, `{"load": NAME}`. A mistake is answered with an `error`
object, never a traceback, and the game goes on.
"""

from __future__ import annotations

import json
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
from iss.engine.rewind import CannotRewind, rewind
from iss.engine.runner import Step, choices, choose, new_game, replay, scene_text
from iss.engine.save_files import SaveError
from iss.engine.save_folders import story_folder
from iss.engine.saves import SaveStore
from iss.engine.terminal_safety import json_escape_controls
from iss.engine.text import Span

PROTOCOL_VERSION = 1
"""Bumped when a field changes meaning or goes away; new fields may appear in any version."""

EXIT_OK = 0
EXIT_INPUT_ENDED = 3
MAX_LINE = 64 * 1024
"""Longer input lines are refused with an error (and never parsed)."""


def _paragraphs(spans: tuple[Span, ...]) -> list[list[dict[str, str]]]:
    """Spans split at paragraph breaks: [[{"text", "style"}, ...], ...]."""
    out: list[list[dict[str, str]]] = [[]]
    for span in spans:
        parts = span.text.split("\n\n")
        for n, part in enumerate(parts):
            if n:
                out.append([])
            if part:
                out[-1].append({"text": part, "style": span.style})
    return [p for p in out if p]


def _event(story: Story, event: Event) -> dict[str, Any] | None:
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
        }
    return None


def step_object(story: Story, step: Step, notice: str | None = None) -> dict[str, Any]:
    """The JSON object for a step (see docs/protocol.md)."""
    state = step.state
    scene = story.scenes[state.scene]
    ending = None
    if state.ending is not None:
        found = story.endings[state.ending]
        ending = {"id": found.id, "title": found.title, "kind": found.kind}
    events = [e for e in (_event(story, ev) for ev in step.events) if e is not None]
    return {
        "protocol": PROTOCOL_VERSION,
        "type": "step",
        "scene": {"id": scene.id, "title": scene.title, "location": scene.location},
        "text": _paragraphs(scene_text(story, state)),
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
    ) -> None:
        self.story = story
        self.stdin = stdin
        self.stdout = stdout
        # The story's own folder under the saves folder, as the other front ends use.
        self.store = None if saves_dir is None else SaveStore(story_folder(saves_dir, story))
        self.step: Step = new_game(story, seed)
        self.opening: str | None = None
        """The first step's `notice`: which route `--at` replayed."""
        if start_route is not None:
            self.step = replay(story, start_route, seed)
            route = " ".join(start_route) or "(none: it is the start)"
            self.opening = f"Playtest at `{self.step.state.scene}`: replayed the route {route}"

    def send(self, data: dict[str, Any]) -> None:
        line = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        self.stdout.write(json_escape_controls(line) + "\n")
        self.stdout.flush()

    def error(self, code: str, message: str) -> None:
        self.send(
            {"protocol": PROTOCOL_VERSION, "type": "error", "error": code, "message": message}
        )

    def run(self) -> int:
        self.send(step_object(self.story, self.step, self.opening))
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
        else:
            self.error(
                "bad_command",
                'commands: {"choose": ID}, {"undo": N}, {"save": NAME}, {"load": NAME}',
            )

    def take(self, choice_id: str) -> None:
        try:
            self.step = choose(self.story, self.step.state, choice_id)
        except EngineError as exc:
            self.error("bad_choice", str(exc))
            return
        self.autosave()
        self.send(step_object(self.story, self.step))

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
        self.send(step_object(self.story, self.step, f"Took back {steps} choice(s)."))

    def save_or_load(self, what: str, name: str) -> None:
        if self.store is None:
            self.error("no_saves", "this game has no saves folder")
            return
        try:
            if what == "save":
                saved = self.store.save(name, self.story, self.step.state)
                self.send(step_object(self.story, self.step, saved.notice or "Saved."))
            else:
                loaded = self.store.load(name, self.story)
                self.step = loaded.step
                self.send(step_object(self.story, self.step, loaded.notice or "Loaded."))
        except SaveError as exc:
            self.error(f"{what}_failed", str(exc))

    def autosave(self) -> None:
        if self.store is None:
            return
        try:
            self.store.autosave(self.story, self.step.state)
        except SaveError as exc:
            self.error("autosave_failed", str(exc))
