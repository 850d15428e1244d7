"""Rendered text: styled runs (`Span`) and the whitespace rules every rendering follows.

tidy([Span("Alexey  looks"), Span(" up", "em"), Span(" .")])
tidy_text("One.\n  Two .")   # the same rules, for text in one style
tidy_seams(["One.\n\n", "Two."])   # the same, for pieces each tidy inside (`tidy_inside`)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WHITESPACE = re.compile(r"(\s+)")
_CLOSING = ",.;:!?)"
_SPACE_AND_CLOSING = tuple((" " + char, char) for char in _CLOSING)
_UNTIDY_SPACE = re.compile(f" [ {re.escape(_CLOSING)}]")
"""A space that tidying removes: before another space or closing punctuation."""


@dataclass(frozen=True, slots=True)
class Span:
    """A run of text and its style: "", "em", "strong" or "em strong"."""

    text: str
    style: str = ""


def tidy(spans: list[Span]) -> tuple[Span, ...]:
    """Whitespace as a reader expects it, whatever fragments rendered empty.

    Runs of spaces become one space, any break that holds a newline becomes
    one paragraph break, no space stands before closing punctuation, and
    nothing leads or trails. Authors can then write
    `{if a: One.} {if b: Two.}` without caring which fragments show.
    """
    out: list[Span] = []
    pending = ""
    for span in spans:
        parts: list[str] = []
        for chunk in _WHITESPACE.split(span.text):
            if not chunk:
                continue
            if chunk.isspace():
                pending = "\n\n" if "\n" in chunk or pending == "\n\n" else " "
                continue
            if pending == " " and chunk[0] in _CLOSING:
                pending = ""  # never a space before closing punctuation
            if pending and (out or parts):
                if parts or not span.style:
                    parts.append(pending)
                elif out[-1].style == "":
                    out[-1] = Span(out[-1].text + pending, "")
                else:
                    out.append(Span(pending, ""))
            pending = ""
            parts.append(chunk)
        if parts:
            text = "".join(parts)
            if out and out[-1].style == span.style:
                out[-1] = Span(out[-1].text + text, span.style)
            else:
                out.append(Span(text, span.style))
    return tuple(out)


def tidy_text(text: str) -> str:
    """`tidy` for text in one style: the same result, with string methods only.

    Rendering a scene spent most of its time tidying; this is what keeps a
    choice cheap. Every line break ends a paragraph (a run of whitespace that
    holds one becomes one break), other runs become one space, and no space
    stands before closing punctuation. A property test holds it to `tidy`.
    """
    if text.isascii() and text.isprintable() and "  " not in text and text[-1:] != " ":
        out = text.removeprefix(" ")  # one line, its words one space apart already
    else:
        paragraphs = [" ".join(words) for line in text.split("\n") if (words := line.split())]
        out = "\n\n".join(paragraphs)
    if " " in out:
        for pair, char in _SPACE_AND_CLOSING:
            if pair in out:
                out = out.replace(pair, char)
    return out


def tidy_inside(piece: str) -> bool:
    """Whether `piece` needs no tidying away from its two ends: its paragraph breaks are
    single blank lines and its words one space apart, with no other whitespace and no
    space before closing punctuation. It may start or end with a space or a paragraph
    break: only where it meets the text beside it can that need tidying (`tidy_seams`).

    Every whitespace character but the space is unprintable (`str.isprintable`), so a
    piece whose paragraph breaks, made spaces, leave it printable holds no other."""
    flat = piece.replace("\n\n", " ")
    return flat.isprintable() and _UNTIDY_SPACE.search(flat) is None


def tidy_seams(pieces: list[str]) -> str | None:
    """`tidy_text("".join(pieces))` when every piece is `tidy_inside` and nothing needs
    tidying where two meet, else None (then tidy the whole).

    A template's fixed text is checked once, when compiled; a render then looks only
    at the ends of its pieces, not at every character of a scene (a property test
    holds this to `tidy_text`)."""
    last = ""
    for piece in pieces:
        if not piece:
            continue
        first = piece[0]
        if last:
            end = last[-1]
            if (end == " " or end == "\n") and (first == " " or first == "\n"):
                return None
            if end == " " and first in _CLOSING:
                return None
        elif first == " " or first == "\n":
            return None
        last = piece
    if last[-1:] == " " or last[-1:] == "\n":
        return None
    return "".join(pieces)
