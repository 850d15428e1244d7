"""The plain line mode: for screen readers, pipes and scripts.

Each scene prints `== Title ==` and its text, then the choices:
available ones as `  N) text`, unavailable ones as `  N) text  [locked: reason]`
(numbered in their place, so a choice keeps its number where one above is locked),
then the prompt `> `. A choice the player took in this scene before (in
this or an earlier playthrough, per the player's record) ends with
` (taken before)`: words, not a mark a screen reader may read as noise.
Input is a choice number or id, or a `:command` (an empty line takes a lone
Continue, and otherwise shows the choices again); it is read leniently (bytes
the locale cannot decode become `\ufffd`), so no input line can crash it.
At an ending it prints `ENDING: <title>` (`ENDING <id>: <title>` with
`--trace`, which also prints `@ <scene id>` above each scene), then "What mattered:" and
the choices of the run that closed off other endings, one numbered line each, and
"What led here:"; a last prompt takes `:ways` for the endings the other choices could
have led to and `:again N` to go back to choice N and choose again (Enter, or the end
of the input, finishes; typed at a terminal, Enter twice).

`PlainGame.run` returns the exit code of `iss play --plain`:

    0  an ending was reached, or the player typed :quit
    1  the game could not start (`--load` failed; a broken story is also 1)
    2  the command line was wrong (argparse)
    3  the input ended before an ending (the game says so)

With a saves folder, every scene after the first choice is autosaved (a ring
of the last 10), the player's record is kept up to date, and these commands
work: `:save [NAME]` (no name: the quicksave slot), `:load NAME`, `:saves`,
`:delete NAME` (asks first), `:rename OLD / NEW`,
`:undo [N]`, `:endings`; `:status` shows the location, clocks, kit and knowledge.
`:notices all|big|off` (kept for the next game; `--notices` for one run) says which
trust notices the text tells (`iss.plain.notice_level`).
With `--skim` (or `:skim on`, which is kept for the next game), runs of paragraphs
read in an earlier playthrough fold into one line, "(2 paragraphs read before;
:more shows them.)", and `:more` prints them (`iss.plain.skim`). `iss play --plain --load NAME` starts from a save;
if it cannot be loaded, the reason is printed and the exit code is 1.
Messages about saves are single lines; notices that are not part of the
story are printed in parentheses.
"""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TextIO

from iss.backlog import backlog
from iss.engine.answers import Answered
from iss.engine.errors import EngineError
from iss.engine.events import Event, PassedThrough
from iss.engine.model import Story
from iss.engine.profile import Record, gallery
from iss.engine.runner import (
    ChoiceView,
    Step,
    choices,
    choose,
    new_game,
    replay_route,
    route_choices,
)
from iss.engine.save_files import NAME_RULES
from iss.engine.saves import PlayClock
from iss.engine.state import GameState
from iss.engine.terminal_safety import safe_for_terminal
from iss.notices import Teller, locked_line
from iss.plain.going_back import GoingBack
from iss.plain.lines import (
    EXIT_CANNOT_START,
    EXIT_INPUT_ENDED,
    EXIT_OK,
    shorten,
    small_number,
)
from iss.plain.lookback import backlog_lines, endings_lines, map_lines
from iss.plain.mattered import LOOK_BACK, at_ending
from iss.plain.notice_level import NoticeLevel, stored_notices
from iss.plain.save_commands import SaveCommands
from iss.plain.scene_output import SceneOutput
from iss.plain.skim import stored_skim
from iss.plain.status import status_lines, trust_lines
from iss.records import Records
from iss.story_map import story_map

Command = Callable[[str], bool]
"""A `:command` handler: gets the argument text, returns False to quit."""


