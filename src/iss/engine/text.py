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
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from random import Random

from iss.engine.errors import ExpressionError
from iss.engine.expressions import Names, Typed, compile_condition, compile_value
from iss.engine.limits import MAX_FRAGMENT_DEPTH
from iss.engine.model import Condition, Reader, record
from iss.engine.state import StateView

_SPECIAL_CHARS = "{}*\\|"


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


_WHITESPACE = re.compile(r"(\s+)")
_HAS_WORD = re.compile(r"\w")
_CLOSING = ",.;:!?)"
_SPACE_AND_CLOSING = tuple((" " + char, char) for char in _CLOSING)
_CONDITION_HEAD = re.compile(r"\{(?:if\s[^:{}]*|\s*(?:sequence|cycle|once|shuffle)\s*):")
_IF_HEAD = re.compile(r"if\s")
VARIATIONS = ("sequence", "cycle", "once", "shuffle")
"""The kinds of text variation, as written before the `:`."""


@dataclass(frozen=True, slots=True)
class Span:
    """A run of text and its style: "", "em", "strong" or "em strong"."""

    text: str
    style: str = ""


@record
class _Mark:
    style: str  # "em" or "strong": toggles that style


@record
class _Value:
    source: str
    read: Reader
    is_clock: bool


@record
class _Branch:
    when: Condition
    then: tuple[_Piece, ...]
    otherwise: tuple[_Piece, ...]


@record
class _Variation:
    """One of `items`, picked by the visit of the scene being shown (see `pick`)."""

    kind: str
    items: tuple[tuple[_Piece, ...], ...]
    salt: int
    """Where it starts in its template: two shuffles in one scene get different orders."""

    def pick(self, state: StateView) -> tuple[_Piece, ...]:
        """The item for this visit: the nth visit shows item n (counting from 1)."""
        visit = max(0, state.visits.get(state.scene, 1) - 1)
        count = len(self.items)
        if self.kind == "sequence":
            return self.items[min(visit, count - 1)]
        if self.kind == "once":
            return self.items[visit] if visit < count else ()
        if self.kind == "cycle":
            return self.items[visit % count]
        round_, place = divmod(visit, count)
        order = list(range(count))
        Random(f"{state.seed}:{state.scene}:{self.salt}:{round_}").shuffle(order)
        return self.items[order[place]]


_Piece = str | _Mark | _Value | _Branch | _Variation


@record
class Template:
    """A compiled piece of story text."""

    source: str
    pieces: tuple[_Piece, ...]
    names: frozenset[str] = frozenset()
    styled: bool = True
    """Whether any piece, in any fragment, is emphasis. Unstyled text renders
    as one string and is tidied in a few passes of C (`tidy_text`)."""

    dynamic: bool = False
    """Whether any piece is a value or a fragment (see `static`)."""

    per_visit: bool = False
    """True when it holds a variation: it reads the visits of the scene it is shown in."""

    @property
    def static(self) -> bool:
        """True when the text is the same in every state."""
        return not self.dynamic

    def render(self, state: StateView) -> tuple[Span, ...]:
        """The text for this state, as styled spans."""
        if not self.dynamic:
            return (Span("".join(self.pieces)),) if self.pieces else ()  # type: ignore[arg-type]
        if not self.styled:
            parts: list[str] = []
            _render_unstyled(self.pieces, state, parts)
            text = tidy_text("".join(parts))
            return (Span(text),) if text else ()
        spans: list[Span] = []
        _render(self.pieces, state, set(), spans)
        return tidy(spans)

    def plain(self, state: StateView) -> str:
        """The text for this state without styles."""
        return "".join(span.text for span in self.render(state))

    def word_count(self, state: StateView) -> int:
        """How many words `plain(state)` shows: runs of non-space that hold a letter or digit.

        Counted piece by piece (each fixed piece is counted once and remembered),
        without rendering or tidying the text."""
        return _count_words(self.pieces, state, (0, False, False))[0]


