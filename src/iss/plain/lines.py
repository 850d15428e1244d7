"""What plain mode reads and the codes it exits with: lenient input, small numbers only."""

from __future__ import annotations

import codecs
import sys
from typing import TextIO

EXIT_OK = 0
"""An ending was reached, or the player quit."""
EXIT_CANNOT_START = 1
"""The story or the save to start from could not be loaded."""
EXIT_INPUT_ENDED = 3
"""The input ran out before an ending: a script can tell this from finishing."""

MAX_DIGITS = 9
"""A number typed with more digits than this is taken as "too big" without converting it."""
TOO_BIG = 1_000_000_000
"""What such a number stands for: more than any choice list or history."""


def small_number(text: str) -> int | None:
    """The number `text` spells in ASCII digits, or None when it is not one.

    `²` and other Unicode digits are not numbers here; a number with more
    than `MAX_DIGITS` digits comes back as 10**MAX_DIGITS, bigger than any
    choice count or history (and cheap, unlike converting 5,000 digits).
    """
    if not (text.isascii() and text.isdigit()):
        return None
    if len(text.lstrip("0")) > MAX_DIGITS:
        return TOO_BIG
    return int(text)


def read_leniently(stream: TextIO) -> TextIO:
    """`stream` set to replace what it cannot decode or encode instead of raising.

    Under a UTF-8 locale Python reads stdin strictly, so one invalid byte
    would end the game with a traceback. The incremental UTF-16 and UTF-32
    decoders raise on input without a byte order mark whatever `errors` says
    (`PYTHONIOENCODING=utf-16`), so those read in the machine's byte order;
    a mark sent anyway is read as U+FEFF, which input handling drops. Streams
    that cannot be reconfigured (a `StringIO` in tests) are returned as they are.
    """
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is None:
        return stream
    encoding = _lookup(getattr(stream, "encoding", None))
    if encoding in _NEEDS_A_MARK and stream.readable():
        reconfigure(encoding=f"{encoding}-{sys.byteorder[0]}e", errors="replace")
    else:
        reconfigure(errors="replace")
    return stream


_NEEDS_A_MARK = frozenset({"utf-16", "utf-32"})
"""Codecs whose incremental decoder refuses input that does not start with a byte order mark."""


def _lookup(encoding: str | None) -> str:
    try:
        return codecs.lookup(encoding).name if encoding else ""
    except LookupError:
        return ""


def shorten(text: str, limit: int = 40) -> str:
    """`text` cut to `limit` characters with an ellipsis, for echoing input back."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
