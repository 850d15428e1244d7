"""The pause menu (Escape): resume, save, load, journal, endings, settings, help,
back to title, quit."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from iss.ui.screens.base import GameModal
from iss.ui.widgets.footer import GameFooter


class PauseScreen(GameModal):
    """A menu over the play screen, as wide as its longest line (dialog.tcss: narrow)."""

    CSS_PATH = Path(__file__).with_name("dialog.tcss")

    def compose(self) -> ComposeResult:
        saves = self.game.records is not None
        with Vertical(classes="dialog narrow") as box:
            box.border_title = "Paused"
            box.border_subtitle = "Esc resumes"
            yield OptionList(
                Option("Resume", id="resume"),
                Option(
                    "Save" if saves else "Save (saves unavailable)", id="save", disabled=not saves
                ),
                Option(
                    "Load" if saves else "Load (saves unavailable)", id="load", disabled=not saves
                ),
                Option("Journal", id="journal"),
                Option("Endings", id="endings"),
                Option("Settings", id="settings"),
                Option("Help", id="help"),
                Option("Back to title", id="title"),
                Option("Quit (progress is autosaved)" if saves else "Quit", id="quit"),
            )
        yield GameFooter()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        key = event.option.id
        game = self.game
        self.dismiss(None)
        if key == "save":
            game.open_save()
        elif key == "load":
            game.open_load()
        elif key == "journal":
            game.open_journal()
        elif key == "endings":
            game.open_endings()
        elif key == "settings":
            game.open_settings()
        elif key == "help":
            game.action_help()
        elif key == "title":
            game.back_to_title()
        elif key == "quit":
            game.exit(0)
