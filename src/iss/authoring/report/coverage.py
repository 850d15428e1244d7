"""Which pieces of a scene's text a visit shows, and how many of the scene's words they are.

A scene's words (`Scene.words`) count every branch of every `{if}` fragment
and every item of every variation once (`count_words`: the runs of non-space
in its source, fragment heads and `|` separators left out). A playthrough that
shows a scene several times can show different pieces each time (a branch on
`seen.` or `taken.`, the next item of a `{cycle: ...}`); what it has read of
the scene is the union of the pieces shown on all its visits.

Each run `count_words` counts belongs to one piece of the compiled text: the
string or value (`{alexey}`) holding its first character that is not markup,
else the innermost fragment or emphasis mark around it (a `}` standing alone).
The words read of a scene are the runs of the pieces shown, so a playthrough
that shows every piece of every scene reads exactly the story's words, and a
scene with no fragments counts all its words on its first visit.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from iss.engine.model import Scene
from iss.engine.state import StateView
from iss.engine.template import Branch, Interpolation, Piece, Variation
from iss.engine.text import CONDITION_HEAD, Placed, place_template

_Plan = tuple[int, tuple[tuple["Branch | Variation", tuple["_Plan", ...]], ...]]
"""A run of pieces: the bits of all its pieces (shown whenever the run is), and
each fragment in it with the plans of its branches (then, otherwise) or items."""

_RUN = re.compile(r"\S+")
_SEPARATOR = re.compile(r" \| ")


class TextCoverage:
    """A scene's text as pieces a visit may show: `shown(state)` gives them as a bit
    mask, `read(mask)` the scene's words they hold."""

    def __init__(self, scene: Scene) -> None:
        self.scene = scene
        source = scene.text.source
        self.leaves: list[tuple[int, int, int]] = []
        """(start, end, bit) of each string or value, in the order of the source."""
        self.others: list[tuple[int, int, int]] = []
        """(start, end, bit) of each fragment and emphasis mark."""
        self.pieces = 0
        try:
            _, placed = place_template(source)
            self.plan = self._number(scene.text.pieces, placed)
        except ValueError:  # not the same pieces: a bug, but the report goes on
            self.plan, self.pieces = (0, ()), 0
            self.leaves.clear()
            self.others.clear()
        self.weights = [0] * self.pieces
        self.always = scene.words
        """Words counted on every visit: those no piece holds."""
        self.leaves.sort()
        starts = [start for start, _, _ in self.leaves]
        for start, end in _runs(source):
            owner = self._owner(starts, start, end)
            if owner >= 0:
                self.weights[owner] += 1
                self.always -= 1
        self.reads: dict[int, int] = {}

    def shown(self, state: StateView) -> int:
        """The pieces the scene's text shows in `state`, one bit per piece."""
        return _mask(self.plan, state)

    def read(self, mask: int) -> int:
        """The scene's words that the pieces in `mask` hold."""
        found = self.reads.get(mask)
        if found is None:
            found = self.always + sum(w for bit, w in enumerate(self.weights) if mask >> bit & 1)
            self.reads[mask] = found
        return found

    def _owner(self, starts: list[int], start: int, end: int) -> int:
        """The piece a run of `start:end` belongs to (see the module docstring), or -1."""
        at = bisect_right(starts, start) - 1
        if at >= 0 and self.leaves[at][1] > start:
            return self.leaves[at][2]  # the leaf its first character is in
        if at + 1 < len(self.leaves) and self.leaves[at + 1][0] < end:
            return self.leaves[at + 1][2]  # the first leaf that starts inside it
        inner = [(s, bit) for s, e, bit in self.others if s <= start < e]
        return max(inner)[1] if inner else -1

    def _number(self, pieces: tuple[Piece, ...], placed: tuple[Placed, ...]) -> _Plan:
        bits = 0
        fragments: list[tuple[Branch | Variation, tuple[_Plan, ...]]] = []
        for piece, place in zip(pieces, placed, strict=True):
            bit = self.pieces
            bits |= 1 << bit
            self.pieces += 1
            leaf = isinstance(piece, str | Interpolation)
            (self.leaves if leaf else self.others).append((place.start, place.end, bit))
            parts: tuple[tuple[Piece, ...], ...] = ()
            if isinstance(piece, Branch):
                parts = (piece.then, piece.otherwise)
            elif isinstance(piece, Variation):
                parts = piece.items
            if len(parts) != len(place.parts):
                raise ValueError(piece)
            if isinstance(piece, Branch | Variation):
                plans = tuple(self._number(p, q) for p, q in zip(parts, place.parts, strict=True))
                fragments.append((piece, plans))
        return bits, tuple(fragments)


def _runs(source: str) -> list[tuple[int, int]]:
    """The runs of non-space `count_words` counts, as (start, end) in the source."""
    blanked = CONDITION_HEAD.sub(lambda m: " " * len(m.group()), source)
    separators = {m.start() + 1 for m in _SEPARATOR.finditer(blanked)}
    return [m.span() for m in _RUN.finditer(blanked) if m.start() not in separators]


def _mask(plan: _Plan, state: StateView) -> int:
    mask, fragments = plan
    for piece, parts in fragments:
        index = piece.index(state)
        if index >= 0:  # a `once` variation that is used up shows nothing
            mask |= _mask(parts[index], state)
    return mask
