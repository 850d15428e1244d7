"""The endings gallery: found endings with their date, locked ones with a hint."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from iss.engine.model import Story
from iss.engine.terminal_safety import safe_line
from iss.ui.screens.base import GameModal
from iss.ui.widgets.footer import GameFooter


def gallery_text(story: Story, found: dict[str, str]) -> Text:
    text = Text()
    for n, ending in enumerate(story.endings.values()):
        if n:
            text.append("\n")
        date = found.get(ending.id)
        if date is not None:
            text.append("✓ ", style="bold")
            text.append(safe_line(ending.title), style="bold")
            text.append(f"  {safe_line(ending.kind)}", style="italic")
            if date:
                text.append(f"  · found {date}", style="dim")
        else:
            text.append("? ", style="dim")
            text.append("locked", style="dim bold")
            text.append(
                "  " + safe_line(ending.hint or "An ending you have not found."), style="dim italic"
            )
    return text


class EndingsScreen(GameModal):
    """Every ending of the story; locked ones keep their titles hidden."""

    CSS_PATH = Path(__file__).with_name("dialog.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [("e", "close", "Close")]

    def compose(self) -> ComposeResult:
        game = self.game
        story = game.story_or_fail()
        found = game.endings_found()
        with Vertical(classes="dialog wide") as box:
            box.border_title = "Endings"
            box.border_subtitle = f"found {len(found)} of {len(story.endings)}"
            with VerticalScroll():
                yield Static(gallery_text(story, found))
        yield GameFooter()

    def on_mount(self) -> None:
        self.focus_scroll()
