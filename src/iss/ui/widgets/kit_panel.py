"""What Kira carries and what she has learned."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Static


def kit_text(items: Sequence[str], facts: Sequence[str]) -> Text:
    """Items, then knowledge, one a line."""
    text = Text()
    text.append("Carrying\n", style="bold")
    if items:
        for name in items:
            text.append(f"  • {name}\n")
    else:
        text.append("  nothing but your badge\n", style="dim italic")
    text.append("Known\n", style="bold")
    if facts:
        for n, fact in enumerate(facts):
            text.append(f"  • {fact}")
            if n < len(facts) - 1:
                text.append("\n")
    else:
        text.append("  nothing yet", style="dim italic")
    return text


class KitPanel(Static):
    """Items and knowledge, beside the story or in its own screen."""

    DEFAULT_CSS = """
    KitPanel {
        height: auto;
        padding: 0 1;
        border: round $secondary 50%;
        border-title-color: $accent;
    }
    """

    def on_mount(self) -> None:
        self.border_title = "Kit & knowledge"

    def show(self, items: Sequence[str], facts: Sequence[str]) -> None:
        self.update(kit_text(items, facts))
