"""What every screen of the game shares: typed access to the app."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.geometry import Size
from textual.screen import ModalScreen, Screen

from iss.ui.retention import release_removed_styles

if TYPE_CHECKING:
    from iss.ui.app import IssApp


def size_classes(screen: Screen[Any], size: Size) -> list[str]:
    """The breakpoint classes Textual gives `screen` on its first resize, for a terminal
    of `size`. A screen made with them is styled once: the resize finds them set and
    restyles nothing (Textual's own `_get_breakpoint_classes`, which is private)."""
    app = screen.app
    classes: list[str] = []
    for dimension, breakpoints in (
        (size.width, screen.HORIZONTAL_BREAKPOINTS or app.HORIZONTAL_BREAKPOINTS or []),
        (size.height, screen.VERTICAL_BREAKPOINTS or app.VERTICAL_BREAKPOINTS or []),
    ):
        for least, name in sorted(breakpoints, reverse=True):
            if dimension >= least:
                classes.append(name)
                break
    return classes


class GameScreen(Screen[None]):
    """A full screen of the game."""

    def on_unmount(self) -> None:
        release_removed_styles()

    @property
    def game(self) -> IssApp:
        return cast("IssApp", self.app)


class GameModal(ModalScreen[Any]):
    """A dialog over another screen; Escape closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        ("escape", "close", "Close"),
        Binding("f1", "app.help", "Help", show=False),
    ]

    def on_unmount(self) -> None:
        release_removed_styles()

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
