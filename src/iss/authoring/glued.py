"""Where a fragment can glue words together when it renders (W223).

In a template the one space after `:` or `|` and the space before `|` are
layout, dropped when the text is read. So

    down into it{if seen.x: . Gordon did, | and open the shutters}
    Two seats go down empty.{if seen.y: He sent you}

render "down into itand open the shutters" and "empty.He sent you". The
space belongs outside the fragment (`into it {if ...}`): tidying drops a
space before punctuation, so the branch that starts with `.` still reads
"into it. Gordon did,".

`glued_words(source)` reads a template's source with the engine's own reader
(`place_template`: the pieces a text compiles to, and where each stands) and
returns each place where some branch of a fragment can join the word next to it:

- before a fragment: the text just before its `{` ends in a letter or digit
  and a branch starts with a letter and holds more than one word (a one-word
  branch is a suffix, `shutter{if n > 1: s}`, unless another branch starts
  with closing punctuation: `Alexey{if x:, hangs | is}`), or the text ends in closing
  punctuation (`. , ; : ! ? … )` or a closing quote) and a branch starts with
  a letter;
- after a fragment: a branch ends in closing punctuation, or holds more than
  one word and ends in a letter, and a letter follows its `}` directly.

What stands next to a fragment may be another fragment's branch, or, for a
fragment at the very start or end of a branch, what stands next to the
fragment around it; an empty branch lets what stands beyond it through.
Each glue is reported once, at the place the space belongs. A source the
engine would refuse (E180 reports it) gives no glue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from iss.engine.errors import ExpressionError
from iss.engine.template import Branch, Interpolation, Mark, Piece, Variation
from iss.engine.text import Placed, place_template

_FRAGMENT = re.compile(r"\{(?:if\s|\s*(?:sequence|cycle|once|shuffle)\s*:)")
"""Only a source with an `{if` or a variation can glue words."""

_FRAGMENTS = (Branch, Variation)
"""The pieces that show one of their branches (a tuple: `isinstance` is faster with one)."""

_CLOSING_PUNCTUATION = frozenset(".,;:!?…)")
_QUOTES = frozenset("\"'”’»")
MAX_GLUES = 10
"""Of one text, reported one by one; the rest are counted in one more warning."""
_SAMPLE = 24
"""Characters of text either side of a glue that a message shows."""

_LETTER, _DIGIT, _PUNCT, _OTHER = "letter", "digit", "punct", "other"


@dataclass(frozen=True, slots=True)
class Glue:
    """A place where a fragment can render two words as one."""

    offset: int
    """Where in the source the space belongs."""
    reads: str
    """How the glued words read (a few words either side)."""
    fix: str
    """The source around `offset`, with the space put there."""


def glued_words(source: str) -> list[Glue]:
    """Every place in a template's source where a fragment can glue words, in order."""
    if "{" not in source or _spaced_out(source):
        return []
    return read_glues(source)


def read_glues(source: str) -> list[Glue]:
    """`glued_words` without the quick look at the characters (`_spaced_out`): the
    whole reading, for a source with fragments."""
    try:
        template, placed = place_template(source)
    except ExpressionError:
        return []
    checker = _Checker(template.source)
    checker.walk(template.pieces, placed, _Edges(), _Edges(), 0, len(template.source))
    return sorted(checker.found.values(), key=lambda glue: glue.offset)


def _spaced_out(source: str) -> bool:
    """Whether no fragment of `source` can glue anything, by its characters alone
    (and True for a source with no fragment at all).

    A glue needs a letter, digit or closing punctuation to stand just before some
    fragment (a fragment at the start of a branch stands next to what stands before
    the fragment around it, so every fragment's `{` counts), or a letter just after
    one (through an emptiable piece, a mark, or the end of the branch around it).
    When every fragment's `{` starts the text or follows a space, and every `}` ends
    the text or is followed by a space or by a character that is not a letter and
    cannot start or end another piece (`{ } * \\ |`), nothing stands there that can
    glue. Most prose is written so; anything else is read in full. Braces are few,
    so they are found with `str.find` rather than a pattern over the whole text. A
    property test holds this to the full reading."""
    fragments = False
    at = source.find("{")
    while at >= 0:
        if _FRAGMENT.match(source, at):
            if at and not source[at - 1].isspace():
                return False
            fragments = True
        at = source.find("{", at + 1)
    if not fragments:
        return True
    last = len(source) - 1
    at = source.find("}")
    while 0 <= at < last:
        after = source[at + 1]
        if not after.isspace() and (after.isalpha() or after in "{}*\\|"):
            return False
        at = source.find("}", at + 1)
    return True


