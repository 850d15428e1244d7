"""The Textual app of I.S.S. Build it with `make_app(story_dir, save_dir)`.

The app holds the Story and the current playthrough (a `Playthrough`, which
owns the GameState); screens draw from it and ask it to act. Nothing from a
story file ever reaches Textual as markup.
"""

from __future__ import annotations

import dataclasses
import os
import sys
import time
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.screen import Screen

from iss.authoring.diagnostics import Diagnostic
from iss.authoring.loader import load_story
from iss.engine.model import Story
from iss.engine.runner import replay
from iss.engine.save_codes import read_code, show_code
from iss.engine.saves import QUICKSAVE, SaveInfo
from iss.engine.state import GameState
from iss.engine.terminal_safety import clipped_line, safe_for_terminal, safe_line
from iss.records import Outcome, Records
from iss.ui.messages import StepTaken
from iss.ui.screens.backlog import BacklogScreen
from iss.ui.screens.confirm import ConfirmScreen
from iss.ui.screens.crew import CrewScreen, CrewTrustScreen
from iss.ui.screens.ending import EndingScreen
from iss.ui.screens.endings import EndingsScreen
from iss.ui.screens.help import HelpScreen
from iss.ui.screens.journal import JournalScreen
from iss.ui.screens.kit import KitScreen
from iss.ui.screens.pause import PauseScreen
from iss.ui.screens.play import PlayScreen
from iss.ui.screens.rewind import RewindScreen
from iss.ui.screens.saves import LoadScreen, SaveScreen
from iss.ui.screens.settings import SettingsScreen
from iss.ui.screens.story_errors import StoryErrorsScreen
from iss.ui.screens.story_map import StoryMapScreen
from iss.ui.screens.title import TitleScreen
from iss.ui.session import Clock, Playthrough
from iss.ui.settings import Settings, load_settings, save_settings
from iss.ui.theme import STATION

HIDDEN_SYSTEM_COMMANDS = frozenset({"Maximize", "Minimize", "Keys"})
"""Textual's own palette entries that make no sense in the game."""
NOTICE_TITLE = 60
"""Characters of a scene title a notice line shows ("Resumed at ...")."""

Now = Callable[[], datetime]
"""The wall clock for dates shown to the player (fixed in tests)."""


def _local_now() -> datetime:
    return datetime.now().astimezone()


