"""The backlog: the text read in this playthrough, scene by scene, and a search.

One `Static` per scene, inside a scroll the keyboard drives (↑↓, PgUp/PgDn,
Home/End). `/` opens the find line; Enter there, `n` and F3 go to the next
match, `N` and shift+F3 to the previous one: the match is marked and scrolled
into the middle of the view. The pages come from `iss.backlog`, rebuilt from
the playthrough's history when the screen opens and let go when it closes.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from rich.console import Console
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.geometry import Region
from textual.widgets import Input, Static

from iss.backlog import Backlog, Hit, Page, backlog, find
from iss.engine.terminal_safety import safe_line
from iss.ui.render import story_text
from iss.ui.screens.base import GameScreen
from iss.ui.widgets.footer import GameFooter

MATCH = "reverse"
CURRENT = "bold underline black on yellow"


def page_text(page: Page, hits: Sequence[Hit] = (), current: Hit | None = None) -> Text:
    """One scene of the backlog, with the matches of a search marked."""
    text = Text()
    starts: list[int] = []  # where each of `page_parts(page)` begins in `text`
    text.append("── ", style="dim")
    starts.append(len(text))
    text.append(safe_line(page.title), style="bold")
    if page.location:
        text.append(f"  ·  {safe_line(page.location)}", style="italic dim")
    if page.passed:
        text.append("  (passed through)", style="dim")
    text.append("\n")
    starts.append(len(text))
    text.append_text(story_text(page.text))
    if page.ending is not None:
        text.append("\n\nENDING: ", style="bold")
        starts.append(len(text))
        text.append(safe_line(page.ending), style="bold")
    elif page.choice is not None:
        text.append("\n→ ", style="bold")
        starts.append(len(text))
        text.append(safe_line(page.choice), style="bold")
    elif not page.passed:
        text.append("\n(you are here)", style="italic")
    for line in page.notices:
        text.append("\n  ")
        starts.append(len(text))
        text.append(safe_line(line), style="italic")
    for hit in hits:
        if hit.part < len(starts):
            base = starts[hit.part]
            text.stylize(CURRENT if hit == current else MATCH, base + hit.start, base + hit.end)
    return text


def offset_of(page: Page, hit: Hit) -> int:
    """Where `hit` begins in `page_text(page)`."""
    marked = page_text(page, [hit], hit)
    for span in marked.spans:
        if span.style == CURRENT:
            return span.start
    return 0


def line_of(text: Text, offset: int, width: int) -> int:
    """The line (0 first) that character `offset` of `text` falls on, wrapped at `width`."""
    console = Console(width=width, no_color=True, legacy_windows=False)
    lines = text.wrap(console, width)
    seen = 0
    for n, line in enumerate(lines):
        seen += len(line.plain)
        if offset < seen:
            return n
        # wrapping drops the newline or the space it broke at
        if seen < len(text.plain) and text.plain[seen] in " \n":
            seen += 1
    return max(0, len(lines) - 1)


class BacklogScreen(GameScreen):
    """Everything read so far in this playthrough, newest at the bottom."""

    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("b", "close", "Close", show=False),
        Binding("slash", "find", "Find"),
        Binding("ctrl+f", "find", "Find", show=False),
        Binding("n", "next(1)", "Next match"),
        Binding("N", "next(-1)", "Previous", show=False),
        Binding("f3", "next(1)", "Next match", show=False, priority=True),
        Binding("shift+f3", "next(-1)", "Previous match", show=False, priority=True),
        Binding("f1", "app.help", "Help", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.read = Backlog(())
        self.hits: list[Hit] = []
        self.current = -1

    def compose(self) -> ComposeResult:
        run = self.game.playthrough
        if run is not None:
            self.read = backlog(run.story, run.state, notices=run.teller.level)
        with Vertical(id="backlog-box") as box:
            box.border_title = "Backlog"
            box.border_subtitle = "↑↓ PgUp PgDn scroll · / find · n next · Esc closes"
            with Vertical(id="find-bar"):
                yield Input(placeholder="Find in what you read (Enter: next match)", id="find")
                yield Static(id="find-status", markup=False)
            with VerticalScroll(id="pages"):
                if self.read.dropped:
                    yield Static(
                        Text(f"({self.read.dropped} earlier scenes are not kept.)", style="dim"),
                        classes="page",
                    )
                if not self.read.complete:
                    yield Static(
                        Text("(The story changed; the backlog shows what still replays.)"),
                        classes="page",
                    )
                for n, page in enumerate(self.read.pages):
                    yield Static(page_text(page), classes="page", id=f"page-{n}")
                if run is None:
                    yield Static("Nothing read yet.", classes="page")
        yield GameFooter()

    def on_mount(self) -> None:
        self.query_one("#find-bar").display = False
        scroll = self.query_one("#pages", VerticalScroll)
        scroll.focus()
        self.call_after_refresh(scroll.scroll_end, animate=False, immediate=True)

    def action_close(self) -> None:
        self.dismiss()

    def action_find(self) -> None:
        self.query_one("#find-bar").display = True
        self.query_one("#find", Input).focus()

    @on(Input.Changed, "#find")
    def _term_changed(self, event: Input.Changed) -> None:
        before = {hit.page for hit in self.hits}
        self.hits = find(self.read, event.value)
        self.current = -1
        self._redraw(before | {hit.page for hit in self.hits})
        self._status()

    @on(Input.Submitted, "#find")
    def _submitted(self, event: Input.Submitted) -> None:
        self.action_next(1)

    def action_next(self, direction: int) -> None:
        if not self.hits:
            if not self.query_one("#find-bar").display:
                self.action_find()
            self._status()
            return
        before = self.hits[self.current].page if self.current >= 0 else None
        self.current = (self.current + direction) % len(self.hits)
        hit = self.hits[self.current]
        self._redraw({hit.page} | ({before} if before is not None else set()))
        self._status()
        self.call_after_refresh(self._show, hit)

    def _redraw(self, pages: set[int]) -> None:
        current = self.hits[self.current] if self.current >= 0 else None
        for index in pages:
            if 0 <= index < len(self.read.pages):
                on_page = [hit for hit in self.hits if hit.page == index]
                self.query_one(f"#page-{index}", Static).update(
                    page_text(self.read.pages[index], on_page, current)
                )

    def _status(self) -> None:
        term = self.query_one("#find", Input).value.strip()
        status = self.query_one("#find-status", Static)
        if not term:
            status.update(
                "Type a word to find; Enter, n or F3 for the next match, N for the previous."
            )
        elif not self.hits:
            status.update(f"No match for “{safe_line(term)}”.")
        elif self.current < 0:
            status.update(f"{len(self.hits)} matches. Enter for the first.")
        else:
            status.update(f"Match {self.current + 1} of {len(self.hits)}.")

    def _show(self, hit: Hit) -> None:
        """Scroll the page of `hit` so that the line of the match is in the middle."""
        widget = self.query_one(f"#page-{hit.page}", Static)
        scroll = self.query_one("#pages", VerticalScroll)
        page = self.read.pages[hit.page]
        width = max(1, widget.content_region.width)
        line = line_of(page_text(page), offset_of(page, hit), width)
        region = widget.virtual_region
        target = Region(0, region.y + widget.styles.gutter.top + line, scroll.size.width, 1)
        scroll.scroll_to_region(target, animate=False, center=True, immediate=True)
