"""The title screen: the game's name, a line of atmosphere, and the menu."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Center, Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from iss.engine.save_codes import show_code
from iss.engine.terminal_safety import safe_line
from iss.ui.screens.base import GameScreen
from iss.ui.screens.save_code import SaveCodeScreen
from iss.ui.widgets.footer import GameFooter

ATMOSPHERE = "Four hundred kilometres up, sixteen sunrises a day, and no one answering."

STATION_ART = """\
▓▓▓ ▓▓▓                   ▓▓▓ ▓▓▓
▓▓▓ ▓▓▓         ║         ▓▓▓ ▓▓▓
═╪═══╪══════════╬══════════╪═══╪═
▓▓▓ ▓▓▓        ═╬═        ▓▓▓ ▓▓▓
▓▓▓ ▓▓▓         ║         ▓▓▓ ▓▓▓"""
"""The station in text characters: solar wings on the truss, the modules across it."""

EARTH_LIMB = "▁▁▂▂▃▃▃▄▄▄▄▅▅▅▅▅▅▅▅▅▅▅▅▅▄▄▄▄▃▃▃▂▂▁▁"
"""The curve of the Earth below it. The station drops out under 24 lines; the Earth stays."""


class TitleScreen(GameScreen):
    """New game, Continue, Load, Endings, Settings, Quit."""

    CSS_PATH = Path(__file__).with_suffix(".tcss")
    # Textual declares this as an instance variable, hence no ClassVar.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (24, "-tall")]  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = [
        ("n", "menu('new')", "New game"),
        ("c", "menu('continue')", "Continue"),
        ("l", "menu('load')", "Load"),
        ("e", "menu('endings')", "Endings"),
        ("s", "menu('settings')", "Settings"),
        ("k", "menu('code')", "Save code"),
        ("q", "menu('quit')", "Quit"),
        ("f1", "app.help", "Help"),
    ]

    def compose(self) -> ComposeResult:
        story = self.game.story
        with Vertical(id="title-box"):
            yield Static(STATION_ART, id="station-art", markup=False)
            yield Static(EARTH_LIMB, id="limb", markup=False)
            yield Static(Text("INTERNATIONAL SPACE STATION  ·  408 KM", style="bold"), id="emblem")
            yield Static(
                Text(safe_line(story.title) if story else "I.S.S.", style="bold"), id="game-title"
            )
            subtitle = story.subtitle if story and story.subtitle else ATMOSPHERE
            yield Static(Text(safe_line(subtitle), style="italic"), id="atmosphere")
            code = Static(self.code_line(), id="save-code")
            code.display = self.game.save_code is not None
            yield code
            with Center():
                yield OptionList(id="menu")
        yield GameFooter()

    def on_screen_resume(self) -> None:
        self.refresh_menu()

    def code_line(self) -> Text:
        """A served visitor's save code, to write down or bookmark (else nothing)."""
        code = self.game.save_code
        if code is None:
            return Text("")
        return Text.assemble("Your save code: ", (show_code(code), "bold"), " (k to enter another)")

    def refresh_menu(self) -> None:
        menu = self.query_one("#menu", OptionList)
        game = self.game
        latest = game.latest_autosave()
        can_continue = latest is not None
        saves = game.records is not None
        continue_label = "Continue" if can_continue or not saves else "Continue (no autosave yet)"
        if latest is not None and latest.over:
            continue_label = "Continue (the last run ended: its ending)"
        entries = [
            ("new", "New game", True),
            ("continue", continue_label, can_continue),
            ("load", "Load" if saves else "Load (saves unavailable)", saves),
            ("endings", "Endings", True),
            ("settings", "Settings", True),
            ("quit", "Quit", True),
        ]
        if game.save_code is not None:
            entries.insert(-1, ("code", "Enter a save code", True))
        highlighted = menu.highlighted
        menu.clear_options()
        menu.add_options(
            Option(label, id=key, disabled=not enabled) for key, label, enabled in entries
        )
        menu.highlighted = highlighted if highlighted is not None else (1 if can_continue else 0)
        menu.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`k` (Save code) exists only for a visitor of a served game."""
        if action == "menu" and parameters == ("code",):
            return self.game.save_code is not None
        return True

    def refresh_code(self) -> None:
        self.query_one("#save-code", Static).update(self.code_line())
        self.refresh_menu()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.action_menu(event.option.id)

    def action_menu(self, key: str) -> None:
        game = self.game
        if key == "new":
            game.start_new_game()
        elif key == "continue":
            game.continue_game()
        elif key == "load":
            game.open_load()
        elif key == "endings":
            game.open_endings()
        elif key == "settings":
            game.open_settings()
        elif key == "code" and game.save_code is not None:
            game.dialog(SaveCodeScreen(), lambda _: self.refresh_code())
        elif key == "quit":
            game.exit(0)
