"""`iss init` scaffolds a story that passes --strict; `iss schema --write` makes a copied
story's editor-schema link work."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from iss.authoring.explore import explore
from iss.authoring.lint import lint
from iss.authoring.loader import load_story
from iss.authoring.scaffold import story_id_for, title_for
from iss.cli import main
from iss.paths import bundled_story_dir


def test_a_new_story_passes_strict_and_plays_both_endings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "my-first story"
    assert main(["init", str(folder)]) == 0
    assert "iss check --strict" in capsys.readouterr().out
    assert sorted(p.name for p in folder.iterdir()) == [
        "scenes.yaml",
        "story.schema.json",
        "story.yaml",
    ]
    json.loads((folder / "story.schema.json").read_text(encoding="utf-8"))
    for name in ("story.yaml", "scenes.yaml"):
        first = (folder / name).read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=story.schema.json"
    result = load_story(folder)
    assert result.story is not None and result.diagnostics == []
    story = result.story
    assert (story.id, story.title) == ("my_first_story", "My First Story")
    assert lint(story) == []
    assert main(["check", "--strict", str(folder)]) == 0
    found = explore(story)
    assert found.complete and all(e.path is not None for e in found.endings.values())


def test_init_never_writes_over_a_folder_with_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["init", str(tmp_path)]) == 1
    assert "not an empty folder" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_ids_and_titles_from_folder_names() -> None:
    assert story_id_for("My Story 2") == "my_story_2"
    assert story_id_for("2049") == "story_2049"
    assert story_id_for("---") == "my_story"
    assert title_for("the-long-night") == "The Long Night"


def test_schema_write_points_a_copied_story_at_its_own_schema(tmp_path: Path) -> None:
    copy = tmp_path / "my-story"
    shutil.copytree(bundled_story_dir(), copy, ignore=shutil.ignore_patterns("*.md"))
    assert main(["schema", "--write", str(copy)]) == 0
    assert (copy / "story.schema.json").is_file()
    for path in copy.glob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        if "yaml-language-server" in first:
            assert first == "# yaml-language-server: $schema=story.schema.json", path
    nested = copy / "branches"
    nested.mkdir()
    (nested / "b.yaml").write_text(
        "# yaml-language-server: $schema=../docs/story.schema.json\nscenes: {}\n",
        encoding="utf-8",
    )
    assert main(["schema", "--write", str(copy)]) == 0
    first = (nested / "b.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../story.schema.json"
