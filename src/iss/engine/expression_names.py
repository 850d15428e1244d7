"""What an expression may name: the namespaces, and the story's declared names.

`iss.engine.expressions` compiles against a `Names`; it is importable from there too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

__all__ = ["NAMESPACES", "Names"]

NAMESPACES = (
    "trust",
    "flag",
    "has",
    "clock",
    "status",
    "alive",
    "dead",
    "seen",
    "visits",
    "taken",
    "var",
)


@dataclass(frozen=True, slots=True)
class Names:
    """Everything an expression may refer to, taken from the manifest."""

    characters: Mapping[str, str] = field(default_factory=dict)
    """Character id to short name."""
    crew: frozenset[str] = frozenset()
    pairs: frozenset[str] = frozenset()
    flags: frozenset[str] = frozenset()
    items: Mapping[str, str] = field(default_factory=dict)
    """Item id to display name."""
    variables: Mapping[str, str] = field(default_factory=dict)
    """Variable name to type: int, bool or text."""
    variable_values: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    timers: frozenset[str] = frozenset()
    scenes: frozenset[str] = frozenset()
    choice_keys: frozenset[str] = frozenset()
    """`home.id` of every choice: its scene (or choice group) and its id."""
    named: Mapping[str, str] = field(default_factory=dict)
    """Named condition to its condition, every name in it spelled out (`named_conditions`)."""
