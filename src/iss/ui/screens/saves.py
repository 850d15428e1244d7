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

from iss.engine.save_files import MAX_NAME, NAME_RULES
from iss.engine.saves import SaveInfo
from iss.engine.terminal_safety import clipped_line, safe_line
from iss.records import Outcome
from iss.ui.records import Entry, when
from iss.ui.render import play_time
from iss.ui.screens.base import GameModal
from iss.ui.screens.confirm import ConfirmScreen
from iss.ui.widgets.footer import GameFooter

EXCERPT = 60
"""Characters of a save's excerpt shown in the lists (one line at 80 columns)."""
TITLE = 36
"""Characters of a save's scene title shown after its slot name (one line with it)."""
PROBLEM = 160
"""Characters of why a save can't be loaded (two lines at most)."""
KIND_LABELS = {"named": "", "quick": "quicksave", "auto": "autosave"}
AUTOSAVES = "autosaves:"
"""The option that shows or hides the autosaves (no save name can hold a colon)."""


def slot_prompt(entry: Entry) -> Text:
    """Two lines: slot, scene and when; then an excerpt or the problem."""
    text = Text()
    if isinstance(entry, SaveInfo):
        text.append(safe_line(entry.slot), style="bold")
        label = KIND_LABELS.get(entry.kind, "")
        if label and label != entry.slot:
            text.append(f" ({label})", style="dim")
        text.append(f"  ·  {clipped_line(entry.scene_title, TITLE)}", style="italic")
        text.append(f"\n   {when(entry.saved_at)}  ·  {play_time(entry.play_seconds)} played")
        if entry.story_changed:
            text.append("  ·  story changed since", style="bold")
        text.append(f"\n   {clipped_line(entry.excerpt, EXCERPT)}", style="dim")
    else:  # named by its file, which may be anything up to 255 characters
        text.append(clipped_line(entry.slot, TITLE), style="bold")
        text.append("  ·  can't be loaded", style="bold")
        text.append(f"\n   {clipped_line(entry.problem, PROBLEM)}", style="dim italic")
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
            run = game.playthrough
            title = (
                run.story.scenes[run.state.scene].title_in(run.state.visits)
                if run is not None
                else ""
            )
            yield Input(
                value=default_name(title, self.taken),
                placeholder="Name a new save (letters, digits, spaces, hyphens, underscores)",
                id="name",
            )
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


class RenameScreen(GameModal):
    """A new name for a save: Enter renames, Esc keeps the old one. Dismisses with the
    `Outcome` of the rename (None when the player changed their mind)."""

    CSS_PATH = Path(__file__).with_name("dialog.tcss")

    def __init__(self, slot: str) -> None:
        super().__init__()
        self.slot = slot

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = f"Rename “{safe_line(self.slot)}”"
            box.border_subtitle = "Enter renames · Esc keeps it"
            yield Input(value=self.slot, id="name", max_length=MAX_NAME)
            yield Static(Text(NAME_RULES, style="dim"), classes="note", id="rules")
        yield GameFooter()

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        records = self.game.records
        if records is None:
            return
        outcome = records.rename(self.slot, event.value)
        if outcome.ok:
            self.dismiss(outcome)
        else:
            self.query_one("#rules", Static).update(Text(outcome.message, style="bold"))


def default_name(scene_title: str, taken: set[str]) -> str:
    """A save name from the scene's title that the name rules accept and no slot has
    ("Node 1", then "Node 1 2"...); "save" when the title keeps nothing."""
    kept = "".join(ch if ch.isalnum() or ch in " -_" else " " for ch in scene_title)
    base = " ".join(kept.split())[: MAX_NAME - 4].strip(" -_") or "save"
    if not base[0].isalnum():
        base = "save"
    folded = {slot.casefold() for slot in taken}
    name, n = base, 1
    while name.casefold() in folded:
        n += 1
        name = f"{base} {n}"
    return name


