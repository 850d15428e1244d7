"""Characters a story file may not hold, each reported at its line and column.

A story's text reaches the player's terminal, so the loader refuses:

- control characters (E106, an error): below U+0020 except newline and tab
  (a carriage return only as part of a CRLF line ending), DEL, and the C1
  range U+0080 to U+009F. An escape sequence such as `ESC [2J` starts with one.
- bidi controls and zero-width characters (W106, a warning): they make text
  read differently from what is stored ("Trojan Source"). In an id they are an
  error, because an id must be plain lowercase letters (E114, `Fields.check_id`).
  A zero-width joiner or non-joiner between two non-ASCII letters is left
  alone: emoji sequences and several scripts need them.

Raw characters are found by one scan of the file's text; a double-quoted YAML
scalar can also make them with an escape (`"\\e[2J"`, `"\\u202e"`), so the
reader checks those values too (`check_escaped`), at the scalar's position.
"""

from __future__ import annotations

import re

from iss.authoring.diagnostics import Report
from iss.engine.terminal_safety import control_name, is_control

_CONTROL = re.compile("\r(?!\n)|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_INVISIBLE = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")
_HIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]"
)
"""Either kind, in a value (where a CR is never a line ending)."""
_ASCII_CONTROLS = "".join(map(chr, [*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F]))
_C1_CONTROLS = "".join(map(chr, range(0x80, 0xA0)))
"""Every character `_CONTROL` may match, a CR of a CRLF too (`_may_hold_control`)."""

_JOINERS = "\u200c\u200d"

MAX_REPORTED = 10
"""Of each kind per file; the rest are counted in one more diagnostic."""

CONTROL_HINT = (
    "delete it: story files hold plain text, and a control character can "
    "rewrite the player's terminal (show invisible characters in your editor to find it)"
)
INVISIBLE_HINT = (
    "delete it unless you mean it: it changes how the text reads without showing itself"
)


def _position(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _is_joining(text: str, index: int) -> bool:
    """A ZWJ/ZWNJ between two non-ASCII, non-space characters (an emoji, a script)."""
    if text[index] not in _JOINERS or index == 0 or index + 1 >= len(text):
        return False
    before, after = text[index - 1], text[index + 1]
    return not (before.isascii() or after.isascii() or before.isspace() or after.isspace())


def _may_hold_control(text: str) -> bool:
    """Whether `text` holds any character `_CONTROL` may match (a CR of a CRLF too).

    One `in` per character: each is a C scan for a single character, which is many
    times faster over a large file than a regex's character class (0.5 against
    13 ms for 770 KB), and an ASCII text can hold no C1 control."""
    for char in _ASCII_CONTROLS:
        if char in text:
            return True
    if text.isascii():
        return False
    return any(char in text for char in _C1_CONTROLS)


def check_text(text: str, shown: str, report: Report) -> bool:
    """Report hidden characters in a file's text. False when it has control characters."""
    controls = [m.start() for m in _CONTROL.finditer(text)] if _may_hold_control(text) else []
    for index in controls[:MAX_REPORTED]:
        report.add(
            "E106",
            shown,
            *_position(text, index),
            f"the control character {control_name(text[index])} is not allowed in a story file",
            CONTROL_HINT,
        )
    if len(controls) > MAX_REPORTED:
        report.add(
            "E106",
            shown,
            *_position(text, controls[MAX_REPORTED]),
            f"and {len(controls) - MAX_REPORTED} more control characters after this point",
            CONTROL_HINT,
        )
    invisible = [  # every invisible character is outside ASCII
        m.start()
        for m in ([] if text.isascii() else _INVISIBLE.finditer(text))
        if not _is_joining(text, m.start())
    ]
    for index in invisible[:MAX_REPORTED]:
        report.add(
            "W106",
            shown,
            *_position(text, index),
            f"the invisible character {control_name(text[index])}",
            INVISIBLE_HINT,
        )
    if len(invisible) > MAX_REPORTED:
        report.add(
            "W106",
            shown,
            *_position(text, invisible[MAX_REPORTED]),
            f"and {len(invisible) - MAX_REPORTED} more invisible characters after this point",
            INVISIBLE_HINT,
        )
    return not controls


def hidden_character(value: str) -> str | None:
    """The first control, bidi or zero-width character in a value, or None."""
    for match in _HIDDEN.finditer(value):
        if not _is_joining(value, match.start()):
            return match.group()
    return None


def check_escaped(value: str, shown: str, pos: tuple[int, int], report: Report) -> bool:
    """Report a hidden character a double-quoted scalar made with an escape.

    False when it is a control character (an error)."""
    found = hidden_character(value)
    if found is None:
        return True
    if is_control(found):
        report.add(
            "E106",
            shown,
            *pos,
            f"an escape in this quoted text makes the control character {control_name(found)}",
            "remove the escape (such as \\e, \\x1b or \\u001b): story text is plain text",
        )
        return False
    report.add(
        "W106",
        shown,
        *pos,
        f"an escape in this quoted text makes the invisible character {control_name(found)}",
        INVISIBLE_HINT,
    )
    return True
