"""Which known name a mistaken one was meant to be: only a close one, or none.

A "did you mean" that names something unrelated misleads more than no hint,
so a suggestion must be the same name in other letter case, or at most two
edits away (one for names of four letters or fewer): a typo, a missing or
extra letter, two letters swapped.
"""

from __future__ import annotations

from collections.abc import Iterable


def edits_within(a: str, b: str, limit: int) -> bool:
    """True when `a` becomes `b` in at most `limit` insertions, deletions,
    substitutions or swaps of neighbouring letters (Damerau-Levenshtein)."""
    if abs(len(a) - len(b)) > limit:
        return False
    before: list[int] = []
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > limit:
            return False
        before, row = row, current
    return row[-1] <= limit


def allowed_edits(name: str) -> int:
    """How far a mistaken name may be from the one suggested for it."""
    return 1 if len(name) <= 4 else 2


def closest_name(name: str, known: Iterable[str]) -> str | None:
    """The known name `name` most likely meant, or None when none is close."""
    candidates = list(dict.fromkeys(known))
    folded = name.casefold()
    for candidate in candidates:
        if candidate.casefold() == folded:
            return candidate
    limit = allowed_edits(name)
    best: tuple[int, str] | None = None
    for candidate in candidates:
        for distance in range(1, limit + 1):
            if edits_within(folded, candidate.casefold(), distance):
                if best is None or (distance, candidate) < best:
                    best = (distance, candidate)
                break
    return None if best is None else best[1]