class LoadScreen(GameModal):
    """Named saves and the quicksave first, newest first; the autosaves below them in
    one line that opens (they rotate, and would bury the named saves). Unreadable
    saves are listed with their problem. `d` deletes the highlighted save (after a
    confirmation), `r` renames it."""

    CSS_PATH = Path(__file__).with_name("dialog.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        ("d", "delete", "Delete"),
        ("r", "rename", "Rename"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.show_autosaves = False

    def compose(self) -> ComposeResult:
        game = self.game
        self.entries = game.records.entries() if game.records else []
        with Vertical(classes="dialog wide") as box:
            box.border_title = "Load"
            box.border_subtitle = "Enter loads · d deletes · r renames · Esc closes"
            note = Static(self.empty_note(), classes="note", id="said")
            note.display = not self.entries  # until a delete or a rename has news
            yield note
            yield OptionList(*self.options(), id="slots")
        yield GameFooter()

    def empty_note(self) -> Text:
        return Text("No saves yet." if not self.entries else "", style="italic")

    def highlighted_slot(self) -> str | None:
        """The slot of the highlighted save (not the autosaves line)."""
        slots = self.query_one("#slots", OptionList)
        if slots.highlighted is None:
            return None
        slot = slots.get_option_at_index(slots.highlighted).id
        return None if slot == AUTOSAVES else slot

    def action_delete(self) -> None:
        slot = self.highlighted_slot()
        if slot is None:
            return

        def answered(yes: bool | None) -> None:
            if yes and self.game.records is not None:
                self.after_change(self.game.records.delete(slot), None)

        self.app.push_screen(
            ConfirmScreen(
                f"Delete the save “{safe_line(slot)}”? It cannot be brought back.",
                "Delete save",
            ),
            answered,
        )

    def action_rename(self) -> None:
        slot = self.highlighted_slot()
        if slot is not None:
            self.app.push_screen(RenameScreen(slot), self.renamed)

    def renamed(self, outcome: Outcome | None) -> None:
        if outcome is not None:
            self.after_change(outcome, outcome.slot)

    def after_change(self, outcome: Outcome, highlight: str | None) -> None:
        """List the saves again after a delete or a rename, and say what happened."""
        if not outcome.ok:
            self.notify(outcome.message, severity="error", markup=False)
            return
        records = self.game.records
        self.entries = records.entries() if records else []
        slots = self.query_one("#slots", OptionList)
        index = slots.highlighted or 0
        slots.clear_options()
        slots.add_options(self.options())
        if highlight is not None and highlight in {e.slot for e in self.entries}:
            if highlight not in {o.id for o in self.options()}:
                self.show_autosaves = True  # an autosave renamed into the named ones
            slots.highlighted = slots.get_option_index(highlight)
        elif slots.option_count:
            slots.highlighted = min(index, slots.option_count - 1)
        said = self.empty_note() if not self.entries else Text(outcome.message, style="italic")
        note = self.query_one("#said", Static)
        note.update(said)
        note.display = True

    def options(self) -> list[Option]:
        autos = [e for e in self.entries if isinstance(e, SaveInfo) and e.kind == "auto"]
        options = slot_options([e for e in self.entries if e not in autos])
        if autos:
            mark, verb = ("▾", "hide") if self.show_autosaves else ("▸", "show")
            label = Text(f"{mark} Autosaves ({len(autos)}, newest first)", style="bold")
            label.append(f"  Enter to {verb}", style="dim")
            options.append(Option(label, id=AUTOSAVES))
            if self.show_autosaves:
                options.extend(slot_options(autos))
        return options

    def on_mount(self) -> None:
        self.query_one("#slots", OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == AUTOSAVES:
            self.show_autosaves = not self.show_autosaves
            slots = self.query_one("#slots", OptionList)
            slots.clear_options()
            slots.add_options(self.options())
            slots.highlighted = slots.get_option_index(AUTOSAVES)
        elif event.option.id is not None:
            self.dismiss(None)
            self.game.load_game(event.option.id)
