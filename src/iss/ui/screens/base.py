"""What every screen of the game shares: typed access to the app."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen

if TYPE_CHECKING:
    from iss.ui.app import IssApp


class GameScreen(Screen[None]):
    """A full screen of the game."""

    @property
    def game(self) -> IssApp:
        return cast("IssApp", self.app)


class GameModal(ModalScreen[Any]):
    """A dialog over another screen; Escape closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [("escape", "close", "Close")]

    @property
    def game(self) -> IssApp:
        return cast("IssApp", self.app)

    def focus_scroll(self) -> None:
        """Focus the dialog's scrolling area, so arrows and Page keys scroll it."""
        for scroll in self.query(VerticalScroll):
            scroll.focus()
            return

    def action_close(self) -> None:
        self.dismiss(None)
