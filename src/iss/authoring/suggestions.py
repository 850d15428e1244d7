"""'Did you mean' hints that stay fast when a story has thousands of ids.

`suggest` compares a mistaken name with every known one (difflib), which is
right for a handful of names. With 20,000 scenes and 20,000 mistaken targets
that is 400 million comparisons; `Suggestions` indexes the known names once by
their one-character deletions, so each miss looks at the few names within two
edits of it (a typo, a missing or extra letter, two letters swapped).
"""

from __future__ import annotations

from collections.abc import Iterable

from iss.engine.names import closest_name

SMALL = 100
"""Up to this many names, every one is compared (the index would not pay)."""

MAX_INDEXED_LENGTH = 64
"""Longer names are not indexed (no id is this long by accident)."""


def suggest(name: str, known: Iterable[str]) -> str:
    """A "did you mean" hint naming a close match (see `iss.engine.names`), or ""."""
    close = closest_name(name, known)
    return f"did you mean `{close}`?" if close else ""


def _deletions(word: str) -> set[str]:
    """The word and every word one deletion away from it."""
    return {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}


class Suggestions:
    """'Did you mean' among a fixed set of names, built once and asked many times."""

    def __init__(self, known: Iterable[str]) -> None:
        self.known = list(known)
        self._index: dict[str, list[str]] | None = None
        self._folded: dict[str, str] | None = None

    def hint(self, name: str) -> str:
        """The hint for `name`, or an empty string when nothing is close."""
        if len(self.known) <= SMALL:
            return suggest(name, self.known)
        close = self.folded().get(name.casefold()) or self.closest(name)
        return f"did you mean `{close}`?" if close else ""

    def folded(self) -> dict[str, str]:
        """Each known name by its case-folded form (`{Tobias}` meant `{tobias}`)."""
        if self._folded is None:
            self._folded = {}
            for word in self.known:
                self._folded.setdefault(word.casefold(), word)
        return self._folded

    def closest(self, name: str) -> str | None:
        """A known name one or two edits from `name`, the nearest kind first.

        Without comparing strings: a name `name` becomes by deleting one
        character (it has an extra one) or that becomes `name` by deleting one
        (it lacks one) is one edit away; a name of the same length sharing a
        deletion differs in one or two letters; anything else sharing one is
        two edits away. Ties go to the first in sorted order.
        """
        if len(name) > MAX_INDEXED_LENGTH:
            return None
        index = self._index if self._index is not None else self._build()
        deletions = _deletions(name)
        one_edit = [w for w in index.get(name, ()) if w != name]
        one_edit += [w for key in deletions - {name} for w in index.get(key, ()) if w == key]
        if one_edit:
            return min(one_edit)
        if len(name) < 4:
            return None  # two edits change most of a short name
        shared = {w for key in deletions for w in index.get(key, ())}
        same_length = [w for w in shared if len(w) == len(name)]
        return min(same_length or shared, default=None)

    def _build(self) -> dict[str, list[str]]:
        index: dict[str, list[str]] = {}
        for word in self.known:
            if len(word) <= MAX_INDEXED_LENGTH:
                for key in _deletions(word):
                    index.setdefault(key, []).append(word)
        self._index = index
        return index
