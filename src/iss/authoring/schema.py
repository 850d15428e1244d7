"""A JSON Schema for story files, generated from the key lists the loader itself uses.

Editors (VS Code with the YAML extension, anything speaking yaml-language-server)
read it from the first line of a story file:

    # yaml-language-server: $schema=../docs/story.schema.json

The object shapes come from the loader's key tuples (`MANIFEST_KEYS`,
`SCENE_KEYS`, `CHOICE_KEYS`, ...): `story_schema()` refuses to build when a
key the loader accepts has no schema here, or the other way round, so the
two cannot drift. docs/story.schema.json and the packaged copy are this
function's output; a test checks both.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from iss.authoring.choices import CHOICE_KEYS, GROUP_ITEM_KEYS, ROUTE_KEYS
from iss.authoring.facts import FACT_KEYS
from iss.authoring.manifest import (
    CHARACTER_KEYS,
    ENDING_KEYS,
    MANIFEST_KEYS,
    TIMER_KEYS,
    VARIABLE_KEYS,
    VARIABLE_TYPES,
    WALKTHROUGH_KEYS,
)
from iss.authoring.properties import PROPERTY_KEYS
from iss.authoring.scenes import FILE_KEYS, SCENE_KEYS
from iss.engine.model import PRONOUNS, STATUSES

SCHEMA_ID = "https://iss-story.invalid/story.schema.json"
TRUST_KEYS = ("min", "max", "levels")
ITEM_KEYS = ("name", "description")
MANIFEST_REQUIRED = ("title", "start", "characters", "endings")

Schema = dict[str, Any]

_ID: Schema = {"type": "string", "pattern": "^[a-z][a-z0-9_]*$"}
_TEXT: Schema = {"type": "string"}
_INT: Schema = {"type": "integer"}
_BOOL: Schema = {"type": "boolean"}
_DURATION: Schema = {
    "description": "A duration: 45m, 2h, 1h30m or a number of minutes.",
    "anyOf": [
        {"type": "integer", "minimum": 0},
        {"type": "string", "pattern": r"^\s*(\d+|\d+h(\d+m)?|\d+m)\s*$"},
    ],
}
_CONDITIONS: Schema = {
    "description": "A condition such as `trust.alexey >= 3 and not flag.gordon_dead`, or a list "
    "of conditions that must all hold.",
    "anyOf": [_TEXT, {"type": "array", "items": _TEXT}],
}
_EFFECTS: Schema = {
    "description": "Effects such as `trust.alexey += 1` or `flag.knows_orders = true`; one or a "
    "list. Statuses: " + ", ".join(STATUSES) + ".",
    "anyOf": [_TEXT, {"type": "array", "items": _TEXT}],
}


def _properties() -> Schema:
    prop = _object(
        "a property",
        PROPERTY_KEYS,
        {
            "at": _doc(
                "Where it is checked: a scene id, a list of them; every scene when left out.",
                {"anyOf": [_ID, {"type": "array", "items": _ID}]},
            ),
            "always": _doc("Must hold in every reachable state on entering.", _CONDITIONS),
            "possible": _doc("Must hold in at least one reachable state on entering.", _CONDITIONS),
        },
    )
    prop["oneOf"] = [{"required": [k]} for k in ("always", "possible")]
    return _doc("What must be true, by name; `iss check` proves it or shows a route.", _table(prop))


def _facts() -> Schema:
    fact = _object(
        "a fact",
        FACT_KEYS,
        {
            "says": _doc(
                "The words or phrases that assume the fact (case-insensitive, whole words).",
                {"anyOf": [_TEXT, {"type": "array", "items": _TEXT, "minItems": 1}]},
            ),
            "known": _doc("Must hold wherever text says one of the phrases.", _CONDITIONS),
            "hint": _doc("Where the story should record the fact, for the warning.", _TEXT),
        },
        ("says", "known"),
    )
    return _doc(
        "What the player learns, by name: text that says a phrase assumes `known:` holds; "
        "`iss check` proves it or shows a route (W219).",
        _table(fact),
    )


def _doc(description: str, schema: Schema) -> Schema:
    return {"description": description, **schema}


def _table(value: Schema, keys: Schema = _ID) -> Schema:
    """A mapping from ids to `value`."""
    return {"type": "object", "propertyNames": keys, "additionalProperties": value}


def _object(
    name: str,
    keys: Sequence[str],
    properties: dict[str, Schema],
    required: Sequence[str] = (),
) -> Schema:
    """A closed object whose keys are exactly the loader's `keys`."""
    missing = [k for k in keys if k not in properties]
    extra = [k for k in properties if k not in keys]
    if missing or extra:
        raise ValueError(
            f"the schema of {name} is out of step with the loader: "
            f"missing {missing}, not accepted by the loader {extra}"
        )
    out: Schema = {
        "type": "object",
        "properties": {k: properties[k] for k in keys},
        "additionalProperties": False,
    }
    if required:
        out["required"] = list(required)
    return out


