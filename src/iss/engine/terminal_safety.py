"""Making untrusted strings safe to show on a terminal.

Story files, saves and the player's profile are input: a title or a save's
excerpt may hold an escape sequence that clears the screen (`ESC [2J`), sets
the window title (`ESC ]0;…`), plants a hidden link (OSC 8), or a bidi
override that shows a line in another order than it is stored. Every front
end passes such strings through `safe_for_terminal` (or `safe_line` for a
one-line field) just before they are written.

What is done, character by character, so no escape sequence can start:

- C0 controls (below U+0020) except newline and tab, and DEL, become their
  visible Unicode "control picture" (ESC shows as `␛`, NUL as `␀`, DEL as `␡`);
  the rest of an escape sequence is then plain, harmless text (`␛[2J`).
- C1 controls (U+0080 to U+009F: `\\x9b` is a one-character CSI) and bidi
  controls (overrides, embeddings, isolates, marks) become `�` (U+FFFD).
- Invisible format characters that only hide or disguise text (zero-width
  space, word joiner, BOM, interlinear annotations) are removed. The
  zero-width joiner and non-joiner stay: emoji and several scripts need them.
- Line and paragraph separators (U+2028, U+2029) become a newline.
- Lone surrogates (how Python holds a byte of a file name or argument that is
  not UTF-8) become `�`: they have no UTF-8 form, so writing one would fail.

`safe_line` also turns newlines and tabs into spaces, for fields that must
stay on one line (a title, a name, a save's excerpt); `clipped_line` also
cuts such a field to a length, for lists where it must not wrap.

The loader uses the same character classes to refuse such characters in
story files (see `control_name`).
"""

from __future__ import annotations

CONTROL_PICTURE_BASE = 0x2400
"""U+2400 SYMBOL FOR NULL; U+2400 + n pictures C0 control n."""

REPLACEMENT = "\ufffd"

C0_CONTROLS = frozenset(chr(n) for n in range(0x20)) - {"\n", "\t"}
"""Below U+0020, except newline and tab."""

DELETE = "\x7f"

C1_CONTROLS = frozenset(chr(n) for n in range(0x80, 0xA0))

BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
"""Arabic letter mark, LRM/RLM, embeddings and overrides (LRE…RLO), isolates (LRI…PDI)."""

ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")
"""Zero-width space, non-joiner, joiner, word joiner, byte order mark."""

_REMOVED = frozenset("\u200b\u2060\ufeff\ufff9\ufffa\ufffb")
"""Invisible characters dropped from shown text (ZWJ and ZWNJ are kept)."""

_LINE_BREAKS = frozenset("\u2028\u2029")

_NAMES = {
    0x00: "NUL",
    0x07: "BEL",
    0x08: "BS",
    0x0B: "VT",
    0x0C: "FF",
    0x0D: "CR",
    0x1B: "ESC",
    0x7F: "DEL",
    0x9B: "CSI",
    0x9D: "OSC",
    0x200B: "ZERO WIDTH SPACE",
    0x200C: "ZERO WIDTH NON-JOINER",
    0x200D: "ZERO WIDTH JOINER",
    0x2060: "WORD JOINER",
    0xFEFF: "ZERO WIDTH NO-BREAK SPACE",
    0x202A: "LEFT-TO-RIGHT EMBEDDING",
    0x202B: "RIGHT-TO-LEFT EMBEDDING",
    0x202C: "POP DIRECTIONAL FORMATTING",
    0x202D: "LEFT-TO-RIGHT OVERRIDE",
    0x202E: "RIGHT-TO-LEFT OVERRIDE",
    0x2066: "LEFT-TO-RIGHT ISOLATE",
    0x2067: "RIGHT-TO-LEFT ISOLATE",
    0x2068: "FIRST STRONG ISOLATE",
    0x2069: "POP DIRECTIONAL ISOLATE",
    0x200E: "LEFT-TO-RIGHT MARK",
    0x200F: "RIGHT-TO-LEFT MARK",
    0x061C: "ARABIC LETTER MARK",
}


def _table(one_line: bool) -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for ch in C0_CONTROLS:
        table[ord(ch)] = chr(CONTROL_PICTURE_BASE + ord(ch))
    table[ord(DELETE)] = "\u2421"
    for ch in C1_CONTROLS | BIDI_CONTROLS:
        table[ord(ch)] = REPLACEMENT
    for n in range(0xD800, 0xE000):  # a byte that was not UTF-8, in a path or an argument
        table[n] = REPLACEMENT
    for ch in _REMOVED:
        table[ord(ch)] = None
    for ch in _LINE_BREAKS:
        table[ord(ch)] = " " if one_line else "\n"
    if one_line:
        table[ord("\n")] = " "
        table[ord("\t")] = " "
    return table


_MULTI_LINE = _table(one_line=False)
_ONE_LINE = _table(one_line=True)


def safe_for_terminal(text: str) -> str:
    """`text` with every terminal control made visible or removed; newlines and tabs kept."""
    flat = text.replace("\n", " ")
    if "\t" in flat:
        flat = flat.replace("\t", " ")
    if flat.isprintable():
        return text  # every character the table changes is unprintable: nothing to change
    return text.translate(_MULTI_LINE)


def safe_line(text: str) -> str:
    """Like `safe_for_terminal`, and newlines and tabs become spaces: for one-line fields."""
    if text.isprintable():
        return text  # as above (newlines and tabs are unprintable too)
    return text.translate(_ONE_LINE)


def clipped_line(text: str, limit: int) -> str:
    """`safe_line(text)` cut to at most `limit` characters, ending in `…` when cut:
    for a field from a save or profile that must not wrap over many lines."""
    line = safe_line(text)
    if len(line) <= limit:
        return line
    return line[: max(limit - 1, 0)].rstrip() + "…"


_SURROGATES = tuple(chr(n) for n in range(0xD800, 0xE000))
"""Only a lone surrogate from JSON input (`"\\ud800"`) can be in a string: it has no
UTF-8 form, so written raw it would stop the output with an encoding error."""

_JSON_ESCAPES = {
    ord(ch): f"\\u{ord(ch):04x}"
    for ch in (DELETE, *C1_CONTROLS, *BIDI_CONTROLS, *_REMOVED, *_LINE_BREAKS, *_SURROGATES)
}


def json_escape_controls(document: str) -> str:
    """A JSON document with DEL, C1, bidi, invisible characters and lone surrogates
    written as `\\uXXXX`.

    `json.dumps(..., ensure_ascii=False)` escapes only C0 controls; these others
    can only occur inside strings, where the escape means the same character.
    """
    return document.translate(_JSON_ESCAPES)


def is_control(ch: str) -> bool:
    """True for a C0 control other than newline and tab, DEL, or a C1 control."""
    return ch in C0_CONTROLS or ch == DELETE or ch in C1_CONTROLS


def control_name(ch: str) -> str:
    """How a diagnostic names a character it refuses: `U+001B (ESC)`."""
    code = ord(ch)
    name = _NAMES.get(code)
    return f"U+{code:04X} ({name})" if name else f"U+{code:04X}"
