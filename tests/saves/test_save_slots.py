"""Deleting and renaming saves: inside the folder only, atomic, the rest untouched."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from iss.engine.model import Story
from iss.engine.save_files import SaveError
from iss.engine.save_slots import delete_save, rename_save
from iss.engine.saves import BrokenSave, SaveStore
from tests.saves.conftest import PATH_HOME, play


def files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_rename_keeps_the_game_and_changes_only_the_name(store: SaveStore, story: Story) -> None:
    folder = store.folder
    state = play(story, PATH_HOME[:3], seed=7)
    before = store.save("first", story, state, play_seconds=125).info
    assert rename_save(folder, "First", "  The  Airlock ") == "The Airlock"
    [info] = store.list(story)
    assert info.slot == "The Airlock" and not isinstance(info, BrokenSave)
    assert (info.saved_at, info.play_seconds, info.sequence) == (
        before.saved_at,
        before.play_seconds,
        before.sequence,
    )
    assert store.load("the airlock", story).state == state
    assert files(folder) == ["the airlock.save.json"]


def test_rename_changes_case_in_place(store: SaveStore, story: Story) -> None:
    folder = store.folder
    store.save("airlock", story, play(story, ["greet"]))
    rename_save(folder, "airlock", "Airlock")
    assert [e.slot for e in store.list(story)] == ["Airlock"]
    assert files(folder) == ["airlock.save.json"]


def test_an_autosave_renamed_leaves_the_ring(store: SaveStore, story: Story) -> None:
    folder = store.folder
    store.autosave(story, play(story, ["greet"]))
    rename_save(folder, "auto-1", "keep this")
    assert [(e.slot, e.kind) for e in store.list(story)] == [("keep this", "named")]


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ("first", "second", "already a save named “second”"),
        ("first", "auto-2", "belong to autosaves"),
        ("first", "../outside", "not “.” “/”"),
        ("first", "/etc/passwd", "not “/”"),
        ("first", "con", "reserves"),
        ("first", "", "needs a name"),
        ("nothing", "else", "no save named “nothing”"),
        ("../first", "else", "not “.” “/”"),
    ],
)
def test_rename_refuses_and_changes_nothing(
    store: SaveStore, story: Story, old: str, new: str, problem: str
) -> None:
    folder = store.folder
    store.save("first", story, play(story, ["greet"]))
    store.save("second", story, play(story, ["ignore"]))
    before = {name: (folder / name).read_bytes() for name in files(folder)}
    with pytest.raises(SaveError, match=re.escape(problem)):
        rename_save(folder, old, new)
    assert {name: (folder / name).read_bytes() for name in files(folder)} == before
    assert not (folder.parent / "outside.save.json").exists()


def test_an_unreadable_save_is_not_renamed_but_can_be_deleted(
    store: SaveStore, story: Story
) -> None:
    folder = store.folder
    folder.mkdir(parents=True)
    (folder / "junk.save.json").write_text("{ not json", encoding="utf-8")
    with pytest.raises(SaveError, match="“junk” cannot be renamed"):
        rename_save(folder, "junk", "fine")
    assert files(folder) == ["junk.save.json"]
    delete_save(folder, "junk")
    assert files(folder) == []


def test_delete_removes_one_save_and_only_inside_the_folder(store: SaveStore, story: Story) -> None:
    folder = store.folder
    store.save("first", story, play(story, ["greet"]))
    store.save("second", story, play(story, ["ignore"]))
    delete_save(folder, "FIRST")
    assert [e.slot for e in store.list(story)] == ["second"]
    with pytest.raises(SaveError, match="no save named “first”"):
        delete_save(folder, "first")
    (folder.parent / "victim.save.json").write_text("keep me", encoding="utf-8")
    with pytest.raises(SaveError, match=re.escape("not “.” “/”")):
        delete_save(folder, "../victim")
    assert (folder.parent / "victim.save.json").read_text(encoding="utf-8") == "keep me"
