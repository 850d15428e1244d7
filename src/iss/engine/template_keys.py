"""`count_key`: which states show a template with the same pieces and words.

Split from `iss.engine.template` (which holds what it reads); importable from
`iss.engine.text` as before. `iss report`'s pacing counts each scene's words once
per key instead of once per state.
"""

from __future__ import annotations

from collections.abc import Callable

from iss.engine.model import Reader
from iss.engine.state import StateView
from iss.engine.template import Branch, Interpolation, Mark, Piece, Template, Variation


def count_key(template: Template) -> Callable[[StateView], tuple[object, ...]] | None:
    """A function of a state that is equal for two states only if `template` shows
    the same pieces and as many words in both (`Template.word_count`): whether each
    fragment's condition holds, in every fragment, the item each variation picks, and
    each value it shows (a clock only as whether it reads as one word or two). None
    when the text holds a piece this does not know."""
    readers: list[Callable[[StateView], object]] = []
    if not _switches(template.pieces, readers):
        return None
    if not readers:
        return lambda state: ()
    return lambda state: tuple([read(state) for read in readers])


def _switches(pieces: tuple[Piece, ...], out: list[Callable[[StateView], object]]) -> bool:
    for piece in pieces:
        if isinstance(piece, str | Mark):
            continue
        if isinstance(piece, Interpolation):
            out.append(_clock_words(piece.read) if piece.is_clock else piece.read)
        elif isinstance(piece, Branch):
            clauses = piece.when.clauses
            if len(clauses) == 1:
                out.append(clauses[0][0])
            else:  # only whether all hold picks the branch
                out.append(_all_hold(tuple(test for test, _ in clauses)))
            if not (_switches(piece.then, out) and _switches(piece.otherwise, out)):
                return False
        elif isinstance(piece, Variation):
            out.append(piece.index)
            if not all(_switches(item, out) for item in piece.items):
                return False
        else:
            return False
    return True


def _all_hold(tests: tuple[Reader, ...]) -> Callable[[StateView], object]:
    return lambda state: all(test(state) for test in tests)


def _clock_words(read: Reader) -> Callable[[StateView], object]:
    """Whether `format_minutes` shows hours and minutes (two words) or one of them."""
    return lambda state: int(read(state)) % 60 != 0 and int(read(state)) >= 60
