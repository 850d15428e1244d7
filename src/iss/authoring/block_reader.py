"""A fast reader for the plain block YAML that story files are mostly written in.

    data = read_block_yaml(text, typed)   # the data, or NOT_READ

Most of a story file is block mappings and lists, plain words, `|` texts and
one-line `[a, b]` lists. libyaml reads them well, but hands every scalar to
Python as an event object with two mark objects: on a 10,000-scene story that
and the `Builder`'s walk over the events are most of the read. This reader
takes the file's lines itself and builds the same `YMap`s and `YList`s, with
the same values (plain scalars typed by `typed`, the `Builder`'s own rules)
and the same positions.

It reads a strict subset of YAML and gives up (`NOT_READ`) on anything else
before it has reported anything: the file is then read by libyaml and the
`Builder` as always, and they alone say what is wrong with a file and where.
Given up on: tabs, carriage returns, the characters libyaml counts as line
breaks or refuses, a byte-order mark; document markers and directives; flow
mappings, tags, anchors and aliases; texts other than `|` and `|-` (folded
`>`, explicit indents, `+`), a `|` text that starts with a blank line; plain
text that goes on to the next line or holds `: ` or ` #`; a comment after a
value; quoted text with an escape, an invisible character or over several
lines; `[...]` lists over several lines or of anything but plain words; empty
values; duplicate keys; keys that are not plain words; and a file that is not
a mapping. Tests hold it to the `Builder` (the same data, types and positions,
or a fall back) on every story file in the repository, the hostile corpus, and
generated and mutated files.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from iss.authoring.characters import hidden_character
from iss.authoring.yaml_data import Pos, YList, YMap

NOT_READ: Any = object()
"""What `read_block_yaml` returns for a text outside its subset."""

_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]{0,999}")
"""A key this reader reads: a plain word (libyaml reads a key on one line up to 1,024
characters)."""
_REFUSED = ("\t", "\r", "\x85", "\u2028", "\u2029", "\ufeff", "\ufffe", "\uffff", "\x00")
_PLAIN_START = frozenset("-?:,[]{}#&*!|>%@`'\"")
"""Characters a plain scalar may not start with (a `-` before a digit is let through)."""
_FLOW_REFUSED = frozenset("[]{}:#?\"'&*!|>%@`")
"""Characters a `[...]` list may not hold here but between its `[` and `]` (its words
are plain, split at `,`)."""
_MAX_DEPTH = 32


class _GiveUp(Exception):
    """The text is outside the subset."""


def read_block_yaml(text: str, typed: Callable[[str], Any]) -> Any:
    """The data of a story file's text as the `Builder` builds it, or `NOT_READ`.

    `typed` types a plain scalar (`Builder.typed`)."""
    for char in _REFUSED:
        if char in text:
            return NOT_READ
    try:
        return _Reader(text, typed).document()
    except _GiveUp:
        return NOT_READ


class _Reader:
    def __init__(self, text: str, typed: Callable[[str], Any]) -> None:
        self.lines = text.split("\n")
        self.typed = typed
        self.depth = 0
        self.i = 0
        """The line being read (0-based)."""
        self.offset = 0
        """Where line `i` starts in the text (a character offset)."""
        self.words: set[str] = set()
        """Keys already seen to be plain words."""

    def skip(self) -> int:
        """Move on to the next line that holds something (not blank, not a comment);
        its indent, or -1 at the end of the text."""
        lines, i, offset = self.lines, self.i, self.offset
        total = len(lines)
        while i < total:
            line = lines[i]
            body = line.lstrip(" ")
            if body and body[0] != "#":
                self.i, self.offset = i, offset
                return len(line) - len(body)
            offset += len(line) + 1
            i += 1
        self.i, self.offset = i, offset
        return -1

    def advance(self) -> None:
        self.offset += len(self.lines[self.i]) + 1
        self.i += 1

    def document(self) -> YMap:
        if self.skip() != 0:
            raise _GiveUp  # empty, or not starting at the first column
        if self.lines[self.i].startswith(("---", "...")):
            raise _GiveUp
        data = self.mapping(0, 0)
        if self.skip() >= 0:
            raise _GiveUp
        return data

    def mapping(self, indent: int, column: int) -> YMap:
        """The block mapping whose keys stand at `indent`; the reader is on its first
        line, where the first key stands at `column` (after a `- `, or `indent`)."""
        self.depth += 1
        if self.depth > _MAX_DEPTH:
            raise _GiveUp
        m = YMap((self.i + 1, column + 1))
        key_pos, val_pos = m.key_pos, m.val_pos
        lines, words, typed = self.lines, self.words, self.typed
        total = len(lines)
        pad = " " * indent
        while True:
            line = lines[self.i]
            colon = line.find(":", column)
            if colon < 0:
                raise _GiveUp
            key = line[column:colon]
            if key not in words:
                if not _KEY.fullmatch(key):
                    raise _GiveUp
                words.add(key)
            if key in m:
                raise _GiveUp
            number = self.i + 1
            key_pos[key] = (number, column + 1)
            start = colon + 1
            if start < len(line):
                if line[start] != " ":
                    raise _GiveUp  # `word:text` is one plain scalar
                rest = line[start:].lstrip(" ")
                start = len(line) - len(rest)
            if start == len(line):
                self.offset += len(line) + 1
                self.i = number
                m[key] = self.nested(indent, key, val_pos)
            else:
                val_pos[key] = (number, start + 1)
                if rest[0] in _PLAIN_START:
                    m[key] = self.inline(line, start, indent, m, key)
                else:  # a plain scalar, the most common value: read here
                    text = rest.rstrip(" ")
                    if ": " in text or " #" in text or text[-1] == ":":
                        raise _GiveUp
                    m[key] = text if len(text) > 5 and text[0].isalpha() else typed(text)
                    self.offset += len(line) + 1
                    self.i = number
            # The next line: most often another key of this mapping.
            if self.i < total:
                following_line = lines[self.i]
                if (
                    following_line.startswith(pad)
                    and following_line[indent : indent + 1] not in ("", " ", "#")
                    and indent == column
                ):
                    continue
            following = self.skip()
            if following < indent:
                self.depth -= 1
                return m
            if following > indent:
                raise _GiveUp  # plain text going on to the next line, or a stray line
            column = indent

    def nested(self, indent: int, key: str, val_pos: dict[str, Pos]) -> Any:
        """The value on the lines after `key:`, of a mapping at `indent`."""
        lines = self.lines
        nested = self.skip()
        if nested > indent:
            val_pos[key] = (self.i + 1, nested + 1)
            if lines[self.i].startswith("- ", nested):
                return self.sequence(nested, False)
            return self.mapping(nested, nested)
        if nested == indent and lines[self.i].startswith("- ", nested):
            val_pos[key] = (self.i + 1, nested + 1)
            return self.sequence(nested, True)
        raise _GiveUp  # an empty value

    def sequence(self, indent: int, in_line: bool) -> YList:
        """The block list whose `- ` stand at `indent` (`in_line`: at the indent of
        the key it is the value of, so a key there ends it)."""
        self.depth += 1
        if self.depth > _MAX_DEPTH:
            raise _GiveUp
        seq = YList((self.i + 1, indent + 1))
        append, append_pos = seq.append, seq.item_pos.append
        lines = self.lines
        while True:
            line = lines[self.i]
            if not line.startswith("- ", indent):
                if in_line:
                    break
                raise _GiveUp
            body = indent + 2
            while line[body : body + 1] == " ":
                body += 1
            if body == len(line) or line[body] in "-#":
                raise _GiveUp  # an empty item, a list in a list, or a comment
            append_pos((self.i + 1, body + 1))
            if self.is_key(line, body):
                append(self.mapping(body, body))
            else:
                append(self.scalar(line, body))
                self.advance()
            following = self.skip()
            if following < indent:
                break
            if following > indent:
                raise _GiveUp
        self.depth -= 1
        return seq

    def is_key(self, line: str, start: int) -> bool:
        """Whether a key (a plain word, then `:` and a space or the line's end) starts
        at column `start`."""
        colon = line.find(":", start)
        if colon < 0 or line[colon + 1 : colon + 2] not in ("", " "):
            return False
        key = line[start:colon]
        return key in self.words or _KEY.fullmatch(key) is not None

    def inline(self, line: str, start: int, indent: int, m: YMap, key: str) -> Any:
        """The value written on its key's line, from column `start` (0-based)."""
        first = line[start]
        if first == "|":
            header = line[start:].rstrip(" ")
            if header not in ("|", "|-"):
                raise _GiveUp
            m.block = {**m.block, key: self.offset + start}
            return self.literal(indent, header == "|")
        value = self.flow(line, start) if first == "[" else self.scalar(line, start)
        self.advance()
        return value

    def scalar(self, line: str, start: int) -> Any:
        """A one-line scalar from column `start` to the end of the line."""
        first = line[start]
        if first in "'\"":
            return self.quoted(line, start)
        text = line[start:].rstrip(" ")
        if ": " in text or " #" in text or text[-1] == ":":
            raise _GiveUp
        if first in _PLAIN_START and not (first == "-" and text[1:2].isdigit()):
            raise _GiveUp
        return text if len(text) > 5 and text[0].isalpha() else self.typed(text)

    def quoted(self, line: str, start: int) -> str:
        """A quoted scalar that ends on its line, with no escape and nothing after it."""
        quote = line[start]
        close = line.find(quote, start + 1)
        if close < 0 or line[close + 1 :].strip(" "):
            raise _GiveUp
        text = line[start + 1 : close]
        if quote == '"' and ("\\" in text or hidden_character(text) is not None):
            raise _GiveUp  # what the `Builder` checks escapes for
        return text

    def flow(self, line: str, start: int) -> YList:
        """A one-line `[a, b, c]` of plain words."""
        end = len(line.rstrip(" ")) - 1
        inside = line[start + 1 : end]
        if line[end] != "]" or (inside and not inside.strip(" ")):
            raise _GiveUp
        if not _FLOW_REFUSED.isdisjoint(inside):
            raise _GiveUp
        seq = YList((self.i + 1, start + 1))
        if not inside:
            return seq
        append, append_pos = seq.append, seq.item_pos.append
        number, at, typed = self.i + 1, start + 1, self.typed
        for item in inside.split(","):
            text = item.strip(" ")
            if not text or (text[0] == "-" and not text[1:2].isdigit()):
                raise _GiveUp
            append_pos((number, at + len(item) - len(item.lstrip(" ")) + 1))
            append(text if len(text) > 5 and text[0].isalpha() else typed(text))
            at += len(item) + 1
        return seq

    def literal(self, indent: int, clip: bool) -> str:
        """A `|` (clip) or `|-` (strip) text, from the line after its header."""
        self.advance()
        lines, start = self.lines, self.i
        total = len(lines)
        if start >= total:
            raise _GiveUp
        first = lines[start]
        block = len(first) - len(first.lstrip(" "))
        if block <= indent or block == len(first):
            raise _GiveUp  # empty, or starting with a blank line
        pad = " " * block
        body: list[str] = []
        i = kept = start
        while i < total:
            line = lines[i]
            if not line.strip(" "):
                if len(line) > block:
                    raise _GiveUp  # spaces past the indent on a blank line
                body.append("")
            elif line.startswith(pad):
                body.append(line[block:])
                kept = i + 1
            else:
                break
            i += 1
        del body[kept - start :]  # blank lines after the text
        while self.i < kept:
            self.advance()
        text = "\n".join(body)
        # A text on the file's last line, with no line break after it, ends without one.
        return text + "\n" if clip and kept < total else text
