"""Typed access to the fields of a YAML mapping, reporting mistakes as diagnostics."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from iss.authoring.characters import hidden_character
from iss.authoring.diagnostics import Report
from iss.authoring.source import SourceFile
from iss.authoring.suggestions import suggest
from iss.authoring.yaml_data import Pos, YList, YMap
from iss.engine.errors import ExpressionError
from iss.engine.expressions import DURATION_HINT, duration_minutes
from iss.engine.limits import INT_LIMIT, MAX_ID_CHARS, MAX_NAME_CHARS, bound_text
from iss.engine.model import Position
from iss.engine.terminal_safety import control_name

_ID = re.compile(r"[a-z][a-z0-9_]*\Z")
_INT_LITERAL = re.compile(
    r"[-+]?(?:0x[0-9a-fA-F_]+|0o?[0-7_]+|0b[01_]+|[0-9][0-9_]*(?::[0-5]?[0-9])*)\Z"
)
"""What YAML 1.1 reads as a whole number (decimal, hex, octal, binary, base 60)."""
_T = TypeVar("_T")


class Fields:
    """Reads one file's mappings, reporting each mistake once with its position."""

    def __init__(self, source: SourceFile, report: Report) -> None:
        self.source = source
        self.report = report
        self.file = source.shown

    def error(self, code: str, pos: Pos, message: str, hint: str = "") -> None:
        self.report.add(code, self.file, pos[0], pos[1], message, hint)

    def position(self, pos: Pos) -> Position:
        return Position(self.file, pos[0], pos[1])

    def mapping(self, value: Any, pos: Pos, what: str) -> YMap | None:
        if isinstance(value, YMap):
            return value
        if value is None:
            empty = YMap(pos)
            return empty
        self.error(
            "E112", pos, f"{what} should be a mapping of `key: value` lines, not {_kind(value)}"
        )
        return None

    def keys(self, m: YMap, allowed: Iterable[str], what: str) -> None:
        allowed = tuple(allowed)
        for key in m:
            if key not in allowed:
                if m[key] is None and " " in key.strip():
                    self.error(
                        "E110",
                        m.key_pos[key],
                        f"`{key}` reads as a key: a comma inside `{{...}}` ends the value before it",
                        'put the whole text in quotes, as in `{text: "Wait, then go", go: b}`',
                    )
                    continue
                hint = suggest(key, allowed) or f"{what} keys are: {', '.join(allowed)}"
                self.error("E110", m.key_pos[key], f"unknown key `{key}` in {what}", hint)

    def require(self, m: YMap, key: str, what: str) -> bool:
        if key in m and m[key] is not None:
            return True
        self.error("E111", m.pos, f"{what} needs `{key}:`")
        return False

    def text(self, m: YMap, key: str, default: str = "") -> str:
        value = m.get(key)
        if value.__class__ is str:
            return value
        if value is None:
            return default
        if isinstance(value, YMap | YList):
            self.error("E112", m.val_pos[key], f"`{key}` should be text, not {_kind(value)}")
            return default
        if isinstance(value, bool):
            self.error(
                "E112",
                m.val_pos[key],
                f"`{key}` should be text, but YAML reads this word as the yes/no value "
                f"{str(value).lower()}",
                "YAML reads on, off, yes, no, y, n, true and false as yes/no values; "
                "put the word in quotes",
            )
            return str(value).lower()
        return str(value)

    def line(self, m: YMap, key: str, default: str = "", limit: int = MAX_NAME_CHARS) -> str:
        """`text`, for a field shown on one line (a title, a name, a hint): one longer
        than `limit` is an error at its place (E113), and it is cut to the limit."""
        value = self.text(m, key, default)
        self.check_length(value, m.val_pos.get(key, m.pos), f"`{key}`", limit)
        return value[:limit]

    def check_length(self, value: str, pos: Pos, what: str, limit: int) -> bool:
        """False, with E113 at `pos`, when `value` is longer than `limit`."""
        if len(value) <= limit:
            return True
        self.error(
            "E113",
            pos,
            f"this {what} is {len(value):,} characters long; the limit is {limit:,}",
            "it is shown on one line: keep it short, and put longer prose in a scene's `text:`",
        )
        return False

    def integer(
        self, m: YMap, key: str, default: int, low: int = -INT_LIMIT, high: int = INT_LIMIT
    ) -> int:
        """A whole number within `low..high`; a mistake or a number out of range is reported."""
        value = m.get(key, default)
        if isinstance(value, str) and _INT_LITERAL.match(value):
            value = high + 1  # a literal too long to be a number at all (see source._typed)
        if type(value) is int and not low <= value <= high:
            self.error(
                "E113",
                m.val_pos.get(key, m.pos),
                f"`{key}` is out of range: it must lie within {bound_text(low, high)}",
            )
            return max(low, min(high, default))
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(
                "E112",
                m.val_pos.get(key, m.pos),
                f"`{key}` should be a whole number, not {_kind(value)}",
            )
            return default
        return value

    def boolean(self, m: YMap, key: str, default: bool = False) -> bool:
        value = m.get(key, default)
        if not isinstance(value, bool):
            self.error(
                "E112",
                m.val_pos.get(key, m.pos),
                f"`{key}` should be true or false, not {_kind(value)}",
            )
            return default
        return value

    def minutes(self, m: YMap, key: str) -> int:
        """A duration in minutes; 0 when absent or (after reporting it) wrong."""
        value = m.get(key)
        return 0 if value is None else self.duration(m, key) or 0

    def duration(self, m: YMap, key: str) -> int | None:
        """The duration `m[key]` in minutes, or None after reporting why it is not one."""
        value = m.get(key)
        minutes = None
        if not isinstance(value, bool | YMap | YList) and value is not None:
            minutes = duration_minutes(str(value))
        if minutes is None:
            self.error("E190", m.val_pos[key], f"{_kind(value)} is not a duration", DURATION_HINT)
        return minutes

    def strings(self, m: YMap, key: str) -> list[tuple[str, Pos]]:
        """A value that may be one string or a list of strings, with positions."""
        value = m.get(key)
        if value is None:
            return []
        if isinstance(value, YList):
            out = []
            for item, pos in zip(value, value.item_pos, strict=True):
                if isinstance(item, YMap | YList) or item is None:
                    self.error(
                        "E112", pos, f"each item of `{key}` should be text, not {_kind(item)}"
                    )
                else:
                    out.append((_scalar_text(item), pos))
            return out
        if isinstance(value, YMap):
            self.error("E112", m.val_pos[key], f"`{key}` should be text or a list, not a mapping")
            return []
        return [(_scalar_text(value), m.val_pos[key])]

    def check_id(self, ident: str, pos: Pos, what: str) -> bool:
        if _ID.match(ident):
            if len(ident) <= MAX_ID_CHARS:
                return True
            self.error(
                "E114",
                pos,
                f"the {what} id `{ident[:40]}…` is {len(ident):,} characters long; "
                f"the limit is {MAX_ID_CHARS}",
                "shorten it: saves and walkthroughs name things by their ids",
            )
            return False
        hidden = hidden_character(ident)
        if hidden is not None:
            self.error(
                "E114",
                pos,
                f"the {what} id `{ident}` holds the invisible character {control_name(hidden)}",
                "retype the id: ids are lowercase letters, digits and _, and nothing unseen",
            )
            return False
        if not ident:
            self.error(
                "E114",
                pos,
                f"the {what} id is empty",
                "write an id: lowercase letters, digits and _",
            )
            return False
        fixed = re.sub(r"[^a-z0-9_]+", "_", ident.lower()).strip("_")
        self.error(
            "E114",
            pos,
            f"`{ident}` is not a valid {what} id",
            f"use lowercase letters, digits and _, like `{fixed}`",
        )
        return False

    def text_pos(self, m: YMap, key: str, offset: int) -> Pos:
        """The file position of character `offset` of the text value of `key`."""
        value = m.get(key)
        start = m.val_pos.get(key, m.pos)
        return self.source.text_position(start, m.block.get(key), offset, str(value))

    def compiled(
        self, build: Callable[[], _T], m: YMap | YList, key: str | int, source: str
    ) -> _T | None:
        """Run an expression/template compiler, mapping its error to file:line:col."""
        try:
            return build()
        except ExpressionError as exc:
            if isinstance(m, YMap):
                assert isinstance(key, str)
                start, block = m.val_pos.get(key, m.pos), m.block.get(key)
            else:
                assert isinstance(key, int)
                start, block = m.item_pos[key], None
            pos = self.source.text_position(start, block, exc.offset, source)
            self.error(exc.code, pos, exc.message, exc.hint)
            return None


def _scalar_text(value: Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def _kind(value: Any) -> str:
    if isinstance(value, YMap):
        return "a mapping"
    if isinstance(value, YList):
        return "a list"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if value is None:
        return "nothing"
    text = str(value)
    return f"`{text}`" if len(text) <= 40 else f"`{text[:39]}…`"
