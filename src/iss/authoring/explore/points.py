"""A point: one combination of values of some names, read as a state by compiled conditions.

The proof pass and its boxes (`boxes.py`) run the engine's own closures on every
combination of the values a condition or an effect reads; `Point` is that
combination, laid out where a `StateView` keeps each name.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from iss.engine.model import Value
from iss.engine.state import GameState

_AS_IS, _AS_INT, _AS_TEXT, _AS_MEMBER = range(4)
"""How `Point` holds a name's value: as it is, as a number, as text, as a set member."""


class Point:
    """One combination of values, readable by compiled conditions (a `StateView`).

    `load` puts the next combination of the same names in place, so a loop over
    many points builds one `Point`."""

    __slots__ = (
        "_at",
        "calls",
        "clock",
        "crew_trust",
        "flags",
        "items",
        "scene",
        "seed",
        "status",
        "taken",
        "trust",
        "variables",
        "visited",
        "visits",
    )

    def __init__(self, names: tuple[str, ...], values: Iterable[Value]) -> None:
        self.trust: dict[str, int] = {}
        self.crew_trust: dict[str, int] = {}
        self.flags: set[str] = set()
        self.items: set[str] = set()
        self.variables: dict[str, Value] = {}
        self.status: dict[str, str] = {}
        self.clock: dict[str, int] = {}
        self.visited: set[str] = set()
        self.visits: dict[str, int] = {}
        self.taken: set[str] = set()
        self.scene = ""
        self.seed = 0
        self.calls: tuple[str, ...] = ()
        self._at: list[tuple[Any, str, int]] = []
        """Per name: where its value goes, under which key, and as what (`_AS_*`)."""
        sets = {"flag": self.flags, "has": self.items, "seen": self.visited, "taken": self.taken}
        numbers = {"clock": self.clock, "visits": self.visits}
        for name in names:
            head, _, key = name.partition(".")
            if head == "trust":
                where = self.crew_trust if "-" in key else self.trust
                self._at.append((where, key, _AS_INT))
            elif head in sets:
                self._at.append((sets[head], key, _AS_MEMBER))
            elif head == "status":
                self._at.append((self.status, key, _AS_TEXT))
            elif head in numbers:
                self._at.append((numbers[head], key, _AS_INT))
            else:
                self._at.append((self.variables, key, _AS_IS))
        self.load(values)

    def load(self, values: Iterable[Value]) -> None:
        """Hold `values` (one per name, in the names' order) instead of the last ones."""
        for (where, key, kind), value in zip(self._at, values, strict=True):
            if kind == _AS_MEMBER:
                if value:
                    where.add(key)
                else:
                    where.discard(key)
            elif kind == _AS_INT:
                where[key] = int(value)
            elif kind == _AS_TEXT:
                where[key] = str(value)
            else:
                where[key] = value

    def state(self) -> GameState:
        return GameState(
            scene="",
            trust=self.trust,
            crew_trust=self.crew_trust,
            flags=frozenset(self.flags),
            items=frozenset(self.items),
            variables=self.variables,
            status=self.status,
            clock=self.clock,
            visited=frozenset(self.visited),
            visits=self.visits,
            taken=frozenset(self.taken),
        )


__all__ = ["Point"]
