"""Named conditions: a condition written once in the manifest and used by its bare name.

    conditions:
      air_gone: clock.reentry <= 4h or (flag.air_h4 and clock.reentry <= 5h)

A scene then writes `when: not air_gone`, `{if air_gone: ...}` or
`do: flag.saw_it_gone = air_gone`, as Yarn Spinner's smart variables are used. The name
stands for the whole condition, worked out afresh each time it is read.

What a compiled condition keeps as its `source` is the text with every name spelled out
(`expand`), so every analysis that reads sources (the explorer's cut points among them)
sees the clock thresholds and flags behind a name, as if the author had written them out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

__all__ = ["expand", "resolve", "words"]

_STRING = re.compile(r"\"[^\"]*\"|'[^']*'")
_WORD = re.compile(r"(?<![\w.])([A-Za-z_]\w*)(?![\w.])")


def expand(source: str, named: Mapping[str, str]) -> str:
    """`source` with each bare name of a named condition replaced by its (expanded,
    parenthesized) condition. Dotted names (`flag.air_gone`) and quoted text are left alone."""
    if not named:
        return source

    def word(m: re.Match[str]) -> str:
        found = named.get(m.group(1))
        return m.group(0) if found is None else f"({found})"

    out: list[str] = []
    start = 0
    for literal in _STRING.finditer(source):
        out.append(_WORD.sub(word, source[start : literal.start()]))
        out.append(literal.group(0))
        start = literal.end()
    out.append(_WORD.sub(word, source[start:]))
    return "".join(out)


def words(source: str) -> set[str]:
    """The bare names `source` says outside quoted text."""
    return set(_WORD.findall(_STRING.sub('""', source)))


def resolve(written: Mapping[str, str]) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Each named condition expanded through the others it names.

    Returns the expansions of the names that resolve, and for each name caught in a
    cycle the cycle's path (`a`, `b`, `a`): such a name has no expansion."""
    done: dict[str, str] = {}
    cycles: dict[str, list[str]] = {}

    def visit(name: str, path: list[str]) -> str | None:
        if name in done:
            return done[name]
        if name in path:
            cycle = [*path[path.index(name) :], name]
            for member in cycle:
                cycles.setdefault(member, cycle)
            return None
        inner = {}
        for other in sorted(words(written[name]) & written.keys()):
            found = visit(other, [*path, name])
            if found is None:
                cycles.setdefault(name, [*path, name, other])
                return None
            inner[other] = found
        if name in cycles:
            return None
        done[name] = expand(written[name], inner).strip()
        return done[name]

    for name in written:
        visit(name, [])
    return done, cycles
