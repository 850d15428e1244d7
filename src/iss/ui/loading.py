"""The app's story-loading layer: the story read at start-up, and read again
with ctrl+r (hot reload for authors), resuming where the player was.

`iss play` shows its title screen before anything else: the story (from the
compiled cache), the engine, the saves and the other screens are read in a
thread once the title is drawn (`load_in_background`). Until then the title's
menu holds a key pressed and acts on it when the story is in. The modules of
this layer import what they need where it is first used, so the title screen
does not wait for them (docs/performance.md, "Start-up").
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING

from textual.screen import Screen
from textual.worker import Worker, WorkerState

from iss.ui.saving import Saving
from iss.ui.screens.title import TitleScreen

if TYPE_CHECKING:
    from iss.authoring.diagnostics import Diagnostic
    from iss.authoring.loader import LoadResult

WARM_UP = (
    "iss.records",
    "iss.ui.session",
    "iss.ui.screens.play",
    "iss.ui.screens.ending",
    "iss.ui.screens.story_errors",
    "iss.ui.screens.saves",
    "iss.ui.screens.confirm",
    "iss.ui.screens.pause",
    "iss.ui.screens.help",
    "iss.ui.screens.endings",
    "iss.ui.screens.settings",
    "iss.ui.screens.story_map",
)
"""What the first minutes of play use, imported with the story so no key waits for it."""

STORY_WORKER = "read-story"


def read_story_and_warm_up(story_dir: Path) -> LoadResult:
    """The story, and the modules play will need (run in a thread)."""
    from iss.authoring.loader import load_story

    result = load_story(story_dir)
    for name in WARM_UP:
        importlib.import_module(name)
    return result


class StoryLoading(Saving):
    """Loading the story, first and again."""

    def get_default_screen(self) -> Screen[None]:
        """`iss play`: the title is the app's first screen, composed with the app itself
        (as a bare app's widgets are), so the first frame drawn is the title's. A title
        pushed over Textual's blank default screen cost a second screen's styling and
        layout, and a frame rendered and thrown away before the app was ready."""
        if not self.load_in_background:
            return super().get_default_screen()
        self.story_loading = True
        return TitleScreen()

    def load_first_story(self) -> None:
        """The story at start-up, then the title (or the save or route asked for).
        `iss play` has its title up already: that asks for the story once drawn."""
        if self.load_in_background:
            return
        from iss.authoring.loader import load_story

        self.first_story_read(load_story(self.story_dir))

    def read_story_in_background(self) -> None:
        """Read the story in a thread. The title calls this once its first frame is
        drawn: a thread that imports competes for the interpreter."""
        self.run_worker(
            lambda: read_story_and_warm_up(self.story_dir),
            name=STORY_WORKER,
            thread=True,
            exit_on_error=False,
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.name != STORY_WORKER:
            return
        if event.state == WorkerState.SUCCESS:
            self.story_loading = False
            result = event.worker.result
            assert result is not None
            self.first_story_read(result)
        elif event.state == WorkerState.ERROR:  # a bug, not an author's mistake: say so
            self.story_loading = False
            self.notify(
                f"The story could not be read: {event.worker.error}",
                severity="error",
                markup=False,
                timeout=30,
            )

    def first_story_read(self, result: LoadResult) -> None:
        from iss.engine.runner import replay_route
        from iss.ui.screens.story_errors import StoryErrorsScreen
        from iss.ui.session import Playthrough

        if result.story is None:
            self.push_screen(StoryErrorsScreen(result.errors, self.story_dir, fatal=True))
            return
        self.story = result.story
        self._notify_playable_errors(result.errors)
        self.open_records(self.story)
        self._show_title()
        if self.load_slot is not None:
            self.load_game(self.load_slot)
        elif self.start_route is not None:
            step, taken = replay_route(self.story, self.start_route, self.seed)
            run = Playthrough(self.story, step, self.clock)
            self.begin(run)
            if self.records is not None:  # the route's choices are this run's: the map shows them
                self.tell(self.records.note_route(run.state, taken))
            route = " ".join(self.start_route) or "none: it is the start"
            self.show_notice(f"Playtest: replayed the route there ({route}).")
        else:
            self._run_held_key()

    def _show_title(self) -> None:
        """The title, now with the story: the one shown while it loaded, or a new one."""
        for screen in self.screen_stack:
            if isinstance(screen, TitleScreen):
                screen.story_ready()
                return
        self.push_screen(TitleScreen())

    def _run_held_key(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, TitleScreen):
                screen.run_held_key()

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

    def action_reload(self) -> None:
        self.reload_story()

    def reload_story(self) -> None:
        """Reload the story from disk; resume at the same point if it is clean."""
        from iss.authoring.loader import load_story
        from iss.ui.screens.ending import EndingScreen
        from iss.ui.screens.play import PlayScreen
        from iss.ui.screens.story_errors import StoryErrorsScreen

        if self.story_loading:
            return  # the first reading is still under way
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
            while isinstance(self.screen, StoryErrorsScreen):
                self.pop_screen()
            self._show_title()
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
