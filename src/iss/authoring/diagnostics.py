"""Diagnostics: what `iss check` reports, each with a code, a place and a hint."""

from __future__ import annotations

from dataclasses import dataclass

from iss.authoring.codes import CODES
from iss.engine.terminal_safety import safe_for_terminal, safe_line


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem in a story: where it is, what it is, and how to fix it."""

    code: str
    file: str
    line: int
    col: int
    message: str
    hint: str = ""
    route: tuple[str, ...] = ()
    """Choice ids from the start that reach what is reported (a shortest route)."""

    def __post_init__(self) -> None:
        # A message may quote what the author wrote, and a file name is input too:
        # nothing a diagnostic holds can carry a terminal control to whoever shows it.
        # A long one (a condition of thousands of clauses) is cut to what a reader takes in.
        object.__setattr__(self, "file", safe_line(_cut(self.file)))
        object.__setattr__(self, "message", safe_for_terminal(_cut(self.message)))
        # Every diagnostic says what to do: without a hint of its own, its code's description.
        hint = self.hint or CODES[self.code].description
        object.__setattr__(self, "hint", safe_for_terminal(_cut(hint)))

    @property
    def severity(self) -> str:
        return CODES[self.code].severity

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    @property
    def is_note(self) -> bool:
        """A note says what a check could not cover, not that the story is wrong."""
        return self.severity == "note"

    def __str__(self) -> str:
        text = f"{self.file}:{self.line}:{self.col}: {self.severity} {self.code}: {self.message}"
        return f"{text}\n    hint: {self.hint}" if self.hint else text

    def to_json(self) -> dict[str, str | int | list[str]]:
        out: dict[str, str | int | list[str]] = {
            "code": self.code,
            "severity": self.severity,
            "file": self.file,
            "line": self.line,
            "col": self.col,
            "message": self.message,
            "hint": self.hint,
        }
        if self.route:
            out["route"] = list(self.route)
        return out

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.col, self.code)


MAX_MESSAGE = 400
"""Characters of a message, hint or file name a diagnostic keeps."""


def _cut(text: str) -> str:
    return text if len(text) <= MAX_MESSAGE else text[: MAX_MESSAGE - 1] + "…"


class Report:
    """Collects diagnostics while a story is read and compiled."""

    def __init__(self) -> None:
        self.items: list[Diagnostic] = []

    def add(self, code: str, file: str, line: int, col: int, message: str, hint: str = "") -> None:
        assert code in CODES, code
        self.items.append(Diagnostic(code, file, line, col, message, hint))

    @property
    def has_errors(self) -> bool:
        return any(d.is_error for d in self.items)

    def sorted(self) -> list[Diagnostic]:
        """Every diagnostic once (two passes may find the same bad id), in file order."""
        return sorted(dict.fromkeys(self.items), key=Diagnostic.sort_key)
