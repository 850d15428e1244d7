"""The plain line mode: for screen readers, pipes and scripts.

Each scene prints `== Title ==` and its text, then the choices:
available ones as `  N) text`, unavailable ones as `  -) text  [reason]`,
then the prompt `> `. Input is a choice number or id, or a `:command`.
At an ending it prints `ENDING <id>: <title>` and returns 0.
"""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from iss.engine.errors import EngineError
from iss.engine.events import EndingReached, Event, ItemGained, ItemLost, TrustChanged
from iss.engine.model import Story
from iss.engine.runner import ChoiceView, Step, choices, choose, new_game, scene_text
from iss.engine.state import GameState
from iss.notices import trust_notice

Command = Callable[[str], bool]
"""A `:command` handler: gets the argument text, returns False to quit."""


class PlainGame:
    """One playthrough in the line mode, reading `stdin` and writing `stdout`."""

    def __init__(
        self,
        story: Story,
        stdin: TextIO,
        stdout: TextIO,
        saves_dir: Path | None = None,
        seed: int = 0,
        trace: bool = False,
    ) -> None:
        self.story = story
        self.stdin = stdin
        self.stdout = stdout
        self.saves_dir = saves_dir
        self.seed = seed
        self.trace = trace
        self.step: Step = new_game(story, seed)
        self.width = self._width()
        self.commands: dict[str, tuple[Command, str]] = {
            "help": (self.cmd_help, "list the commands"),
            "trust": (self.cmd_trust, "show who trusts whom"),
            "look": (self.cmd_look, "show the scene again"),
            "quit": (self.cmd_quit, "leave the game"),
        }

    @property
    def state(self) -> GameState:
        return self.step.state

    def _width(self) -> int:
        isatty = getattr(self.stdout, "isatty", None)
        if isatty is not None and isatty():
            return min(shutil.get_terminal_size((80, 24)).columns, 100)
        return 0

    def say(self, text: str = "") -> None:
        self.stdout.write(text + "\n")

    def run(self, load: str | None = None) -> int:
        if load is not None and not self.load_slot(load):
            return 1
        self.show_scene()
        while not self.state.over:
            self.stdout.write("> ")
            self.stdout.flush()
            line = self.stdin.readline()
            if not line:
                self.say()
                return 0
            if not self.handle(line.strip()):
                return 0
        return 0

    def handle(self, line: str) -> bool:
        """Act on one line of input. Returns False when the player quits."""
        if not line:
            self.show_choices("Type a choice number, or :help.")
            return True
        if line.startswith(":"):
            name, _, arg = line[1:].partition(" ")
            entry = self.commands.get(name.lower())
            if entry is None:
                self.show_choices(f"Unknown command `:{name}`. Type :help for the list.")
                return True
            return entry[0](arg.strip())
        view = self.resolve(line)
        if view is None:
            return True
        try:
            self.step = choose(self.story, self.state, view.id)
        except EngineError as exc:  # pragma: no cover - resolve() checks availability first
            self.show_choices(str(exc))
            return True
        self.show_events(self.step.events)
        self.show_scene()
        return True

    def resolve(self, line: str) -> ChoiceView | None:
        """The choice a line of input names, or None after telling the player why not."""
        views = self.visible_choices()
        available = [v for v in views if v.available]
        if line.isdigit():
            number = int(line)
            if 1 <= number <= len(available):
                return available[number - 1]
            self.show_choices(f"There is no choice {number}. Pick 1 to {len(available)}.")
            return None
        for view in views:
            if view.id == line:
                if view.available:
                    return view
                self.show_choices(f"That choice is not open: {view.reason}.")
                return None
        self.show_choices(f"`{line}` is not a choice here. Type a number, or :help.")
        return None

    def visible_choices(self) -> list[ChoiceView]:
        return [v for v in choices(self.story, self.state) if v.available or not v.hidden]

    def show_scene(self) -> None:
        scene = self.story.scenes[self.state.scene]
        self.say()
        if self.trace:
            self.say(f"@ {scene.id}")
        self.say(f"== {scene.title} ==")
        text = "".join(span.text for span in scene_text(self.story, self.state))
        for paragraph in text.split("\n\n"):
            paragraph = " ".join(paragraph.split())
            if paragraph:
                self.say(textwrap.fill(paragraph, self.width) if self.width else paragraph)
                self.say()
        if scene.ending is not None:
            ending = self.story.endings[scene.ending]
            self.say(f"ENDING {ending.id}: {ending.title}")
            return
        self.print_choices()

    def print_choices(self) -> None:
        number = 0
        for view in self.visible_choices():
            if view.available:
                number += 1
                self.say(f"  {number}) {view.plain}")
            else:
                self.say(f"  -) {view.plain}  [{view.reason}]")

    def show_choices(self, message: str) -> None:
        self.say(message)
        self.print_choices()

    def show_events(self, events: tuple[Event, ...]) -> None:
        for event in events:
            if isinstance(event, TrustChanged):
                self.say(f"({trust_notice(self.story, event)})")
            elif isinstance(event, ItemGained):
                self.say(f"(You now have {self.story.items[event.item].name}.)")
            elif isinstance(event, ItemLost):
                self.say(f"(You no longer have {self.story.items[event.item].name}.)")
            elif isinstance(event, EndingReached):
                pass

    def cmd_help(self, _: str) -> bool:
        self.say("Type the number of a choice (or its id) and press Enter. Commands:")
        for name, (_, text) in self.commands.items():
            self.say(f"  :{name:<8} {text}")
        self.print_choices()
        return True

    def cmd_trust(self, _: str) -> bool:
        story, state = self.story, self.state
        self.say("Trust in you:")
        for member in story.crew:
            value = state.trust[member.id]
            status = "" if state.status[member.id] == "aboard" else f" ({state.status[member.id]})"
            self.say(f"  {member.name:<26} {story.trust_level(value)}{status}")
        if story.crew_trust:
            self.say("Between the crew:")
            for key, value in state.crew_trust.items():
                a, _, b = key.partition("-")
                self.say(
                    f"  {story.characters[a].short} and {story.characters[b].short}: {story.trust_level(value)}"
                )
        return True

    def cmd_look(self, _: str) -> bool:
        self.show_scene()
        return True

    def cmd_quit(self, _: str) -> bool:
        self.say("Goodbye.")
        return False

    def load_slot(self, slot: str) -> bool:
        """Loading needs the saves module; until it exists, say so."""
        self.say(f"Cannot load `{slot}`: saves are not available in this version.")
        return False
