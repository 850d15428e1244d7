"""What an attacker or a careless author writes, by the kind of value it goes in.

The corpus (corpus.py) puts each of these in every place of its kind.
"""

from __future__ import annotations

from iss.engine.limits import (
    MAX_EXPRESSION_DEPTH,
    MAX_FRAGMENT_DEPTH,
    MAX_ID_CHARS,
    MAX_TEXT_CHARS,
)

HUGE_HEX = "0x" + "f" * 3000
HUGE_B60 = "1" + ":59" * 2000
DIGITS = "9" * 5000
DEEP = MAX_EXPRESSION_DEPTH + 50


def quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar (backslashes and quotes escaped, nothing else)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


CONTROLS = {
    "esc-csi": "\x1b[2J",
    "osc-title": "\x1b]0;pwned\x07",
    "osc8-link": "\x1b]8;;http://x\x1b\\link",
    "nul": "a\x00b",
    "del": "a\x7fb",
    "c1-csi": "\x9b31m",
    "bell": "ding\x07",
    "lone-cr": "over\rwrite",
    "backspace": "ab\x08c",
    "noncharacter": "a\ufffeb",
}
ESCAPES = {
    "escaped-esc": r'"\e[2J"',
    "escaped-hex": r'"\x1b]0;t\x07"',
    "escaped-c1": r'"\x9b1m"',
    "escaped-nul": r'"a\0b"',
    "escaped-nel": r'"a\Nb"',
}
WRONG_SHAPES = {"mapping": "{a: b}", "list": "[a, b]", "nested": "[[{a: [b]}]]"}
BAD_NUMBERS = {
    "huge-hex": HUGE_HEX,
    "huge-base60": HUGE_B60,
    "5000-digits": DIGITS,
    "over-limit": "1000000000001",
    "under-limit": "-1000000000001",
    "superscript": '"²"',
    "float-inf": "1e400",
}
BAD_DURATIONS = {
    "5000-digits": DIGITS,
    "5000-digit-minutes": DIGITS + "m",
    "5000-digit-hours": DIGITS + "h",
    "superscript": '"²"',
    "superscript-minutes": '"²m"',
    "arabic-digits": '"٣m"',
    "too-long": "1000000m",
    "hex": HUGE_HEX,
    "negative": "-5m",
}
BAD_CONDITIONS = {
    "deep-plus": "fuel" + " + 1" * DEEP + " > 0",
    "deep-minus": "fuel > " + "- " * DEEP + "1",
    "deep-not": "not " * DEEP + "fuel > 0",
    "deep-times": "fuel" + " * 1" * DEEP + " > 0",
    "deep-parens": "(" * 300 + "fuel > 0" + ")" * 300,
    "huge-literal": "fuel + " + "9" * 400 + " > 0",
    "5000-digit-literal": "fuel > " + DIGITS,
    "hex-literal": "fuel > " + HUGE_HEX,
    "huge-duration": "clock.reentry > " + DIGITS + "m",
    "superscript": "fuel > ²",
    "control-in-expression": "fuel > 0 \x1b[2J",
    "unknown-name": "fuell > 0",
}
BAD_EFFECTS = {
    "deep-plus": "fuel = fuel" + " + 1" * DEEP,
    "huge-literal": "fuel += " + "9" * 400,
    "hex-literal": "fuel = " + HUGE_HEX,
    "square-huge": "fuel = fuel * 1000000000000",
}
BAD_TEXTS = {
    "nested-if": "{if fuel > 0: " * (MAX_FRAGMENT_DEPTH + 5) + "x" + "}" * (MAX_FRAGMENT_DEPTH + 5),
    "very-nested-if": "{if fuel > 0: " * 600 + "x" + "}" * 600,
    "second-pipe": "{if fuel > 0: a | b | c}",
    "deep-interpolation": "{fuel" + " * 1000000000" * DEEP + "}",
    "huge-interpolation": "{fuel * " + "9" * 400 + "}",
    "unclosed": "{if fuel > 0: a",
    "too-long": "{fuel} " * (MAX_TEXT_CHARS // 7 + 1),
    "unknown-name": "{fuell}",
    "emphasis-unclosed": "**a",
}


# -- added with format 2 and branch files ----------------------------------

_LONG_ID = "x" * (MAX_ID_CHARS + 1)

BAD_IDS = {
    "bidi": '"go\u202eon"',
    "zero-width": '"go\u200bon"',
    "word-joiner": '"go\u2060on"',
    "bom": '"go\ufeffon"',
    "escaped-esc": r'"go\e[2J"',
    "uppercase": "GoOn",
    "space": '"go on"',
    "leading-digit": '"1go"',
    "cyrillic-o": "g\u043e_on",
    "fullwidth": "\uff47\uff4f",
    "dash": "go-on",
    "too-long": _LONG_ID,
    "empty": '""',
}
"""Ids, as keys or values. Words YAML reads as yes/no or null are wrong too, but only as
values (a key stays text): `KEY_SAFE` leaves them out where an id is a key."""
VALUE_ONLY_IDS = {"yaml-bool": "on", "null": "~", "number": "12", "list": "[a]", "map": "{a: b}"}

BAD_BOOLEANS = {
    "word": "maybe",
    "list": "[true]",
    "number": "1",
    "map": "{a: b}",
    "null": "~",
    "text": '"yes please"',
}
BAD_REFERENCES = {
    "missing": "nowhere",
    "near-miss": "subb",
    "return": "return",
    "list": "[sub, b]",
    "map": "{sub: b}",
    "escaped-esc": r'"s\e[2Jub"',
    "bidi": '"s\u202eub"',
    "too-long": _LONG_ID,
}
"""What `call:`, `- group:` and `extend:` name: a scene or group that is not there."""

BAD_VARIATIONS = {
    "deep-variation": "{sequence: " * 600 + "x" + "}" * 600,
    "variation-past-limit": "{cycle: a | " * (MAX_FRAGMENT_DEPTH + 1)
    + "x"
    + "}" * (MAX_FRAGMENT_DEPTH + 1),
    "if-and-variation-deep": "{if fuel > 0: {once: " * 15 + "x" + "}}" * 15,
    "unknown-kind": "{shuffel: a | b}",
    "unclosed": "{once: a | b",
    "control-in-item": "{cycle: a | \x1b[2J}",
    "brace-in-item": "{sequence: a } b | c}",
}
BAD_WALKTHROUGHS = {
    "list": "[hide]",
    "text": "hide",
    "choices-map": "{ending: bend, choices: {a: b}}",
    "nested-choices": "{ending: bend, choices: [[hide]]}",
    "too-many": "{ending: bend, choices: [" + ", ".join(["hide"] * 10_001) + "]}",
    "missing-from": "{from: nowhere, ending: bend, choices: [hide]}",
    "from-itself": "{from: bw, ending: bend, choices: [hide]}",
    "missing-ending": "{ending: nope, choices: [hide]}",
    "escaped-choice": r'{ending: bend, choices: ["\e[2J"]}',
    "long-choice": "{ending: bend, choices: [" + _LONG_ID * 6 + "]}",
    "unknown-key": "{ending: bend, choices: [hide], chioces: [x]}",
}
BAD_PROPERTIES = {
    "list": "[a]",
    "at-map": "{at: {a: b}, always: heat >= 0}",
    "at-missing": "{at: nowhere, always: heat >= 0}",
    "unknown-kind": "{at: bx, sometimes: heat >= 0}",
    "deep": "{at: bx, always: " + quoted("not " * 500 + "heat > 0") + "}",
    "huge-number": "{at: bx, always: " + quoted("heat > " + DIGITS) + "}",
    "control": "{at: bx, always: " + quoted("heat > 0\x07") + "}",
}
BAD_ENDINGS = {
    "list": "[bend]",
    "text": "Bend",
    "kind-control": r'{title: B, kind: "\e", hint: h}',
    "title-control": r'{title: "B\e[2J", kind: quiet, hint: h}',
    "canonical-twice": "{title: B, kind: quiet, hint: h, canonical: true}",
    "hint-map": "{title: B, kind: quiet, hint: {a: b}}",
}
BAD_DECLARATIONS = {
    "flag-map": ("branch_flag", "{a: b}"),
    "flag-list": ("branch_flag", "[a, b]"),
    "item-list": ("branch_item", "[a, b]"),
    "item-name-list": ("branch_item", "{name: [x]}"),
    "variable-text-default": ("branch_var", "{type: text, values: [a, b], default: c}"),
    "variable-huge-max": ("branch_var", "{type: int, min: 0, max: " + HUGE_HEX + "}"),
    "variable-type": ("branch_var", "{type: float}"),
    "variable-list": ("branch_var", "[int]"),
    "variable-twice": ("branch_var_name", "fuel"),
    "flag-twice": ("branch_flag_name", "met"),
    "endings-as-list": ("branch_endings", "[bend]"),
}
BAD_FACT_SAYS = {
    "mapping": "{a: b}",
    "nested": "[[a]]",
    "empty-list": "[]",
    "null": "~",
    "empty": '""',
    "no-word": '"?!"',
    "no-word-item": "[the torch, '...']",
    "number-list": "[torch, {a: 1}]",
    "interpolation": "['{alexey} knows']",
    "emphasis": "[the torch, '*torch*']",
}
"""A fact's `says:`: one phrase or a list of them, each holding a word to look for."""
