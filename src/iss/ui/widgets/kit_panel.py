"""What Kira carries and what she has learned."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from iss.engine.spans import Span
from iss.engine.terminal_safety import safe_line
from iss.ui.render import story_text


def kit_text(items: Sequence[str], facts: Sequence[Sequence[Span]]) -> Group:
    """Items, then knowledge (styled: "You wrote *sabotage*" in italics), one a bulleted
    line (wrapped lines stay indented)."""
    parts: list[RenderableType] = []
    for heading, lines, empty in (
        ("Carrying", [Text(safe_line(item)) for item in items], "nothing but your badge"),
        ("Known", [story_text(spans, one_line=True) for spans in facts], "nothing yet"),
    ):
        parts.append(Text(heading, style="bold"))
        table = Table.grid(padding=(0, 1), pad_edge=True)
        table.add_column(width=2, no_wrap=True, justify="right")
        table.add_column(ratio=1)
        if not lines:
            table.add_row("", Text(empty, style="dim italic"))
        for line in lines:
            table.add_row("•", line)
        parts.append(table)
    return Group(*parts)


class KitPanel(VerticalScroll):
    """Items and knowledge beside the story: as tall as its lines, up to the room the
    column leaves it under the crew, and scrolled within its frame beyond that (the
    play screen's `#side` gives it that room). Late in a run the list outgrew a 100x30
    column, whose own scroll left the frame's bottom edge off the screen.

    It takes no focus: the choices keep the keys (`i` opens the whole list)."""

    can_focus = False

    DEFAULT_CSS = """
    KitPanel {
        height: auto;
        max-height: 100%;
        padding: 0 1;
        border: round $secondary 50%;
        border-title-color: $accent;
        scrollbar-size-vertical: 1;
    }
    KitPanel > Static {
        height: auto;
    }
    """

    def compose(self) -> ComposeResult:
        yield Static(kit_text((), ()))

    def on_mount(self) -> None:
        self.border_title = "Kit & knowledge"

    def show(self, items: Sequence[str], facts: Sequence[Sequence[Span]]) -> None:
        self.query_one(Static).update(kit_text(items, facts))
