"""`iss diff`: what changed between two versions of a story, and which saves break."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from iss.authoring.diff import (
    EARLIER,
    ELSEWHERE,
    TEXT_CHANGED,
    UNCHANGED,
    judge_saves,
    property_shifts,
    story_at_revision,
    story_changes,
)
from iss.cli import main
from iss.engine.saves import SaveStore
from tests.conftest import load_ok
from tests.saves.conftest import FIXTURES, PATH_HOME, play, station


def saves_of_the_old_story(folder: Path) -> Path:
    """Three saves of `station`: early (dock → lab), mid (at the cupola), late (the airlock)."""
    story = station()
    store = SaveStore(folder)
    store.save("early", story, play(story, PATH_HOME[:1], 3))
    store.save("mid", story, play(story, PATH_HOME[:3], 3))
    store.save("late", story, play(story, PATH_HOME[:4], 3))
    return folder


def verdicts(variant: Path | str, tmp_path: Path) -> dict[str, str]:
    new = load_ok(variant if isinstance(variant, Path) else FIXTURES / variant)
    found, _ = judge_saves(station(), new, saves_of_the_old_story(tmp_path / "saves"))
    return {Path(v.path).name.split(".")[0]: v.verdict for v in found}


def renamed_variant(tmp_path: Path) -> Path:
    folder = tmp_path / "station_renamed"
    shutil.copytree(FIXTURES / "station", folder)
    scenes = folder / "scenes.yaml"
    scenes.write_text(scenes.read_text().replace("id: take_key", "id: grab_key"), "utf-8")
    manifest = folder / "story.yaml"
    manifest.write_text(manifest.read_text().replace("take_key", "grab_key"), "utf-8")
    return folder


def test_changed_text_loads_with_changed_text_only_where_the_text_changed(
    tmp_path: Path,
) -> None:
    # The lab's text changed: the save resting in the lab reads differently.
    assert verdicts("station_text", tmp_path) == {
        "early": TEXT_CHANGED,
        "mid": UNCHANGED,
        "late": UNCHANGED,
    }


def test_a_removed_choice_breaks_only_the_saves_that_took_it(tmp_path: Path) -> None:
    assert verdicts("station_no_choice", tmp_path) == {
        "early": UNCHANGED,
        "mid": UNCHANGED,
        "late": EARLIER,
    }


def test_a_removed_scene_breaks_the_saves_that_passed_it(tmp_path: Path) -> None:
    found = verdicts("station_no_scene", tmp_path)
    assert found["early"] == UNCHANGED
    assert found["mid"] == ELSEWHERE  # to_cupola now leads to the airlock
    assert found["late"] == EARLIER


def test_leading_elsewhere_says_where_the_save_was_and_what_differs(tmp_path: Path) -> None:
    new = load_ok(FIXTURES / "station_no_scene")
    found, _ = judge_saves(station(), new, saves_of_the_old_story(tmp_path / "saves"))
    mid = next(v for v in found if Path(v.path).name.startswith("mid"))
    assert mid.why.startswith("saved at `cupola`; its 3 choice(s) now lead to `airlock`"), mid.why


def with_property(tmp_path: Path, variant: str, name: str) -> Path:
    folder = tmp_path / name
    shutil.copytree(FIXTURES / variant, folder)
    manifest = folder / "story.yaml"
    manifest.write_text(
        manifest.read_text()
        + "properties:\n  the_key_comes_home:\n    at: home\n    always: has.key\n"
        + "  someone_can_stay:\n    at: alone\n    possible: not has.key\n",
        "utf-8",
    )
    return folder


def test_properties_that_change_status_are_named_with_a_route(tmp_path: Path) -> None:
    old = load_ok(with_property(tmp_path, "station", "old"))
    new_folder = with_property(tmp_path, "station", "new")
    scenes = new_folder / "scenes.yaml"  # now the inner door opens without the key
    scenes.write_text(scenes.read_text().replace("        when: has.key\n", ""), "utf-8")
    new = load_ok(new_folder)
    shifts = {p.name: p for p in property_shifts(old, new)}
    assert set(shifts) == {"the_key_comes_home"}  # someone_can_stay holds in both
    broken = shifts["the_key_comes_home"]
    assert (broken.old_status, broken.new_status) == ("holds", "violated")
    assert broken.route is not None and broken.route[-1] == "open_it"
    assert "take_key" not in broken.route


def test_a_new_branch_breaks_nothing(tmp_path: Path) -> None:
    assert set(verdicts("station_branch", tmp_path).values()) == {UNCHANGED}
    changes = story_changes(station(), station("station_branch"))
    assert [(c.kind, c.change) for c in changes] == [("choice", "added")]


def test_a_renamed_choice_is_reported_as_a_rename_and_breaks_its_saves(tmp_path: Path) -> None:
    variant = renamed_variant(tmp_path)
    changes = story_changes(station(), load_ok(variant))
    assert [c.describe() for c in changes] == ["choice `cupola.grab_key` renamed (was `take_key`)"]
    assert verdicts(variant, tmp_path)["late"] == EARLIER


def test_the_command_names_every_broken_save_and_can_fail_a_release(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saves = saves_of_the_old_story(tmp_path / "saves")
    old, new = str(FIXTURES / "station"), str(FIXTURES / "station_no_choice")
    assert main(["diff", old, new, "--saves", str(saves)]) == 0
    out = capsys.readouterr().out
    assert "choice `cupola.take_key` removed" in out
    assert "1 would resume earlier" in out
    [late] = [line for line in out.splitlines() if "late." in line]
    assert "resumes earlier at `cupola` after 3 of 4 choices" in late
    assert "no longer exists" in late
    assert main(["diff", old, new, "--saves", str(saves), "--fail-on-broken-saves"]) == 1
    capsys.readouterr()
    assert main(["diff", old, new, "--saves", str(saves), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["broken_saves"] == 1
    [broken] = [s["path"] for s in data["saves"] if s["verdict"] == EARLIER]
    assert broken.startswith("late.")
    assert {"ending": "home", "change": "now unreachable"}.items() <= data["endings"][0].items()


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_the_old_version_can_come_from_git(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURES / "station", repo / "story")

    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)

    git("init", "-q")
    git("add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "one")
    shutil.copy(FIXTURES / "station_text" / "scenes.yaml", repo / "story" / "scenes.yaml")
    old = story_at_revision("HEAD", repo / "story", tmp_path / "old")
    assert (old / "scenes.yaml").read_bytes() == (FIXTURES / "station" / "scenes.yaml").read_bytes()
    changes = story_changes(load_ok(old), load_ok(repo / "story"))
    assert [c.describe() for c in changes] == ["scene `lab` changed: text"]
