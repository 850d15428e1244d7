"""Epilogues as the player last saw them, kept in the record so the endings
gallery can show a found ending again.

An epilogue is the ending scene's text as it was rendered for that
playthrough (text variations and names included), as styled spans. The
record is untrusted input (anyone can edit `profile.json`), so reading is
lenient and bounded: an entry that is not well formed is dropped (the rest
of the record stays), texts are cut at `MAX_EPILOGUE_CHARS`, a story keeps
at most `MAX_EPILOGUES`, unknown styles become plain, and control
characters are made visible (`terminal_safety`) before anything is kept.

In `profile.json`, under a story:

    "epilogues": {"<ending id>": {"seen": "<ISO date and time>",
                                  "text": [["<text>", "<style>"], ...]}}
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from iss.engine.terminal_safety import safe_for_terminal
from iss.engine.text import Span

MAX_EPILOGUE_CHARS = 20_000
"""Characters kept of one epilogue (the rest is cut, with an ellipsis)."""
MAX_EPILOGUES = 1_000
"""Epilogues kept per story: more than any story has endings."""
MAX_SPANS = 2_000
"""Styled runs kept of one epilogue."""
STYLES = frozenset({"", "em", "strong", "em strong"})


@dataclass(frozen=True, slots=True)
class Epilogue:
    """An ending's text as the player last saw it, and when."""

    seen: datetime
    spans: tuple[Span, ...]


def bounded(spans: Iterable[Span]) -> tuple[Span, ...]:
    """`spans` within the limits, styles known, control characters made visible."""
    out: list[Span] = []
    room = MAX_EPILOGUE_CHARS
    for span in spans:
        if room <= 0 or len(out) >= MAX_SPANS:
            out.append(Span("…"))
            break
        text = safe_for_terminal(span.text[:room])
        room -= len(span.text)
        out.append(Span(text, span.style if span.style in STYLES else ""))
    return tuple(out)


def encode_epilogues(epilogues: dict[str, Epilogue]) -> dict[str, object]:
    return {
        ending: {
            "seen": e.seen.isoformat(timespec="seconds"),
            "text": [[s.text, s.style] for s in e.spans],
        }
        for ending, e in sorted(epilogues.items())
    }


def decode_epilogues(value: object) -> dict[str, Epilogue]:
    """The epilogues of a story's record; whatever is not well formed is left out."""
    if not isinstance(value, dict):
        return {}
    out: dict[str, Epilogue] = {}
    for ending, entry in value.items():
        if len(out) >= MAX_EPILOGUES:
            break
        if not isinstance(entry, dict):
            continue
        seen, text = entry.get("seen"), entry.get("text")
        if not isinstance(seen, str) or not isinstance(text, list):
            continue
        try:
            when = datetime.fromisoformat(seen)
        except ValueError:
            continue
        spans = [
            Span(part[0], part[1])
            for part in text[: MAX_SPANS + 1]
            if isinstance(part, list)
            and len(part) == 2
            and isinstance(part[0], str)
            and isinstance(part[1], str)
        ]
        out[ending] = Epilogue(when, bounded(spans))
    return out


def later(a: Epilogue, b: Epilogue) -> Epilogue:
    """`b` if it was seen after `a`, else `a`."""
    try:
        return b if b.seen > a.seen else a
    except TypeError:  # one has a time zone, the other not (a hand-edited file)
        return b if b.seen.replace(tzinfo=None) > a.seen.replace(tzinfo=None) else a
