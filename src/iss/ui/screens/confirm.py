"""A yes/no question, such as overwriting a save."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from iss.ui.screens.base import GameModal


class ConfirmScreen(GameModal):
    """Returns True for yes, False for no (y / n / Escape)."""

    CSS_PATH = Path(__file__).with_name("dialog.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        ("y", "answer(True)", "Yes"),
        ("n", "answer(False)", "No"),
    ]
    DEFAULT_CSS = """
    ConfirmScreen #buttons { height: auto; align: center middle; padding: 1 0 0 0; }
    ConfirmScreen Button { margin: 0 2; }
    """

    def __init__(self, question: str, title: str = "Are you sure?") -> None:
        super().__init__()
        self.question = question
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = self.title_text
            yield Static(self.question, markup=False)
            with Horizontal(id="buttons"):
                yield Button("Yes (y)", id="yes", variant="warning")
                yield Button("No (n)", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    def action_close(self) -> None:
        self.dismiss(False)
