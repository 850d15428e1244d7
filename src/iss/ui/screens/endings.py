"""The endings gallery: found endings with their date, locked ones with a hint;
a found one opens again with its epilogue as the player last read it."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from iss.engine.model import Ending, Story
from iss.engine.terminal_safety import safe_line
from iss.ui.render import story_text
from iss.ui.screens.base import GameModal
from iss.ui.widgets.footer import GameFooter


def ending_prompt(ending: Ending, date: str | None) -> Text:
    """One ending's line: its title, kind and date once found, else "locked" and the hint."""
    text = Text()
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


def gallery_text(story: Story, found: dict[str, str]) -> Text:
    """Every ending's line, one under the other."""
    return Text("\n").join(ending_prompt(e, found.get(e.id)) for e in story.endings.values())


class EndingsScreen(GameModal):
    """Every ending of the story; locked ones keep their titles hidden. Enter on a
    found one reads its epilogue again."""

    CSS_PATH = Path(__file__).with_name("dialog.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [("e", "close", "Close")]

    def compose(self) -> ComposeResult:
        game = self.game
        story = game.story_or_fail()
        found = game.endings_found()
        with Vertical(classes="dialog wide") as box:
            box.border_title = "Endings"
            box.border_subtitle = f"found {len(found)} of {len(story.endings)}"
            if found:
                box.border_subtitle += " · Enter reads one again"
            yield OptionList(
                *(
                    Option(ending_prompt(e, found.get(e.id)), id=e.id, disabled=e.id not in found)
                    for e in story.endings.values()
                ),
                id="endings",
            )
        yield GameFooter()

    def on_mount(self) -> None:
        self.query_one("#endings", OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.app.push_screen(EpilogueScreen(event.option.id))


class EpilogueScreen(GameModal):
    """A found ending again: its title and its epilogue as the player last read it."""

    CSS_PATH = Path(__file__).with_name("dialog.tcss")
    DEFAULT_CSS = """
    EpilogueScreen #reread-title { color: $accent; text-style: bold; text-align: center; }
    EpilogueScreen #reread-kind { color: $text-muted; text-align: center; }
    EpilogueScreen #reread-text { padding: 1 0 0 0; }
    EpilogueScreen #reread-seen { padding: 1 0 0 0; }
    """

    def __init__(self, ending_id: str) -> None:
        super().__init__()
        self.ending_id = ending_id

    def compose(self) -> ComposeResult:
        game = self.game
        ending = game.story_or_fail().endings[self.ending_id]
        record = game.records.record if game.records is not None else None
        kept = record.epilogue(self.ending_id) if record is not None else None
        with Vertical(classes="dialog wide") as box:
            box.border_title = "Ending"
            box.border_subtitle = "Esc goes back"
            with VerticalScroll():
                yield Static(Text(safe_line(ending.kind.upper())), id="reread-kind")
                yield Static(Text(safe_line(ending.title)), id="reread-title")
                if kept is None:
                    words = "Its words were not kept that time: reach it again to keep them."
                    yield Static(Text(words, style="italic"), id="reread-text")
                else:
                    yield Static(story_text(kept.spans), id="reread-text")
                    seen = f"As you last read it, {kept.seen:%Y-%m-%d}."
                    yield Static(Text(seen, style="dim italic"), id="reread-seen")
        yield GameFooter()

    def on_mount(self) -> None:
        self.focus_scroll()
