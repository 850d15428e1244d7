"""A generated corpus of hostile story files: every attack in every place it fits.

Each `Case` is a small story (the base story of tests/conftest.py with one
value replaced) and the file and line where `iss check` must report it. The
cases are the cross product of *places* (every field the format reads, by the
kind of value it takes) and *attacks* (what an attacker or a careless author
writes there), so the corpus grows with both lists; `CASES` holds them all.
"""

from __future__ import annotations

from dataclasses import dataclass

from iss.engine.limits import MAX_EXPRESSION_DEPTH, MAX_FRAGMENT_DEPTH

MANIFEST = """\
title: @title@
subtitle: @subtitle@
start: a
trust: {min: @trust_min@, max: 10}
characters:
  kira: {name: Dr. Kira Foster, side: US, player: true}
  alexey:
    name: @name@
    short: @short@
    side: @side@
    trust: @trust@
  nicholai: {name: Nicholai Pulov, side: RU, trust: 2}
crew_trust:
  alexey-nicholai: @crew_trust@
variables:
  fuel:
    type: int
    min: @var_min@
    max: 50
    default: @var_default@
  mood: {type: text, values: [calm, angry], default: calm}
flags:
  met: @flag@
items:
  key: @item@
  badge: {name: Badge, description: @item_description@}
clock:
  reentry:
    label: @timer_label@
    start: @timer_start@
    expires: burn
    while: @timer_while@
endings:
  good: {title: @ending_title@, kind: good, canonical: true, hint: @ending_hint@}
  burn: {title: Burn, kind: failure}
"""

SCENES = """\
scenes:
  a:
    title: @scene_title@
    location: @location@
    text: @text@
    time: @scene_time@
    choices:
      - text: @choice_text@
        reason: @reason@
        when: @when@
        do: @do@
        time: @choice_time@
        go: b
      - text: Wait
        go: b
  b:
    title: B
    text: End.
    ending: good
  burn:
    title: Burn
    text: Fire.
    ending: burn
"""

DEFAULTS = {
    "title": "Test",
    "subtitle": "A test",
    "trust_min": "0",
    "name": "Alexey Pulov",
    "short": "Alexey",
    "side": "RU",
    "trust": "4",
    "crew_trust": "8",
    "var_min": "0",
    "var_default": "2",
    "flag": "You met Alexey.",
    "item": "Weronika's key",
    "item_description": "A key.",
    "timer_label": "to reentry",
    "timer_start": "2h",
    "timer_while": "fuel >= 0",
    "ending_title": "Good",
    "ending_hint": "Go home.",
    "scene_title": "A",
    "location": "Node 1",
    "text": "Start.",
    "scene_time": "5m",
    "choice_text": "Go on",
    "reason": "not yet",
    "when": "fuel >= 0",
    "do": "fuel += 1",
    "choice_time": "10m",
}

TEXT_PLACES = (
    "title",
    "subtitle",
    "name",
    "short",
    "side",
    "flag",
    "item",
    "item_description",
    "timer_label",
    "ending_title",
    "ending_hint",
    "scene_title",
    "location",
    "text",
    "choice_text",
    "reason",
)
NUMBER_PLACES = ("trust_min", "trust", "crew_trust", "var_min", "var_default")
DURATION_PLACES = ("timer_start", "scene_time", "choice_time")
CONDITION_PLACES = ("when", "timer_while")
EFFECT_PLACES = ("do",)

_HUGE_HEX = "0x" + "f" * 3000
_HUGE_B60 = "1" + ":59" * 2000
_DIGITS = "9" * 5000
_DEEP = MAX_EXPRESSION_DEPTH + 50


