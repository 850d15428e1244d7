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
    number: int | None
    """1-based among the available choices; None when locked."""
    taken_before: bool = False
    cost: str = ""
    """Its time label, ' · 30m of the 9h to reentry' or '' (`notices.choice_time_labels`)."""


def number_choices(
    views: Sequence[ChoiceView], taken: frozenset[str], costs: Mapping[str, str]
) -> list[ChoiceLine]:
    """Number the available choices 1, 2, ... (the plain mode numbers them the same),
    each with its time label from `costs` (`notices.choice_time_labels`), by id."""
    lines = []
    number = 0
    for view in views:
        if view.available:
            number += 1
            lines.append(ChoiceLine(view, number, view.id in taken, costs.get(view.id, "")))
        else:
            lines.append(ChoiceLine(view, None))
    return lines


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
            Option(self._prompt(line), id=line.view.id, disabled=line.number is None)
            for line in self.lines
        )
        first = next((n for n, line in enumerate(self.lines) if line.number is not None), None)
        self.highlighted = first

    @staticmethod
    def _prompt(line: ChoiceLine) -> ChoicePrompt:
        """The number (or a dash when locked) in a column of its own, so the text and
        a locked choice's reason wrap under the text, not under the number."""
        text = story_text(line.view.text)
        if line.number is None:
            text.append("\nlocked: ", style="italic")
            for span in line.view.reason_spans or (Span(line.view.reason),):
                text.append(safe_line(span.text), REASON_STYLES.get(span.style, "italic"))
            return ChoicePrompt(Text("—"), text)
        text.append(line.cost, style="italic")
        if line.taken_before:
            text.append("  ✓ taken before", style="dim")
        return ChoicePrompt(Text(str(line.number), style="bold"), text)

    def pick_number(self, number: int) -> bool:
        """Choose the available choice with this number; False if there is none."""
        for line in self.lines:
            if line.number == number:
                self.post_message(self.Chosen(line.view.id))
                return True
        return False

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Chosen(event.option.id))
