"""Names from outside the story's files: folder names that are not UTF-8 or hold escapes,
`iss init --title`, links in a folder `iss schema --write` rewrites, ids too long for a
save, a lone surrogate in `iss play --json` input, and a record file's keys."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from iss.authoring.loader import load_story
from iss.cli import main
from iss.engine.limits import MAX_ID_CHARS, MAX_LINE_CHARS, MAX_NAME_CHARS
from iss.engine.profile import PROFILE_NAME
from iss.engine.save_folders import story_folder
from iss.engine.save_format import MAX_TEXT as SAVE_MAX_TEXT
from iss.plain import PlainGame
from iss.protocol import JsonGame
from tests.conftest import BASE_MANIFEST, BASE_SCENES, load_ok
from tests.hostile.attacks import leaked

ESCAPED = "story\x1b]0;pwned\x07\x1b[2J"


def story_in(folder: Path, manifest: str = BASE_MANIFEST, scenes: str = BASE_SCENES) -> Path:
    folder.mkdir(parents=True)
    (folder / "story.yaml").write_text(manifest, encoding="utf-8")
    (folder / "scenes.yaml").write_text(scenes, encoding="utf-8")
    return folder


def not_utf8_folder(tmp_path: Path) -> Path:
    folder = tmp_path / os.fsdecode(b"s\xff\xfe")
    try:
        folder.mkdir()
    except (OSError, UnicodeError):  # pragma: no cover - file systems that require UTF-8
        pytest.skip("this file system refuses names that are not UTF-8")
    folder.rmdir()
    return folder


@pytest.mark.parametrize(
    "command",
    [
        ["check"],
        ["check", "--format", "json"],
        ["check", "--format", "sarif"],
        ["explore"],
        ["explore", "--json"],
        ["report", "--runs", "2"],
        ["graph"],
        ["graph", "--format", "mermaid"],
        ["play", "--plain"],
        ["play", "--json"],
        ["schema", "--write"],
    ],
)
@pytest.mark.parametrize("broken", [False, True], ids=["loads", "has-errors"])
def test_a_folder_named_with_bytes_that_are_not_utf8_works_in_every_command(
    command: list[str],
    broken: bool,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Unpacked from an archive made elsewhere: every command read the folder's name and
    then stopped with UnicodeEncodeError (hashing it, printing it, writing it as JSON)."""
    scenes = BASE_SCENES.replace("go: b", "go: nowhere") if broken else BASE_SCENES
    folder = story_in(not_utf8_folder(tmp_path), scenes=scenes)
    monkeypatch.setattr("sys.stdin", io.StringIO("1\n"))
    code = main([*command, str(folder)])
    out = capsys.readouterr()
    shown = out.out + out.err
    shown.encode("utf-8")  # what a UTF-8 terminal gets: nothing it cannot encode
    assert not leaked(shown.replace("\n", ""))
    assert code in (0, 1, 3), shown
    if broken and command[0] != "schema":
        assert "nowhere" in shown
        assert "s\ufffd\ufffd" in shown or "s\\ufffd\\ufffd" in shown  # as text, or in JSON


def test_the_default_story_id_of_such_a_folder_saves_and_loads(
    tmp_path: Path, saves_dir: Path
) -> None:
    folder = story_in(not_utf8_folder(tmp_path))
    story = load_story(folder, cache=False).story
    assert story is not None
    assert story.id == "s\ufffd\ufffd"
    out = io.StringIO()
    code = PlainGame(story, io.StringIO(":save mine\n:load mine\n1\n"), out, saves_dir).run()
    assert code == 0, out.getvalue()
    assert "Loaded “mine”." in out.getvalue()


@pytest.fixture
def saves_dir(tmp_path: Path) -> Path:
    return tmp_path / "saves"