def _endings() -> Schema:
    ending = _object(
        "an ending",
        ENDING_KEYS,
        {
            "title": _doc("Shown when the ending is reached and in the gallery.", _TEXT),
            "kind": _doc("A word for the gallery: canonical, good, dark, failure, ...", _TEXT),
            "canonical": _doc("Exactly one ending of the story is canonical.", _BOOL),
            "hint": _doc("The line the gallery shows while the ending is locked.", _TEXT),
        },
    )
    return _doc("Endings, by id.", _table(ending))


def _declarations() -> dict[str, Schema]:
    """`variables`, `flags` and `items`: in story.yaml, or in a scene file for itself."""
    variable = _object(
        "a variable",
        VARIABLE_KEYS,
        {
            "type": {"enum": list(VARIABLE_TYPES)},
            "min": _INT,
            "max": _INT,
            "default": {"type": ["integer", "boolean", "string"]},
            "values": _doc(
                "The words a text variable may hold.", {"type": "array", "items": _TEXT}
            ),
        },
    )
    item = _object("an item", ITEM_KEYS, {"name": _TEXT, "description": _TEXT})
    return {
        "variables": _doc("Story variables, by name.", _table(variable)),
        "flags": _doc(
            "Flags, by name, each with the sentence shown when it is set (or nothing).",
            {
                "anyOf": [
                    _table({"type": ["string", "null"]}),
                    {"type": "array", "items": _ID},
                ]
            },
        ),
        "items": _doc("Items Kira can carry.", _table({"anyOf": [_TEXT, item]})),
        "conditions": _doc(
            "Named conditions: `air_gone: clock.reentry <= 4h or flag.air_cut`. Any "
            "condition, text or effect uses one by its bare name, worked out as it is read.",
            _table(_TEXT),
        ),
    }


def _walkthroughs() -> Schema:
    walkthrough = _object(
        "a walkthrough",
        WALKTHROUGH_KEYS,
        {
            "ending": _doc("The ending these choices must reach.", _ID),
            "choices": _doc(
                "Choice ids from the start, or after those of the walkthrough in `from`.",
                {"type": "array", "items": _TEXT},
            ),
            "from": _doc("A walkthrough to play first; `choices` continue where it ends.", _ID),
        },
    )
    return _doc("Golden paths `iss check` plays.", _table(walkthrough))


def _manifest() -> Schema:
    character = _object(
        "a character",
        CHARACTER_KEYS,
        {
            "name": _doc("The full name.", _TEXT),
            "short": _doc("The name used in text; defaults to the first word of `name`.", _TEXT),
            "side": _doc("US or RU.", _TEXT),
            "trust": _doc("The character's starting trust in the player.", _INT),
            "player": _doc("True for the one character the player plays.", _BOOL),
            "pronoun": _doc(
                "he, she or they, as the text calls the character: skimming a replay "
                "keeps a folded paragraph's pronouns pointing at the right person.",
                {"enum": list(PRONOUNS)},
            ),
        },
    )
    timer = _object(
        "a timer",
        TIMER_KEYS,
        {
            "label": _doc("Shown next to the time left, e.g. `to reentry`.", _TEXT),
            "start": _DURATION,
            "expires": _doc("The scene the story goes to when the timer runs out.", _ID),
            "while": _doc("The timer counts down only while this holds.", _TEXT),
            "shown": _doc("Front ends show the timer only while this holds.", _TEXT),
        },
    )
    trust = _object(
        "`trust`",
        TRUST_KEYS,
        {"min": _INT, "max": _INT, "levels": {"type": "array", "items": _TEXT}},
    )
    pair = {"type": "string", "pattern": "^[a-z][a-z0-9_]*-[a-z][a-z0-9_]*$"}
    return _object(
        "story.yaml",
        MANIFEST_KEYS,
        {
            "id": _doc("A short id for saves; defaults to the folder name.", _ID),
            "title": _doc("Shown on the title screen.", _TEXT),
            "subtitle": _TEXT,
            "start": _doc("The id of the first scene.", _ID),
            "trust": _doc("The trust range and the words for its levels.", trust),
            "characters": _doc("The cast, by id.", _table(character)),
            "crew_trust": _doc(
                "Crew-to-crew trust: `alexey-nicholai: 8`.", _table(_INT, keys=pair)
            ),
            **_declarations(),
            "clock": _doc("Timers, counting down in minutes.", _table(timer)),
            "endings": _endings(),
            "beats": _doc(
                "The ordered beat ids scenes may carry.", {"type": "array", "items": _ID}
            ),
            "walkthroughs": _walkthroughs(),
            "properties": _properties(),
            "facts": _facts(),
        },
        MANIFEST_REQUIRED,
    )


