"""The one table of diagnostic codes. Codes are stable: never reuse or renumber one.

E1xx are errors (the story cannot load or cannot work); W1xx are warnings the
loader gives while reading files, and W2xx the warnings of `lint` (the story
works but something is probably wrong). A few W2xx are notes: they say what the
check could not cover, not that the story is wrong, so `--strict` does not count
them. `iss check --codes` prints this table.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Code:
    """A diagnostic's code, its severity and what it means in general."""

    code: str
    severity: str
    title: str
    description: str


_TABLE = [
    Code("E100", "error", "yaml-syntax", "The file is not valid YAML."),
    Code("E101", "error", "not-utf8", "The file is not UTF-8 text."),
    Code(
        "E102",
        "error",
        "yaml-tag",
        "A YAML tag such as !!python/object was refused; only plain data is read.",
    ),
    Code(
        "E103",
        "error",
        "too-large",
        "The file is too large or too deeply nested to be a story file.",
    ),
    Code(
        "E104",
        "error",
        "yaml-alias",
        "YAML anchors and aliases (&a, *a) are refused; write the value out.",
    ),
    Code("E105", "error", "no-story", "The folder has no story.yaml manifest, or no scenes."),
    Code(
        "E106",
        "error",
        "control-char",
        "A control character (below U+0020 except newline and tab, DEL, or U+0080 to U+009F) "
        "is in the file; escape sequences that rewrite a terminal start with one.",
    ),
    Code(
        "E107",
        "error",
        "outside-folder",
        "A story file links to a file outside the story folder; it is not read.",
    ),
    Code("E110", "error", "unknown-key", "A key the format does not know, usually a misspelling."),
    Code("E111", "error", "missing-key", "A required key is missing."),
    Code(
        "E112",
        "error",
        "wrong-type",
        "A value has the wrong type (a list where a mapping belongs, text where a number belongs).",
    ),
    Code("E113", "error", "bad-value", "A value is out of range or not one of the allowed words."),
    Code(
        "E114",
        "error",
        "bad-id",
        "An id must be lowercase letters, digits and underscores, starting with a letter.",
    ),
    Code("E120", "error", "duplicate-id", "Two things of the same kind share an id."),
    Code(
        "E121",
        "error",
        "duplicate-key",
        "A key appears twice in one mapping; YAML would silently keep the last.",
    ),
    Code(
        "E130",
        "error",
        "unknown-scene",
        "A choice, timer or the start points to a scene that does not exist.",
    ),
    Code(
        "E131",
        "error",
        "unknown-ending",
        "A scene or walkthrough names an ending the manifest does not declare.",
    ),
    Code(
        "E132",
        "error",
        "bad-scene",
        "A scene must have choices, `next` or `ending` (and endings have no choices).",
    ),
    Code("E133", "error", "canonical", "Exactly one ending must be `canonical: true`."),
    Code("E134", "error", "unknown-beat", "A scene's beat is not in the manifest's beats list."),
    Code("E135", "error", "bad-route", "A route list must end with a route that has no condition."),
    Code(
        "E136", "error", "extend-conflict", "Two files add a choice with the same id to one scene."
    ),
    Code(
        "E137",
        "error",
        "bad-choice-kind",
        "A fallback, `call:` or `return` used where it cannot work (two fallbacks in one scene, "
        "a conditional `return`).",
    ),
    Code("E140", "error", "expr-syntax", "An expression cannot be read."),
    Code(
        "E141", "error", "unknown-name", "An expression uses a name the manifest does not declare."
    ),
    Code("E142", "error", "type-error", "An expression mixes types, such as adding text to trust."),
    Code(
        "E143",
        "error",
        "expr-construct",
        "An expression uses something the language does not allow.",
    ),
    Code("E150", "error", "choice-id-clash", "Two choices in a scene would get the same id."),
    Code("E160", "error", "walkthrough-fails", "A walkthrough does not reach its ending."),
    Code(
        "E170",
        "error",
        "property-violated",
        "An `always:` property (or a scene's `requires:`) fails in a reachable state; "
        "the route reaches it.",
    ),
    Code(
        "E171",
        "error",
        "property-impossible",
        "A `possible:` property holds in no reachable state.",
    ),
    Code(
        "E172",
        "error",
        "property-form",
        "A property needs exactly one of `always:` and `possible:`.",
    ),
    Code(
        "E180", "error", "text-markup", "Scene text has a broken {fragment} or unclosed *emphasis*."
    ),
    Code(
        "E190",
        "error",
        "bad-duration",
        "A duration must look like 45m, 2h, 1h30m or a number of minutes.",
    ),
    Code(
        "W106",
        "warning",
        "invisible-char",
        "A bidi control or zero-width character makes text read differently from what it "
        "holds (in an id it is an error, E114).",
    ),
    Code("W200", "warning", "unreachable-scene", "No path from the start reaches this scene."),
    Code(
        "W201",
        "warning",
        "dead-end",
        "In some reachable state, no choice of this scene is available.",
    ),
    Code("W202", "warning", "ending-unreached", "An ending is declared but no scene reaches it."),
    Code("W203", "warning", "set-never-read", "A flag or variable is set but never read."),
    Code("W204", "warning", "read-never-set", "A flag or variable is read but never set."),
    Code("W205", "warning", "unused", "A character or item is never used."),
    Code(
        "W206", "warning", "never-true", "A condition can never be true given the declared ranges."
    ),
    Code(
        "W207", "warning", "duplicate-choice-text", "Two choices in one scene have the same text."
    ),
    Code("W208", "warning", "short-text", "A scene's text is empty or very short."),
    Code(
        "W209",
        "warning",
        "beat-order",
        "The canonical walkthrough does not pass the beats in order.",
    ),
    Code(
        "W210",
        "warning",
        "no-walkthrough",
        "An ending has no walkthrough that proves it can be reached.",
    ),
    Code("W211", "warning", "trap-loop", "A loop of scenes with no way out to an ending."),
    Code(
        "W212",
        "warning",
        "choice-never-open",
        "A choice whose condition fails every time the player can see it.",
    ),
    Code(
        "W213",
        "warning",
        "property-unproved",
        "The explorer ran out of budget before it could prove or refute a property.",
    ),
    Code(
        "W214",
        "warning",
        "names-the-absent",
        "Text names a character who may be dead or missing when the scene is entered.",
    ),
    Code(
        "W215",
        "warning",
        "requires-crossed",
        "A walkthrough or a route the lint prints crosses a scene whose `requires:` fails.",
    ),
    Code(
        "W216",
        "warning",
        "extend-without-id",
        "A choice added with `extend:` has no `id:`: rewording its text changes its id.",
    ),
    Code("W217", "warning", "ending-without-hint", "An ending has no `hint:` for the gallery."),
    Code(
        "W218",
        "warning",
        "names-the-absent-unproved",
        "Text names a character the explorer could not prove alive on entering the scene, "
        "nor find a route to them dead or missing, within its budget.",
    ),
    Code(
        "W219",
        "warning",
        "assumes-the-unknown",
        "Text says a phrase of a declared fact where the fact's `known:` condition may fail: "
        "it assumes something the player may not have done or learned.",
    ),
    Code(
        "W220",
        "warning",
        "assumes-the-unknown-unproved",
        "Text says a phrase of a declared fact, and the explorer could not prove the fact "
        "known there, nor find a route where it is not, within its budget.",
    ),
    Code(
        "W221",
        "note",
        "not-explored",
        "The explorer's budget ran out (or the story is too large for `iss check` to "
        "explore): what it did not cover was not checked.",
    ),
    Code(
        "W222",
        "warning",
        "stale-mentions-unknown",
        "A scene's `mentions_unknown:` lists a fact twice, or a fact none of the scene's "
        "text says: the entry silences nothing.",
    ),
    Code(
        "W223",
        "warning",
        "glued-words",
        "A fragment's text can run into the word beside it (the space after `:` or `|` "
        "and before `|` is layout): put the space outside the fragment.",
    ),
]

CODES: dict[str, Code] = {c.code: c for c in _TABLE}