def _is_terminal(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    return isatty is not None and bool(isatty())


class PlainGame(SceneOutput, NoticeLevel, SaveCommands, GoingBack):
    """One playthrough in the line mode, reading `stdin` and writing `stdout`."""

    def __init__(
        self,
        story: Story,
        stdin: TextIO,
        stdout: TextIO,
        saves_dir: Path | None = None,
        seed: int = 0,
        trace: bool = False,
        start_route: tuple[str, ...] | None = None,
        mattered_seconds: float | None = None,
        skim: bool | None = None,
        notices: str | None = None,
    ) -> None:
        self.story = story
        self.skim = stored_skim(saves_dir) if skim is None else skim
        """Fold paragraphs read before: `skim`, else as the saves folder's settings keep
        it (`:skim on|off`, or the UI's Read text folded)."""
        self.hint_due = skim is None and not self.skim
        self.mattered_seconds = mattered_seconds
        """How long the ending may weigh what mattered: 0, not shown; None, the weighing's
        own safety net (`allowance.WEIGH_SECONDS`), as its work is counted
        (`allowance.WEIGH_WORK`) so a route gives the same list on every machine."""
        self.start_route = start_route
        """`iss play --at`: choices replayed from the start before the player takes over."""
        self.stdin = stdin
        self.stdout = stdout
        self.saves_dir = saves_dir
        self.seed = seed
        self.trace = trace
        self.step: Step = new_game(story, seed)
        self.teller = Teller(story, stored_notices(saves_dir) if notices is None else notices)
        """Words the notices at the level `notices` gives (else as the saves folder's
        settings keep it); it catches up by itself after a load, an undo or `--at`."""
        self.width = self._width()
        self.echo = not _is_terminal(stdin)
        """Piped input is not echoed by a terminal: write it after the prompt, so a
        transcript reads `> 2` and what follows starts on a line of its own."""
        self.clock = PlayClock()
        self.answered = Answered()
        self.records = None if saves_dir is None else Records(saves_dir, story)
        """This story's saves and record under `saves_dir` (see `iss.records`)."""
        self.record = Record() if self.records is None else self.records.record
        self.read_before = frozenset(self.record.read)
        self.scenes_before = frozenset(self.record.scenes)
        self.folded: list[str] = []
        self._visible: tuple[GameState | None, list[ChoiceView]] = (None, [])
        self.commands: dict[str, tuple[Command, str]] = {
            "help": (self.cmd_help, "list the commands"),
            "status": (self.cmd_status, "where you are, the clocks, your kit and what you know"),
            "trust": (self.cmd_trust, "show who trusts whom, and where each last moved"),
            "notices": (
                self.cmd_notices,
                "which trust notices the text tells: :notices all|big|off",
            ),
            "look": (self.cmd_look, "show the scene again"),
            "save": (self.cmd_save, "save the game: :save NAME (no name: quicksave)"),
            "load": (self.cmd_load, "load a saved game: :load NAME"),
            "saves": (self.cmd_saves, "list the saved games"),
            "delete": (self.cmd_delete, "delete a save: :delete NAME (asks first)"),
            "rename": (self.cmd_rename, "rename a save: :rename OLD / NEW"),
            "undo": (self.cmd_undo, "take back the last choice, or N choices: :undo N"),
            "endings": (self.cmd_endings, "the endings you have found"),
            "backlog": (self.cmd_backlog, "reread this playthrough: :backlog [WORD] finds a word"),
            "map": (self.cmd_map, "the scenes you have seen, their choices and the endings"),
            "ways": (
                self.cmd_at_ending,
                "at an ending, after What mattered: where the other choices could have led",
            ),
            "again": (
                self.cmd_at_ending,
                "at an ending: :again N goes back to choice N of What mattered, to choose again",
            ),
            "skim": (self.cmd_skim, "fold paragraphs read in an earlier playthrough: :skim on|off"),
            "more": (self.cmd_more, "show the paragraphs :skim folded"),
            "quit": (self.cmd_quit, "leave the game"),
        }

    @property
    def state(self) -> GameState:
        return self.step.state

    def _width(self) -> int:
        if _is_terminal(self.stdout):
            return min(shutil.get_terminal_size((80, 24)).columns, 100)
        return 0

    def say(self, text: str = "") -> None:
        """Write a line. Every line passes here, so story, save and profile strings
        in it reach the terminal with their control characters made visible."""
        self.stdout.write(safe_for_terminal(text) + "\n")

    def run(self, load: str | None = None) -> int:
        """Play until an ending, :quit or the end of the input; returns the exit code."""
        for notice in [] if self.records is None else self.records.notices:
            self.say(f"({notice})")
        passed: list[PassedThrough] = []
        if load is not None:
            if not self.load_slot(load):
                return EXIT_CANNOT_START
        elif self.start_route is not None:
            self.step, taken = replay_route(self.story, self.start_route, self.seed)
            route = " ".join(self.start_route) or "(none: it is the start)"
            self.say(f"(Playtest at `{self.state.scene}`: replayed the route {route})")
            self.arrived(None, autosave=False)
            if self.records is not None:  # the route's choices are this run's: the map shows them
                self.tell(self.records.note_route(self.state, taken))
        else:
            passed = [e for e in self.step.events if isinstance(e, PassedThrough)]
            self.arrived(None, autosave=False, shown=passed)
        self.show_step(passed)
        code = self.play()
        if self.records is not None:
            self.tell(self.records.last_words())
        return code

    def play(self) -> int:
        while True:
            code = self.play_to_ending()
            if code is not None:
                return code
            ended = self.state
            index = self.what_mattered() if self.mattered_seconds != 0 else None
            if self.state is not ended:  # `:load` at the ending: play on from the save
                continue
            if index is None:
                return EXIT_OK
            self.choose_again(index)

    def play_to_ending(self) -> int | None:
        """Read choices until an ending (None), the end of the input or :quit (the exit code)."""
        while not self.state.over:
            self.stdout.write("> ")
            self.stdout.flush()
            line = self.stdin.readline()
            if line and self.echo:
                self.say(shorten(line.replace("\ufeff", "").strip(), 80))
            if not line:
                self.say()
                self.say("(The input ended before an ending; the game stops here.)")
                return EXIT_INPUT_ENDED
            # A byte order mark (a Windows tool's UTF-8, or UTF-16) is not part of what was typed.
            if not self.handle(line.replace("\ufeff", "").strip()):
                return EXIT_OK
        return None

    def what_mattered(self) -> int | None:
        """At the ending: what mattered and what led here, then the prompt where `:ways`
        adds the endings the other choices could have led to and `:again N` goes back to
        choice N (`iss.plain.mattered`). Returns the place in the history to go back to."""
        found = {e.ending.id for e in gallery(self.story, self.record) if e.found is not None}
        ended = self.state
        return at_ending(
            self.story,
            self.state,
            found,
            self.mattered_seconds,
            self.say,
            self.read_line,
            enter_twice=not self.echo,  # a person at a terminal, not a script
            look_back=self.look_back,
            left=lambda: self.state is not ended,
        )

    def look_back(self, line: str) -> bool:
        """Run `line`, a command typed at an ending's prompt, if it is one of those that
        only look back (`mattered.LOOK_BACK`: `:endings`, `:backlog` ...), or `:load`, which
        leaves the ending for a save (blind reader R341 #9: refused there, the player had to
        quit and start again with `--load`)."""
        name, _, arg = line.removeprefix(":").partition(" ")
        if name.lower() not in (*LOOK_BACK, "load"):
            return False
        self.commands[name.lower()][0](arg.strip())
        return True

    def read_line(self) -> str:
        """One line typed at a prompt after the ending (echoed as play echoes its input)."""
        self.stdout.write("> ")
        self.stdout.flush()
        line = self.stdin.readline()
        if self.echo or not line:
            self.say(shorten(line.replace("\ufeff", "").strip(), 80))
        return line

    def tell(self, notices: list[str]) -> None:
        for notice in notices:
            self.say(f"({notice})")

    def handle(self, line: str) -> bool:
        """Act on one line of input. Returns False when the player quits."""
        if not line:
            available = [view for view in self.visible_choices() if view.available]
            if len(available) == 1 and available[0].id == "continue":
                # Enter goes on where Continue is all there is, as a page turns: a replay's
                # spacewalk asked for "1" under each (blind reader R284 #8).
                self.take(available[0].id)
                return True
            self.show_choices("Type a choice number, or :help.")
            return True
        if line.startswith(":"):
            name, _, arg = line[1:].partition(" ")
            entry = self.commands.get(name.lower())
            if entry is None:
                self.show_choices(f"Unknown command `:{shorten(name)}`. Type :help for the list.")
                return True
            return entry[0](arg.strip())
        # Several choices on one line, separated by spaces: a path `iss explore` printed.
        for word in line.split():
            if self.state.over:
                self.say(f"(The story ended before `{shorten(word)}`.)")
                break
            if not self.take(word):
                break
        return True

    def take(self, word: str) -> bool:
        """Take the choice `word` names (a number or an id) and show where it leads.
        False, after saying why, when it names no open choice."""
        view = self.resolve(word)
        if view is None:
            return False
        previous = self.state
        try:
            self.step = choose(self.story, self.state, view.id)
        except EngineError as exc:  # pragma: no cover - resolve() checks availability first
            self.show_choices(str(exc))
            return False
        self.answered = Answered.after(self.story, previous, view.id, self.step)
        self.arrived(previous, shown=self.step.events)
        self.show_step(self.teller.tell(previous, view.id, self.step))
        return True

    def arrived(
        self, previous: GameState | None, autosave: bool = True, shown: Iterable[Event] = ()
    ) -> None:
        """After a step: note it in the player's record, and autosave it. `shown` are the
        step's events as the player will see them: the scenes it passed through are read."""
        if self.records is not None:
            seconds = self.clock.seconds()
            self.tell(self.records.after_step(self.state, previous, seconds, autosave, shown))

    def resolve(self, line: str) -> ChoiceView | None:
        """The choice a line of input names, or None after telling the player why not."""
        views = self.visible_choices()
        number = small_number(line)
        if number is not None:
            if 1 <= number <= len(views):
                view = views[number - 1]
                if view.available:
                    return view
                self.show_choices(locked_line(view.reason, number))
                return None
            pick = "Pick 1." if len(views) == 1 else f"Pick 1 to {len(views)}."
            self.show_choices(f"There is no choice {shorten(line)}. {pick}")  # not "1 to 1" (R238)
            return None
        for view in views:
            if view.id == line:
                if view.available:
                    return view
                self.show_choices(locked_line(view.reason))
                return None
        self.show_choices(f"`{shorten(line)}` is not a choice here. Type a number, or :help.")
        return None

    def visible_choices(self) -> list[ChoiceView]:
        """The choices shown in this state (worked out once per state: a step both
        resolves the input and prints the next list)."""
        state = self.state
        if self._visible[0] is not state:
            views = [v for v in choices(self.story, state) if v.available or not v.hidden]
            self._visible = (state, views)
        return self._visible[1]

    def cmd_help(self, _: str) -> bool:
        self.say(
            "Type the number of a choice (or its id) and press Enter; several ids (or"
            " numbers) separated by spaces take them in turn. Where Continue is the only"
            " choice, Enter alone goes on. Commands:"
        )
        for name, (_handler, text) in self.commands.items():
            self.say(f"  :{name:<8} {text}")
        self.say(NAME_RULES)
        self.print_choices()
        return True

    def cmd_trust(self, _: str) -> bool:
        self.say("\n".join(trust_lines(self.story, self.state)))
        return True

    def cmd_status(self, _: str) -> bool:
        self.say("\n".join(status_lines(self.story, self.state)))
        self.clock_told = None  # the clocks were on screen: the next scene counts from there
        return True

    def cmd_backlog(self, term: str) -> bool:
        lines = backlog_lines(backlog(self.story, self.state, notices=self.teller.level), term)
        self.say(
            "\n".join(textwrap.fill(line, self.width) if self.width else line for line in lines)
        )
        return True

    def cmd_map(self, _: str) -> bool:
        state = self.state
        this_run = route_choices(self.story, state.history, state.seed)
        chart = story_map(self.story, self.record, state.scene, state.visited, this_run)
        self.say("\n".join(map_lines(chart)))
        return True

    def cmd_look(self, _: str) -> bool:
        self.show_scene()
        return True

    def cmd_quit(self, _: str) -> bool:
        self.say("Goodbye.")
        return False

    def cmd_endings(self, _: str) -> bool:
        self.say("\n".join(endings_lines(self.story, self.record)))
        return True