def count_key(template: Template) -> Callable[[StateView], tuple[object, ...]] | None:
    """A function of a state that is equal for two states only if `template` shows
    as many words in both (`Template.word_count`): each clause of each fragment's
    condition, in every fragment, and each value it shows (a clock only as whether it
    reads as one word or two). None when the text holds a piece this does not know."""
    readers: list[Callable[[StateView], object]] = []
    if not _switches(template.pieces, readers):
        return None
    if not readers:
        return lambda state: ()
    return lambda state: tuple([read(state) for read in readers])


def _switches(pieces: tuple[_Piece, ...], out: list[Callable[[StateView], object]]) -> bool:
    for piece in pieces:
        if isinstance(piece, str | _Mark):
            continue
        if isinstance(piece, _Value):
            out.append(_clock_words(piece.read) if piece.is_clock else piece.read)
        elif isinstance(piece, _Branch):
            out.extend(test for test, _ in piece.when.clauses)
            if not (_switches(piece.then, out) and _switches(piece.otherwise, out)):
                return False
        else:
            return False
    return True


def _clock_words(read: Reader) -> Callable[[StateView], object]:
    """Whether `format_minutes` shows hours and minutes (two words) or one of them."""
    return lambda state: int(read(state)) % 60 != 0 and int(read(state)) >= 60


def format_minutes(minutes: int) -> str:
    """90 -> '1h 30m'; the way clocks read in text and in the UI."""
    hours, mins = divmod(max(0, minutes), 60)
    if hours and mins:
        return f"{hours}h {mins:02d}m"
    return f"{hours}h" if hours else f"{mins}m"


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
    paragraphs = [" ".join(words) for line in text.split("\n") if (words := line.split())]
    out = "\n\n".join(paragraphs)
    if " " in out:
        for pair, char in _SPACE_AND_CLOSING:
            if pair in out:
                out = out.replace(pair, char)
    return out


def _render_unstyled(pieces: tuple[_Piece, ...], state: StateView, out: list[str]) -> None:
    for piece in pieces:
        if isinstance(piece, str):
            out.append(piece)
        elif isinstance(piece, _Value):
            value = piece.read(state)
            out.append(format_minutes(int(value)) if piece.is_clock else str(value))
        elif isinstance(piece, _Branch):
            chosen = piece.then if piece.when.failing_reason(state) is None else piece.otherwise
            _render_unstyled(chosen, state, out)
        elif isinstance(piece, _Variation):
            _render_unstyled(piece.pick(state), state, out)


def _has_style(pieces: tuple[_Piece, ...]) -> bool:
    for piece in pieces:
        if isinstance(piece, _Mark):
            return True
        if isinstance(piece, _Branch) and (_has_style(piece.then) or _has_style(piece.otherwise)):
            return True
        if isinstance(piece, _Variation) and any(_has_style(item) for item in piece.items):
            return True
    return False


def _count_words(
    pieces: tuple[_Piece, ...], state: StateView, seam: tuple[int, bool, bool]
) -> tuple[int, bool, bool]:
    """Count words piece by piece, joining a word that a piece boundary cuts in two.

    `seam` carries (words so far, the text so far ends in a non-space run,
    that run holds a letter or digit) from one piece to the next."""
    total, open_, run_has_word = seam
    for piece in pieces:
        if isinstance(piece, str):
            text = piece
        elif isinstance(piece, _Value):
            value = piece.read(state)
            text = format_minutes(int(value)) if piece.is_clock else str(value)
        elif isinstance(piece, _Branch):
            chosen = piece.then if piece.when.failing_reason(state) is None else piece.otherwise
            total, open_, run_has_word = _count_words(chosen, state, (total, open_, run_has_word))
            continue
        elif isinstance(piece, _Variation):
            item = piece.pick(state)
            total, open_, run_has_word = _count_words(item, state, (total, open_, run_has_word))
            continue
        else:
            continue  # emphasis marks show no text
        if not text:
            continue
        shape = _SHAPES.get(text) or _shape(text)
        count, lead_word, trail_word, one_run, lead_space, trail_space = shape
        glued = open_ and not lead_space
        if glued and run_has_word and lead_word:
            count -= 1  # one word across the boundary
        total += count
        open_ = not trail_space
        # A piece with no space in it only lengthens the run it joins.
        run_has_word = (run_has_word or lead_word) if glued and one_run else open_ and trail_word
    return total, open_, run_has_word


