"""Help: every key of the game, by screen."""

from __future__ import annotations

from pathlib import Path

from rich.table import Table
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from iss.ui.screens.base import GameModal
from iss.ui.widgets.footer import GameFooter

KEYS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "Playing",
        (
            ("1-9", "take that choice"),
            ("↑ ↓  Enter", "move through the choices and take one"),
            ("click", "take a choice with the mouse"),
            ("any key", "show all of the scene text at once"),
            ("PgUp / PgDn", "scroll a long scene's text (or the mouse wheel)"),
            ("e", "unfold paragraphs read before (or click the ⋯ line)"),
            ("c", "the crew: where they are, how far they trust you"),
            ("t", "crew ties: how the crew trust each other"),
            ("i", "what you carry and what you know"),
            ("j", "the journal of this playthrough"),
            ("b", "backlog: reread this run; / finds, n next match"),
            ("m", "story map: a flowchart of the scenes seen, to jump to"),
            ("r", "rewind to an earlier choice"),
            ("F5 / F9", "quicksave / quickload"),
            ("Esc", "pause menu: save, load, settings, help, title"),
        ),
    ),
    (
        "Anywhere",
        (
            ("ctrl+p", "command palette: save, load, backlog, story map, theme"),
            ("F1", "this help"),
            ("ctrl+r", "reload the story from disk (for authors)"),
            ("Esc", "close a dialog"),
            ("ctrl+q", "quit"),
        ),
    ),
    (
        "Title",
        (
            ("n c l e s q", "new game, continue, load, endings, settings, quit"),
            ("m", "story map: what you have found so far (also on the ending screen)"),
            ("w", "on the ending screen: which endings the other ways could have led to"),
            ("1-9", "on the ending screen: back to that choice of What mattered, to choose again"),
        ),
    ),
    (
        "Story map",
        (
            ("arrows / hjkl", "pan the chart (PgUp / PgDn by a screen)"),
            ("Tab n / p", "the next / previous scene (Home, End: first, last)"),
            ("Enter, click", "jump there: a new run replays the shortest way"),
        ),
    ),
)


def keys_table() -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for n, (section, rows) in enumerate(KEYS):
        if n:
            table.add_row("", "")
        table.add_row(section.upper(), "", style="underline")
        for key, what in rows:
            table.add_row(key, what)
    return table


class HelpScreen(GameModal):
    """Every key, in one place."""

    CSS_PATH = Path(__file__).with_name("dialog.tcss")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide") as box:
            box.border_title = "Help"
            box.border_subtitle = "Esc closes"
            with VerticalScroll():
                yield Static(keys_table())
        yield GameFooter()

    def on_mount(self) -> None:
        self.focus_scroll()
