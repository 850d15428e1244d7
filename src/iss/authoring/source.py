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
import re
from pathlib import Path
from typing import Any

from iss.authoring.characters import check_text
from iss.authoring.diagnostics import Report
from iss.authoring.yaml_data import Pos

MAX_FILE_BYTES = 32 * 1024 * 1024
"""A story file larger than this is refused before it is parsed."""

_OTHER_BREAK = re.compile("[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]|\r(?!\n)")
"""What `str.splitlines` splits at besides LF and CRLF."""
_OTHER_BREAK_CHARS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
"""`_OTHER_BREAK`'s characters but CR, each looked for with `in` (a C scan for one
character: far faster over a large file than the pattern)."""
_NESTING_HINT = "story files nest a few levels deep; flatten the structure"


class SourceFile:
    """One story file: its path as shown in diagnostics, its lines and its data."""

    def __init__(self, path: Path, shown: str) -> None:
        self.path = path
        self.shown = shown
        self.text = ""
        self._lines: list[str] | None = None
        self._plain_breaks: bool | None = None
        """Whether every line break is LF or CRLF (worked out when `line` is first asked)."""
        self._cursor = (1, 0)
        """(line, offset where it starts): where `line` last found one, to read on from."""
        self.data: Any = None

    @property
    def lines(self) -> list[str]:
        """The file's lines, split only when a diagnostic needs them."""
        if self._lines is None:
            self._lines = self.text.splitlines()
        return self._lines

    def line(self, number: int) -> str:
        """Line `number` (from 1) as `lines` has it, or "" past either end.

        A load asks for one line of each scene, in order: it is found by reading on
        from the last one asked for, so a 14,000-line file is not split into a list
        of strings for it. A file with a line break other than LF or CRLF (a story
        file may hold U+2028 and U+2029, which `splitlines` splits at) uses `lines`.
        """
        if number < 1:
            return ""
        text = self.text
        if self._lines is not None or not self.plain_breaks():
            lines = self.lines
            return lines[number - 1] if number <= len(lines) else ""
        at_line, at = self._cursor if number >= self._cursor[0] else (1, 0)
        while at_line < number:
            found = text.find("\n", at)
            if found < 0:
                return ""
            at, at_line = found + 1, at_line + 1
        self._cursor = (at_line, at)
        return self._line_at(at)

    def plain_breaks(self) -> bool:
        """Whether every line break is LF or CRLF (worked out when first asked)."""
        if self._plain_breaks is None:
            text = self.text
            self._plain_breaks = not any(c in text for c in _OTHER_BREAK_CHARS) and (
                "\r" not in text or _OTHER_BREAK.search(text) is None
            )
        return self._plain_breaks

    def _line_at(self, at: int) -> str:
        """The line that starts at offset `at`, without its break ("" at the end)."""
        text = self.text
        if at >= len(text):
            return ""
        end = text.find("\n", at)
        raw = text[at:] if end < 0 else text[at:end]
        return raw[:-1] if raw.endswith("\r") else raw

    def text_position(self, start: Pos, block: int | None, offset: int, source: str) -> Pos:
        """The file position of character `offset` of a scalar that starts at `start`.

        `block` is None for a scalar written on its line, and for a block scalar where
        its `|` or `>` stands in `text` (`YMap.block`): its text starts on the line
        after, found from there instead of by counting lines from the last one asked.
        """
        before = source[:offset]
        newlines = before.count("\n")
        if block is None and newlines == 0:
            return (start[0], start[1] + offset + _quote_shift(self, start))
        line = start[0] + newlines + (0 if block is None else 1)
        raw = self.line(line) if block is None else self._block_line(block, line, newlines)
        indent = len(raw) - len(raw.lstrip(" "))
        return (line, indent + len(before) - (before.rfind("\n") + 1) + 1)

    def _block_line(self, indicator: int, number: int, more: int) -> str:
        """`line(number)`: line `more` of the block scalar whose `|` or `>` is at
        offset `indicator` (its first line is the one after the indicator's).

        Read from the indicator when the offset is one (a reader whose marks count
        otherwise, or a file with other line breaks, counts lines as before).
        """
        text = self.text
        if text[indicator : indicator + 1] not in ("|", ">") or not self.plain_breaks():
            return self.line(number)
        at = indicator
        for _ in range(more + 1):
            found = text.find("\n", at)
            if found < 0:
                return ""
            at = found + 1
        return self._line_at(at)


def file_digest(raw: bytes) -> bytes:
    """SHA-256 of a file's bytes, as the story's content hash takes it."""
    return hashlib.sha256(raw).digest()


def _quote_shift(source: SourceFile, start: Pos) -> int:
    raw = source.line(start[0])
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
    # Imported here, when a file is parsed: a load from the compiled cache parses none,
    # and PyYAML is about a sixth of `iss explore`'s imports.
    import yaml

    from iss.authoring.yaml_tree import (
        FLOW_QUESTION,
        FLOW_QUESTION_HINT,
        Builder,
        TooDeep,
        mark_pos,
    )

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
    from iss.authoring.yaml_tree import MAX_NESTING  # see `parse_file`

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
