"""The title screen: the game's name, a line of atmosphere, and the menu."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Vertical
from textual.widgets import Static
from textual.widgets.option_list import Option

from iss.engine.terminal_safety import safe_line
from iss.ui.screens.base import GameScreen, size_classes
from iss.ui.widgets.title_menu import TitleMenu

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


LOADING_ENTRIES = (
    ("new", "New game"),
    ("continue", "Continue"),
    ("load", "Load"),
    ("endings", "Endings"),
    ("map", "Story map"),
    ("settings", "Settings"),
    ("quit", "Quit"),
)
"""The menu while the story is read, for the fraction of a second after start-up."""


TITLE_CSS = Path(__file__).with_suffix(".tcss")
"""The title screen's stylesheet, read with the app's (see `IssApp.CSS_PATH`)."""


READING_AFTER = 0.5
"""Seconds the title waits before it says the story is still being read."""


class TitleScreen(GameScreen):
    """New game, Continue, Load, Endings, Story map, Settings, Quit."""

    # Its stylesheet, TITLE_CSS, is the app's own: a screen's CSS_PATH is read when the
    # screen is first shown and restyles everything, which delays the first frame.
    # Textual declares this as an instance variable, hence no ClassVar.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (24, "-tall")]  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = [
        ("n", "menu('new')", "New game"),
        ("c", "menu('continue')", "Continue"),
        ("l", "menu('load')", "Load"),
        ("e", "menu('endings')", "Endings"),
        Binding("m", "menu('map')", "Story map", show=False),  # in the menu; the footer is full
        ("s", "menu('settings')", "Settings"),
        ("k", "menu('code')", "Save code"),
        ("q", "menu('quit')", "Quit"),
        ("f1", "app.help", "Help"),
    ]

    held_key: str | None = None
    """A menu key pressed while the story was still being read: acted on once it is in."""

    def __init__(self) -> None:
        # Made with its size class (-short hides the station): set on the first resize,
        # it would restyle every widget again, and a short terminal would flash the art.
        super().__init__()
        self.add_class(*size_classes(self, self.app.size), update=False)

    def compose(self) -> ComposeResult:
        with Vertical(id="title-box"):
            yield Static(STATION_ART, id="station-art", markup=False)
            yield Static(EARTH_LIMB, id="limb", markup=False)
            yield Static(Text("INTERNATIONAL SPACE STATION  ·  408 KM", style="bold"), id="emblem")
            yield Static(self.title_text(), id="game-title")
            yield Static(self.subtitle_text(), id="atmosphere")
            code = Static(self.code_line(), id="save-code")
            code.display = self.game.save_code is not None
            yield code
            with Center():
                menu = TitleMenu(id="menu")
                menu.set_options(*self.menu_entries())
                yield menu

    def on_mount(self) -> None:
        # The footer's keys come a frame later: Textual's Footer builds a widget
        # per key, which would hold back the title's first frame.
        self.call_after_refresh(self.add_footer)
        if self.game.story_loading:
            self.call_after_refresh(self.first_frame_drawn)

    def first_frame_drawn(self) -> None:
        """`iss play`: the title is up; now the story is read (a thread that imports
        would compete with the first frame), and said to be if it takes a while."""
        self.game.read_story_in_background()
        self.set_timer(READING_AFTER, self.say_reading)

    def say_reading(self) -> None:
        """A story that takes a while (compiled afresh, a busy machine) says so, where
        its subtitle will be; a quick one never flashes the line."""
        if self.game.story_loading:
            line = Text("Reading the story\u2026", style="dim italic")
            self.query_one("#atmosphere", Static).update(line)

    async def add_footer(self) -> None:
        from iss.ui.widgets.footer import GameFooter  # after the first frame, as the footer

        await self.mount(GameFooter())
        self.refresh_bindings()  # a footer mounted late waits for this to show its keys

    def on_screen_resume(self) -> None:
        self.refresh_menu()

    def title_text(self) -> Text:
        """The story's title; a blank line while it is read (another story's title would
        flash first)."""
        story = self.game.story
        if story is None:
            return Text(" " if self.game.story_loading else "I.S.S.", style="bold")
        return Text(safe_line(story.title), style="bold")

    def subtitle_text(self) -> Text:
        story = self.game.story
        if story is None and self.game.story_loading:
            return Text(" ")
        subtitle = story.subtitle if story and story.subtitle else ATMOSPHERE
        return Text(safe_line(subtitle), style="italic")

    def story_ready(self) -> None:
        """The story is in (`iss play` reads it after the title shows): fill in its
        title and the menu's true entries."""
        self.query_one("#game-title", Static).update(self.title_text())
        self.query_one("#atmosphere", Static).update(self.subtitle_text())
        self.refresh_menu()

    def run_held_key(self) -> None:
        key, self.held_key = self.held_key, None
        if key is not None:
            self.action_menu(key)

    def code_line(self) -> Text:
        """A served visitor's save code, to write down or bookmark (else nothing)."""
        code = self.game.save_code
        if code is None:
            return Text("")
        from iss.engine.save_codes import show_code  # only a served visitor has one

        return Text.assemble("Your save code: ", (show_code(code), "bold"), " (k to enter another)")

    def menu_entries(self, highlighted: int | None = None) -> tuple[list[Option], int | None]:
        """The menu's entries, and which is highlighted (`highlighted` kept if given)."""
        game = self.game
        if game.story_loading:
            # The entries a player expects, none highlighted yet: a key is held until
            # the story is in (Continue's label waits for the saves).
            return [Option(label, id=key) for key, label in LOADING_ENTRIES], None
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
            ("map", "Story map", True),
            ("settings", "Settings", True),
            ("quit", "Quit", True),
        ]
        if game.save_code is not None:
            entries.insert(-1, ("code", "Enter a save code", True))
        options = [Option(label, id=key, disabled=not enabled) for key, label, enabled in entries]
        return options, highlighted if highlighted is not None else (1 if can_continue else 0)

    def refresh_menu(self) -> None:
        menu = self.query_one("#menu", TitleMenu)
        menu.set_options(*self.menu_entries(menu.highlighted))
        menu.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`k` (Save code) exists only for a visitor of a served game."""
        if action == "menu" and parameters == ("code",):
            return self.game.save_code is not None
        return True

    def refresh_code(self) -> None:
        self.query_one("#save-code", Static).update(self.code_line())
        self.refresh_menu()

    def on_title_menu_selected(self, event: TitleMenu.Selected) -> None:
        if event.option.id is not None:
            self.action_menu(event.option.id)

    def action_menu(self, key: str) -> None:
        game = self.game
        if game.story_loading and key != "quit":
            self.held_key = key
            return
        if key == "new":
            game.start_new_game()
        elif key == "continue":
            game.continue_game()
        elif key == "load":
            game.open_load()
        elif key == "endings":
            game.open_endings()
        elif key == "map":
            game.open_map()
        elif key == "settings":
            game.open_settings()
        elif key == "code" and game.save_code is not None:
            from iss.ui.screens.save_code import SaveCodeScreen

            game.dialog(SaveCodeScreen(), lambda _: self.refresh_code())
        elif key == "quit":
            game.exit(0)
