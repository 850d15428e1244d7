"""The app's story-loading layer: the story read at start-up, and read again
with ctrl+r (hot reload for authors), resuming where the player was."""

from __future__ import annotations

from iss.authoring.diagnostics import Diagnostic
from iss.authoring.loader import load_story
from iss.engine.runner import replay
from iss.ui.saving import Saving
from iss.ui.screens.ending import EndingScreen
from iss.ui.screens.play import PlayScreen
from iss.ui.screens.story_errors import StoryErrorsScreen
from iss.ui.screens.title import TitleScreen
from iss.ui.session import Playthrough


class StoryLoading(Saving):
    """Loading the story, first and again."""

    def load_first_story(self) -> None:
        """The story at start-up, then the title (or the save or route asked for)."""
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
