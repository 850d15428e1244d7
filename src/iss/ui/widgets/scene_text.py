"""Scene text, revealed like a typewriter or all at once."""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Static

TICK = 1 / 30
"""Seconds between reveal steps."""


class SceneText(Static):
    """The text of the current scene. `reveal_all()` ends any animation."""

    DEFAULT_CSS = """
    SceneText {
        width: 1fr;
        height: auto;
        padding: 1 2;
        color: $foreground;
    }
    """

    class Revealed(Message):
        """The whole text is now visible."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._full = Text()
        self._shown = 0
        self._step = 1
        self._words = False
        self._timer: Timer | None = None

    @property
    def revealing(self) -> bool:
        return self._timer is not None

    def show(self, text: Text, *, effect: str = "off", chars_per_second: int = 60) -> None:
        """Show `text`, animated when `effect` is "typewriter" or "words"."""
        self._stop()
        self._full = text
        if effect == "off" or not text.plain:
            self._shown = len(text.plain)
            self.update(text)
            self.post_message(self.Revealed())
            return
        self._shown = 0
        self._words = effect == "words"
        self._step = max(1, round(chars_per_second * TICK))
        self.update(Text())
        self._timer = self.set_interval(TICK, self._tick)

    def reveal_all(self) -> None:
        """Show all of the text at once."""
        if self._timer is None:
            return
        self._stop()
        self._shown = len(self._full.plain)
        self.update(self._full)
        self.post_message(self.Revealed())

    def _stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def _tick(self) -> None:
        plain = self._full.plain
        end = self._shown + self._step
        if self._words:
            while end < len(plain) and not plain[end].isspace():
                end += 1
        self._shown = min(len(plain), end)
        if self._shown >= len(plain):
            self.reveal_all()
            return
        self.update(self._full[: self._shown])
