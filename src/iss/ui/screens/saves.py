"""Save and Load: the slots with scene title, excerpt, date and play time."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from iss.engine.saves import SaveInfo
from iss.engine.terminal_safety import safe_line
from iss.ui.records import Entry, when
from iss.ui.render import play_time
from iss.ui.screens.base import GameModal
from iss.ui.screens.confirm import ConfirmScreen
from iss.ui.widgets.footer import GameFooter

EXCERPT = 60
"""Characters of a save's excerpt shown in the lists (one line at 80 columns)."""
KIND_LABELS = {"named": "", "quick": "quicksave", "auto": "autosave"}


def slot_prompt(entry: Entry) -> Text:
    """Two lines: slot, scene and when; then an excerpt or the problem."""
    text = Text()
    if isinstance(entry, SaveInfo):
        text.append(safe_line(entry.slot), style="bold")
        label = KIND_LABELS.get(entry.kind, "")
        if label and label != entry.slot:
            text.append(f" ({label})", style="dim")
        text.append(f"  ·  {safe_line(entry.scene_title)}", style="italic")
        text.append(f"\n   {when(entry.saved_at)}  ·  {play_time(entry.play_seconds)} played")
        if entry.story_changed:
            text.append("  ·  story changed since", style="bold")
        excerpt = (
            entry.excerpt if len(entry.excerpt) <= EXCERPT else entry.excerpt[: EXCERPT - 1] + "…"
        )
        text.append(f"\n   {safe_line(excerpt)}", style="dim")
    else:
        text.append(safe_line(entry.slot), style="bold")
        text.append("  ·  can't be loaded", style="bold")
        text.append(f"\n   {safe_line(entry.problem)}", style="dim italic")
    return text


def slot_options(entries: Sequence[Entry]) -> list[Option]:
    return [
        Option(slot_prompt(e), id=e.slot, disabled=not isinstance(e, SaveInfo)) for e in entries
    ]


class SaveScreen(GameModal):
    """Type a new name, or pick a slot to write over (after a confirmation)."""

    CSS_PATH = Path(__file__).with_name("dialog.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [("escape", "close", "Close")]

    def compose(self) -> ComposeResult:
        game = self.game
        entries = game.records.named() if game.records else []
        self.taken = {e.slot for e in entries}
        with Vertical(classes="dialog wide") as box:
            box.border_title = "Save"
            box.border_subtitle = "Enter saves · Tab moves · Esc closes"
            yield Input(placeholder="Name a new save (letters, digits, spaces)", id="name")
            if entries:
                yield Static("Or write over a slot:", classes="note")
            yield OptionList(*slot_options(entries), id="slots")
        yield GameFooter()

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        name = event.value.strip()
        if not name:
            self.notify("Give the save a name first.", severity="warning", timeout=3)
            return
        self.ask(name)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.ask(event.option.id)

    def ask(self, slot: str) -> None:
        if slot not in self.taken:
            self.write(slot)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.write(slot)

        self.app.push_screen(
            ConfirmScreen(f"Write over the save “{safe_line(slot)}”?", "Overwrite save"), answered
        )

    def write(self, slot: str) -> None:
        if self.game.save_to(slot):
            self.dismiss(None)


class LoadScreen(GameModal):
    """Every save, newest first; unreadable ones are listed with their problem."""

    CSS_PATH = Path(__file__).with_name("dialog.tcss")

    def compose(self) -> ComposeResult:
        game = self.game
        entries = game.records.entries() if game.records else []
        with Vertical(classes="dialog wide") as box:
            box.border_title = "Load"
            box.border_subtitle = "Enter loads · Esc closes"
            if not entries:
                yield Static(Text("No saves yet.", style="italic"), classes="note")
            yield OptionList(*slot_options(entries), id="slots")
        yield GameFooter()

    def on_mount(self) -> None:
        self.query_one("#slots", OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.dismiss(None)
            self.game.load_game(event.option.id)
