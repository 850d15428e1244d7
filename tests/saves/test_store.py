"""The saves folder: slots, quicksave, the autosave ring, unreadable saves, slot names."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

from iss.engine.model import Story
from iss.engine.save_files import SaveError, slot_path
from iss.engine.saves import AUTOSAVES, BrokenSave, PlayClock, SaveInfo, SaveStore
from tests.saves.conftest import BROKEN, PATH_HOME, TickingClock, play, station


def test_save_then_load_gives_the_same_state(store: SaveStore, story: Story) -> None:
    state = play(story, PATH_HOME[:3], seed=7)
    saved = store.save("Before the Cupola", story, state, play_seconds=125)
    assert saved.notice is None
    assert saved.info.slot == "Before the Cupola" and saved.info.kind == "named"
    loaded = store.load("before the cupola", story)  # names ignore case
    assert loaded.state == state and loaded.notice is None
    assert loaded.step.events == ()
    assert loaded.info.play_seconds == 125 and loaded.info.choices == 3
    assert loaded.info.scene_title == "The Cupola"


def test_saving_again_replaces_the_slot(store: SaveStore, story: Story) -> None:
    store.save("a", story, play(story, ["greet"]))
    store.save("A", story, play(story, ["ignore"]))
    assert store.load("a", story).state == play(story, ["ignore"])
    assert [e.slot for e in store.list(story)] == ["A"]


def test_quicksave_and_quickload(store: SaveStore, story: Story) -> None:
    state = play(story, ["greet", "call_home"])
    info = store.quicksave(story, state, 3).info
    assert info.kind == "quick" and info.slot == "quicksave"
    assert store.quickload(story).state == state


def test_loading_a_missing_slot_says_so(store: SaveStore, story: Story) -> None:
    with pytest.raises(SaveError, match="There is no save named “nothing here”"):
        store.load("  nothing   here ", story)


def test_list_shows_scene_excerpt_date_and_play_time(store: SaveStore, story: Story) -> None:
    store.save("one", story, play(story, ["greet"]), 10)
    store.save("two", story, play(story, PATH_HOME[:3]), 20)
    first, second = store.list(story)
    assert isinstance(first, SaveInfo) and isinstance(second, SaveInfo)
    assert (first.slot, second.slot) == ("two", "one")  # newest first
    assert first.scene_title == "The Cupola" and first.play_seconds == 20
    assert first.excerpt.startswith("Earth turns below.")
    assert first.saved_at > second.saved_at
    assert not first.story_changed


def test_autosave_ring_keeps_the_last_ten(store: SaveStore, story: Story) -> None:
    states = [play(story, ["greet", *["call_home"] * n]) for n in range(AUTOSAVES + 3)]
    for state in states:
        store.autosave(story, state)
    entries = store.list(story)
    assert all(isinstance(e, SaveInfo) and e.kind == "auto" for e in entries)
    assert len(entries) == AUTOSAVES
    kept = [store.load(e.slot, story).state for e in entries]
    assert kept == states[::-1][:AUTOSAVES]  # newest first


def test_autosave_ring_continues_after_a_restart(tmp_path: Path, story: Story) -> None:
    clock = TickingClock()
    first = SaveStore(tmp_path, now=clock)
    for n in range(4):
        first.autosave(story, play(story, ["greet", *["call_home"] * n]))
    second = SaveStore(tmp_path, now=clock)
    assert second.autosave(story, play(story, ["ignore"])).info.slot == "auto-5"


def test_player_cannot_save_into_the_autosave_ring(store: SaveStore, story: Story) -> None:
    with pytest.raises(SaveError, match="belong to autosaves"):
        store.save("Auto-3", story, play(story, []))


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("../x", "not “.” “/”"),
        ("/etc/passwd", "not “/”"),
        ("x/../../y", "not “.” “/”"),
        ("..", "not “.”"),
        (".", "not “.”"),
        (".hidden", "not “.”"),
        ("a\\b", "not “\\”"),
        ("C:evil", "not “:”"),
        ("nul\0byte", "control characters"),
        ("line\nbreak", "control characters"),
        ("x" * 41, "the limit is 40"),
        ("", "needs a name"),
        ("   ", "needs a name"),
        ("CON", "reserves"),
        ("lpt1", "reserves"),
        ("-dash", "start with a letter or a digit"),
        ("a*b?", "not “*” “?”"),
    ],
)
def test_slot_names_cannot_escape_the_folder(
    tmp_path: Path, store: SaveStore, story: Story, name: str, problem: str
) -> None:
    with pytest.raises(SaveError) as err:
        store.save(name, story, play(story, []))
    assert problem in str(err.value)
    with pytest.raises(SaveError):
        store.load(name, story)
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert written == []  # nothing written anywhere, not even inside the folder


@pytest.mark.parametrize("name", ["Before the hatch", "save_2", "Ünïcödé ok", "x" * 40, "  a  b  "])
def test_good_names_stay_inside_the_folder(tmp_path: Path, name: str) -> None:
    path = slot_path(tmp_path, name)
    assert path.parent == tmp_path and path.name.endswith(".save.json")
    assert "/" not in path.name and not path.name.startswith(".")


def copy_broken(folder: Path) -> dict[str, bytes]:
    folder.mkdir(parents=True, exist_ok=True)
    for path in BROKEN.iterdir():
        shutil.copy(path, folder / path.name)
    return {p.name: p.read_bytes() for p in folder.iterdir()}


EXPECTED_PROBLEMS = {
    "corrupted": "not text",
    "empty": "empty",
    "newer": "newer version of I.S.S.",
    "nonsense": "should be a whole number",
    "not-a-save": "not an I.S.S. save",
    "other-story": "another story (“other”",
    "truncated": "truncated",
}


def test_unreadable_saves_are_listed_with_their_problem(store: SaveStore, story: Story) -> None:
    before = copy_broken(store.folder)
    good = play(story, ["greet"])
    store.save("good", story, good)
    entries = store.list(story)
    assert [e.slot for e in entries if isinstance(e, SaveInfo)] == ["good"]
    broken = {e.slot: e.problem for e in entries if isinstance(e, BrokenSave)}
    assert set(broken) == set(EXPECTED_PROBLEMS)
    for slot, problem in EXPECTED_PROBLEMS.items():
        assert problem in broken[slot], (slot, broken[slot])
        with pytest.raises(SaveError, match=f"The save “{slot}” cannot be loaded"):
            store.load(slot, story)
    assert store.load("good", story).state == good
    for name, data in before.items():  # nothing deleted or changed
        assert (store.folder / name).read_bytes() == data


def test_a_save_that_does_not_fit_its_story_is_unreadable(store: SaveStore, story: Story) -> None:
    path = store.save("edited", story, play(story, ["greet"])).info.path
    data = json.loads(path.read_text())
    data["state"]["scene"] = "nowhere"
    path.write_text(json.dumps(data))
    [entry] = store.list(story)
    assert isinstance(entry, BrokenSave)
    assert "does not fit the story: the story has no scene `nowhere`" in entry.problem


def test_a_hand_edit_that_fits_is_rebuilt_from_the_choices(store: SaveStore, story: Story) -> None:
    path = store.save("edited", story, play(story, ["greet"])).info.path
    data = json.loads(path.read_text())
    data["state"]["trust"]["alexey"] = 10
    path.write_text(json.dumps(data))
    loaded = store.load("edited", story)
    assert loaded.state == play(story, ["greet"])
    assert loaded.notice is not None and "did not match a replay" in loaded.notice


def test_saving_over_an_unreadable_file_sets_it_aside(store: SaveStore, story: Story) -> None:
    copy_broken(store.folder)
    garbage = (store.folder / "truncated.save.json").read_bytes()
    saved = store.save("truncated", story, play(story, ["greet"]))
    assert saved.notice is not None and "was unreadable: the file is cut short" in saved.notice
    [aside] = store.folder.glob("truncated.save.json.broken-*")
    assert aside.read_bytes() == garbage
    assert aside.name in saved.notice
    assert store.load("truncated", story).state == play(story, ["greet"])


@pytest.mark.parametrize(
    ("slot", "problem"), [("other-story", "another story"), ("newer", "newer")]
)
def test_never_writes_over_another_story_or_a_newer_version(
    store: SaveStore, story: Story, slot: str, problem: str
) -> None:
    copy_broken(store.folder)
    before = (store.folder / f"{slot}.save.json").read_bytes()
    with pytest.raises(SaveError, match=problem):
        store.save(slot, story, play(story, []))
    assert (store.folder / f"{slot}.save.json").read_bytes() == before


def test_other_story_sees_its_own_save(tmp_path: Path) -> None:
    other = station("other")
    SaveStore(tmp_path).save("mine", other, play(other, ["greet"]))
    [entry] = SaveStore(tmp_path).list(station())
    assert isinstance(entry, BrokenSave) and "another story" in entry.problem
    assert SaveStore(tmp_path).load("mine", other).state == play(other, ["greet"])


def test_saves_folder_that_is_a_file(tmp_path: Path, story: Story) -> None:
    (tmp_path / "file").write_text("not a folder")
    store = SaveStore(tmp_path / "file")
    with pytest.raises(SaveError, match="is not a folder"):
        store.save("x", story, play(story, []))
    assert store.list(story) == []


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a non-root POSIX user")
def test_read_only_folder_gives_a_clear_error(tmp_path: Path, story: Story) -> None:
    tmp_path.chmod(0o500)
    try:
        with pytest.raises(SaveError, match="Could not save “x”"):
            SaveStore(tmp_path).save("x", story, play(story, []))
    finally:
        tmp_path.chmod(0o700)


def test_no_temporary_files_are_left_behind(store: SaveStore, story: Story) -> None:
    for n in range(5):
        store.save("x", story, play(story, ["greet", *["call_home"] * n]))
        store.autosave(story, play(story, ["greet"]))
    names = sorted(p.name for p in store.folder.iterdir())
    assert all(name.endswith(".save.json") for name in names), names


def test_play_clock_counts_and_pauses() -> None:
    now = [100.0]
    clock = PlayClock(30, now=lambda: now[0])
    now[0] += 15
    assert clock.seconds() == 45
    clock.pause()
    now[0] += 100
    assert clock.seconds() == 45
    clock.resume()
    now[0] += 5
    assert clock.seconds() == 50
    clock.reset(7)
    assert clock.seconds() == 7


def test_temporary_files_a_killed_writer_left_are_swept_after_an_hour(tmp_path: Path) -> None:
    old = tmp_path / ".slot.save.json.abc123.tmp"
    fresh = tmp_path / ".slot.save.json.def456.tmp"
    save = tmp_path / "slot.save.json"
    for path in (old, fresh, save):
        path.write_text("{", encoding="utf-8")
    hours_ago = time.time() - 2 * 3600
    os.utime(old, (hours_ago, hours_ago))
    os.utime(save, (hours_ago, hours_ago))
    SaveStore(tmp_path)
    assert not old.exists()
    assert fresh.exists()  # maybe another game is writing it right now
    assert save.exists()  # a save, even a broken one, is never deleted
