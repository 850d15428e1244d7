"""A generated corpus of hostile story files: every attack in every place it fits.

Each `Case` is a small story (a manifest, a scene file and a branch file, with
one value replaced) and the file and line where `iss check` must report it.
The cases are the cross product of *places* (every field the format reads, by
the kind of value it takes: texts, ids, numbers, durations, conditions,
effects, yes/no values, references, walkthroughs, properties, endings) and
*attacks* (corpus_attacks.py: what an attacker or a careless author writes
there), so the corpus grows with both lists; `CASES` holds them all.
"""

from __future__ import annotations

from dataclasses import dataclass

from tests.hostile.corpus_attacks import (
    BAD_BOOLEANS,
    BAD_CONDITIONS,
    BAD_DECLARATIONS,
    BAD_DURATIONS,
    BAD_EFFECTS,
    BAD_ENDINGS,
    BAD_FACT_SAYS,
    BAD_IDS,
    BAD_NUMBERS,
    BAD_PROPERTIES,
    BAD_REFERENCES,
    BAD_TEXTS,
    BAD_VARIATIONS,
    BAD_WALKTHROUGHS,
    CONTROLS,
    ESCAPES,
    VALUE_ONLY_IDS,
    WRONG_SHAPES,
    quoted,
)

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
  @flag_id@: @flag@
items:
  @item_id@: @item@
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
groups:
  @group_name@:
    - id: @group_choice_id@
      text: @group_choice_text@
      once: @once@
      call: @call@
      go: a
scenes:
  a:
    title: @scene_title@
    location: @location@
    text: @text@
    time: @scene_time@
    choices:
      - id: @choice_id@
        text: @choice_text@
        reason: @reason@
        when: @when@
        do: @do@
        time: @choice_time@
        go: b
      - group: @group@
      - text: Wait
        go: b
      - fallback: @fallback@
        go: b
  @scene_id@:
    title: Sub
    text: The radio crackles with her answer.
    next: return
  b:
    title: B
    text: End.
    ending: good
  burn:
    title: Burn
    text: Fire.
    ending: burn
"""

BRANCH = """\
flags:
  @branch_flag_name@: @branch_flag@
items:
  torch: @branch_item@
variables:
  @branch_var_name@: @branch_var@
extend:
  @extend_scene@:
    choices:
      - id: @extend_id@
        text: @extend_text@
        when: @extend_when@
        go: bx
facts:
  @fact_name@:
    says: @fact_says@
    known: @fact_known@
    hint: @fact_hint@
scenes:
  bx:
    title: Branch
    text: The branch goes its own way home.
    mentions_unknown: @mention@
    ending: bend
endings: @branch_endings@
walkthroughs:
  bw: @walk@
properties:
  p1: @prop@
"""
"""A branch file (branches/b.yaml): what a fan's new route adds, in its own file."""

FILES = {"story.yaml": MANIFEST, "scenes.yaml": SCENES, "branches/b.yaml": BRANCH}

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
    "flag_id": "met",
    "flag": "You met Alexey.",
    "item_id": "key",
    "item": "Weronika's key",
    "item_description": "A key.",
    "timer_label": "to reentry",
    "timer_start": "2h",
    "timer_while": "fuel >= 0",
    "ending_title": "Good",
    "ending_hint": "Go home.",
    "group_name": "radio",
    "group_choice_id": "ask",
    "group_choice_text": "Ask her",
    "once": "true",
    "call": "sub",
    "scene_title": "A",
    "location": "Node 1",
    "text": "Start.",
    "scene_time": "5m",
    "choice_id": "go_on",
    "choice_text": "Go on",
    "reason": "not yet",
    "when": "fuel >= 0",
    "do": "fuel += 1",
    "choice_time": "10m",
    "group": "radio",
    "fallback": "true",
    "scene_id": "sub",
    "branch_flag_name": "hid",
    "branch_flag": "You hid it.",
    "branch_item": "Torch",
    "branch_var_name": "heat",
    "branch_var": "{type: int, min: 0, max: 5}",
    "extend_scene": "a",
    "extend_id": "hide",
    "extend_text": "Hide",
    "extend_when": "heat >= 0",
    "branch_endings": '\n  bend: {title: Bend, kind: quiet, hint: "Where?"}',
    "walk": "{ending: bend, choices: [hide]}",
    "prop": "{at: bx, always: heat >= 0}",
    "fact_name": "radio_fact",
    "fact_says": "[the torch, radio silence]",
    "fact_known": "heat >= 0",
    "fact_hint": "Warm the torch first.",
    "mention": "[radio_fact]",
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
    "group_choice_text",
    "branch_flag",
    "branch_item",
    "extend_text",
    "fact_hint",
)
TEMPLATE_PLACES = ("text", "choice_text", "reason", "group_choice_text", "extend_text")
"""Texts that are templates: `{if …}`, names and variations (a lock reason too)."""
NUMBER_PLACES = ("trust_min", "trust", "crew_trust", "var_min", "var_default")
DURATION_PLACES = ("timer_start", "scene_time", "choice_time")
CONDITION_PLACES = ("when", "timer_while", "extend_when", "fact_known")
EFFECT_PLACES = ("do",)
KEY_ID_PLACES = ("flag_id", "item_id", "group_name", "scene_id", "branch_flag_name", "fact_name")
"""Ids written as a mapping's key."""
VALUE_ID_PLACES = ("choice_id", "group_choice_id", "extend_id")
BOOLEAN_PLACES = ("once", "fallback")
REFERENCE_PLACES = ("call", "group", "extend_scene", "mention")
"""Names of things declared elsewhere (`mention` is a scene's `mentions_unknown:`)."""


