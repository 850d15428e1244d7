"""The plain data a story file is read into: maps and lists that remember where each
key, value and item was written (`Pos`), so diagnostics can point at `file:line:col`.

Kept apart from the reader (`yaml_tree`, which needs PyYAML) so that what only
handles the data, such as a load from the compiled cache, imports no YAML parser.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from typing import Any

Pos = tuple[int, int]
"""A 1-based (line, column)."""


_NO_BLOCK: frozenset[str] = frozenset()


class YMap(dict[str, Any]):
    """A mapping read from YAML, with the position of itself, its keys and values."""

    __slots__ = ("block", "key_pos", "pos", "val_pos")

    def __init__(self, pos: Pos) -> None:
        # dict.__init__ with no arguments does nothing: not called (40,000 maps a story).
        self.pos = pos
        self.key_pos: dict[str, Pos] = {}
        self.val_pos: dict[str, Pos] = {}
        self.block: AbstractSet[str] = _NO_BLOCK
        """Keys whose value is a block scalar (`|` or `>`): text starts on the next line.
        One empty set shared by every map that has none, until the reader finds one."""


class YList(list[Any]):
    """A sequence read from YAML, with the position of itself and each item."""

    __slots__ = ("item_pos", "pos")

    def __init__(self, pos: Pos) -> None:
        self.pos = pos
        self.item_pos: list[Pos] = []


__all__ = ["Pos", "YList", "YMap"]
