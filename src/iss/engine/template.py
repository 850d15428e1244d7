"""A compiled template: its pieces, rendering them for a state, and counting their words.

`iss.engine.text` parses story text into a `Template`; this is what a
template holds and how a state turns it into `Span`s. Interpolations,
`{if ...}` fragments and variations are pieces; so are emphasis marks.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import field
from random import Random
from typing import TYPE_CHECKING, Any

from iss.engine.model import Condition, Reader, record
from iss.engine.spans import Span, tidy, tidy_inside, tidy_seams, tidy_text
from iss.engine.state import StateView

_HAS_WORD = re.compile(r"\w")
VARIATIONS = ("sequence", "cycle", "once", "shuffle")
"""The kinds of text variation, as written before the `:`."""


@record
class Mark:
    style: str  # "em" or "strong": toggles that style


@record
class Interpolation:
    source: str
    read: Reader
    is_clock: bool


@record
class Branch:
    """An `{if ...}` fragment: `then` where `when` holds, else `otherwise`."""

    when: Condition
    then: tuple[Piece, ...]
    otherwise: tuple[Piece, ...]

    def pick(self, state: StateView) -> tuple[Piece, ...]:
        """The pieces this state shows (as `Variation.pick`). Every render of every
        fragment passes here: the clauses are read in place, not through
        `Condition.failing_reason`, which would build no reason but cost a call."""
        for test, _reason in self.when.clauses:
            if not test(state):
                return self.otherwise
        return self.then

    def index(self, state: StateView) -> int:
        """Which part this state shows: 0 for `then`, 1 for `otherwise` (as `Variation.index`)."""
        return 0 if self.when.failing_reason(state) is None else 1


@record
class Variation:
    """One of `items`, picked by the visit of the scene being shown (see `pick`)."""

    kind: str
    items: tuple[tuple[Piece, ...], ...]
    salt: int
    """Where it starts in its template: two shuffles in one scene get different orders."""

    def pick(self, state: StateView) -> tuple[Piece, ...]:
        """The item for this visit: the nth visit shows item n (counting from 1)."""
        index = self.index(state)
        return self.items[index] if index >= 0 else ()

    def index(self, state: StateView) -> int:
        """Which item this visit shows (see `pick`); -1 when a `once` list is used up."""
        visit = max(0, state.visits.get(state.scene, 1) - 1)
        count = len(self.items)
        if self.kind == "sequence":
            return min(visit, count - 1)
        if self.kind == "once":
            return visit if visit < count else -1
        if self.kind == "cycle":
            return visit % count
        round_, place = divmod(visit, count)
        order = list(range(count))
        Random(f"{state.seed}:{state.scene}:{self.salt}:{round_}").shuffle(order)
        return order[place]


Piece = str | Mark | Interpolation | Branch | Variation
_FRAGMENT = (Branch, Variation)
"""The pieces that show one of their parts, by `pick`."""


@record
class Template:
    """A compiled piece of story text."""

    source: str
    pieces: tuple[Piece, ...]
    names: frozenset[str] = frozenset()
    styled: bool = True
    """Whether any piece, in any fragment, is emphasis. Unstyled text renders
    as one string and is tidied in a few passes of C (`tidy_text`)."""

    dynamic: bool = False
    """Whether any piece is a value or a fragment (see `static`)."""

    per_visit: bool = False
    """True when it holds a variation: it reads the visits of the scene it is shown in."""

    pending: Callable[[], Template] | None = field(default=None, compare=False, repr=False)
    """Set on a template that is compiled when first read (`deferred`): what compiles it."""

    seams_only: bool | None = field(default=None, init=False, compare=False, repr=False)
    """`seamed(pieces)`, worked out at the first unstyled render (None until then), so a
    load pays nothing for it."""

    fixed_spans: tuple[Span, ...] | None = field(
        default=None, init=False, compare=False, repr=False
    )
    """The spans of a static template, made at its first render: spans are immutable,
    so one render serves every state (a choice's label is rendered at every step)."""

    if not TYPE_CHECKING:  # to mypy, every field is always there (as it is, once read)

        def __getattr__(self, name: str) -> Any:
            """Only for a deferred template's first read of a compiled field: compile it
            and fill in every field (the fields are slots, so this runs only while one is
            unset, never once they are filled)."""
            if name not in _DEFERRED:
                raise AttributeError(name)
            compile_it = self.pending
            if compile_it is None:
                raise AttributeError(name)
            compiled = compile_it()
            for deferred_field in _DEFERRED:
                setattr(self, deferred_field, getattr(compiled, deferred_field))
            self.pending = None
            return getattr(compiled, name)

    @property
    def static(self) -> bool:
        """True when the text is the same in every state."""
        return not self.dynamic

    def render(self, state: StateView) -> tuple[Span, ...]:
        """The text for this state, as styled spans."""
        if not self.dynamic:
            pieces: tuple[str, ...] = self.pieces  # type: ignore[assignment]
            if not pieces:
                return ()
            fixed = self.fixed_spans
            if fixed is None:
                fixed = (Span(pieces[0] if len(pieces) == 1 else "".join(pieces)),)
                object.__setattr__(self, "fixed_spans", fixed)
            return fixed
        if not self.styled:
            parts: list[str] = []
            own = self.pieces
            seams = self.seams_only
            if seams is None:
                seams = seamed(own)
                object.__setattr__(self, "seams_only", seams)
            if not seams:
                _render_unstyled(own, state, parts)
            elif _render_seamed(own, state, parts):
                joined = tidy_seams(parts)
                if joined is not None:
                    return (Span(joined),) if joined else ()
            text = tidy_text("".join(parts))
            return (Span(text),) if text else ()
        spans: list[Span] = []
        _render(self.pieces, state, set(), spans)
        return tidy(spans)

    def plain(self, state: StateView) -> str:
        """The text for this state without styles."""
        return "".join(span.text for span in self.render(state))

    def one_line(self, state: StateView) -> tuple[Span, ...]:
        """`render(state)` with its paragraphs joined by a space: for text shown on one
        line, such as a locked choice's reason."""
        spans = self.render(state)
        if any("\n" in span.text for span in spans):
            return tuple(
                Span(span.text.replace("\n\n", " ").replace("\n", " "), span.style)
                for span in spans
            )
        return spans

    def word_count(self, state: StateView) -> int:
        """How many words `plain(state)` shows: runs of non-space that hold a letter or digit.

        Counted piece by piece (each fixed piece is counted once and remembered),
        without rendering or tidying the text."""
        return _count_words(self.pieces, state, (0, False, False))[0]


_DEFERRED = ("source", "pieces", "names", "styled", "dynamic", "per_visit")
"""The fields a deferred template fills in when first read."""


def deferred(source: str, compile_it: Callable[[], Template]) -> Template:
    """A template of `source` compiled by `compile_it()` only when one of its compiled
    fields is first read (rendered, counted, or compared): the story cache decodes every
    scene an explorer looks at, and the explorer renders none of their text. Equal to
    the compiled template, field for field, once read; `compile_it` must give a
    template of the same `source`."""
    template: Template = Template.__new__(Template)
    object.__setattr__(template, "source", source)
    object.__setattr__(template, "pending", compile_it)
    object.__setattr__(template, "seams_only", None)
    object.__setattr__(template, "fixed_spans", None)
    return template


def format_minutes(minutes: int) -> str:
    """90 -> '1h 30m'; the way clocks read in text and in the UI."""
    hours, mins = divmod(max(0, minutes), 60)
    if hours and mins:
        return f"{hours}h {mins:02d}m"
    return f"{hours}h" if hours else f"{mins}m"


def _render_unstyled(pieces: tuple[Piece, ...], state: StateView, out: list[str]) -> None:
    for piece in pieces:
        if isinstance(piece, str):
            out.append(piece)
        elif isinstance(piece, Interpolation):
            value = piece.read(state)
            out.append(format_minutes(int(value)) if piece.is_clock else str(value))
        elif isinstance(piece, _FRAGMENT):
            _render_unstyled(piece.pick(state), state, out)


def _render_seamed(pieces: tuple[Piece, ...], state: StateView, out: list[str]) -> bool:
    """`_render_unstyled` for a `seamed` template; False (with `out` whole) when a
    value it shows is not `tidy_inside`, so the text must be tidied whole."""
    clean = True
    for piece in pieces:
        if isinstance(piece, str):
            out.append(piece)
        elif isinstance(piece, Interpolation):
            value = piece.read(state)
            if piece.is_clock:
                out.append(format_minutes(int(value)))
            elif type(value) is int:  # digits, and a minus sign: tidy
                out.append(str(value))
            else:
                text = str(value)
                clean = clean and tidy_inside(text)
                out.append(text)
        elif isinstance(piece, _FRAGMENT):
            clean = _render_seamed(piece.pick(state), state, out) and clean
    return clean


def seamed(pieces: tuple[Piece, ...]) -> bool:
    """Whether every fixed piece, at every depth, is `tidy_inside`: then an unstyled
    render tidies only where its pieces meet (`tidy_seams`), not the whole text."""
    for piece in pieces:
        if isinstance(piece, str):
            if not tidy_inside(piece):
                return False
        elif isinstance(piece, Branch):
            if not (seamed(piece.then) and seamed(piece.otherwise)):
                return False
        elif isinstance(piece, Variation):
            if not all(seamed(item) for item in piece.items):
                return False
        elif not isinstance(piece, Interpolation):
            return False
    return True


def has_style(pieces: tuple[Piece, ...]) -> bool:
    for piece in pieces:
        if isinstance(piece, Mark):
            return True
        if isinstance(piece, Branch) and (has_style(piece.then) or has_style(piece.otherwise)):
            return True
        if isinstance(piece, Variation) and any(has_style(item) for item in piece.items):
            return True
    return False


def _count_words(
    pieces: tuple[Piece, ...], state: StateView, seam: tuple[int, bool, bool]
) -> tuple[int, bool, bool]:
    """Count words piece by piece, joining a word that a piece boundary cuts in two.

    `seam` carries (words so far, the text so far ends in a non-space run,
    that run holds a letter or digit) from one piece to the next."""
    total, open_, run_has_word = seam
    for piece in pieces:
        if isinstance(piece, str):
            text = piece
        elif isinstance(piece, Interpolation):
            value = piece.read(state)
            text = format_minutes(int(value)) if piece.is_clock else str(value)
        elif isinstance(piece, _FRAGMENT):
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


def _render(pieces: tuple[Piece, ...], state: StateView, styles: set[str], out: list[Span]) -> None:
    for piece in pieces:
        if isinstance(piece, str):
            style = " ".join(s for s in ("em", "strong") if s in styles)
            if out and out[-1].style == style:
                out[-1] = Span(out[-1].text + piece, style)
            else:
                out.append(Span(piece, style))
        elif isinstance(piece, Mark):
            styles ^= {piece.style}
        elif isinstance(piece, Interpolation):
            value = piece.read(state)
            text = format_minutes(int(value)) if piece.is_clock else str(value)
            _render((text,), state, styles, out)
        else:  # a fragment: `Branch` or `Variation`
            _render(piece.pick(state), state, styles, out)