class IssApp(App[int]):
    """The game. See `make_app`."""

    TITLE = "I.S.S."
    CSS = """
    Screen { background: $background; }
    ToastRack { dock: top; align: right top; margin-top: 1; }
    Toast { max-width: 42; padding: 0 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "Help", show=False),
        Binding("ctrl+r", "reload", "Reload story", show=False, priority=True),
    ]
    ENABLE_COMMAND_PALETTE = True

    def __init__(
        self,
        story_dir: Path,
        save_dir: Path,
        *,
        seed: int = 0,
        load: str | None = None,
        settings: Settings | None = None,
        clock: Clock = time.monotonic,
        now: Now = _local_now,
        start_route: tuple[str, ...] | None = None,
        save_code: str | None = None,
    ) -> None:
        super().__init__()
        self.start_route = start_route
        """`iss play --at`: choices replayed from the start before the player takes over."""
        self.story_dir = story_dir
        self.save_code = save_code
        """A visitor's save code (`iss serve --public`): saves go in `save_dir / code`."""
        self.codes_root = save_dir if save_code else None
        self.save_dir = save_dir / save_code if save_code else save_dir
        self.seed = seed
        self.load_slot = load
        self.settings = settings or load_settings(self.save_dir)
        self.settings_on_disk = load_settings(self.save_dir)
        """The settings as settings.json holds them (defaults when there is none)."""
        self.clock = clock
        self.now = now
        self.story: Story | None = None
        self.playthrough: Playthrough | None = None
        self.records: Records | None = None
        """Saves and the player's record (None when the saves folder can't be used)."""
        self.seen_scenes: frozenset[str] = frozenset()
        """Scenes seen in earlier playthroughs (as the current one began)."""
        self.taken_choices: frozenset[tuple[str, str]] = frozenset()
        """(scene, choice) pairs taken in earlier playthroughs."""
        self.endings_before: frozenset[str] = frozenset()
        """Endings found before the current playthrough began (a new one is celebrated)."""
        self.kept_state: GameState | None = None
        """The state last saved or loaded: F9 asks first when play has moved on from it."""

    # ----- start-up -------------------------------------------------------

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every toast passes here: messages quote save slots, scene titles and
        story ids, so their control characters are made visible first."""
        super().notify(
            safe_for_terminal(message),
            title=safe_line(title),
            severity=severity,
            timeout=timeout,
            markup=markup,
        )

    def show_notice(self, line: str) -> None:
        """A game message that is not a problem ("Quicksaved."): it goes on the play
        screen's notice lines above the choices, which cover nothing. Toasts are
        for problems only."""
        for screen in reversed(self.screen_stack):
            if isinstance(screen, PlayScreen):
                screen.tell(line)
                return

    def remember_settings(self) -> None:
        """Keep the settings for the next run (they live in the saves folder).

        Written only when they differ from what was last read or written, so a
        start that changes nothing never writes (nor warns on a read-only folder).
        """
        self.settings.theme = self.theme
        if self.settings == self.settings_on_disk:
            return
        problem = save_settings(self.settings, self.save_dir)
        if problem:
            self.notify(problem, severity="warning", markup=False)
        else:
            self.settings_on_disk = dataclasses.replace(self.settings)

    def _leave_if_terminal_gone(self, fd: int) -> None:
        """Exit when the terminal has hung up. Closing a tmux pane that runs
        `make play` signals only make, and the game would otherwise poll a dead
        terminal at full speed forever; autosaves already hold the progress."""
        try:
            os.tcgetpgrp(fd)
        except OSError:
            self.exit(0)

    def on_mount(self) -> None:
        self.register_theme(STATION)
        self.theme = (
            self.settings.theme if self.settings.theme in self.available_themes else "station"
        )
        self.theme_changed_signal.subscribe(self, lambda theme: self.remember_settings())
        stdin = sys.__stdin__
        if not self.is_headless and stdin is not None and stdin.isatty():
            self.set_interval(2.0, lambda: self._leave_if_terminal_gone(stdin.fileno()))
        result = load_story(self.story_dir)
        if result.story is None:
            self.push_screen(StoryErrorsScreen(result.errors, self.story_dir, fatal=True))
            return
        self.story = result.story
        self._notify_playable_errors(result.errors)
        self.open_records(self.story)
        self.push_screen(TitleScreen())
        if self.load_slot is not None:
            self.load_game(self.load_slot)
        elif self.start_route is not None:
            self.begin(
                Playthrough(self.story, replay(self.story, self.start_route, self.seed), self.clock)
            )
            route = " ".join(self.start_route) or "none: it is the start"
            self.notify(f"Replayed the route: {route}", title="Playtest", markup=False, timeout=10)

    def open_records(self, story: Story) -> None:
        """The story's saves and record; a failed write is told once, again only when
        the problem changes (`WriteProblems` with no repeat interval)."""
        self.records = Records(self.save_dir, story, self.now, repeat_after=None)
        self.tell(self.records.notices)

    def tell(self, notices: list[str]) -> None:
        """Toasts about saves and the record (failed writes, moved saves...)."""
        for notice in notices:
            self.notify(notice, severity="warning", markup=False, timeout=6)

    def _notify_playable_errors(self, errors: list[Diagnostic]) -> None:
        """Errors that do not stop the story from playing (a failing walkthrough)."""
        if errors:
            self.notify(
                f"{errors[0].message} (and {len(errors) - 1} more)"
                if len(errors) > 1
                else errors[0].message,
                title="The story has errors; it still plays",
                severity="warning",
                markup=False,
                timeout=8,
            )

    def story_or_fail(self) -> Story:
        assert self.story is not None, "no story loaded"
        return self.story

    # ----- playing --------------------------------------------------------

    def start_new_game(self) -> None:
        run = Playthrough.new(self.story_or_fail(), self.seed, self.clock)
        self.begin(run)
        self.after_step(None)

    def begin(self, run: Playthrough) -> None:
        """Leave whatever is showing for the play screen of `run`."""
        self.playthrough = run
        self.kept_state = run.state
        if self.records is not None:
            record = self.records.record
            self.seen_scenes = frozenset(record.scenes)
            self.taken_choices = frozenset(record.choices)
            self.endings_before = frozenset(self.endings_found())
        self.back_to_title()
        self.push_screen(EndingScreen() if run.state.over else PlayScreen())

    def choices_taken_before(self) -> frozenset[str]:
        """Choice ids of the current scene taken in earlier playthroughs (for ✓ marks)."""
        run = self.playthrough
        if run is None:
            return frozenset()
        scene = run.state.scene
        return frozenset(choice for where, choice in self.taken_choices if where == scene)

    def seen_before(self, scene_id: str) -> bool:
        return scene_id in self.seen_scenes

    def after_step(self, previous: GameState | None) -> None:
        """After every step: note it in the record, autosave the new scene."""
        run = self.playthrough
        if run is None or self.records is None:
            return
        # A finished run is autosaved too: Continue then offers its ending screen.
        self.tell(self.records.after_step(run.state, previous, run.play_seconds))

    def on_step_taken(self, message: StepTaken) -> None:
        self.after_step(message.previous)
        run = self.playthrough
        if run is not None and run.state.over:
            self.show_ending()

    def show_ending(self) -> None:
        if isinstance(self.screen, PlayScreen):
            self.switch_screen(EndingScreen())
        else:
            self.push_screen(EndingScreen())

    def endings_found(self) -> dict[str, str]:
        """Ending id -> the date it was first found."""
        if self.records is None or self.story is None:
            return {}
        return {
            entry.ending.id: entry.found.strftime("%Y-%m-%d")
            for entry in self.records.gallery()
            if entry.found is not None
        }

    def rewind_to(self, index: int) -> None:
        run = self.playthrough
        if run is None:
            return
        run.rewind(index)
        self.after_step(None)
        self.back_to_title()
        self.push_screen(PlayScreen(type_out=False))
        self.show_notice(f"Rewound to before choice {index + 1}.")

    def back_to_title(self) -> None:
        """Close everything above the title screen."""
        while len(self.screen_stack) > 1 and not isinstance(self.screen, TitleScreen):
            self.pop_screen()

    # ----- saves ---------------------------------------------------------

    def latest_autosave(self) -> SaveInfo | None:
        if self.records is None or self.story is None:
            return None
        return self.records.latest()

    def continue_game(self) -> None:
        latest = self.latest_autosave()
        if latest is None:
            self.notify("There is no autosave to continue from yet.", severity="warning")
            return
        self.load_game(latest.slot)

    def open_save(self) -> None:
        if self.playthrough is None or self.playthrough.state.over:
            self.notify("There is no game in progress to save.", severity="warning", timeout=3)
        elif self.records is not None:
            self.dialog(SaveScreen())

    def use_save_code(self, typed: str) -> str | None:
        """Switch to the saves of another save code; what went wrong, or None."""
        if self.codes_root is None or self.story is None:
            return "Save codes are only used when the game is served to a browser."
        code = read_code(typed)
        if code is None:
            return "A save code is 16 letters and digits, such as K7QD-9XTR-M2WB-4HNE."
        if not (self.codes_root / code).is_dir():
            return f"No saves are kept under {show_code(code)}."
        self.save_code = code
        self.save_dir = self.codes_root / code
        self.open_records(self.story)  # the title screen's code line shows the new code
        return None

    def open_load(self) -> None:
        if self.records is not None and self.story is not None:
            self.dialog(LoadScreen())

    def save_to(self, slot: str) -> bool:
        run = self.playthrough
        if run is None or self.records is None:
            return False
        outcome = self.records.save(slot, run.state, run.play_seconds)
        self._report(outcome)
        if outcome.ok:
            self.kept_state = run.state
        return outcome.ok

    def _report(self, outcome: Outcome) -> None:
        """Success on the notice lines, failure in a toast."""
        if outcome.ok:
            self.show_notice(outcome.message)
        else:
            self.notify(outcome.message, severity="error", markup=False)

    def load_game(self, slot: str) -> None:
        if self.records is None or self.story is None:
            return
        loaded = self.records.load(slot)
        if isinstance(loaded, Outcome):
            self.notify(loaded.message, title="Cannot load", severity="error", markup=False)
            return
        run = Playthrough(self.story, loaded.step, self.clock, loaded.info.play_seconds)
        self.begin(run)
        # The story's title of where play resumes, not the one the save claims.
        where = clipped_line(self.story.scenes[run.state.scene].title, NOTICE_TITLE)
        self.show_notice(loaded.notice or f"Resumed at {where}.")
        self.tell(self.records.resumed(loaded, run.play_seconds))  # Continue resumes here now

    def quicksave(self) -> None:
        run = self.playthrough
        if run is None or self.records is None or run.state.over:
            return
        outcome = self.records.quicksave(run.state, run.play_seconds)
        self._report(outcome)
        if outcome.ok:
            self.kept_state = run.state

    def quickload(self) -> None:
        self.load_game(QUICKSAVE)

    def ask_quickload(self) -> None:
        """F9: load the quicksave, asking first if that would undo unsaved choices."""
        run = self.playthrough
        if run is None or run.state.over or run.state is self.kept_state:
            self.quickload()
            return
        self.dialog(
            ConfirmScreen(
                "Load the quicksave? The choices you made since you last saved or "
                "loaded are lost (an autosave still holds them).",
                title="Quickload",
            ),
            lambda yes: self.quickload() if yes else None,
        )

    # ----- authors: hot reload --------------------------------------------

    def action_reload(self) -> None:
        self.reload_story()

    def reload_story(self) -> None:
        """Reload the story from disk; resume at the same point if it is clean."""
        self.clear_notifications()
        result = load_story(self.story_dir)
        if result.story is None:
            fatal = self.story is None
            self.push_screen(StoryErrorsScreen(result.errors, self.story_dir, fatal=fatal))
            return
        first_load = self.story is None
        self.story = result.story
        self._notify_playable_errors(result.errors)
        if first_load:
            self.open_records(result.story)
            self.pop_screen()
            self.push_screen(TitleScreen())
            return
        if self.records is not None:
            self.records.story = result.story
        run = self.playthrough
        if run is None or not isinstance(self.screen, PlayScreen | EndingScreen):
            self.notify("Story reloaded.", timeout=3)
            return
        rebuilt = run.reload(result.story)
        if not rebuilt.complete:
            self.notify(
                f"Story reloaded, but {rebuilt.problem}: resumed after "
                f"{rebuilt.taken} of {rebuilt.total} choices.",
                severity="warning",
                markup=False,
                timeout=8,
            )
        self.back_to_title()
        self.push_screen(EndingScreen() if run.state.over else PlayScreen(type_out=False))
        if rebuilt.complete:
            self.show_notice("Story reloaded; you are where you were.")

    # ----- dialogs --------------------------------------------------------

    def dialog(self, screen: Screen[Any], callback: Callable[[Any], None] | None = None) -> None:
        """Open a dialog. Toasts already seen would cover it, so they go first."""
        self.clear_notifications()
        self.push_screen(screen, callback)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.dialog(HelpScreen())

    def open_pause(self) -> None:
        self.dialog(PauseScreen())

    def open_settings(self) -> None:
        self.dialog(SettingsScreen())

    def open_endings(self) -> None:
        if self.story is not None:
            self.dialog(EndingsScreen())

    def _in_play(self) -> bool:
        if self.playthrough is None:
            self.notify("Start a game first.", severity="warning", timeout=3)
            return False
        return True

    def open_crew(self) -> None:
        if self._in_play():
            self.dialog(CrewScreen())

    def open_crew_trust(self) -> None:
        if self._in_play():
            self.dialog(CrewTrustScreen())

    def open_kit(self) -> None:
        if self._in_play():
            self.dialog(KitScreen())

    def open_journal(self) -> None:
        if self._in_play():
            self.dialog(JournalScreen())

    def open_rewind(self) -> None:
        if self._in_play():
            self.dialog(RewindScreen())

    def open_map(self) -> None:
        if self.story is not None and not isinstance(self.screen, StoryMapScreen):
            self.dialog(StoryMapScreen())

    def open_backlog(self) -> None:
        if self._in_play() and not isinstance(self.screen, BacklogScreen):
            self.dialog(BacklogScreen())

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield SystemCommand("New game", "Start again from the first scene", self.start_new_game)
        yield SystemCommand("Back to title", "Leave for the title screen", self.back_to_title)
        yield SystemCommand("Save", "Save the game to a slot", self.open_save)
        yield SystemCommand("Load", "Load a saved game", self.open_load)
        yield SystemCommand("Quicksave", "Save to the quicksave slot (F5)", self.quicksave)
        yield SystemCommand("Quickload", "Load the quicksave (F9)", self.ask_quickload)
        yield SystemCommand(
            "Journal", "The scenes and choices of this playthrough", self.open_journal
        )
        yield SystemCommand("Rewind", "Go back to before an earlier choice", self.open_rewind)
        yield SystemCommand(
            "Backlog", "Reread this playthrough's text and search it (b)", self.open_backlog
        )
        yield SystemCommand(
            "Story map", "The scenes you have seen, by act; jump to one (m)", self.open_map
        )
        yield SystemCommand("Crew", "Where the crew are and how far they trust you", self.open_crew)
        yield SystemCommand("Crew ties", "How the crew trust each other", self.open_crew_trust)
        yield SystemCommand("Kit", "What you carry and what you know", self.open_kit)
        yield SystemCommand("Endings", "The endings you have found", self.open_endings)
        yield SystemCommand("Settings", "Text effect, speed and theme", self.open_settings)
        yield SystemCommand("Help", "Every key of the game", self.action_help)
        yield SystemCommand("Reload story", "Read the story from disk again", self.reload_story)
        for command in super().get_system_commands(screen):
            # Maximize would hide the story behind one panel; Keys lists Textual's
            # widget keys, not the game's (Help does that).
            if command.title not in HIDDEN_SYSTEM_COMMANDS:
                yield command


def make_app(
    story_dir: Path,
    save_dir: Path,
    *,
    seed: int = 0,
    load: str | None = None,
    settings: Settings | None = None,
    clock: Clock = time.monotonic,
    now: Now = _local_now,
    start_route: tuple[str, ...] | None = None,
    save_code: str | None = None,
) -> IssApp:
    """The game app for the story in `story_dir`, saving into `save_dir`.

    Tests pass a fixed `clock` (play time) and `now` (dates), and settings
    with the typewriter off, so screenshots are the same on every run. With a
    `save_code` (a visitor of `iss serve --public`), `save_dir` holds one
    folder per code and the title screen shows the code and takes another.
    """
    return IssApp(
        story_dir,
        save_dir,
        seed=seed,
        load=load,
        settings=settings,
        clock=clock,
        now=now,
        start_route=start_route,
        save_code=save_code,
    )