def _choice() -> Schema:
    route = _object(
        "a route",
        ROUTE_KEYS,
        {"when": _CONDITIONS, "go": _ID},
        ("go",),
    )
    go: Schema = {
        "description": "The next scene, `return` (back to where the last `call:` resumes), "
        "or a list of routes (the last without `when`).",
        "anyOf": [_ID, {"type": "array", "items": {"anyOf": [_ID, route]}, "minItems": 1}],
    }
    choice = _object(
        "a choice",
        CHOICE_KEYS,
        {
            "id": _doc("A stable id; derived from the text when absent.", _ID),
            "text": _doc("What the player picks (a template).", _TEXT),
            "go": go,
            "when": _CONDITIONS,
            "reason": _doc(
                "What the player is told when `when` fails: a template like `text`, "
                'rendered for the state it is shown in ("{if dead.nicholai: ... | ...}").',
                _TEXT,
            ),
            "hidden": _doc("Hide the choice while it is unavailable.", _BOOL),
            "do": _EFFECTS,
            "time": _DURATION,
            "once": _doc("Removed once taken in this playthrough (sticky by default).", _BOOL),
            "fallback": _doc(
                "Never shown: taken by itself when no other choice is available.", _BOOL
            ),
            "call": _doc("Run this sub-scene first; its `go: return` resumes at `go`.", _ID),
            "quiet": _doc(
                "No trust line follows this choice; the crew panel still shows its moves.", _BOOL
            ),
        },
        ("go",),
    )
    choice["anyOf"] = [
        {"required": ["text"]},
        {"required": ["fallback"], "properties": {"fallback": {"const": True}}},
    ]
    return choice


def _scene_file() -> Schema:
    group_item = _object(
        "a group item", GROUP_ITEM_KEYS, {"group": _doc("Include a choice group here.", _ID)}
    )
    choices: Schema = {
        "type": "array",
        "items": {"anyOf": [{"$ref": "#/definitions/choice"}, group_item]},
    }
    scene = _object(
        "a scene",
        SCENE_KEYS,
        {
            "title": _doc(
                "The scene's heading: plain text, or text around one {sequence: ...} or "
                "{cycle: ...} for a title per visit: Unity{sequence: | , Evening}.",
                _TEXT,
            ),
            "text": _doc(
                "The scene's text: a template with {names} and {if ...: fragments}.", _TEXT
            ),
            "location": _TEXT,
            "tags": {"anyOf": [_TEXT, {"type": "array", "items": _TEXT}]},
            "beat": _doc("One of the manifest's beats.", _TEXT),
            "do": _EFFECTS,
            "time": _DURATION,
            "time_labels": _doc(
                "always: every route shows each choice's time here, even where this "
                "route's choices cost the same. auto (the default): only where they differ.",
                {"enum": ["always", "auto"]},
            ),
            "choices": choices,
            "next": _doc("Shorthand for one choice, Continue, to that scene.", _ID),
            "ending": _doc("This scene ends the story with that ending.", _ID),
            "requires": _doc("Must hold in every reachable state on entering.", _CONDITIONS),
            "mentions_absent": _doc(
                "Crew this scene may name while they are dead or missing, on purpose.",
                {"type": "array", "items": _ID},
            ),
            "mentions_unknown": _doc(
                "Facts whose phrases this scene may say while they are not known, on purpose "
                "(a question, a guess).",
                {"anyOf": [_ID, {"type": "array", "items": _ID}]},
            ),
        },
        ("text",),
    )
    scene["oneOf"] = [{"required": [k]} for k in ("choices", "next", "ending")]
    extension = {
        "type": "object",
        "properties": {"choices": choices},
        "required": ["choices"],
        "additionalProperties": False,
    }
    return _object(
        "a scene file",
        FILE_KEYS,
        {
            "scenes": _doc("New scenes, by id.", _table(scene)),
            "extend": _doc("More choices for scenes defined in another file.", _table(extension)),
            "endings": _endings(),
            "groups": _doc(
                "Choice groups, by name: lists of choices that scenes include with "
                "`- group: <name>`.",
                _table(choices),
            ),
            "properties": _properties(),
            "facts": _facts(),
            **_declarations(),
            "walkthroughs": _walkthroughs(),
        },
    )


def story_schema() -> Schema:
    """The schema of every story file: the manifest or a scene file."""
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": SCHEMA_ID,
        "title": "I.S.S. story file",
        "description": "story.yaml (the manifest) or a scene file of an I.S.S. story. "
        "See docs/story-format.md.",
        "definitions": {
            "manifest": _manifest(),
            "scene_file": _scene_file(),
            "choice": _choice(),
        },
        "anyOf": [{"$ref": "#/definitions/manifest"}, {"$ref": "#/definitions/scene_file"}],
    }


def schema_text() -> str:
    """The schema as the text of docs/story.schema.json."""
    return json.dumps(story_schema(), indent=2, ensure_ascii=False) + "\n"
