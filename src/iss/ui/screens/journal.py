"""The journal: every scene of this playthrough and the choice made there."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from iss.engine.terminal_safety import safe_line
from iss.ui.screens.base import GameModal
from iss.ui.session import Waypoint
from iss.ui.widgets.footer import GameFooter


def journal_text(points: list[Waypoint]) -> Text:
    text = Text()
    for n, point in enumerate(points):
        if n:
            text.append("\n")
        text.append(f"{point.index + 1:>3}. ", style="dim")
        text.append(safe_line(point.scene_title), style="bold")
        if point.location:
            text.append(f"  ·  {safe_line(point.location)}", style="italic dim")
        if point.choice is None:
            text.append("\n     (you are here)", style="italic")
        else:
            text.append("\n     → ")
            text.append(safe_line(point.choice))
    return text


class JournalScreen(GameModal):
    """Scrollable with arrows, Page Up/Down and the mouse wheel."""

    CSS_PATH = Path(__file__).with_name("dialog.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [("j", "close", "Close")]

    def compose(self) -> ComposeResult:
        run = self.game.playthrough
        with Vertical(classes="dialog wide") as box:
            box.border_title = "Journal"
            box.border_subtitle = "↑↓ scroll · Esc closes"
            with VerticalScroll(id="journal"):
                yield Static(journal_text(run.waypoints()) if run else Text("No journey yet."))
        yield GameFooter()

    def on_mount(self) -> None:
        scroll = self.query_one("#journal", VerticalScroll)
        scroll.focus()
        scroll.scroll_end(animate=False)
