"""The reader of template syntax: story text to a `Template`'s pieces.

`iss.engine.text` is its front door (`compile_template`, `place_template`);
the language is described there. One reader serves the engine and the
authoring tools: a tool that needs to know where a piece stands in the source
(a lint pointing at a column) asks for `Placed` spans, which the parser keeps
only when asked, so a load and rendering pay nothing for them.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from iss.engine.errors import ExpressionError
from iss.engine.expressions import Names, Typed, compile_condition, compile_value
from iss.engine.limits import MAX_FRAGMENT_DEPTH
from iss.engine.model import Condition, record
from iss.engine.template import VARIATIONS, Branch, Interpolation, Mark, Piece, Variation

_SPECIAL_CHARS = "{}*\\|"
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


@record
class Placed:
    """Where a piece of a compiled template stands in its source (`place_template`)."""

    start: int
    end: int
    """Just past its last character (for a fragment, its `}`)."""
    parts: tuple[tuple[Placed, ...], ...] = ()
    """A `{if}` fragment's (then, otherwise) or a variation's items, placed."""


class TemplateParser:
    """Reads a template's source into pieces (`compile_template`), and when placing,
    where each piece stands (`place_template`)."""

    def __init__(
        self,
        source: str,
        names: Names,
        condition: ConditionCompiler | None,
        value: ValueCompiler | None,
        fragments: Fragments | None = None,
        placing: bool = False,
    ) -> None:
        self.src = source
        self.placing = placing
        """Whether to keep where each piece stands (`place_template`); off for a load."""
        self.placed: tuple[Placed, ...] = ()
        """Where the pieces of the run read last stand, when placing."""
        self.parts: tuple[tuple[Placed, ...], ...] = ()
        """Where the branches or items of the fragment read last stand, when placing."""
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
        ends: list[tuple[int, tuple[tuple[Placed, ...], ...]]] | None = [] if self.placing else None
        """When placing: where each piece ends, and where its parts stand."""
        begin = pos
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
                    if ends is not None:
                        ends.append((pos, ()))
                pieces.append(Mark(style))
                if style in open_marks:
                    del open_marks[style]
                else:
                    open_marks[style] = pos
                pos += 2 if style == "strong" else 1
                if ends is not None:
                    ends.append((pos, ()))
            elif ch == "{":
                if buf:
                    pieces.append("".join(buf))
                    buf.clear()
                    if ends is not None:
                        ends.append((pos, ()))
                self.pos = pos
                pieces.append(self.brace() if self.fragments is None else self.shared_brace())
                pos = self.pos
                if ends is not None:
                    ends.append((pos, self.parts))
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
            if ends is not None:
                ends.append((pos, ()))
        if ends is not None:
            starts = [begin] + [at for at, _ in ends]
            self.placed = tuple(
                Placed(start, at, parts) for start, (at, parts) in zip(starts, ends, strict=False)
            )
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
            then_placed = self.placed
            otherwise: list[Piece] = []
            self.placed = ()
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
            self.parts = (then_placed, self.placed)
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
        self.parts = ()
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
        placed: list[tuple[Placed, ...]] = []
        while True:
            self.pos = pos + 1 if pos < end and src[pos] == " " else pos
            item = self.sequence(stop="|}")
            placed.append(self.placed)
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
        self.parts = tuple(placed)
        return Variation(kind, tuple(items), start)

    def _find_head_end(self, at: int) -> int:
        end = self.next_of(at, ":}{|")
        return len(self.src) if end < 0 else end


def _shifted(exc: ExpressionError, offset: int) -> ExpressionError:
    """An error in a fragment's expression, with its offset counted from the template's start."""
    return ExpressionError(exc.code, exc.message, offset + exc.offset, exc.hint)
