"""Rendered text: styled runs (`Span`) and the whitespace rules every rendering follows.

tidy([Span("Alexey  looks"), Span(" up", "em"), Span(" .")])
tidy_text("One.\n  Two .")   # the same rules, for text in one style
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WHITESPACE = re.compile(r"(\s+)")
_CLOSING = ",.;:!?)"
_SPACE_AND_CLOSING = tuple((" " + char, char) for char in _CLOSING)


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
