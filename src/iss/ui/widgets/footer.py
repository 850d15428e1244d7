"""The footer of every screen: Textual's compact Footer, without its watcher leak."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer

from iss.ui.retention import forget_detached_watchers


class GameFooter(Footer):
    """A compact footer that does not keep the keys it replaced (see `iss.ui.retention`)."""

    def __init__(self, *, show_command_palette: bool = True) -> None:
        super().__init__(compact=True, show_command_palette=show_command_palette)

    def compose(self) -> ComposeResult:
        # Recompose removes the old keys before it composes again, so they are detached now.
        forget_detached_watchers(self)
        yield from super().compose()

    def on_unmount(self) -> None:
        super().on_unmount()
        forget_detached_watchers(self)