_Shape = tuple[int, bool, bool, bool, bool, bool]
_SHAPES: dict[str, _Shape] = {}
_NON_SPACE = re.compile(r"\S+")


def _shape(text: str) -> _Shape:
    """(words, first run holds a letter or digit, last run does, the text is one run,
    it starts with a space, it ends with one); remembered for the story's fixed text."""
    runs = _NON_SPACE.findall(text)
    wordy = [_HAS_WORD.search(run) is not None for run in runs]
    lead_space, trail_space = text[0].isspace(), text[-1].isspace()
    shape = (
        sum(wordy),
        bool(wordy) and wordy[0],
        bool(wordy) and wordy[-1],
        len(runs) == 1 and not lead_space and not trail_space,
        lead_space,
        trail_space,
    )
    if len(_SHAPES) < 100_000:
        _SHAPES[text] = shape
    return shape


def _render(
    pieces: tuple[_Piece, ...], state: StateView, styles: set[str], out: list[Span]
) -> None:
    for piece in pieces:
        if isinstance(piece, str):
            style = " ".join(s for s in ("em", "strong") if s in styles)
            if out and out[-1].style == style:
                out[-1] = Span(out[-1].text + piece, style)
            else:
                out.append(Span(piece, style))
        elif isinstance(piece, _Mark):
            styles ^= {piece.style}
        elif isinstance(piece, _Value):
            value = piece.read(state)
            text = format_minutes(int(value)) if piece.is_clock else str(value)
            _render((text,), state, styles, out)
        elif isinstance(piece, _Variation):
            _render(piece.pick(state), state, styles, out)
        else:
            chosen = piece.then if piece.when.failing_reason(state) is None else piece.otherwise
            _render(chosen, state, styles, out)


ConditionCompiler = Callable[[str], Condition]
ValueCompiler = Callable[[str], Typed]


def compile_template(
    source: str,
    names: Names,
    condition: ConditionCompiler | None = None,
    value: ValueCompiler | None = None,
) -> Template:
    """Compile story text. Raises `ExpressionError` (with a column offset) on a mistake.

    Single line breaks join lines into one paragraph; blank lines separate
    paragraphs (the replacement keeps every offset, for diagnostics).
    """
    source = join_lines(source.rstrip())
    if not has_markup(source):
        return static_template(source)
    parser = _Parser(source, names, condition, value)
    pieces = parser.sequence(top=True)
    compiled = tuple(pieces)
    dynamic = not all(isinstance(p, str) for p in compiled)
    return Template(
        source, compiled, frozenset(parser.names), _has_style(compiled), dynamic, parser.per_visit
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
    ) -> None:
        self.src = source
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

    def sequence(self, top: bool = False, stop: str = "") -> list[_Piece]:
        """Read pieces up to the end (top) or up to one of `stop` at this nesting level."""
        pieces: list[_Piece] = []
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
                pieces.append(_Mark(style))
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
                pieces.append(self.brace())
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

    def brace(self) -> _Piece:
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
            otherwise: list[_Piece] = []
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
            return _Branch(when, tuple(then), tuple(otherwise))
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
        return _Value(name, typed.read, name.startswith("clock."))

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

    def variation(self, kind: str, start: int, pos: int) -> _Variation:
        """`{cycle: a | b | c}` from just after its `:`."""
        src, end = self.src, len(self.src)
        self.enter(start, "write the variations one after another instead of inside each other")
        items: list[tuple[_Piece, ...]] = []
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
        return _Variation(kind, tuple(items), start)

    def _find_head_end(self, at: int) -> int:
        end = self.next_of(at, ":}{|")
        return len(self.src) if end < 0 else end


def _shifted(exc: ExpressionError, offset: int) -> ExpressionError:
    """An error in a fragment's expression, with its offset counted from the template's start."""
    return ExpressionError(exc.code, exc.message, offset + exc.offset, exc.hint)
