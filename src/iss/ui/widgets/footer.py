"""The footer of every screen: Textual's compact Footer, without its watcher leak,
and without a key cut in half when the terminal is narrow."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from iss.ui.retention import forget_detached_watchers


class GameFooter(Footer):
    """A compact footer that does not keep the keys it replaced (see `iss.ui.retention`).

    Keys that do not fit whole are left out, from the right (the first are Esc
    and F1, and Help lists every key), instead of the last one showing half its
    name ("f5 Q")."""

    def __init__(self, *, show_command_palette: bool = True) -> None:
        super().__init__(compact=True, show_command_palette=show_command_palette)

    def compose(self) -> ComposeResult:
        # Recompose removes the old keys before it composes again, so they are detached now.
        forget_detached_watchers(self)
        yield from super().compose()

    async def recompose(self) -> None:
        """The keys come here (Footer recomposes once the screen's bindings are known).
        They are measured after the refresh that lays them out: a refresh could come
        between composing and mounting them, and then nothing was left out."""
        await super().recompose()
        self.call_after_refresh(self.leave_out_what_does_not_fit)

    def on_resize(self, event: events.Resize) -> None:
        for key in self.query(FooterKey):
            key.display = True
        self.call_after_refresh(self.leave_out_what_does_not_fit)

    def leave_out_what_does_not_fit(self) -> None:
        """Hide the keys from the first that runs past the right edge, or under the
        command palette's key, docked there (the ending screen at 60 columns showed
        "r Rewin" under "^p palette")."""
        right = self.content_region.right
        keys = []
        for key in self.query(FooterKey):
            if key.has_class("-command-palette"):
                right = min(right, key.region.x)
            else:
                keys.append(key)
        cut = False
        for key in keys:
            cut = cut or key.region.right > right
            key.display = not cut

    def on_unmount(self) -> None:
        super().on_unmount()
        forget_detached_watchers(self)
