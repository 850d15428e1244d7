"""The crew screen: each crew member's side, whereabouts and trust in Kira."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from iss.engine.trust_moves import last_moves
from iss.ui.screens.base import GameModal
from iss.ui.widgets.crew_panel import crew_text, crew_trust_text
from iss.ui.widgets.footer import GameFooter


class CrewScreen(GameModal):
    """The crew panel on its own (for narrow terminals; also from the palette)."""

    CSS_PATH = Path(__file__).with_name("dialog.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [("t", "ties", "Crew ties"), ("c", "close", "Close")]

    def compose(self) -> ComposeResult:
        run = self.game.playthrough
        with Vertical(classes="dialog") as box:
            box.border_title = "Crew"
            box.border_subtitle = "as far as you know"
            with VerticalScroll():
                if run is not None:
                    moves = last_moves(run.story, run.state)
                    yield Static(crew_text(run.story, run.state, moves))
        yield GameFooter()

    def on_mount(self) -> None:
        self.focus_scroll()

    def action_ties(self) -> None:
        self.dismiss(None)
        self.game.open_crew_trust()


class CrewTrustScreen(GameModal):
    """How the crew trust each other, as Kira reads it. `c` goes to the crew, as `t` on
    the crew goes here (in play, `c` over the ties did nothing: a dead key, one way)."""

    CSS_PATH = Path(__file__).with_name("dialog.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [("c", "crew", "Crew"), ("t", "close", "Close")]

    def compose(self) -> ComposeResult:
        run = self.game.playthrough
        with Vertical(classes="dialog") as box:
            box.border_title = "Crew ties"
            box.border_subtitle = "what you read in their faces"
            with VerticalScroll():
                if run is not None:
                    moves = last_moves(run.story, run.state)
                    yield Static(crew_trust_text(run.story, run.state, moves))
        yield GameFooter()

    def on_mount(self) -> None:
        self.focus_scroll()

    def action_crew(self) -> None:
        self.dismiss(None)
        self.game.open_crew()
