"""Rewind: pick an earlier choice to stand before it again."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from iss.engine.terminal_safety import safe_line
from iss.ui.screens.base import GameModal
from iss.ui.widgets.footer import GameFooter


class RewindScreen(GameModal):
    """The list of past choices; Enter returns to the moment before one."""

    CSS_PATH = Path(__file__).with_name("dialog.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [("r", "close", "Close")]

    def compose(self) -> ComposeResult:
        run = self.game.playthrough
        points = [p for p in run.waypoints() if p.choice is not None] if run else []
        with Vertical(classes="dialog wide") as box:
            box.border_title = "Rewind"
            box.border_subtitle = "Enter goes back · Esc closes"
            if not points:
                yield Static(Text("No choices yet: nothing to rewind.", style="italic"))
            options = []
            for point in points:
                prompt = Text(f"{point.index + 1:>3}. ", style="dim")
                prompt.append(safe_line(point.scene_title), style="bold")
                prompt.append("\n     → ")
                prompt.append(safe_line(point.choice or ""))
                options.append(Option(prompt, id=str(point.index)))
            yield OptionList(*options, id="points")
        yield GameFooter()

    def on_mount(self) -> None:
        points = self.query_one("#points", OptionList)
        if points.option_count:
            points.highlighted = points.option_count - 1
        points.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            index = int(event.option.id)
            self.dismiss(None)
            self.game.rewind_to(index)
