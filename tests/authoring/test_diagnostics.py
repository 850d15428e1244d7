"""One fixture per diagnostic code: every author mistake is a diagnostic, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from iss.authoring.codes import CODES
from iss.authoring.loader import load_story
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

PLAYABLE = {"E160"}
"""Errors that do not stop the story from being built (issue 11, section 4)."""

# code -> (manifest, scenes file text, expected line in the named file, file)
CASES: dict[str, tuple[str, str, int, str]] = {
    "E100": (BASE_MANIFEST, "scenes:\n  a:\n    text: [unclosed\n", 4, "scenes.yaml"),
    "E102": (BASE_MANIFEST, "scenes: !!python/object:os.system\n  a: 1\n", 1, "scenes.yaml"),
    "E104": (
        BASE_MANIFEST,
        BASE_SCENES + "  c: &x {text: X, ending: good}\n  d: *x\n",
        17,
        "scenes.yaml",
    ),
    "E105": (BASE_MANIFEST, "", 1, "story"),
    "E106": (
        BASE_MANIFEST,
        BASE_SCENES.replace("text: End.", "text: End\x1b[2J."),
        10,
        "scenes.yaml",
    ),
    "E110": (BASE_MANIFEST, SCENE_WITH.format(line="tiem: 5m"), 7, "scenes.yaml"),
    "E111": (BASE_MANIFEST, "scenes:\n  a:\n    title: A\n    ending: good\n", 3, "scenes.yaml"),
    "E112": (BASE_MANIFEST, SCENE_WITH.format(line="hidden: maybe"), 7, "scenes.yaml"),
    "E113": (BASE_MANIFEST.replace("trust: 4", "trust: 40"), BASE_SCENES, 5, "story.yaml"),
    "E114": (BASE_MANIFEST, SCENE_WITH.format(line="id: Go-On"), 7, "scenes.yaml"),
    "E120": (BASE_MANIFEST, BASE_SCENES, 2, "scenes.yaml"),
    "E121": (
        BASE_MANIFEST,
        "scenes:\n  a:\n    text: A\n    text: B\n    ending: good\n",
        4,
        "scenes.yaml",
    ),
    "E130": (BASE_MANIFEST, BASE_SCENES.replace("go: b", "go: bb"), 7, "scenes.yaml"),
    "E131": (
        BASE_MANIFEST,
        BASE_SCENES.replace("ending: good", "ending: goood"),
        11,
        "scenes.yaml",
    ),
    "E132": (BASE_MANIFEST, BASE_SCENES.replace("    ending: good\n", ""), 8, "scenes.yaml"),
    "E133": (
        BASE_MANIFEST.replace("canonical: true", "canonical: false"),
        BASE_SCENES,
        17,
        "story.yaml",
    ),
    "E134": (
        BASE_MANIFEST,
        BASE_SCENES.replace("    title: A\n", "    title: A\n    beat: arrival\n"),
        4,
        "scenes.yaml",
    ),
    "E135": (
        BASE_MANIFEST,
        SCENE_WITH.format(line="").replace("go: b", "go: [{when: flag.met, go: b}]"),
        8,
        "scenes.yaml",
    ),
    "E137": (
        BASE_MANIFEST,
        SCENE_WITH.format(line="").replace("go: b", "go: [{when: flag.met, go: return}, b]"),
        8,
        "scenes.yaml",
    ),
    "E140": (BASE_MANIFEST, SCENE_WITH.format(line="when: trust.alexey >="), 7, "scenes.yaml"),
    "E141": (BASE_MANIFEST, SCENE_WITH.format(line="when: trust.alexy >= 3"), 7, "scenes.yaml"),
    "E142": (BASE_MANIFEST, SCENE_WITH.format(line="do: trust.alexey += 'lots'"), 7, "scenes.yaml"),
    "E143": (BASE_MANIFEST, SCENE_WITH.format(line="when: __import__('os')"), 7, "scenes.yaml"),
    "E150": (
        BASE_MANIFEST,
        SCENE_WITH.format(line="").replace(
            "      - text: Go on\n", "      - text: Go on\n        go: b\n      - text: Go on!\n"
        ),
        8,
        "scenes.yaml",
    ),
    "E160": (
        BASE_MANIFEST + "walkthroughs:\n  canonical: {ending: good, choices: [go_back]}\n",
        BASE_SCENES,
        21,
        "story.yaml",
    ),
    "E172": (
        BASE_MANIFEST + "properties:\n  vague:\n    at: b\n",
        BASE_SCENES,
        21,
        "story.yaml",
    ),
    "E180": (
        BASE_MANIFEST,
        BASE_SCENES.replace("text: Start.", "text: Start *here."),
        4,
        "scenes.yaml",
    ),
    "E190": (BASE_MANIFEST, SCENE_WITH.format(line="time: soon"), 7, "scenes.yaml"),
}


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_mistake_gives_its_code_at_its_line(code: str, write_story: WriteStory) -> None:
    manifest, scenes, line, file = CASES[code]
    files = {"scenes": scenes} if scenes else {}
    folder = write_story(manifest, **files) if files else _manifest_only(write_story, manifest)
    if code == "E120":
        (folder / "more.yaml").write_text(
            "scenes:\n  a: {text: Again, ending: good}\n", encoding="utf-8"
        )
    result = load_story(folder)
    if code in PLAYABLE:
        assert result.story is not None  # the story still explores, graphs and plays
    else:
        assert result.story is None
    found = [d for d in result.diagnostics if d.code == code]
    assert found, f"expected {code}, got: " + "\n".join(map(str, result.diagnostics))
    diagnostic = found[0]
    assert diagnostic.file.endswith(file)
    assert diagnostic.line == line, str(diagnostic)
    assert diagnostic.message


def _manifest_only(write_story: WriteStory, manifest: str) -> Path:
    folder = write_story(manifest, scenes="")
    (folder / "scenes.yaml").unlink()
    return folder


def test_not_utf8(write_story: WriteStory) -> None:
    folder = write_story()
    (folder / "scenes.yaml").write_bytes(b"scenes:\n  a:\n    text: caf\xe9\n")
    [d] = load_story(folder).diagnostics
    assert (d.code, d.line, d.col) == ("E101", 3, 14)


def test_empty_folder(tmp_path: Path) -> None:
    [d] = load_story(tmp_path).diagnostics
    assert d.code == "E105"
    assert "story.yaml" in d.message


def test_alias_bomb_is_refused_quickly(write_story: WriteStory) -> None:
    bomb = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 12):
        prev = chr(ord("a") + i - 1)
        cur = chr(ord("a") + i)
        bomb.append(
            f"{cur}: &{cur} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]"
        )
    folder = write_story(scenes="\n".join(bomb) + "\n")
    result = load_story(folder)
    assert "E104" in {d.code for d in result.diagnostics}


def test_tags_on_plain_values_are_refused(write_story: WriteStory) -> None:
    folder = write_story(scenes="scenes:\n  a: !!python/name:os.system x\n")
    result = load_story(folder)
    assert [(d.code, d.line) for d in result.diagnostics if d.code == "E102"] == [("E102", 2)]


def test_deep_nesting_and_huge_files_are_refused(
    write_story: WriteStory, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_story(scenes="x: " + "[" * 5000 + "]" * 5000 + "\n")
    assert [d.code for d in load_story(folder).diagnostics] == ["E103"]
    import iss.authoring.source as source

    monkeypatch.setattr(source, "MAX_FILE_BYTES", 100)
    folder = write_story(scenes=BASE_SCENES)
    assert "E103" in {d.code for d in load_story(folder).diagnostics}


def test_every_error_code_has_a_fixture() -> None:
    covered = set(CASES) | {"E101", "E103", "E107", "E136"}
    covered |= {
        "E170",
        "E171",
    }  # found by the lint, not the load: tests/authoring/test_properties.py
    errors = {c for c, info in CODES.items() if info.severity == "error"}
    assert errors <= covered, sorted(errors - covered)


def test_extend_conflict_names_both_files(write_story: WriteStory) -> None:
    folder = write_story()
    (folder / "branch.yaml").write_text(
        "extend:\n  a:\n    choices:\n      - {text: Go on, go: b}\n", encoding="utf-8"
    )
    result = load_story(folder)
    [d] = [d for d in result.diagnostics if d.code == "E136"]
    assert d.file.endswith("branch.yaml") and "scenes.yaml" in d.message


def test_a_route_whose_when_fails_to_compile_reports_only_that(
    write_story: WriteStory,
) -> None:
    """Issue 18: a broken `when:` on a route is E140, not also E135 "has no `when:`"."""
    go = "go:\n          - {when: 'trust.alexey >=', go: b}\n          - b"
    folder = write_story(scenes=SCENE_WITH.format(line="").replace("go: b", go))
    found = [(d.code, d.line) for d in load_story(folder).diagnostics]
    assert found == [("E140", 9)]


def test_hints_suggest_close_names(write_story: WriteStory) -> None:
    folder = write_story(
        scenes=BASE_SCENES.replace("go: b", "go: bb").replace("title: A", "titel: A")
    )
    messages = [str(d) for d in load_story(folder).diagnostics]
    assert any("did you mean `title`" in m for m in messages)
    assert any("did you mean `b`" in m for m in messages)


def test_a_word_yaml_reads_as_yes_or_no_is_not_taken_as_text(write_story: WriteStory) -> None:
    folder = write_story(scenes=SCENE_WITH.format(line="id: on"))
    result = load_story(folder)
    found = [d for d in result.errors if d.code == "E112"]
    assert len(found) == 1 and found[0].line == 7
    assert "yes/no value true" in found[0].message and "quotes" in found[0].hint
    quoted = write_story(scenes=SCENE_WITH.format(line='id: "on"'))
    assert load_story(quoted).errors == []


def test_a_raw_control_character_is_reported_where_it_is(write_story: WriteStory) -> None:
    folder = write_story(scenes=BASE_SCENES.replace("text: End.", "text: End \x9b31m."))
    [d] = load_story(folder).diagnostics
    assert (d.code, d.line, d.col) == ("E106", 10, 15)
    assert "U+009B (CSI)" in d.message
    assert "\x9b" not in str(d)


def test_an_escape_in_quoted_text_cannot_make_a_control_character(
    write_story: WriteStory,
) -> None:
    folder = write_story(scenes=BASE_SCENES.replace("text: End.", 'text: "End \\e]0;x\\a"'))
    [d] = load_story(folder).diagnostics
    assert (d.code, d.line, d.col) == ("E106", 10, 11)
    assert "U+001B (ESC)" in d.message


def test_crlf_line_endings_are_not_control_characters(write_story: WriteStory) -> None:
    folder = write_story()
    scenes = folder / "scenes.yaml"
    scenes.write_bytes(scenes.read_bytes().replace(b"\n", b"\r\n"))
    assert load_story(folder).diagnostics == []


def test_bidi_and_zero_width_warn_in_text_and_fail_in_ids(write_story: WriteStory) -> None:
    folder = write_story(scenes=BASE_SCENES.replace("text: End.", "text: \u202eEnd\u200b."))
    result = load_story(folder)
    assert result.story is not None
    assert [(d.code, d.line, d.col) for d in result.diagnostics] == [
        ("W106", 10, 11),
        ("W106", 10, 15),
    ]
    folder = write_story(scenes=BASE_SCENES.replace("  b:", "  b\u200d:"))
    result = load_story(folder)
    assert result.story is None
    assert ("E114", 8, 3) in [(d.code, d.line, d.col) for d in result.diagnostics]
    assert "U+200D (ZERO WIDTH JOINER)" in str(result.diagnostics)


def test_emoji_joiners_are_left_alone(write_story: WriteStory) -> None:
    folder = write_story(scenes=BASE_SCENES.replace("text: End.", "text: End 👩\u200d🚀."))
    assert load_story(folder).diagnostics == []


def test_a_link_out_of_the_story_folder_is_not_read(
    write_story: WriteStory, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("password: hunter2\nscenes: [x]\n", encoding="utf-8")
    folder = write_story()
    (folder / "linked.yaml").symlink_to(secret)
    result = load_story(folder)
    assert [(d.code, d.file.endswith("linked.yaml"), d.line) for d in result.diagnostics] == [
        ("E107", True, 1)
    ]
    assert "hunter2" not in str(result.diagnostics)
    (folder / "linked.yaml").unlink()
    (folder / "story.yaml").rename(tmp_path / "manifest.yaml")
    (folder / "story.yaml").symlink_to(tmp_path / "manifest.yaml")
    assert [d.code for d in load_story(folder).diagnostics] == ["E107"]


def test_a_character_yaml_refuses_is_reported_where_it_is(write_story: WriteStory) -> None:
    folder = write_story(scenes=BASE_SCENES.replace("text: End.", "text: End \ufffe."))
    [d] = load_story(folder).diagnostics
    assert (d.code, d.line, d.col) == ("E100", 10, 15)
    assert "U+FFFE" in d.message


@pytest.mark.parametrize("name", ["visits", "taken", "seen", "var", "true"])
def test_a_variable_may_not_take_a_name_expressions_use(name: str, write_story: WriteStory) -> None:
    manifest = BASE_MANIFEST.replace("  allegiance:", f"  {name}:")
    errors = load_story(write_story(manifest, scenes=BASE_SCENES)).errors
    assert any(
        d.code == "E120" and f"`{name}` is already a name in expressions" in d.message
        for d in errors
    ), errors