def _branches(piece: Branch | Variation) -> tuple[tuple[Piece, ...], ...]:
    """What a fragment can show: a branch's two sides, a variation's items (and
    nothing, for a `once` list used up)."""
    if isinstance(piece, Branch):
        return (piece.then, piece.otherwise)
    return (*piece.items, ()) if piece.kind == "once" else piece.items


# ---- checking: what can stand either side of each fragment ----


@dataclass(slots=True)
class _Edges:
    """What a run of pieces can show at one of its ends.

    `found` maps (class of the end character, the branch it comes from holds
    more than one word, it comes from a fragment) to a sample of the text
    there; `empty` says the run can show nothing, letting what stands beyond
    it through."""

    found: dict[tuple[str, bool, bool], str] = field(default_factory=dict)
    empty: bool = False

    def beyond(self, outer: _Edges) -> _Edges:
        """These edges, and `outer`'s where these can show nothing."""
        if not self.empty:
            return self
        found = dict(outer.found)
        found.update(self.found)
        return _Edges(found, outer.empty)


class _Checker:
    def __init__(self, source: str) -> None:
        self.src = source
        self.found: dict[int, Glue] = {}
        self.edges: dict[tuple[int, bool], _Edges] = {}
        self.words_memo: dict[int, bool] = {}

    def walk(
        self,
        pieces: tuple[Piece, ...],
        placed: tuple[Placed, ...],
        before: _Edges,
        after: _Edges,
        anchor_before: int,
        anchor_after: int,
    ) -> None:
        """Check the fragments of a run that `before` and `after` stand either side of."""
        if not any(isinstance(p, _FRAGMENTS) for p in pieces):
            return
        shown = [i for i, p in enumerate(pieces) if not _blank(p)]
        afters: list[_Edges] = [after] * len(pieces)
        context = after
        for i in range(len(pieces) - 1, -1, -1):
            afters[i] = context
            context = self.left(pieces[i]).beyond(context)
        context = before
        for i, (piece, place) in enumerate(zip(pieces, placed, strict=True)):
            if isinstance(piece, _FRAGMENTS):
                first = bool(shown) and i == shown[0]
                last = bool(shown) and i == shown[-1]
                self.fragment(
                    piece,
                    place,
                    context,
                    afters[i],
                    anchor_before if first else place.start,
                    anchor_after if last else place.end,
                )
            context = self.right(piece).beyond(context)

    def fragment(
        self,
        fragment: Branch | Variation,
        place: Placed,
        before: _Edges,
        after: _Edges,
        anchor_before: int,
        anchor_after: int,
    ) -> None:
        clause = self.opens_clause(fragment)
        for branch, placed in zip(_branches(fragment), (*place.parts, ()), strict=False):
            shown = [p for p in branch if not _blank(p)]
            if not shown:
                continue
            words = self.words(branch) or (clause and not _suffix(branch))
            head, tail = shown[0], shown[-1]
            if not isinstance(head, _FRAGMENTS) and anchor_before not in self.found:
                [(kind, _, _)] = self.left(head).found
                if kind == _LETTER:
                    for (was, many, _), sample in before.found.items():
                        if was == _PUNCT or (was in (_LETTER, _DIGIT) and (words or many)):
                            self.glue(anchor_before, sample, _start_of(shown))
                            break
            if not isinstance(tail, _FRAGMENTS) and anchor_after not in self.found:
                [(kind, _, _)] = self.right(tail).found
                for (then, _, from_fragment), sample in after.found.items():
                    if from_fragment or then != _LETTER:
                        continue  # a fragment after this one checks what stands before it
                    if kind == _PUNCT or (kind == _LETTER and words):
                        self.glue(anchor_after, _end_of(shown), sample)
                        break
            self.walk(branch, placed, before, after, anchor_before, anchor_after)

    def opens_clause(self, fragment: Branch | Variation) -> bool:
        """Whether some branch starts with closing punctuation (`{if x:, hangs | is}`):
        then the word before the fragment is whole, and a one-word branch that starts
        with a letter is a word of its own, not a suffix ("Alexeyis behind you",
        blind reader R203)."""
        for branch in _branches(fragment):
            shown = [p for p in branch if not _blank(p)]
            if (
                shown
                and not isinstance(shown[0], _FRAGMENTS)
                and any(kind == _PUNCT for kind, _, _ in self.left(shown[0]).found)
            ):
                return True
        return False

    def glue(self, offset: int, left: str, right: str) -> None:
        self.found[offset] = Glue(offset, _tail(left) + _head(right), self.fix(offset))

    def fix(self, offset: int) -> str:
        before = " ".join(self.src[max(0, offset - 30) : offset].split("\n"))
        after = " ".join(self.src[offset : offset + 40].split("\n"))
        if offset > 30:
            before = "…" + before.split(" ", 1)[-1] if " " in before else "…" + before
        if offset + 40 < len(self.src):
            after = after.rsplit(" ", 1)[0] + "…" if " " in after else after + "…"
        return f"{before} {after}"

    def left(self, piece: Piece) -> _Edges:
        """What `piece` can show first."""
        return self.edge(piece, first=True)

    def right(self, piece: Piece) -> _Edges:
        """What `piece` can show last."""
        return self.edge(piece, first=False)

    def edge(self, piece: Piece, first: bool) -> _Edges:
        """What `piece` can show first (or last), remembered per piece and side."""
        key = (id(piece), first)
        found = self.edges.get(key)
        if found is None:
            found = self.edges[key] = self._end(piece, first)
        return found

    def _end(self, piece: Piece, first: bool) -> _Edges:
        if _blank(piece):
            return _Edges(empty=True)
        if isinstance(piece, str):
            text = piece
            if first:
                return _Edges({(_kind(text, 0), False, False): text[:_SAMPLE]})
            return _Edges({(_kind(text, len(text) - 1), False, False): text[-_SAMPLE:]})
        if isinstance(piece, Interpolation):
            kind = _DIGIT if piece.is_clock and first else _LETTER
            return _Edges({(kind, False, False): f"{{{piece.source}}}"})
        assert isinstance(piece, _FRAGMENTS)
        out = _Edges()
        for branch in _branches(piece):
            words = self.words(branch)
            edges = self.run_end(branch, first)
            for (kind, many, _), sample in edges.found.items():
                out.found.setdefault((kind, many or words, True), sample)
            out.empty = out.empty or edges.empty
        return out

    def run_end(self, pieces: tuple[Piece, ...], first: bool) -> _Edges:
        """What a run of pieces can show first (or last): its first piece that always
        shows something, and every piece before that which may show nothing."""
        out = _Edges(empty=True)
        for piece in pieces if first else reversed(pieces):
            edges = self.edge(piece, first)
            for key, sample in edges.found.items():
                out.found.setdefault(key, sample)
            if not edges.empty:
                out.empty = False
                break
        return out

    def words(self, branch: tuple[Piece, ...]) -> bool:
        """Whether a branch holds more than one word (a nested fragment counts as one)."""
        key = id(branch)
        found = self.words_memo.get(key)
        if found is None:
            parts = [
                p if isinstance(p, str) else "" if isinstance(p, Mark) else "x" for p in branch
            ]
            found = self.words_memo[key] = len("".join(parts).split()) > 1
        return found


