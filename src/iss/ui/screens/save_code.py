"""Enter a save code: a visitor of a public `iss serve` gets their saves back."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from iss.engine.save_codes import show_code
from iss.ui.screens.base import GameModal


class SaveCodeScreen(GameModal):
    """Type a code and press Enter; Escape leaves the saves as they are."""

    CSS_PATH = Path(__file__).with_name("dialog.tcss")
    DEFAULT_CSS = """
    SaveCodeScreen Input { margin: 1 0 0 0; }
    SaveCodeScreen #problem { color: $warning; height: auto; }
    """

    def compose(self) -> ComposeResult:
        code = self.game.save_code
        with Vertical(classes="dialog") as box:
            box.border_title = "Save code"
            box.border_subtitle = "Enter: use it · Esc: cancel"
            yield Static(
                f"Your code now is {show_code(code) if code else 'none'}. Type the code "
                "of the saves you want back, as the game showed it.",
                markup=False,
            )
            yield Input(placeholder="K7QD-9XTR-M2WB-4HNE", max_length=40, id="code")
            yield Static("", id="problem", markup=False)

    def on_mount(self) -> None:
        self.query_one("#code", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        problem = self.game.use_save_code(event.value)
        if problem is None:
            self.dismiss(True)
        else:
            self.query_one("#problem", Static).update(problem)
