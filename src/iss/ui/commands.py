"""The app's commands: the dialogs a key or the pause menu opens, and the
command palette's entries (ctrl+p)."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import SystemCommand
from textual.screen import Screen

from iss.ui.loading import StoryLoading

HIDDEN_SYSTEM_COMMANDS = frozenset({"Maximize", "Minimize", "Keys"})
"""Textual's own palette entries that make no sense in the game."""


class Commands(StoryLoading):
    """Dialogs and the command palette."""

    def action_help(self) -> None:
        from iss.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.dialog(HelpScreen())

    def open_pause(self) -> None:
        from iss.ui.screens.pause import PauseScreen

        self.dialog(PauseScreen())

    def open_settings(self) -> None:
        from iss.ui.screens.settings import SettingsScreen

        self.dialog(SettingsScreen())

    def open_endings(self) -> None:
        if self.story is not None:
            from iss.ui.screens.endings import EndingsScreen

            self.dialog(EndingsScreen())

    def _in_play(self) -> bool:
        if self.playthrough is None:
            self.notify("Start a game first.", severity="warning", timeout=3)
            return False
        return True

    def open_crew(self) -> None:
        if self._in_play():
            from iss.ui.screens.crew import CrewScreen

            self.dialog(CrewScreen())

    def open_crew_trust(self) -> None:
        if self._in_play():
            from iss.ui.screens.crew import CrewTrustScreen

            self.dialog(CrewTrustScreen())

    def open_kit(self) -> None:
        if self._in_play():
            from iss.ui.screens.kit import KitScreen

            self.dialog(KitScreen())

    def open_journal(self) -> None:
        if self._in_play():
            from iss.ui.screens.journal import JournalScreen

            self.dialog(JournalScreen())

    def open_rewind(self) -> None:
        if self._in_play():
            from iss.ui.screens.rewind import RewindScreen

            self.dialog(RewindScreen())

    def open_map(self) -> None:
        from iss.ui.screens.story_map import StoryMapScreen

        if self.story is not None and not isinstance(self.screen, StoryMapScreen):
            self.dialog(StoryMapScreen())

    def open_backlog(self) -> None:
        from iss.ui.screens.backlog import BacklogScreen

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
        yield SystemCommand(
            "Settings", "Text effect, speed, trust notices and theme", self.open_settings
        )
        yield SystemCommand("Help", "Every key of the game", self.action_help)
        yield SystemCommand("Reload story", "Read the story from disk again", self.reload_story)
        for command in super().get_system_commands(screen):
            # Maximize would hide the story behind one panel; Keys lists Textual's
            # widget keys, not the game's (Help does that).
            if command.title not in HIDDEN_SYSTEM_COMMANDS:
                yield command
