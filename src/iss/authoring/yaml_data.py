"""The plain data a story file is read into: maps and lists that remember where each
key, value and item was written (`Pos`), so diagnostics can point at `file:line:col`.

Kept apart from the reader (`yaml_tree`, which needs PyYAML) so that what only
handles the data, such as a load from the compiled cache, imports no YAML parser.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

Pos = tuple[int, int]
"""A 1-based (line, column)."""


_NO_BLOCK: Mapping[str, int] = {}


class YMap(dict[str, Any]):
    """A mapping read from YAML, with the position of itself, its keys and values."""

    __slots__ = ("block", "key_pos", "pos", "val_pos")

    def __init__(self, pos: Pos) -> None:
        # dict.__init__ with no arguments does nothing: not called (40,000 maps a story).
        self.pos = pos
        self.key_pos: dict[str, Pos] = {}
        self.val_pos: dict[str, Pos] = {}
        self.block: Mapping[str, int] = _NO_BLOCK
        """Keys whose value is a block scalar (`|` or `>`): text starts on the next line.
        Each maps to where its `|` or `>` stands in the file's text (a character offset,
        as the reader counts it), so the text's first line is found without counting
        lines. One empty mapping shared by every map that has none, never changed: the
        reader gives a map its own when it finds a block."""


class YList(list[Any]):
    """A sequence read from YAML, with the position of itself and each item."""

    __slots__ = ("item_pos", "pos")

    def __init__(self, pos: Pos) -> None:
        self.pos = pos
        self.item_pos: list[Pos] = []


__all__ = ["Pos", "YList", "YMap"]
