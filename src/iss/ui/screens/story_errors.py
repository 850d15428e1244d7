"""The story's diagnostics, when it fails to load (at start or on reload)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from iss.authoring.diagnostics import Diagnostic
from iss.ui.screens.base import GameModal
from iss.ui.widgets.footer import GameFooter


def diagnostics_text(diagnostics: Sequence[Diagnostic]) -> Text:
    text = Text()
    for n, item in enumerate(diagnostics):
        if n:
            text.append("\n")
        text.append(f"{item.file}:{item.line}:{item.col}", style="bold")
        text.append(f"  {item.severity} {item.code}\n", style="reverse" if item.is_error else "")
        text.append(f"  {item.message}")
        if item.hint:
            text.append(f"\n  hint: {item.hint}", style="italic dim")
    return text


class StoryErrorsScreen(GameModal):
    """Lists each problem as file:line:col. Fatal when there is no good story to play."""

    CSS_PATH = Path(__file__).with_name("dialog.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        ("ctrl+r", "retry", "Reload story"),
        ("q", "quit", "Quit"),
    ]

    def __init__(self, diagnostics: Sequence[Diagnostic], folder: Path, *, fatal: bool) -> None:
        super().__init__()
        self.diagnostics = list(diagnostics)
        self.folder = folder
        self.fatal = fatal

    def compose(self) -> ComposeResult:
        count = len(self.diagnostics)
        with Vertical(classes="dialog wide") as box:
            box.border_title = "The story has errors"
            box.border_subtitle = "fix them and press ctrl+r"
            lead = (
                f"{count} problem{'s' if count != 1 else ''} in the story folder {self.folder.name}"
            )
            if not self.fatal:
                lead += " (still playing the last good version)"
            yield Static(Text(lead, style="bold"), classes="note")
            with VerticalScroll(id="problems"):
                yield Static(diagnostics_text(self.diagnostics))
        yield GameFooter()

    def action_retry(self) -> None:
        self.dismiss(None)
        self.game.reload_story()

    def action_quit(self) -> None:
        self.app.exit(1)

    def action_close(self) -> None:
        if self.fatal:
            self.app.exit(1)
        else:
            self.dismiss(None)
