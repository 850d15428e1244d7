"""The choices of a scene: numbered, with locked ones dimmed and explained."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rich.table import Table
from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from iss.engine.runner import ChoiceView
from iss.engine.terminal_safety import safe_line
from iss.engine.text import Span
from iss.ui.render import story_text

REASON_STYLES = {"": "italic", "em": "not italic", "strong": "bold italic", "em strong": "bold"}
"""A locked choice's reason is in italic, so its `*emphasis*` is upright, as in print."""


@dataclass(frozen=True, slots=True)
class ChoiceLine:
    """A choice as the list shows it."""

    view: ChoiceView
    number: int
    """1-based among the choices shown, locked ones too, so a choice keeps its number on
    a route where one before it is locked (`iss.authoring.report.moving_numbers`)."""
    taken_before: bool = False
    cost: str = ""
    """Its time label, ' · 30m of the 9h to reentry' or '' (`notices.choice_time_labels`)."""

    @property
    def locked(self) -> bool:
        return not self.view.available


def number_choices(
    views: Sequence[ChoiceView], taken: frozenset[str], costs: Mapping[str, str]
) -> list[ChoiceLine]:
    """Number the choices 1, 2, ... in order, locked ones too (the plain mode numbers
    them the same), each available one with its time label from `costs`
    (`notices.choice_time_labels`), by id. A locked choice keeps its place and number:
    numbering only the open ones moved "Suit up" from 4 to 3 on a route where a choice
    above it was locked, and a replaying blind reader (R292 #11) who typed the number
    he remembered took the other one."""
    return [
        ChoiceLine(view, number, view.id in taken, costs.get(view.id, ""))
        if view.available
        else ChoiceLine(view, number)
        for number, view in enumerate(views, 1)
    ]


class ChoicePrompt(Table):
    """A choice as a two-column grid that reads as its plain text (`str()`)."""

    def __init__(self, mark: Text, text: Text) -> None:
        super().__init__(box=None, padding=0, show_header=False, show_edge=False, pad_edge=False)
        self.plain = f"{mark.plain}  {text.plain}"
        self.add_column(width=3, no_wrap=True)
        self.add_column(ratio=1)
        self.add_row(mark, text)

    def __str__(self) -> str:
        return self.plain


class ChoiceList(OptionList):
    """Pick with arrows and Enter, a click, or the number keys (bound on the screen)."""

    DEFAULT_CSS = """
    ChoiceList {
        height: auto;
        max-height: 60vh;
        border: round $primary 40%;
        padding: 0 1;
        background: $background;
    }
    ChoiceList:focus {
        border: round $accent;
    }
    ChoiceList > .option-list--option-disabled {
        color: $text-muted;  /* $text-disabled is grey on grey in light themes */
    }
    """

    class Chosen(Message):
        """The player picked the choice `choice_id`."""

        def __init__(self, choice_id: str) -> None:
            super().__init__()
            self.choice_id = choice_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lines: list[ChoiceLine] = []

    def show(self, lines: Sequence[ChoiceLine]) -> None:
        """Replace the options with `lines`."""
        self.lines = list(lines)
        self.clear_options()
        self.add_options(
            Option(self._prompt(line), id=line.view.id, disabled=line.locked) for line in self.lines
        )
        first = next((n for n, line in enumerate(self.lines) if not line.locked), None)
        self.highlighted = first

    @staticmethod
    def _prompt(line: ChoiceLine) -> ChoicePrompt:
        """The number in a column of its own (bold when it can be taken), so the text
        and a locked choice's reason wrap under the text, not under the number."""
        text = story_text(line.view.text)
        if line.locked:
            text.append("\nlocked: ", style="italic")
            for span in line.view.reason_spans or (Span(line.view.reason),):
                text.append(safe_line(span.text), REASON_STYLES.get(span.style, "italic"))
            return ChoicePrompt(Text(str(line.number)), text)
        text.append(line.cost, style="italic")
        if line.taken_before:
            text.append("  ✓ taken before", style="dim")
        return ChoicePrompt(Text(str(line.number), style="bold"), text)

    def pick_number(self, number: int) -> ChoiceLine | None:
        """The choice with this number, chosen if it is open; None if there is none."""
        for line in self.lines:
            if line.number == number:
                if not line.locked:
                    self.post_message(self.Chosen(line.view.id))
                return line
        return None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Chosen(event.option.id))
