"""Each message an author found wrong or misleading, with its corrected words and place
(issue 13, "Messages and positions")."""

from __future__ import annotations

import pytest

from iss.authoring.codes import CODES
from iss.authoring.diagnostics import Diagnostic
from iss.authoring.loader import load_story
from iss.engine.names import closest_name
from tests.conftest import BASE_MANIFEST, BASE_SCENES, WriteStory

SCENE_WITH = """\
scenes:
  a:
    title: A
    text: Start.
    choices:
      - text: Go on
        {line}
        go: b
  b: {{text: End., ending: good}}
  burn: {{text: Fire., ending: burn}}
"""

# name -> (manifest, scenes file, code, file, line, col, words in the message or hint)
CASES: dict[str, tuple[str, str, str, str, int, int, str]] = {
    "E131 points at `ending:`": (
        BASE_MANIFEST,
        BASE_SCENES.replace("ending: good", "ending: goood"),
        "E131",
        "scenes.yaml",
        11,
        13,
        "did you mean `good`?",
    ),
    "E133 with none names the endings": (
        BASE_MANIFEST.replace("canonical: true", "canonical: false"),
        BASE_SCENES,
        "E133",
        "story.yaml",
        17,
        1,
        "(the endings: `good`, `burn`)",
    ),
    "E133 with two names both": (
        BASE_MANIFEST.replace("kind: failure}", "kind: failure, canonical: true}"),
        BASE_SCENES,
        "E133",
        "story.yaml",
        19,
        3,
        "ending `burn` is `canonical: true`, and so is `good`",
    ),
    "an unclosed quote is reported where it opens": (
        BASE_MANIFEST,
        BASE_SCENES.replace("text: Start.", 'text: "Start.'),
        "E100",
        "scenes.yaml",
        4,
        11,
        "this quoted text is never closed",
    ),
    "text after a closing quote": (
        BASE_MANIFEST,
        BASE_SCENES.replace("text: Start.", 'text: "It is "fine" now"'),
        "E100",
        "scenes.yaml",
        4,
        19,
        "text goes on after a closing quote",
    ),
    "the last route is the one without `when:`": (
        BASE_MANIFEST,
        SCENE_WITH.format(line="").replace(
            "go: b", "go: [{when: flag.met, go: b}, {when: flag.met, go: b}]"
        ),
        "E135",
        "scenes.yaml",
        8,
        39,
        "the last route must have no `when:`",
    ),
    "the player has no trust": (
        BASE_MANIFEST,
        SCENE_WITH.format(line="do: trust.kira += 1"),
        "E141",
        "scenes.yaml",
        7,
        13,
        "`kira` is the player character: the player has no trust",
    ),
    "a capitalised name": (
        BASE_MANIFEST,
        BASE_SCENES.replace("text: Start.", "text: Hello {Alexey}."),
        "E141",
        "scenes.yaml",
        4,
        18,
        "did you mean `alexey`?",
    ),
    "no unrelated suggestion": (
        BASE_MANIFEST,
        SCENE_WITH.format(line="when: flag.heard_kids"),
        "E141",
        "scenes.yaml",
        7,
        15,
        "declare the flag in story.yaml",
    ),
    "`=` in a condition": (
        BASE_MANIFEST,
        SCENE_WITH.format(line="when: trust.alexey = 3"),
        "E140",
        "scenes.yaml",
        7,
        28,
        "use `==`",
    ),
    "`&&` in a condition": (
        BASE_MANIFEST,
        SCENE_WITH.format(line="when: flag.met && flag.met"),
        "E140",
        "scenes.yaml",
        7,
        24,
        "use `and`",
    ),
    "an empty `when:`": (
        BASE_MANIFEST,
        SCENE_WITH.format(line="when:"),
        "E140",
        "scenes.yaml",
        7,
        14,
        "`when:` is empty, so it gates nothing",
    ),
    "an empty `when: []`": (
        BASE_MANIFEST,
        SCENE_WITH.format(line="when: []"),
        "E140",
        "scenes.yaml",
        7,
        15,
        "`when:` is empty",
    ),
    "markup in `location:`": (
        BASE_MANIFEST,
        BASE_SCENES.replace("title: A", "title: A\n    location: Node {alexey}"),
        "E180",
        "scenes.yaml",
        4,
        20,
        "a scene's `location` is plain text",
    ),
    "a comma in a flow mapping": (
        BASE_MANIFEST,
        BASE_SCENES.replace(
            "      - text: Go on\n        go: b", "      - {text: Wait, then go, go: b}"
        ),
        "E110",
        "scenes.yaml",
        6,
        22,
        "a comma inside `{...}` ends the value",
    ),
    "a comma in a condition": (
        BASE_MANIFEST,
        BASE_SCENES.replace("text: Start.", 'text: "Start {if flag.met, flag.met: yes|no}."'),
        "E143",
        "scenes.yaml",
        4,
        22,
        "a comma does not join conditions",
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_message_and_its_place(name: str, write_story: WriteStory) -> None:
    manifest, scenes, code, file, line, col, words = CASES[name]
    result = load_story(write_story(manifest, scenes=scenes))
    found = [d for d in result.diagnostics if d.code == code]
    assert found, "\n".join(map(str, result.diagnostics))
    d = found[0]
    assert (d.file.rsplit("/", 1)[-1], d.line, d.col) == (file, line, col), str(d)
    assert words in f"{d.message} {d.hint}", str(d)


def test_e136_gives_the_column_of_the_choice(write_story: WriteStory) -> None:
    folder = write_story()
    (folder / "branch.yaml").write_text(
        "extend:\n  a:\n    choices:\n      - {text: Go on, go: b}\n", encoding="utf-8"
    )
    [d] = [d for d in load_story(folder).diagnostics if d.code == "E136"]
    assert (d.line, d.col) == (4, 9)


def test_every_diagnostic_has_a_hint() -> None:
    for code in CODES:
        assert Diagnostic(code, "f.yaml", 1, 1, "something").hint


@pytest.mark.parametrize(
    ("name", "known", "meant"),
    [
        ("Tobias", ["tobias", "alexey"], "tobias"),
        ("alexy", ["alexey", "nicholai"], "alexey"),
        ("heard_kid", ["heard_kids"], "heard_kids"),
        ("saw_kids", ["heard_kids"], None),
        ("open_chanel", ["open_channel"], "open_channel"),
        ("good_end", ["open_channel", "heard_kids"], None),
        ("kit", ["key"], None),
    ],
)
def test_only_close_names_are_suggested(name: str, known: list[str], meant: str | None) -> None:
    assert closest_name(name, known) == meant