@dataclass(frozen=True)
class Case:
    """One hostile story and where its first error must be reported."""

    name: str
    files: dict[str, str]
    """File name (under the story folder) -> text."""
    file: str
    line: int


def _build(place: str, snippet: str, name: str) -> Case:
    """The base story with `snippet` at `place`."""
    values = {**DEFAULTS, place: _MARK}
    files = {}
    for file, text in FILES.items():
        for key, value in values.items():
            text = text.replace(f"@{key}@", value)
        files[file] = text
    where = next(file for file, text in files.items() if _MARK in text)
    text = files[where]
    line = text[: text.index(_MARK)].count("\n") + 1 + snippet[:1].count("\n")
    files = {file: text.replace(_MARK, snippet) for file, text in files.items()}
    return Case(name, files, where, line)


_MARK = "\0PLACE\0"


def _each(places: tuple[str, ...], attacks: dict[str, str], wrap: bool = False) -> list[Case]:
    return [
        _build(place, quoted(text) if wrap else text, f"{place}:{attack}")
        for place in places
        for attack, text in attacks.items()
    ]


def _cases() -> list[Case]:
    cases: list[Case] = []
    for place in TEXT_PLACES:
        cases += _each((place,), CONTROLS, wrap=True)
        cases.append(_build(place, "ok " + CONTROLS["esc-csi"], f"{place}:plain-esc"))
        cases += _each((place,), {**ESCAPES, **WRONG_SHAPES})
    cases += _each(NUMBER_PLACES, {**BAD_NUMBERS, **WRONG_SHAPES})
    cases += _each(DURATION_PLACES, {**BAD_DURATIONS, **WRONG_SHAPES})
    cases += _each(CONDITION_PLACES, BAD_CONDITIONS, wrap=True)
    cases += _each(EFFECT_PLACES, {**BAD_EFFECTS, "control": "fuel += 1\x07"}, wrap=True)
    cases += _each(TEMPLATE_PLACES, {**BAD_TEXTS, **BAD_VARIATIONS}, wrap=True)
    cases += _each(KEY_ID_PLACES, BAD_IDS)
    cases += _each(VALUE_ID_PLACES, {**BAD_IDS, **VALUE_ONLY_IDS})
    cases += _each(BOOLEAN_PLACES, BAD_BOOLEANS)
    cases += _each(REFERENCE_PLACES, BAD_REFERENCES)
    cases += _each(("walk",), BAD_WALKTHROUGHS)
    cases += _each(("prop",), BAD_PROPERTIES)
    cases += _each(("fact_says",), CONTROLS, wrap=True)
    cases.append(_build("fact_says", "ok " + CONTROLS["esc-csi"], "fact_says:plain-esc"))
    cases += _each(("fact_says",), {**ESCAPES, **BAD_FACT_SAYS})
    cases += [
        _build("branch_endings", "\n  bend: " + text, f"branch_ending:{attack}")
        for attack, text in BAD_ENDINGS.items()
    ]
    cases += [
        _build(place, text, f"{place}:{attack}")
        for attack, (place, text) in BAD_DECLARATIONS.items()
    ]
    return cases


CASES = _cases()
"""Every generated case (over a thousand)."""

CLEAN = _build("title", DEFAULTS["title"], "clean")
"""The base story with nothing replaced: it must load without errors."""
