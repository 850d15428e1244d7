"""docs/authoring.md cannot rot: its branch is copied into the story, checked, explored, played."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from iss.authoring.codes import CODES
from iss.authoring.explore import EXPLORE_BUDGET, explore, replay_path
from iss.authoring.lint import lint
from iss.authoring.loader import load_story
from iss.cli import main
from iss.engine.runner import choose, new_game, scene_text
from iss.paths import bundled_story_dir
from tests.conftest import ROOT, WriteStory, load_ok

DOC = ROOT / "docs" / "authoring.md"
BRANCH_NAME = "branch_sick_bay.yaml"


def _block(label: str) -> str:
    text = DOC.read_text(encoding="utf-8")
    match = re.search(rf"`{re.escape(label)}`[^\n]*:\n\n```yaml\n(.*?)```", text, re.S)
    assert match is not None, f"docs/authoring.md has no yaml block after `{label}`"
    return match.group(1)


def _doc_path() -> list[str]:
    line = _block("story/story.yaml")
    match = re.search(r"choices: \[([^\]]*)\]", line)
    assert match is not None
    return [c.strip() for c in match.group(1).split(",")]


def _doc_warning() -> tuple[int, str]:
    text = DOC.read_text(encoding="utf-8")
    match = re.search(rf"{BRANCH_NAME}:(\d+):\d+: warning (W210): ", text)
    assert match is not None
    return int(match.group(1)), match.group(2)


def _story_with_branch(tmp_path: Path) -> Path:
    source = bundled_story_dir()
    result = load_story(source)
    if result.story is None or "welcome" not in result.story.scenes:
        pytest.skip("the bundled story does not load yet (it is still being written)")
    folder = tmp_path / "my-story"
    shutil.copytree(source, folder, ignore=shutil.ignore_patterns("*.md"))
    (folder / BRANCH_NAME).write_text(_block(f"story/{BRANCH_NAME}"), encoding="utf-8")
    return folder


def _add_walkthrough(folder: Path) -> None:
    manifest = folder / "story.yaml"
    text = manifest.read_text(encoding="utf-8")
    line = _block("story/story.yaml")
    text, count = re.subn(r"^walkthroughs:[^\n]*\n", lambda m: m.group(0) + line, text, flags=re.M)
    assert count == 1
    manifest.write_text(text, encoding="utf-8")


def test_the_doc_has_its_blocks() -> None:
    branch = _block(f"story/{BRANCH_NAME}")
    assert "extend:" in branch and "endings:" in branch and "scenes:" in branch
    assert _doc_path()[-1] == "take_the_pill"


def test_the_branch_checks_and_its_ending_is_found(tmp_path: Path) -> None:
    folder = _story_with_branch(tmp_path)
    result = load_story(folder)
    assert result.story is not None, [str(d) for d in result.errors]
    story = result.story
    assert story.scenes["welcome"].choice_index["admit_youre_sick"].origin.endswith(BRANCH_NAME)
    warnings = [d for d in lint(story) if d.file.endswith(BRANCH_NAME)]
    line, code = _doc_warning()
    assert [(d.code, d.line) for d in warnings] == [(code, line)]
    assert ", ".join(_doc_path()) in warnings[0].hint
    # `iss explore`'s counted budget, as the doc's run shows, with a long safety net: a time
    # budget shares its turns out by the clock, so the walks that confirm what the proof pass
    # leaves open got more or fewer turns by the machine's load and the hash seed (with the
    # branch added, half of the hash seeds hit the 500,000-state limit first).
    found = explore(story, replace(EXPLORE_BUDGET, time_limit=600))
    ending = found.endings["slept_through"]
    assert ending.path is not None
    assert list(ending.path.choices) == _doc_path()
    assert ending.shortest  # as the tutorial shows it
    assert found.complete, found.cut_reason
    assert replay_path(story, ending.path).ending == "slept_through"
    assert main(["check", str(folder)]) == 0


def test_with_the_walkthrough_the_branch_is_clean(tmp_path: Path) -> None:
    folder = _story_with_branch(tmp_path)
    _add_walkthrough(folder)
    result = load_story(folder)
    assert result.story is not None, [str(d) for d in result.errors]
    assert not [d for d in lint(result.story) if d.file.endswith(BRANCH_NAME)]
    assert any(w.name == "slept_through" for w in result.story.walkthroughs)


def test_play_the_branch_in_plain_mode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _story_with_branch(tmp_path)
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(_doc_path()) + "\n"))
    saves = tmp_path / "saves"
    assert main(["play", "--plain", "--story", str(folder), "--saves", str(saves)]) == 0
    out = capsys.readouterr().out
    assert "Sick Bay" in out
    assert "ENDING: The Long Sleep" in out


def test_the_properties_example_checks_as_the_docs_show(tmp_path: Path) -> None:
    """docs/authoring.md's worked example: the file, copied next to the tiny story, gives
    exactly the diagnostics the page prints."""
    folder = tmp_path / "my-story"
    shutil.copytree(ROOT / "tests" / "fixtures" / "tiny", folder)
    (folder / "properties.yaml").write_text(_block("my-story/properties.yaml"), "utf-8")
    text = DOC.read_text(encoding="utf-8")
    match = re.search(r"reports the other two problems:\n\n```text\n(.*?)```", text, re.S)
    assert match is not None
    out = subprocess.run(
        [sys.executable, "-m", "iss", "check", "my-story"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 1
    assert out.stdout == match.group(1)


def test_the_numbers_in_the_doc_are_the_storys(tmp_path: Path) -> None:
    """What docs/authoring.md says of the story is checked against the story as it is."""
    text = DOC.read_text(encoding="utf-8")
    folder = _story_with_branch(tmp_path)
    story = load_story(folder).story
    assert story is not None
    start = re.search(r"Gordon starts at (\d+) and\s+`admit_youre_sick` adds (\d+)", text)
    assert start is not None
    assert story.characters["gordon"].trust == int(start.group(1))
    admit = story.scenes["welcome"].choice_index["admit_youre_sick"]
    assert [e.source for e in admit.effects] == [f"trust.gordon += {start.group(2)}"]
    needed = re.search(r"locked behind `when: trust.gordon >= (\d+)`", text)
    assert needed is not None and int(start.group(1)) + int(start.group(2)) >= int(needed.group(1))
    fewest = re.search(r'"fewest_choices": (\d+)', text)
    assert fewest is not None and int(fewest.group(1)) == len(_doc_path())


def test_the_doc_names_the_playtest_tools() -> None:
    text = DOC.read_text(encoding="utf-8")
    for words in ("ctrl+r", "--trace", "iss play --at", "iss explore --to", "several ids"):
        assert words in text, words


def test_the_loop_sketch_is_a_valid_scene_text(write_story: WriteStory) -> None:
    sketch = _block("soyuz_last")
    text = sketch.split("text: |\n", 1)[1]
    scenes = "scenes:\n  a:\n    text: |\n" + text + "    next: a\n"
    scenes += "  b: {text: The end of the line for now., ending: good}\n"
    scenes += "  burn: {text: The station burns up on its way down., ending: burn}\n"
    story = load_ok(
        write_story(
            scenes=scenes.replace(
                "next: a",
                "choices:\n      - {id: wait, text: Wait, go: a}\n      - {id: stop, text: Stop, go: b}",
            )
        )
    )
    state = new_game(story).state
    seen = []
    for _ in range(5):
        seen.append("".join(s.text for s in scene_text(story, state)))
        state = choose(story, state, "wait").state
    assert seen[0].startswith("The radio crackles. The same voice, closer")
    assert seen[3] == seen[4] and seen[3].startswith("Static")


def test_the_linter_table_lists_every_lint_code() -> None:
    """Each W2xx code has its row in "What the linter looks for", in order, with what
    it means and a fix; a code added without one fails here."""
    text = DOC.read_text(encoding="utf-8")
    table = text[text.index("| code | what it means | a fix |") :].split("\n\n", 1)[0]
    rows = [line.split(" | ") for line in table.splitlines()[2:]]
    assert [row[0].strip("| ") for row in rows] == sorted(c for c in CODES if c.startswith("W2"))
    for row in rows:
        assert len(row) == 3 and all(cell.strip("| ") for cell in row), row
