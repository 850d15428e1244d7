"""The quick search's test of a state's marks against a scene's bounds, compiled.

`Search.extreme` (`breadth.py`) asks of every new state of the quick search
whether one of its marks (each personal and crew trust, each whole-number
variable, the total of personal trust) lies beyond the highest or the lowest
seen in its scene. Nearly nine states in ten do not, and then nothing changes.
Built as a list and compared with `any(map(gt, ...))` and `any(map(lt, ...))`,
that answer took two thirds of `extreme`'s time; here it is one function whose
body unpacks the state's values and compares each with its bound inline:

    def beyond(s, H, L, N=N):
        a0, a1, a2 = s.trust.values()
        b0, b1 = s.crew_trust.values()
        (c0,) = N(s.variables)
        return a0 > H[0] or a0 < L[0] or ... or (a0 + a1 + a2) > H[6] or ...

It gives False only when the list compared as `extreme` compares it would show
no mark beyond its bounds (the marks in the same order, as many as the bounds
hold), and True otherwise; a state that does not hold as many values as the
first state of the story (or bounds of another length) gives True too, and
`extreme` then goes its general way. The source is made from this module's
text and three counts only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from iss.authoring.explore.keys import define
from iss.engine.model import Value

Numbers = Callable[[Mapping[str, Value]], Iterable[int]]
Beyond = Callable[[Any, list[int], list[int]], bool]
"""(a state, a scene's highest marks, its lowest) -> may a mark lie beyond them?"""


def compile_beyond(trust: int, crew: int, numbers: int, read_numbers: Numbers) -> Beyond:
    """The test for states holding `trust` personal trusts, `crew` crew trusts and
    `numbers` whole-number variables (read with `read_numbers`, as `extreme` reads them)."""
    a = [f"a{i}" for i in range(trust)]
    b = [f"b{i}" for i in range(crew)]
    c = [f"c{i}" for i in range(numbers)]
    total = f"({' + '.join(a)})" if a else "0"  # `sum` of the trusts: the same number
    marks = [*a, *b, *c, total]
    lines = ["def beyond(s, H, L, N=N):", f"    if len(H) != {len(marks)}:", "        return True"]
    lines.append("    try:")
    for names, read in (
        (a, "s.trust.values()"),
        (b, "s.crew_trust.values()"),
        (c, "N(s.variables)"),
    ):
        lines.append(f"        ({''.join(f'{n}, ' for n in names)}) = {read}")
    lines += ["    except ValueError:  # not as many as the bounds", "        return True"]
    tests = [f"{m} > H[{i}] or {m} < L[{i}]" for i, m in enumerate(marks)]
    lines.append(f"    return {' or '.join(tests)}")  # each test gives a bool
    beyond: Beyond = define("\n".join(lines), "beyond", {"N": read_numbers})  # three counts
    return beyond


__all__ = ["Beyond", "compile_beyond"]
