"""Turning engine values into rich Text, never through a markup parser.

Story text is appended piece by piece with `Text.append`, so square brackets,
`[@click=...]` and `[link=...]` in a story file stay plain characters; and it
passes `iss.engine.terminal_safety` first, so no control character in a story
or a save reaches the terminal.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text

from iss.engine.model import Story
from iss.engine.terminal_safety import safe_for_terminal, safe_line
from iss.engine.text import Span

STYLES = {"": "", "em": "italic", "strong": "bold", "em strong": "bold italic"}
"""Engine span styles to rich styles."""

STATUS_MARKS = {"aboard": "●", "outside": "◐", "missing": "?", "dead": "✕"}
"""A symbol beside each status word (the word is always shown too)."""


def story_text(spans: Iterable[Span], base: str = "", one_line: bool = False) -> Text:
    """Styled text from engine spans; `one_line` for a one-line field (a kit line):
    newlines and tabs become spaces (`safe_line`)."""
    safe = safe_line if one_line else safe_for_terminal
    text = Text(style=base)
    for span in spans:
        text.append(safe(span.text), STYLES.get(span.style, ""))
    return text


def plain(value: str, style: str = "") -> Text:
    """Text for a string that came from a story file (names, titles): never markup."""
    return Text(safe_line(value), style=style)


def trust_bar(story: Story, value: int, width: int = 10) -> str:
    """A bar like `██████░░░░` for a trust value in the story's range."""
    span = max(1, story.trust_max - story.trust_min)
    filled = round((value - story.trust_min) * width / span)
    filled = max(0, min(width, filled))
    return "█" * filled + "░" * (width - filled)


def play_time(seconds: int) -> str:
    """1h 02m, 12m 05s, 42s."""
    hours, rest = divmod(max(0, seconds), 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}h {minutes:02d}m"
    if minutes:
        return f"{minutes}m {secs:02d}s"
    return f"{secs}s"