def _quoted(text: str) -> str:
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
    "huge-hex": _HUGE_HEX,
    "huge-base60": _HUGE_B60,
    "5000-digits": _DIGITS,
    "over-limit": "1000000000001",
    "under-limit": "-1000000000001",
    "superscript": '"²"',
    "float-inf": "1e400",
}
BAD_DURATIONS = {
    "5000-digits": _DIGITS,
    "5000-digit-minutes": _DIGITS + "m",
    "5000-digit-hours": _DIGITS + "h",
    "superscript": '"²"',
    "superscript-minutes": '"²m"',
    "arabic-digits": '"٣m"',
    "too-long": "1000000m",
    "hex": _HUGE_HEX,
    "negative": "-5m",
}
BAD_CONDITIONS = {
    "deep-plus": "fuel" + " + 1" * _DEEP + " > 0",
    "deep-minus": "fuel > " + "- " * _DEEP + "1",
    "deep-not": "not " * _DEEP + "fuel > 0",
    "deep-times": "fuel" + " * 1" * _DEEP + " > 0",
    "deep-parens": "(" * 300 + "fuel > 0" + ")" * 300,
    "huge-literal": "fuel + " + "9" * 400 + " > 0",
    "5000-digit-literal": "fuel > " + _DIGITS,
    "hex-literal": "fuel > " + _HUGE_HEX,
    "huge-duration": "clock.reentry > " + _DIGITS + "m",
    "superscript": "fuel > ²",
    "control-in-expression": "fuel > 0 \x1b[2J",
    "unknown-name": "fuell > 0",
}
BAD_EFFECTS = {
    "deep-plus": "fuel = fuel" + " + 1" * _DEEP,
    "huge-literal": "fuel += " + "9" * 400,
    "hex-literal": "fuel = " + _HUGE_HEX,
    "square-huge": "fuel = fuel * 1000000000000",
}
BAD_TEXTS = {
    "nested-if": "{if fuel > 0: " * (MAX_FRAGMENT_DEPTH + 5) + "x" + "}" * (MAX_FRAGMENT_DEPTH + 5),
    "very-nested-if": "{if fuel > 0: " * 600 + "x" + "}" * 600,
    "second-pipe": "{if fuel > 0: a | b | c}",
    "deep-interpolation": "{fuel" + " * 1000000000" * _DEEP + "}",
    "huge-interpolation": "{fuel * " + "9" * 400 + "}",
    "unclosed": "{if fuel > 0: a",
}


@dataclass(frozen=True)
class Case:
    """One hostile story and where its first error must be reported."""

    name: str
    manifest: str
    scenes: str
    file: str
    line: int


def _build(place: str, snippet: str, name: str) -> Case:
    values = dict(DEFAULTS)
    values[place] = snippet
    in_manifest = f"@{place}@" in MANIFEST
    template = MANIFEST if in_manifest else SCENES
    line = template[: template.index(f"@{place}@")].count("\n") + 1
    manifest, scenes = MANIFEST, SCENES
    for key, value in values.items():
        manifest = manifest.replace(f"@{key}@", value)
        scenes = scenes.replace(f"@{key}@", value)
    return Case(name, manifest, scenes, "story.yaml" if in_manifest else "scenes.yaml", line)


def _cases() -> list[Case]:
    cases: list[Case] = []
    for place in TEXT_PLACES:
        for attack, raw in CONTROLS.items():
            cases.append(_build(place, _quoted(raw), f"{place}:{attack}"))
        cases.append(_build(place, "ok " + CONTROLS["esc-csi"], f"{place}:plain-esc"))
        for attack, snippet in ESCAPES.items():
            cases.append(_build(place, snippet, f"{place}:{attack}"))
        for attack, snippet in WRONG_SHAPES.items():
            cases.append(_build(place, snippet, f"{place}:{attack}"))
    for place in NUMBER_PLACES:
        for attack, snippet in {**BAD_NUMBERS, **WRONG_SHAPES}.items():
            cases.append(_build(place, snippet, f"{place}:{attack}"))
    for place in DURATION_PLACES:
        for attack, snippet in {**BAD_DURATIONS, **WRONG_SHAPES}.items():
            cases.append(_build(place, snippet, f"{place}:{attack}"))
    for place in CONDITION_PLACES:
        for attack, text in BAD_CONDITIONS.items():
            cases.append(_build(place, _quoted(text), f"{place}:{attack}"))
    for place in EFFECT_PLACES:
        for attack, text in {**BAD_EFFECTS, "control": "fuel += 1\x07"}.items():
            cases.append(_build(place, _quoted(text), f"{place}:{attack}"))
    for place in ("text", "choice_text"):
        for attack, text in BAD_TEXTS.items():
            cases.append(_build(place, _quoted(text), f"{place}:{attack}"))
    return cases


CASES = _cases()
"""Every generated case (several hundred)."""

CLEAN = _build("title", DEFAULTS["title"], "clean")
"""The base story with nothing replaced: it must load without errors."""
