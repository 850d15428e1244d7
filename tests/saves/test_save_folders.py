"""Saves are kept per story, old shared saves move in, and the default folder fits where you are."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from iss.engine.profile import PROFILE_NAME, Profile
from iss.engine.save_folders import folder_name, migrate_old_saves, story_folder
from iss.engine.saves import SaveInfo, SaveStore
from iss.paths import checkout_root, default_saves_dir
from iss.plain import PlainGame
from tests.saves.conftest import PATH_HOME, TickingClock, play, station


def test_two_stories_keep_separate_saves_and_records(tmp_path: Path) -> None:
    ours, other = station(), station("other")
    for story in (ours, other):
        out = io.StringIO()
        PlainGame(story, io.StringIO("1\n:save mine\n:quit\n"), out, saves_dir=tmp_path).run()
        assert "Saved as “mine”." in out.getvalue()
    assert (tmp_path / "station" / "auto-1.save.json").is_file()
    assert (tmp_path / "other" / "auto-1.save.json").is_file()
    [entry] = [e for e in SaveStore(tmp_path / "station").list(ours) if e.slot == "mine"]
    assert isinstance(entry, SaveInfo)
    assert Profile.open(tmp_path / "station").stories.keys() == {"station"}


def test_old_shared_saves_and_record_move_into_the_story_folder(tmp_path: Path) -> None:
    ours, other = station(), station("other")
    SaveStore(tmp_path, now=TickingClock()).save("mine", ours, play(ours, ["greet"]))
    SaveStore(tmp_path, now=TickingClock()).save("theirs", other, play(other, ["greet"]))
    shared = Profile.open(tmp_path, now=TickingClock())
    shared.note(ours, play(ours, PATH_HOME))
    shared.note(other, play(other, ["greet"]))
    notices = migrate_old_saves(tmp_path, ours)
    assert len(notices) == 2 and "Moved 1 save(s)" in notices[0]
    folder = story_folder(tmp_path, ours)
    assert SaveStore(folder).load("mine", ours).state == play(ours, ["greet"])
    assert (tmp_path / "theirs.save.json").is_file()  # another story's: left for it
    assert "home" in Profile.open(folder).record("station").endings
    assert (tmp_path / PROFILE_NAME).is_file()  # the old record is kept
    assert migrate_old_saves(tmp_path, ours) == []  # nothing left to do


def test_a_name_taken_in_the_new_folder_is_left_where_it_was(tmp_path: Path) -> None:
    story = station()
    SaveStore(tmp_path, now=TickingClock()).save("mine", story, play(story, ["greet"]))
    SaveStore(tmp_path / "station", now=TickingClock()).save("mine", story, play(story, []))
    migrate_old_saves(tmp_path, story)
    assert (tmp_path / "mine.save.json").is_file()
    assert SaveStore(tmp_path / "station").load("mine", story).state == play(story, [])


@pytest.mark.parametrize(
    ("story_id", "safe"),
    [("iss", True), ("station_2", True), ("Some Story", False), ("../x", False), ("con", False)],
)
def test_odd_story_ids_get_a_safe_folder_name(story_id: str, safe: bool) -> None:
    name = folder_name(story_id)
    assert (name == story_id) == safe
    assert "/" not in name and ".." not in name and len(name) <= 64


def test_default_folder_is_the_checkout_only_from_inside_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ISS_SAVES", raising=False)
    root = checkout_root()
    elsewhere = default_saves_dir(cwd=tmp_path)
    assert root is None or root not in elsewhere.parents
    assert elsewhere.name == "saves"
    if root is not None:
        assert default_saves_dir(cwd=root) == root / "saves"
        assert default_saves_dir(cwd=root / "src") == root / "saves"
    monkeypatch.setenv("ISS_SAVES", str(tmp_path))
    assert default_saves_dir(cwd=tmp_path) == tmp_path


def test_the_record_of_a_story_lists_only_its_folder(tmp_path: Path) -> None:
    story = station()
    out = io.StringIO()
    PlainGame(story, io.StringIO("\n".join(PATH_HOME) + "\n"), out, saves_dir=tmp_path).run()
    data = json.loads((tmp_path / "station" / PROFILE_NAME).read_text(encoding="utf-8"))
    assert set(data["stories"]) == {"station"}
    assert not (tmp_path / PROFILE_NAME).exists()
