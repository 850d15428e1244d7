"""Scene text, revealed like a typewriter or all at once; parts of it (paragraphs
read in an earlier playthrough) may appear at once while the rest types out."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.text import Text
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Static

TICK = 1 / 30
"""Seconds between reveal steps."""


def reveal_end(plain: str, target: float, *, words: bool) -> int:
    """How many characters of `plain` to show once `target` characters are due.

    By characters: exactly the due ones. By words: only whole words, so a word
    appears once all its letters are due; the speed is the same either way."""
    end = min(len(plain), int(target))
    if not words or end >= len(plain) or end == 0:
        return end
    while end > 0 and not plain[end].isspace():
        end -= 1
    return end


def typed_to(typed: float, instant: Sequence[tuple[int, int]], length: int) -> float:
    """Where the reveal stands once `typed` characters have typed out, when the
    characters of the `instant` ranges (sorted, apart) cost nothing: a range the
    reveal reaches appears whole at once, and typing goes on after it."""
    position = 0.0
    left = typed
    for start, end in instant:
        gap = start - position
        if left < gap:
            break
        left -= max(0.0, gap)
        position = max(position, float(end))
    return min(float(length), position + left)


class SceneText(Static):
    """The text of the current scene. `reveal_all()` ends any animation.

    The reveal runs on the wall clock, so a slow tick never slows the text:
    after `t` seconds, `t × chars_per_second` characters are due."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"scene-text--read", "scene-text--fold"}
    DEFAULT_CSS = """
    SceneText {
        width: 1fr;
        height: auto;
        padding: 1 2;
        color: $foreground;
        link-color: $text-muted;  /* fold lines are the only links: muted, as read text */
        link-style: italic;
    }
    SceneText > .scene-text--read { color: $text-muted; }
    SceneText > .scene-text--fold { color: $text-muted; text-style: italic; }
    """

    class Revealed(Message):
        """The whole text is now visible."""

    class Grew(Message):
        """More of the text is visible (the scroll around it may follow)."""

    def __init__(
        self, *, id: str | None = None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__(id=id)
        self._full = Text()
        self._shown = 0
        self._instant: tuple[tuple[int, int], ...] = ()
        self._words = False
        self._chars_per_second = 1.0
        self._started = 0.0
        self._clock = clock
        self._timer: Timer | None = None

    @property
    def revealing(self) -> bool:
        return self._timer is not None

    @property
    def full_text(self) -> Text:
        """All of the text, however much of it is visible yet."""
        return self._full

    @property
    def shown_chars(self) -> int:
        """How many characters of the text are visible."""
        return self._shown

    def show(
        self,
        text: Text,
        *,
        effect: str = "off",
        chars_per_second: int = 60,
        instant: Sequence[tuple[int, int]] = (),
    ) -> None:
        """Show `text`, animated when `effect` is "typewriter" or "words"; the `instant`
        ranges of it (start, end) appear at once when the reveal reaches them."""
        self._stop()
        self._full = text
        self._instant = tuple(instant)
        if effect == "off" or not text.plain:
            self._shown = len(text.plain)
            self.update(text)
            self.post_message(self.Revealed())
            return
        self._shown = 0
        self._words = effect == "words"
        self._chars_per_second = float(max(1, chars_per_second))
        self._started = self._clock()
        self.update(Text())
        self._timer = self.set_interval(TICK, self.tick)
        if self._instant:
            self.tick()  # what comes at once, at once: not a tick later

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

    def tick(self) -> None:
        """Show what is due by now (the reveal timer calls this)."""
        if self._timer is None:
            return
        plain = self._full.plain
        typed = (self._clock() - self._started) * self._chars_per_second
        due = typed_to(typed, self._instant, len(plain)) if self._instant else typed
        end = reveal_end(plain, due, words=self._words)
        if end >= len(plain):
            self.reveal_all()
            self.post_message(self.Grew())  # the last characters too: their line in sight
            return
        if end > self._shown:
            self._shown = end
            self.update(self._full[:end])
            self.post_message(self.Grew())
