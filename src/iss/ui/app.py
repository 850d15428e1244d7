"""The Textual app of I.S.S. Build it with `make_app(story_dir, save_dir)`.

The app holds the Story and the current playthrough (a `Playthrough`, which
owns the GameState); screens draw from it and ask it to act. Nothing from a
story file ever reaches Textual as markup.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from iss.authoring.loader import load_story
from iss.engine.model import Story
from iss.ui.screens.crew import CrewScreen, CrewTrustScreen
from iss.ui.screens.ending import EndingScreen
from iss.ui.screens.endings import EndingsScreen
from iss.ui.screens.help import HelpScreen
from iss.ui.screens.journal import JournalScreen
from iss.ui.screens.kit import KitScreen
from iss.ui.screens.pause import PauseScreen
from iss.ui.screens.play import PlayScreen
from iss.ui.screens.rewind import RewindScreen
from iss.ui.screens.settings import SettingsScreen
from iss.ui.screens.story_errors import StoryErrorsScreen
from iss.ui.screens.title import TitleScreen
from iss.ui.session import Clock, Playthrough, replay_prefix
from iss.ui.settings import Settings
from iss.ui.theme import STATION

Now = Callable[[], datetime]
"""The wall clock for dates shown to the player (fixed in tests)."""


class IssApp(App[int]):
    """The game. See `make_app`."""

    TITLE = "I.S.S."
    CSS = """
    Screen { background: $background; }
    Toast { max-width: 48; }
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
        now: Now = datetime.now,
    ) -> None:
        super().__init__()
        self.story_dir = story_dir
        self.save_dir = save_dir
        self.seed = seed
        self.load_slot = load
        self.settings = settings or Settings()
        self.clock = clock
        self.now = now
        self.story: Story | None = None
        self.playthrough: Playthrough | None = None
        self.saves: object | None = None
        """The save store, once the saves backend exists (None: saving unavailable)."""
        self.found: dict[str, str] = {}
        """Endings reached in this app run: id -> date (when there is no profile)."""
        self.seen_scenes: set[str] = set()
        """Scenes seen in earlier playthroughs of this app run."""
        self.taken_choices: set[str] = set()
        """`scene:choice` ids taken in earlier playthroughs."""

    # ----- start-up -------------------------------------------------------

    def on_mount(self) -> None:
        self.register_theme(STATION)
        self.theme = "station"
        result = load_story(self.story_dir)
        if result.story is None:
            self.push_screen(StoryErrorsScreen(result.errors, self.story_dir, fatal=True))
            return
        self.story = result.story
        self.push_screen(TitleScreen())
        if self.load_slot is not None:
            self.load_game(self.load_slot)

    def story_or_fail(self) -> Story:
        assert self.story is not None, "no story loaded"
        return self.story

    # ----- playing --------------------------------------------------------

    def start_new_game(self) -> None:
        self.begin(Playthrough.new(self.story_or_fail(), self.seed, self.clock))

    def begin(self, run: Playthrough) -> None:
        """Leave whatever is showing for the play screen of `run`."""
        self.remember_run()
        self.playthrough = run
        self.back_to_title()
        if run.state.over:
            self.push_screen(EndingScreen())
        else:
            self.push_screen(PlayScreen())

    def remember_run(self) -> None:
        """Note what the current run saw, for ✓ marks and instant text next time."""
        run = self.playthrough
        if run is None:
            return
        for point_scene, choice in self._scene_choice_pairs(run):
            self.taken_choices.add(f"{point_scene}:{choice}")
        self.seen_scenes |= run.state.visited

    @staticmethod
    def _scene_choice_pairs(run: Playthrough) -> Iterable[tuple[str, str]]:
        from iss.engine.runner import choose, new_game

        step = new_game(run.story, run.state.seed)
        for choice_id in run.state.history:
            yield step.state.scene, choice_id
            step = choose(run.story, step.state, choice_id)

    def choices_taken_before(self) -> frozenset[str]:
        """Choice ids of the current scene taken in earlier playthroughs."""
        run = self.playthrough
        if run is None:
            return frozenset()
        prefix = f"{run.state.scene}:"
        return frozenset(key[len(prefix) :] for key in self.taken_choices if key.startswith(prefix))

    def seen_before(self, scene_id: str) -> bool:
        return scene_id in self.seen_scenes

    def after_step(self) -> None:
        """After every choice: record an ending, autosave."""
        run = self.playthrough
        if run is None:
            return
        ending = run.state.ending
        if ending is not None and ending not in self.found:
            self.found[ending] = self.now().strftime("%Y-%m-%d")

    def show_ending(self) -> None:
        if isinstance(self.screen, PlayScreen):
            self.switch_screen(EndingScreen())
        else:
            self.push_screen(EndingScreen())

    def endings_found(self) -> dict[str, str]:
        return dict(self.found)

    def rewind_to(self, index: int) -> None:
        run = self.playthrough
        if run is None:
            return
        run.rewind(index)
        self.notify(f"Rewound to before choice {index + 1}.", timeout=3)
        self.back_to_title()
        self.push_screen(PlayScreen())

    def back_to_title(self) -> None:
        """Close everything above the title screen."""
        while len(self.screen_stack) > 1 and not isinstance(self.screen, TitleScreen):
            self.pop_screen()

    # ----- saves (present once the saves backend exists) -------------------

    def latest_autosave(self) -> str | None:
        return None

    def continue_game(self) -> None:
        self.notify("There is no autosave to continue from yet.", severity="warning")

    def open_save(self) -> None:
        self.notify("Saving is not available in this version.", severity="warning")

    def open_load(self) -> None:
        self.notify("Loading is not available in this version.", severity="warning")

    def load_game(self, slot: str) -> None:
        self.notify(f"Cannot load {slot!r}: saves are not available in this version.", markup=False)

    def quicksave(self) -> None:
        self.open_save()

    def quickload(self) -> None:
        self.open_load()

    # ----- authors: hot reload --------------------------------------------

    def action_reload(self) -> None:
        self.reload_story()

    def reload_story(self) -> None:
        """Reload the story from disk; resume at the same point if it is clean."""
        result = load_story(self.story_dir)
        if result.story is None:
            fatal = self.story is None
            self.push_screen(StoryErrorsScreen(result.errors, self.story_dir, fatal=fatal))
            return
        first_load = self.story is None
        self.story = result.story
        if first_load:
            self.pop_screen()
            self.push_screen(TitleScreen())
            return
        run = self.playthrough
        if run is None or not isinstance(self.screen, PlayScreen | EndingScreen):
            self.notify("Story reloaded.", timeout=3)
            return
        step, resumed = replay_prefix(result.story, run.state.history, run.state.seed)
        run.story = result.story
        run.step = step
        if resumed.complete:
            self.notify("Story reloaded; you are where you were.", timeout=3)
        else:
            self.notify(
                f"Story reloaded. Choice `{resumed.broken}` no longer works here: "
                f"resumed after {resumed.kept} of {resumed.total} choices.",
                severity="warning",
                markup=False,
                timeout=6,
            )
        self.back_to_title()
        self.push_screen(EndingScreen() if run.state.over else PlayScreen())

    # ----- dialogs --------------------------------------------------------

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def open_pause(self) -> None:
        self.push_screen(PauseScreen())

    def open_settings(self) -> None:
        self.push_screen(SettingsScreen())

    def open_endings(self) -> None:
        if self.story is not None:
            self.push_screen(EndingsScreen())

    def _in_play(self) -> bool:
        if self.playthrough is None:
            self.notify("Start a game first.", severity="warning", timeout=3)
            return False
        return True

    def open_crew(self) -> None:
        if self._in_play():
            self.push_screen(CrewScreen())

    def open_crew_trust(self) -> None:
        if self._in_play():
            self.push_screen(CrewTrustScreen())

    def open_kit(self) -> None:
        if self._in_play():
            self.push_screen(KitScreen())

    def open_journal(self) -> None:
        if self._in_play():
            self.push_screen(JournalScreen())

    def open_rewind(self) -> None:
        if self._in_play():
            self.push_screen(RewindScreen())

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield SystemCommand("Save", "Save the game to a slot", self.open_save)
        yield SystemCommand("Load", "Load a saved game", self.open_load)
        yield SystemCommand(
            "Journal", "The scenes and choices of this playthrough", self.open_journal
        )
        yield SystemCommand("Crew", "Where the crew are and how far they trust you", self.open_crew)
        yield SystemCommand("Crew ties", "How the crew trust each other", self.open_crew_trust)
        yield SystemCommand("Endings", "The endings you have found", self.open_endings)
        yield SystemCommand("Settings", "Text effect, speed and theme", self.open_settings)
        yield SystemCommand("Help", "Every key of the game", self.action_help)
        yield SystemCommand("Reload story", "Read the story from disk again", self.reload_story)
        yield from super().get_system_commands(screen)


def make_app(
    story_dir: Path,
    save_dir: Path,
    *,
    seed: int = 0,
    load: str | None = None,
    settings: Settings | None = None,
    clock: Clock = time.monotonic,
    now: Now = datetime.now,
) -> IssApp:
    """The game app for the story in `story_dir`, saving into `save_dir`.

    Tests pass a fixed `clock` (play time) and `now` (dates), and settings
    with the typewriter off, so screenshots are the same on every run.
    """
    return IssApp(
        story_dir, save_dir, seed=seed, load=load, settings=settings, clock=clock, now=now
    )
