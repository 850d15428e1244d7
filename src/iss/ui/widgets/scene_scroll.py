"""The scroll around a scene's text, which says when text lies below what it shows.

A scene often runs past the screen (at 100x30 about a screen and a half); shown at
once, or with the typewriter skipped by a key, the view stays where the reading
was, and the choices' top edge says there is more ("more text · PgDn",
`MORE_BELOW`, in the muted colour) until the end is in sight. The scroll bar
alone, one column of colour, was missed in play: the choices sat under a
half-shown question. On the edge, not a line of its own: a line that came and
went resized the view under the scroll, and the end it scrolled to moved.

    scroll.more_below               # text lies below the view
    @on(SceneScroll.Moved)          # it scrolled, or it or its text changed size
"""

from __future__ import annotations

from textual import events
from textual.containers import VerticalScroll
from textual.message import Message

MORE_BELOW = "more text · PgDn"


class SceneScroll(VerticalScroll):
    """A `VerticalScroll` that posts `Moved` whenever `more_below` may have changed."""

    class Moved(Message):
        """The view scrolled, or it or what it holds changed size."""

    @property
    def more_below(self) -> bool:
        return round(self.scroll_y) < self.max_scroll_y

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if round(old_value) != round(new_value):
            self.post_message(self.Moved())

    def on_resize(self, event: events.Resize) -> None:
        self.post_message(self.Moved())
