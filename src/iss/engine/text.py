"""Scene text templates: interpolation, conditional fragments and emphasis.

    Alexey looks at you. {if trust.alexey >= 6: He nods. | He looks away.}
    *Italic* and **bold** are the only styles. {alexey} is a name;
    {clock.reentry} reads as hours and minutes. Write \\{ or \\* for the
    characters themselves.

Variations pick one of their items by the visit of the scene (ink's
sequences, cycles, once-only lists and shuffles):

    {sequence: The hatch is shut. | Still shut. | Shut.}   stops on the last
    {cycle: Tick. | Tock.}                                 goes round
    {once: A smell of ozone. | It lingers.}                blank when used up
    {shuffle: Sparks. | Smoke. | Frost.}                   a fresh order each round

A template renders to a tuple of `Span`s: plain strings with a style name.
Front ends turn spans into styled text directly, never through a markup
parser, so nothing in a story file can become a link or an action.

This module reads the language (`compile_template`); a compiled `Template`,
its pieces and rendering are in `template.py`, styled runs and whitespace in
`spans.py`. `Span`, `Template`, `format_minutes`, `count_key`, `tidy` and
`tidy_text` are importable from here too, as the text's one front door.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from iss.engine.errors import ExpressionError
from iss.engine.expressions import Names, Typed, compile_condition, compile_value
from iss.engine.limits import MAX_FRAGMENT_DEPTH
from iss.engine.model import Condition
from iss.engine.spans import Span, tidy, tidy_text
from iss.engine.template import (
    VARIATIONS,
    Branch,
    Interpolation,
    Mark,
    Piece,
    Template,
    Variation,
    count_key,
    format_minutes,
    has_style,
)

__all__ = [
    "VARIATIONS",
    "Span",
    "Template",
    "compile_template",
    "count_key",
    "count_words",
    "format_minutes",
    "has_markup",
    "join_lines",
    "static_template",
    "tidy",
    "tidy_text",
]

_SPECIAL_CHARS = "{}*\\|"
_CONDITION_HEAD = re.compile(r"\{(?:if\s[^:{}]*|\s*(?:sequence|cycle|once|shuffle)\s*):")
_IF_HEAD = re.compile(r"if\s")


class _NextOf:
    """Finds the next of some characters in a text read from left to right.

    Each character's next place is remembered until the reading passes it, so
    a character that comes late (or never) is searched for once, not at every
    fragment: a 2 MB text of `{alexey}` fragments took 22 s with a fresh
    `str.find` per character per fragment.
    """

    __slots__ = ("places", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.places: dict[str, int] = {}

    def __call__(self, start: int, chars: str) -> int:
        """The index of the next of `chars` at or after `start`, or -1."""
        best = -1
        places, text = self.places, self.text
        for char in chars:
            at = places.get(char, -2)
            if at == -2 or (at != -1 and at < start):
                at = text.find(char, start)
                places[char] = at
            if at >= 0 and (best < 0 or at < best):
                best = at
        return best


ConditionCompiler = Callable[[str], Condition]
ValueCompiler = Callable[[str], Typed]
Fragments = dict[str, tuple[Piece, frozenset[str]]]
"""Compiled `{...}` fragments by their text, with the names they read (see `compile_template`)."""


def compile_template(
    source: str,
    names: Names,
    condition: ConditionCompiler | None = None,
    value: ValueCompiler | None = None,
    fragments: Fragments | None = None,
) -> Template:
    """Compile story text. Raises `ExpressionError` (with a column offset) on a mistake.

    Single line breaks join lines into one paragraph; blank lines separate
    paragraphs (the replacement keeps every offset, for diagnostics).
    `fragments`, when given, keeps each simple top-level fragment compiled by its text
    (`{alexey}`, `{if trust.alexey >= 5: A nod. | Nothing.}`) for the next template
    that writes the same: a load passes one table for all its templates.
    """
    source = join_lines(source.rstrip())
    if not has_markup(source):
        return static_template(source)
    parser = _Parser(source, names, condition, value, fragments)
    pieces = parser.sequence(top=True)
    compiled = tuple(pieces)
    dynamic = not all(isinstance(p, str) for p in compiled)
    return Template(
        source, compiled, frozenset(parser.names), has_style(compiled), dynamic, parser.per_visit
    )


def static_template(source: str) -> Template:
    """Text with no markup: tidied once here, so rendering it costs nothing."""
    text = tidy_text(source)
    return Template(source, (text,) if text else ())


def has_markup(source: str) -> bool:
    """Whether text has anything a template must parse (fragments, emphasis, escapes)."""
    return "{" in source or "}" in source or "*" in source or "\\" in source


def join_lines(source: str) -> str:
    """Single line breaks become spaces; blank lines stay (offsets are kept)."""
    if "\n" not in source:
        return source
    return "\n\n".join(part.replace("\n", " ") for part in source.split("\n\n"))


def count_words(source: str) -> int:
    """Words of prose in a template source, counting every branch once."""
    if "{" in source:
        source = _CONDITION_HEAD.sub(" ", source)
    return len(source.split()) - source.count(" | ")


class _Parser:
    def __init__(
        self,
        source: str,
        names: Names,
        condition: ConditionCompiler | None,
        value: ValueCompiler | None,
        fragments: Fragments | None = None,
    ) -> None:
        self.src = source
        self.fragments = fragments
        self.specials = "".join([c for c in _SPECIAL_CHARS if c in source])
        self.next_of = _NextOf(source)
        self.pos = 0
        self.depth = 0
        """How many `{if …}` fragments enclose the one being read."""
        self.names_table = names
        self.names: set[str] = set()
        self.per_visit = False
        self.compile_condition = condition or (lambda text: compile_condition(text, names))
        self.compile_value = value or (lambda text: compile_value(text, names))

    def error(self, message: str, at: int, hint: str = "") -> ExpressionError:
        return ExpressionError("E180", message, at, hint)

    def sequence(self, top: bool = False, stop: str = "") -> list[Piece]:
        """Read pieces up to the end (top) or up to one of `stop` at this nesting level."""
        pieces: list[Piece] = []
        buf: list[str] = []
        open_marks: dict[str, int] = {}
        src, specials, next_of = self.src, self.specials, self.next_of
        end = len(src)
        pos = self.pos  # a local while scanning; self.pos is synced around nested reads
        while pos < end:
            at = next_of(pos, specials)
            if at < 0:
                buf.append(src[pos:])
                pos = end
                break
            if at > pos:
                buf.append(src[pos:at])
                pos = at
            ch = src[pos]
            if ch == "\\" and pos + 1 < end:
                buf.append(src[pos + 1])
                pos += 2
            elif ch == "*":
                style = "strong" if src.startswith("**", pos) else "em"
                if buf:
                    pieces.append("".join(buf))
                    buf.clear()
                pieces.append(Mark(style))
                if style in open_marks:
                    del open_marks[style]
                else:
                    open_marks[style] = pos
                pos += 2 if style == "strong" else 1
            elif ch == "{":
                if buf:
                    pieces.append("".join(buf))
                    buf.clear()
                self.pos = pos
                pieces.append(self.brace() if self.fragments is None else self.shared_brace())
                pos = self.pos
            elif ch == "}" and top:
                raise self.error("a `}` with no `{` before it", pos, "write \\} for a brace")
            elif ch in stop and not top:
                break
            else:
                buf.append(ch)
                pos += 1
        self.pos = pos
        if buf:
            pieces.append("".join(buf))
        for style, at in open_marks.items():
            marker = "**" if style == "strong" else "*"
            raise self.error(
                f"`{marker}` opens emphasis that is never closed",
                at,
                f"close it with another `{marker}`, or write \\* for a star",
            )
        return pieces

    def shared_brace(self) -> Piece:
        """`brace()` through the `fragments` table: a fragment with no `{` or `\\` inside,
        read at the top level, is the same piece wherever it stands. A variation is not
        kept (its order depends on where it stands), nor a fragment with a mistake."""
        assert self.fragments is not None
        src, start = self.src, self.pos
        close = src.find("}", start + 1)
        key = src[start : close + 1]
        if self.depth or close < 0 or "{" in key[1:] or "\\" in key:
            return self.brace()
        found = self.fragments.get(key)
        if found is not None:
            piece, names = found
            self.names |= names
            self.pos = close + 1
            return piece
        outer, self.names = self.names, set()
        piece = self.brace()
        inner, self.names = self.names, outer | self.names
        if not isinstance(piece, Variation):
            self.fragments[key] = (piece, frozenset(inner))
        return piece

    def brace(self) -> Piece:
        src = self.src
        end = len(src)
        start = self.pos
        end_of_head = self._find_head_end(start + 1)
        head = src[start + 1 : end_of_head]
        if _IF_HEAD.match(head):
            if end_of_head >= end or src[end_of_head] != ":":
                raise self.error(
                    "a conditional fragment needs a `:` after its condition",
                    start,
                    "write {if trust.alexey >= 5: text | other text}",
                )
            try:
                when = self.compile_condition(head[3:])
            except ExpressionError as exc:
                raise _shifted(exc, start + 4) from None
            self.names |= when.names
            self.enter(start, "join the conditions with `and` instead of nesting fragments")
            pos = end_of_head + 1
            self.pos = pos + 1 if pos < end and src[pos] == " " else pos
            then = self.sequence(stop="|}")
            otherwise: list[Piece] = []
            pos = self.pos
            otherwise_given = pos < end and src[pos] == "|"
            if otherwise_given:
                pos += 1
                self.pos = pos + 1 if pos < end and src[pos] == " " else pos
                otherwise = self.sequence(stop="|}")
                pos = self.pos
            if pos < end and src[pos] == "|":
                raise self.error(
                    "a `{if ...:` fragment has a second `|`",
                    pos,
                    "a fragment has one `|`, between the text when true and when false; "
                    "write \\| for the character",
                )
            if pos >= end or src[pos] != "}":
                raise self.error("a `{if ...:` fragment is never closed", start, "end it with `}`")
            self.depth -= 1
            self.pos = pos + 1
            if then and isinstance(then[-1], str) and otherwise_given:
                then[-1] = then[-1].rstrip(" ")  # the space before `|` is layout
            return Branch(when, tuple(then), tuple(otherwise))
        if end_of_head < end and src[end_of_head] == ":" and head.strip() in VARIATIONS:
            return self.variation(head.strip(), start, end_of_head + 1)
        if end_of_head >= end or src[end_of_head] != "}":
            raise self.error(
                "a `{` is never closed", start, "end it with `}`, or write \\{ for a brace"
            )
        try:
            typed = self.compile_value(head)
        except ExpressionError as exc:
            raise _shifted(exc, start + 1) from None
        self.names |= typed.names
        self.pos = end_of_head + 1
        name = head.strip()
        return Interpolation(name, typed.read, name.startswith("clock."))

    def enter(self, start: int, hint: str) -> None:
        """One fragment deeper (`{if …}` or a variation), refused past the limit."""
        self.depth += 1
        if self.depth > MAX_FRAGMENT_DEPTH:
            raise self.error(
                f"`{{if …}}` fragments and variations nest more than {MAX_FRAGMENT_DEPTH} "
                "deep here",
                start,
                hint,
            )

    def variation(self, kind: str, start: int, pos: int) -> Variation:
        """`{cycle: a | b | c}` from just after its `:`."""
        src, end = self.src, len(self.src)
        self.enter(start, "write the variations one after another instead of inside each other")
        items: list[tuple[Piece, ...]] = []
        while True:
            self.pos = pos + 1 if pos < end and src[pos] == " " else pos
            item = self.sequence(stop="|}")
            pos = self.pos
            if item and isinstance(item[-1], str):
                item[-1] = item[-1].rstrip(" ")  # the space before `|` is layout
            items.append(tuple(item))
            if pos >= end:
                raise self.error(
                    f"a `{{{kind}: ...` variation is never closed", start, "end it with `}`"
                )
            pos += 1
            if src[pos - 1] == "}":
                break
        self.depth -= 1
        self.pos = pos
        self.per_visit = True
        return Variation(kind, tuple(items), start)

    def _find_head_end(self, at: int) -> int:
        end = self.next_of(at, ":}{|")
        return len(self.src) if end < 0 else end


def _shifted(exc: ExpressionError, offset: int) -> ExpressionError:
    """An error in a fragment's expression, with its offset counted from the template's start."""
    return ExpressionError(exc.code, exc.message, offset + exc.offset, exc.hint)