_SUFFIXES = frozenset({"s", "es", "ed", "d", "ing", "er", "ers", "ly", "y", "n"})
"""One-word branches that finish the word before them (`shutter{if n > 1: s}`)."""


def _suffix(branch: tuple[Piece, ...]) -> bool:
    """Whether a branch is only an ending for the word before it."""
    return "".join(p for p in branch if isinstance(p, str)).strip() in _SUFFIXES


def _blank(piece: Piece) -> bool:
    """A piece that never shows anything: an emphasis mark or text the layout emptied."""
    return (not piece) if isinstance(piece, str) else isinstance(piece, Mark)


def _kind(text: str, at: int) -> str:
    ch = text[at]
    if ch.isalpha():
        return _LETTER
    if ch.isdigit():
        return _DIGIT
    if ch in _CLOSING_PUNCTUATION:
        return _PUNCT
    if ch in _QUOTES and at > 0 and not text[at - 1].isspace():
        return _PUNCT  # a quote after a word closes it
    return _OTHER


def _start_of(pieces: list[Piece]) -> str:
    return "".join(_shown(p) for p in pieces)[:_SAMPLE]


def _end_of(pieces: list[Piece]) -> str:
    return "".join(_shown(p) for p in pieces)[-_SAMPLE:]


def _shown(piece: Piece) -> str:
    if isinstance(piece, str):
        return piece
    if isinstance(piece, Interpolation):
        return f"{{{piece.source}}}"
    return "" if isinstance(piece, Mark) else "…"


def _tail(text: str) -> str:
    """The last few words of a sample."""
    text = " ".join(text.split("\n"))
    words = text.split(" ")
    return " ".join(words[-3:]) if len(words) > 3 else text


def _head(text: str) -> str:
    """The first few words of a sample."""
    text = " ".join(text.split("\n"))
    words = text.split(" ")
    return " ".join(words[:3]) if len(words) > 3 else text
