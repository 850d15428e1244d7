"""Reading story files safely: bytes, UTF-8, characters, then YAML with positions.

Files are read as UTF-8, checked for the characters a story file may not
hold, and parsed into plain data with positions (`yaml_tree`).

Refused, each with a diagnostic instead of a traceback: files that are not
UTF-8, that are too large or too deeply nested, YAML syntax errors, any tag
that would construct something other than plain data (`!!python/object`),
and anchors and aliases (the way alias bombs are built).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import yaml

from iss.authoring.characters import check_text
from iss.authoring.diagnostics import Report
from iss.authoring.yaml_tree import (
    FLOW_QUESTION,
    FLOW_QUESTION_HINT,
    MAX_NESTING,
    Builder,
    Pos,
    TooDeep,
    mark_pos,
)

MAX_FILE_BYTES = 32 * 1024 * 1024
"""A story file larger than this is refused before it is parsed."""

_NESTING_HINT = "story files nest a few levels deep; flatten the structure"


class SourceFile:
    """One story file: its path as shown in diagnostics, its lines and its data."""

    def __init__(self, path: Path, shown: str) -> None:
        self.path = path
        self.shown = shown
        self.text = ""
        self.digest = b""
        """SHA-256 of the file's bytes, for the story's content hash."""
        self._lines: list[str] | None = None
        self.data: Any = None

    @property
    def lines(self) -> list[str]:
        """The file's lines, split only when a diagnostic needs them."""
        if self._lines is None:
            self._lines = self.text.splitlines()
        return self._lines

    def text_position(self, start: Pos, block: bool, offset: int, source: str) -> Pos:
        """The file position of character `offset` of a scalar that starts at `start`."""
        before = source[:offset]
        newlines = before.count("\n")
        if not block and newlines == 0:
            return (start[0], start[1] + offset + _quote_shift(self, start))
        line = start[0] + newlines + (1 if block else 0)
        raw = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        indent = len(raw) - len(raw.lstrip(" "))
        return (line, indent + len(before) - (before.rfind("\n") + 1) + 1)


def file_digest(raw: bytes) -> bytes:
    """SHA-256 of a file's bytes, as the story's content hash takes it."""
    return hashlib.sha256(raw).digest()


def _quote_shift(source: SourceFile, start: Pos) -> int:
    raw = source.lines[start[0] - 1] if 0 < start[0] <= len(source.lines) else ""
    return 1 if raw[start[1] - 1 : start[1]] in ("'", '"') else 0


def read_file(path: Path, shown: str, report: Report) -> SourceFile | None:
    """Read and parse one file. On any problem, report it and return None."""
    raw = read_bytes(path, shown, report)
    return None if raw is None else parse_file(path, shown, raw, report)


def read_bytes(path: Path, shown: str, report: Report) -> bytes | None:
    """A story file's bytes, refused (reported, None) when too large or unreadable."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            report.add(
                "E103",
                shown,
                1,
                1,
                f"the file is {size // (1024 * 1024)} MiB; story files are limited to "
                f"{MAX_FILE_BYTES // (1024 * 1024)} MiB",
                "split the story into several files",
            )
            return None
        return path.read_bytes()
    except OSError as exc:
        report.add("E105", shown, 1, 1, f"cannot read the file: {exc.strerror}")
        return None


def parse_file(path: Path, shown: str, raw: bytes, report: Report) -> SourceFile | None:
    """Parse a story file's bytes. On any problem, report it and return None."""
    source = SourceFile(path, shown)
    source.digest = file_digest(raw)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        report.add(
            "E101",
            shown,
            line,
            col,
            f"byte 0x{raw[exc.start]:02x} is not UTF-8",
            "save the file as UTF-8 (most editors have an 'encoding' setting)",
        )
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    source.text = text
    if not check_text(text, shown, report):
        return None  # before libyaml, which would say "special characters" at line 1
    builder = Builder(shown, report)
    try:
        # libyaml reads UTF-8 bytes directly; handing it the str would re-encode it.
        source.data = builder.build(raw if not raw.startswith(b"\xef\xbb\xbf") else raw[3:])
    except TooDeep as exc:
        report.add("E103", shown, *mark_pos(exc.mark), _too_deep_message(), _NESTING_HINT)
        return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = mark_pos(mark) if mark else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        context = exc.context or ""
        opened = exc.context_mark
        if "quoted scalar" in context and opened is not None and "end of stream" in problem:
            # The quote runs to the end of the file: say where it opened, not where it ran out.
            report.add(
                "E100",
                shown,
                *mark_pos(opened),
                "YAML syntax: this quoted text is never closed",
                'end it with the same quote on this line; inside "..." write \\" for a quote '
                "(or write the text as a `|` block)",
            )
            return None
        if "but got '?'" in problem:
            # PyYAML's pure-Python scanner ends plain text at `?` inside `{…}`/`[…]`;
            # the builder reports the same for libyaml, which reads on.
            report.add("E100", shown, line, col, FLOW_QUESTION, FLOW_QUESTION_HINT)
            return None
        if "nesting depth" in problem:
            # libyaml's own limit (PyYAML 6.0.3 and later) can fire before ours.
            report.add("E103", shown, line, col, _too_deep_message(), _NESTING_HINT)
            return None
        lines = text.splitlines()
        before = lines[line - 1][: col - 1] if 0 < line <= len(lines) else ""
        report.add(
            "E100", shown, line, col, f"YAML syntax: {problem}", _syntax_hint(problem, before)
        )
        return None
    except yaml.reader.ReaderError as exc:
        # A character YAML refuses (U+FFFE, a lone surrogate...): at its line, not 1:1.
        index = max(0, text.find(chr(exc.character))) if isinstance(exc.character, int) else 0
        line = text.count("\n", 0, index) + 1
        col = index - (text.rfind("\n", 0, index) + 1) + 1
        what = f"U+{exc.character:04X}" if isinstance(exc.character, int) else "a character"
        report.add("E100", shown, line, col, f"YAML does not allow {what} in a file", "delete it")
        return None
    except yaml.YAMLError as exc:
        report.add("E100", shown, 1, 1, f"YAML syntax: {exc}")
        return None
    return source if builder.ok else None


def _too_deep_message() -> str:
    return f"the file nests more than {MAX_NESTING} levels deep, too deep for a story file"


def _syntax_hint(problem: str, before: str = "") -> str:
    """A hint for a YAML error; `before` is its line up to where it was found."""
    if "mapping values are not allowed" in problem:
        return "a text value containing ': ' needs quotes, or use a `|` block"
    if "found character '\\t'" in problem or "tab" in problem:
        return "indent with spaces, not tabs"
    if "could not find expected ':'" in problem:
        return "check the indentation of the lines above"
    unquoted = (
        "expected key" in problem or "expected <block end>" in problem or "expected ','" in problem
    )
    if unquoted and before.rstrip().endswith(('"', "'")):
        return (
            "text goes on after a closing quote here: quote the whole value, writing a quote "
            'inside "..." as \\" (or write the text as a `|` block)'
        )
    return "check the indentation and quoting near this line"
