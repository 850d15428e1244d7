"""What Kira carries and what she knows, on its own screen."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from iss.ui.screens.base import GameModal
from iss.ui.widgets.footer import GameFooter
from iss.ui.widgets.kit_panel import kit_text


class KitScreen(GameModal):
    """Items, with what each is (the side panel has room only for names), and knowledge."""

    CSS_PATH = Path(__file__).with_name("dialog.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [("i", "close", "Close")]

    def compose(self) -> ComposeResult:
        run = self.game.playthrough
        with Vertical(classes="dialog") as box:
            box.border_title = "Kit & knowledge"
            with VerticalScroll():
                if run is not None:
                    yield Static(kit_text(run.carried_described(), run.known_facts()))
        yield GameFooter()

    def on_mount(self) -> None:
        self.focus_scroll()
