"""Reading story files safely, keeping the position of every key and value.

Files are read as UTF-8 and composed with libyaml's C parser when present
(the safe loader; never one that can build Python objects). The node tree is
then turned into plain data, `YMap` and `YList`, that remember where each key
and value was written, so later diagnostics can point at `file:line:col`.

Refused, each with a diagnostic instead of a traceback: files that are not
UTF-8, that are too large or too deeply nested, YAML syntax errors, any tag
that would construct something other than plain data (`!!python/object`),
and anchors and aliases (the way alias bombs are built).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from iss.authoring.diagnostics import Report

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - pure-Python PyYAML
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 32 * 1024 * 1024
"""A story file larger than this is refused before it is parsed."""

_DEEP_FLOW = re.compile(r"[\[{](?:\s*[\[{]){63}")
_DEEP_BLOCK = re.compile(r"^ {256,}\S", re.MULTILINE)
_TAG = "tag:yaml.org,2002:"
_PLAIN_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}

Pos = tuple[int, int]
"""A 1-based (line, column)."""


class YMap(dict[str, Any]):
    """A mapping read from YAML, with the position of itself, its keys and values."""

    __slots__ = ("block", "key_pos", "pos", "val_pos")

    def __init__(self, pos: Pos) -> None:
        super().__init__()
        self.pos = pos
        self.key_pos: dict[str, Pos] = {}
        self.val_pos: dict[str, Pos] = {}
        self.block: set[str] = set()
        """Keys whose value is a block scalar (`|` or `>`): text starts on the next line."""


class YList(list[Any]):
    """A sequence read from YAML, with the position of itself and each item."""

    __slots__ = ("item_pos", "pos")

    def __init__(self, pos: Pos) -> None:
        super().__init__()
        self.pos = pos
        self.item_pos: list[Pos] = []


class SourceFile:
    """One story file: its path as shown in diagnostics, its lines and its data."""

    def __init__(self, path: Path, shown: str) -> None:
        self.path = path
        self.shown = shown
        self.lines: list[str] = []
        self.data: Any = None

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


def _quote_shift(source: SourceFile, start: Pos) -> int:
    raw = source.lines[start[0] - 1] if 0 < start[0] <= len(source.lines) else ""
    return 1 if raw[start[1] - 1 : start[1]] in ("'", '"') else 0


def read_file(path: Path, shown: str, report: Report) -> SourceFile | None:
    """Read and parse one file. On any problem, report it and return None."""
    source = SourceFile(path, shown)
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
        raw = path.read_bytes()
    except OSError as exc:
        report.add("E105", shown, 1, 1, f"cannot read the file: {exc.strerror}")
        return None
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
    deep = _DEEP_FLOW.search(text) or _DEEP_BLOCK.search(text)
    if deep:
        line = text.count("\n", 0, deep.start()) + 1
        report.add("E103", shown, line, 1, "the file is nested too deeply to be a story file")
        return None
    source.lines = text.splitlines()
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        report.add("E100", shown, line, col, f"YAML syntax: {problem}", _syntax_hint(problem))
        return None
    except yaml.YAMLError as exc:
        report.add("E100", shown, 1, 1, f"YAML syntax: {exc}")
        return None
    if node is None:
        source.data = None
        return source
    converter = _Converter(source, report)
    source.data = converter.convert(node)
    return source if converter.ok else None


def _syntax_hint(problem: str) -> str:
    if "mapping values are not allowed" in problem:
        return "a text value containing ': ' needs quotes, or use a `|` block"
    if "found character '\\t'" in problem or "tab" in problem:
        return "indent with spaces, not tabs"
    if "could not find expected ':'" in problem:
        return "check the indentation of the lines above"
    return "check the indentation and quoting near this line"


class _Converter:
    def __init__(self, source: SourceFile, report: Report) -> None:
        self.source = source
        self.report = report
        self.seen: set[int] = set()
        self.ok = True
        self.scalars = yaml.constructor.SafeConstructor()

    def fail(self, code: str, node: Node, message: str, hint: str = "") -> None:
        self.ok = False
        mark = node.start_mark
        self.report.add(code, self.source.shown, mark.line + 1, mark.column + 1, message, hint)

    def convert(self, node: Node) -> Any:
        if id(node) in self.seen:
            self.fail(
                "E104",
                node,
                "an alias (*name) repeats an anchored value",
                "write the value out in full",
            )
            return None
        self.seen.add(id(node))
        tag = node.tag
        if tag not in _PLAIN_TAGS:
            self.fail(
                "E102",
                node,
                f"the YAML tag `{tag}` is refused",
                "story files hold plain data only; remove the tag",
            )
            return None
        if isinstance(node, ScalarNode):
            if tag == _TAG + "str" or tag == _TAG + "timestamp":
                return node.value
            try:
                if tag == _TAG + "int":
                    return self.scalars.construct_yaml_int(node)
                if tag == _TAG + "float":
                    return self.scalars.construct_yaml_float(node)
                if tag == _TAG + "bool":
                    return self.scalars.construct_yaml_bool(node)
            except (ValueError, yaml.YAMLError):
                return node.value
            return None
        if isinstance(node, SequenceNode):
            seq = YList((node.start_mark.line + 1, node.start_mark.column + 1))
            for item in node.value:
                seq.item_pos.append((item.start_mark.line + 1, item.start_mark.column + 1))
                seq.append(self.convert(item))
            return seq
        assert isinstance(node, MappingNode)
        mapping = YMap((node.start_mark.line + 1, node.start_mark.column + 1))
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag not in _PLAIN_TAGS:
                self.fail("E112", key_node, "keys must be plain words")
                continue
            if key_node.tag == _TAG + "merge":
                self.fail(
                    "E104", key_node, "merge keys (<<) are refused", "write the keys out in full"
                )
                continue
            key = str(key_node.value)
            key_pos = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key in mapping:
                first = mapping.key_pos[key]
                self.fail(
                    "E121",
                    key_node,
                    f"`{key}` appears twice in this mapping (first at line {first[0]})",
                    "remove or rename one of them",
                )
                continue
            mapping.key_pos[key] = key_pos
            mapping.val_pos[key] = (
                value_node.start_mark.line + 1,
                value_node.start_mark.column + 1,
            )
            if isinstance(value_node, ScalarNode) and value_node.style in ("|", ">"):
                mapping.block.add(key)
            mapping[key] = self.convert(value_node)
        return mapping