@pytest.mark.parametrize("command", [["init"], ["init", "--title", "Fine"], ["schema", "--write"]])
def test_init_and_schema_name_a_folder_with_escapes_defused(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / ESCAPED
    if command[0] != "init":
        assert main(["init", str(folder)]) == 0
        capsys.readouterr()
    assert main([*command, str(folder)]) == 0
    out = capsys.readouterr()
    assert "␛]0;pwned" in out.out
    assert not leaked((out.out + out.err).replace("\n", "")), out.out
    assert main(["check", "--strict", str(folder)]) == 0  # the folder's name made no bad title


@pytest.mark.parametrize(
    ("title", "why"),
    [
        ("The \x1b[2J Night", "U+001B (ESC)"),
        ("The \u202eNight", "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
        ("The \u200bNight", "U+200B (ZERO WIDTH SPACE)"),
        (os.fsdecode(b"The \xff Night"), "not UTF-8"),
    ],
)
def test_init_refuses_a_title_the_story_could_not_hold(
    title: str, why: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "new"
    assert main(["init", str(folder), "--title", title]) == 2
    err = capsys.readouterr().err
    assert why in err and not folder.exists()
    assert not leaked(err.replace("\n", ""))


def test_init_keeps_the_story_id_of_a_long_folder_name_within_the_bound(tmp_path: Path) -> None:
    folder = tmp_path / ("a" * 250)
    assert main(["init", str(folder)]) == 0
    assert main(["check", "--strict", str(folder)]) == 0


def test_schema_write_replaces_a_link_and_leaves_files_outside_the_folder_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A shared story folder may hold `story.schema.json -> ~/.bashrc`: writing the schema
    went through the link and replaced that file's content."""
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "secret.txt"
    secret.write_text("mine\n", encoding="utf-8")
    branch = outside / "branch.yaml"
    branch.write_text("# yaml-language-server: $schema=x.json\nscenes: {}\n", "utf-8")
    folder = tmp_path / "story"
    assert main(["init", str(folder)]) == 0
    (folder / "story.schema.json").unlink()
    (folder / "story.schema.json").symlink_to(secret)
    (folder / "linked.yaml").symlink_to(branch)
    (folder / "branches").symlink_to(outside, target_is_directory=True)
    (folder / "latin1.yaml").write_bytes(b"# yaml-language-server: $schema=x.json\n\xe9: 1\n")
    capsys.readouterr()
    assert main(["schema", "--write", str(folder)]) == 0
    assert secret.read_text(encoding="utf-8") == "mine\n"
    assert branch.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=x.json")
    schema = folder / "story.schema.json"
    assert not schema.is_symlink() and json.loads(schema.read_text(encoding="utf-8"))
    assert (folder / "latin1.yaml").read_bytes().endswith(b"\xe9: 1\n")  # left as it was


def test_ids_longer_than_a_save_can_hold_are_refused(tmp_path: Path) -> None:
    """A save refuses strings over 1,000 characters, so a story with a longer choice id
    could never autosave or load: ids stop at MAX_ID_CHARS."""
    long_id = "x" * (MAX_ID_CHARS + 1)
    scenes = BASE_SCENES.replace(
        "      - text: Go on\n", f"      - id: {long_id}\n        text: Go on\n"
    )
    result = load_story(story_in(tmp_path / "choice", scenes=scenes), cache=False)
    [error] = result.errors
    assert error.code == "E114" and f"the limit is {MAX_ID_CHARS}" in error.message
    assert len(error.message) < 200  # the id is quoted only in part
    manifest = BASE_MANIFEST.replace("title: Test", f"title: Test\nid: {long_id}")
    result = load_story(story_in(tmp_path / "story", manifest=manifest), cache=False)
    assert [e.code for e in result.errors] == ["E114"]


def test_ids_at_the_bound_save_and_load(tmp_path: Path, saves_dir: Path) -> None:
    long_id = "x" * MAX_ID_CHARS
    scenes = BASE_SCENES.replace(
        "      - text: Go on\n", f"      - id: {long_id}\n        text: Go on\n"
    )
    manifest = BASE_MANIFEST.replace("title: Test", f"title: Test\nid: {'s' * MAX_ID_CHARS}")
    story = load_ok(story_in(tmp_path / "story", manifest=manifest, scenes=scenes))
    out = io.StringIO()
    game = PlainGame(story, io.StringIO(f"{long_id}\n"), out, saves_dir)
    assert game.run() == 0
    assert "failed" not in out.getvalue()
    entries = game.records.entries() if game.records else []
    assert [e.slot for e in entries if hasattr(e, "problem")] == []


@pytest.mark.parametrize(
    "line", ['{"load": "\\ud800"}', '{"save": "a\\udfffb"}', '{"choose": "\\ud800"}', '"\\udc00"']
)
def test_a_lone_surrogate_in_json_input_is_answered_not_a_crash(line: str, tmp_path: Path) -> None:
    """JSON can spell a lone surrogate; echoed back in an error, it stopped the game
    with UnicodeEncodeError on a UTF-8 stdout."""
    story = load_ok(story_in(tmp_path / "story"))
    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding="utf-8", errors="strict", write_through=True)
    code = JsonGame(story, io.StringIO(line + "\n"), out, tmp_path / "saves").run()
    assert code == 3
    answers = [json.loads(x) for x in raw.getvalue().decode("utf-8").splitlines()]
    assert answers[1]["type"] == "error"


def test_a_record_file_with_a_huge_key_is_set_aside_with_a_short_notice(
    tmp_path: Path, saves_dir: Path
) -> None:
    story = load_ok(story_in(tmp_path / "story"))
    folder = story_folder(saves_dir, story)
    folder.mkdir(parents=True)
    stories = {"x" * 100_000 + "\x1b[2J": 5}
    data = {"format": "iss-profile", "version": 1, "min_reader": 1, "stories": stories}
    (folder / PROFILE_NAME).write_text(json.dumps(data), encoding="utf-8")
    out = io.StringIO()
    PlainGame(story, io.StringIO(""), out, saves_dir).run()
    notice = next(line for line in out.getvalue().splitlines() if "record" in line)
    assert len(notice) < 300, notice[:300]
    assert not leaked(out.getvalue().replace("\n", ""))


_ONE_LINE_FIELDS = {
    # field: (file, what to replace, with LONG for the long text)
    "story title": ("story.yaml", "title: Test", "title: LONG"),
    "character name": ("story.yaml", "name: Alexey Pulov,", "name: LONG,"),
    "ending title": ("story.yaml", "title: Good,", "title: LONG,"),
    "scene title": ("scenes.yaml", "    title: B\n", "    title: LONG\n"),
    "location": ("scenes.yaml", "    title: B\n", "    title: B\n    location: LONG\n"),
    "choice text": ("scenes.yaml", "      - text: Go on\n", "      - text: LONG\n"),
    "reason": (
        "scenes.yaml",
        "        go: b\n",
        "        go: b\n        when: flag.met\n        reason: LONG\n",
    ),
    "fact hint": (
        "story.yaml",
        "flags:\n",
        "facts:\n  x: {says: [zz], known: flag.met, hint: LONG}\nflags:\n",
    ),
    "fact phrase": (
        "story.yaml",
        "flags:\n",
        "facts:\n  x: {says: [LONG], known: flag.met}\nflags:\n",
    ),
}
_LIMITS = {
    "choice text": MAX_LINE_CHARS,
    "reason": MAX_LINE_CHARS,
    "fact hint": MAX_LINE_CHARS,
}


@pytest.mark.parametrize("field", sorted(_ONE_LINE_FIELDS))
def test_a_one_line_field_past_its_limit_is_an_error_at_its_line(
    tmp_path: Path, field: str
) -> None:
    """A choice text or lock reason near the 100,000-character text limit took the game
    half a minute to lay out: one-line fields have tight limits, each an error at
    file:line with a hint; at the limit they load (and titles fit a save)."""
    file, old, new = _ONE_LINE_FIELDS[field]
    limit = _LIMITS.get(field, MAX_NAME_CHARS)
    texts = {"story.yaml": BASE_MANIFEST, "scenes.yaml": BASE_SCENES}
    assert old in texts[file]
    for length, folder in ((limit + 1, "long"), (limit, "fits")):
        written = dict(texts)
        written[file] = texts[file].replace(old, new.replace("LONG", "w" * length), 1)
        result = load_story(
            story_in(tmp_path / folder, written["story.yaml"], written["scenes.yaml"]), cache=False
        )
        if length > limit:
            line = 1 + written[file].split("w" * length)[0].count("\n")
            found = [(d.code, d.file.rsplit("/", 1)[-1], d.line) for d in result.errors]
            assert found == [("E113", file, line)], [str(d) for d in result.diagnostics]
            (error,) = result.errors
            assert f"the limit is {limit:,}" in error.message and "one line" in error.hint
        else:
            assert result.errors == [], [str(d) for d in result.errors]
    assert MAX_NAME_CHARS <= SAVE_MAX_TEXT  # a save keeps titles whole


def test_the_bundled_story_keeps_well_within_the_one_line_limits() -> None:
    story = load_ok(Path(__file__).resolve().parents[2] / "story")
    lines = [c.text.source for s in story.scenes.values() for c in s.choices]
    lines += [c.reason.source for s in story.scenes.values() for c in s.choices if c.reason]
    names = [s.title for s in story.scenes.values()] + [s.location for s in story.scenes.values()]
    names += [c.name for c in story.characters.values()] + [e.title for e in story.endings.values()]
    assert max(map(len, lines)) * 4 < MAX_LINE_CHARS
    assert max(map(len, names)) * 4 < MAX_NAME_CHARS
