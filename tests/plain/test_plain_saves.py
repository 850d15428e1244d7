"""The plain line mode's saves, undo and record, end to end through `iss play --plain`."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from iss.plain import PlainGame
from tests.saves.conftest import BROKEN, FIXTURES, station

_SCRIPT = Path(sys.executable).with_name("iss")
ISS = [str(_SCRIPT)] if _SCRIPT.is_file() else [sys.executable, "-m", "iss"]
STATION = FIXTURES / "station"


def play(
    saves: Path, stdin: str, *args: str, story: Path = STATION
) -> subprocess.CompletedProcess[str]:
    out = subprocess.run(
        [*ISS, "play", "--plain", "--story", str(story), "--saves", str(saves), *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "Traceback" not in out.stdout + out.stderr, out.stdout + out.stderr
    return out


def test_save_in_one_run_and_load_in_the_next(tmp_path: Path) -> None:
    out = play(tmp_path, "1\n:save First Lab\n:quit\n")
    assert out.returncode == 0
    assert "Saved as “First Lab”." in out.stdout
    out = play(tmp_path, ":saves\n:quit\n", "--load", "first lab")
    assert out.returncode == 0
    assert "Loaded “First Lab”." in out.stdout
    assert "== The Lab ==" in out.stdout.split("Loaded “First Lab”.")[1]
    assert re.search(
        r"  First Lab: The Lab\. Saved \d{4}-\d\d-\d\d \d\d:\d\d, played \d+s\. "
        r'"Mice in their cages\. Alexey hums\."',
        out.stdout,
    ), out.stdout


def test_load_inside_the_game_and_bare_save_is_a_quicksave(tmp_path: Path) -> None:
    out = play(tmp_path, "1\n:save\n2\n:load quicksave\n:load\n:quit\n")
    assert "Saved as “quicksave”." in out.stdout
    after = out.stdout.split("Loaded “quicksave”.")[1]
    assert after.lstrip().startswith("== The Lab ==")
    assert "Type :load NAME" in after


def test_load_failures_say_why(tmp_path: Path) -> None:
    out = play(tmp_path, "", "--load", "nothing")
    assert out.returncode == 1
    assert "There is no save named “nothing”." in out.stdout
    out = play(tmp_path, ":load nothing\n:load ../../etc/passwd\n:quit\n")
    assert out.returncode == 0
    assert "There is no save named “nothing”." in out.stdout
    assert "A save name may use letters" in out.stdout


@pytest.mark.parametrize("name", ["../escape", "/etc/passwd", "x/../../y", "..", "a" * 80, "con"])
def test_bad_save_names_are_refused_and_nothing_escapes(tmp_path: Path, name: str) -> None:
    saves = tmp_path / "saves"
    out = play(saves, f":save {name}\n:quit\n")
    assert out.returncode == 0
    assert "Saved as" not in out.stdout
    assert re.search(r"A save name|limit is 40|reserves", out.stdout), out.stdout
    outside = [p for p in tmp_path.rglob("*") if saves not in p.parents and p != saves]
    assert outside == []


def test_unreadable_saves_are_listed_and_the_rest_load(tmp_path: Path) -> None:
    folder = tmp_path / "station"  # the story's own folder under --saves
    shutil.copytree(BROKEN, folder)
    play(tmp_path, "1\n:save good\n:quit\n")
    out = play(tmp_path, ":saves\n:quit\n")
    listing = out.stdout.split("Cannot be loaded:")
    assert "  good: The Lab." in listing[0]
    for line in (
        "  truncated: the file is cut short (truncated).",
        "  empty: the file is empty.",
        "  other-story: it is a save of another story (“other”: Another Station).",
    ):
        assert line in listing[1]
    assert "  newer: it was written by a newer version of I.S.S." in listing[1]
    out = play(tmp_path, "", "--load", "corrupted")
    assert out.returncode == 1
    assert "The save “corrupted” cannot be loaded: the file is not text" in out.stdout
    assert play(tmp_path, ":quit\n", "--load", "good").returncode == 0
    assert sorted(p.name for p in BROKEN.iterdir()) == sorted(
        p.name for p in folder.iterdir() if p.name in {q.name for q in BROKEN.iterdir()}
    )


def test_undo_goes_back_and_refuses_bad_input(tmp_path: Path) -> None:
    out = play(tmp_path, "1\n1\n1\n:undo\n:undo 2\n:undo\n:undo x\n:undo 0\n:undo 9\n:quit\n")
    text = out.stdout
    assert "Went back 1 choice.\n\n== The Lab ==" in text  # lab -> lab (call_home) undone
    assert "Went back 2 choices.\n\n== The Dock ==" in text
    assert "There is nothing to undo: no choice has been made yet." in text
    assert "Type :undo to take back the last choice, or :undo N for N choices." in text
    assert "Give a number of choices to go back, 1 or more." in text


def test_undo_then_choose_again(tmp_path: Path) -> None:
    out = play(tmp_path, "2\n:undo\n1\n2\n1\n1\n")
    assert "ENDING: Home\n\nWhat mattered:\n" in out.stdout


def test_autosave_every_scene_after_the_first_choice(tmp_path: Path) -> None:
    play(tmp_path, "1\n1\n2\n:quit\n")
    assert sorted(p.name for p in (tmp_path / "station").glob("auto-*")) == [
        "auto-1.save.json",
        "auto-2.save.json",
        "auto-3.save.json",
    ]
    out = play(tmp_path, ":quit\n", "--load", "auto-3")
    assert "== The Cupola ==" in out.stdout


def test_record_marks_choices_and_lists_endings(tmp_path: Path) -> None:
    play(tmp_path, "1\n2\n1\n1\n")  # greet, to_cupola, take_key, open_it: home
    out = play(tmp_path, ":endings\n:quit\n")
    assert "  1) Greet Alexey (taken before)\n  2) Drift past him\n" in out.stdout
    assert re.search(r"Endings found: 1 of 2\n  Home \(good\): found \d{4}-\d\d-\d\d\n", out.stdout)
    assert "  Not found yet. Hint: Did you take the key?" in out.stdout


def test_a_broken_record_is_reported_and_kept(tmp_path: Path) -> None:
    folder = tmp_path / "station"
    folder.mkdir()
    (folder / "profile.json").write_text("{ not json")
    out = play(tmp_path, "1\n:quit\n")
    assert out.stdout.startswith("(Your record could not be read: the file is not valid JSON")
    [aside] = folder.glob("profile.json.broken-*")
    assert aside.read_text() == "{ not json"
    assert (folder / "profile.json").is_file()


def test_loading_after_a_story_edit_tells_where_it_resumes(tmp_path: Path) -> None:
    play(tmp_path, "1\n2\n:save cupola\n1\n:save airlock\n:quit\n")
    out = play(tmp_path, ":quit\n", "--load", "airlock", story=FIXTURES / "station_no_choice")
    assert out.returncode == 0
    assert (
        "(The story changed since this save: choice `take_key` no longer exists in scene "
        "`cupola`; resuming at 'The Cupola' after 2 of 3 choices.)\nLoaded “airlock”.\n"
    ) in out.stdout
    out = play(tmp_path, ":quit\n", "--load", "cupola", story=FIXTURES / "station_text")
    assert "(The story" not in out.stdout and "Loaded “cupola”." in out.stdout


def test_help_lists_the_save_commands(tmp_path: Path) -> None:
    out = play(tmp_path, ":help\n:quit\n")
    for command in (":save", ":load", ":saves", ":undo", ":endings"):
        assert f"  {command} " in out.stdout


def test_an_unwritable_saves_folder_is_reported_once(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("")
    out = play(tmp_path / "file", "1\n1\n:save x\n:saves\n:quit\n")
    assert out.returncode == 0
    assert out.stdout.count("Autosave failed") == 1
    assert "Could not save “x”: " in out.stdout and "is not a folder" in out.stdout


def test_without_a_saves_folder_the_commands_say_so() -> None:
    stdout = io.StringIO()
    game = PlainGame(station(), io.StringIO(":save x\n:saves\n:load x\n:undo\n:quit\n"), stdout)
    assert game.run() == 0
    text = stdout.getvalue()
    assert text.count("Saves are off: there is no saves folder.") == 2
    assert "Cannot load “x”: there is no saves folder." in text
    assert "There is nothing to undo" in text


def test_an_unreadable_autosave_is_set_aside_and_said(tmp_path: Path) -> None:
    folder = tmp_path / "station"
    folder.mkdir()
    (folder / "auto-1.save.json").write_text('{"format": "iss-save"')
    out = play(tmp_path, "1\n:quit\n")
    assert (
        "(The old save in “auto-1” was unreadable: the file is cut short (truncated). "
        "It was kept as auto-1.save.json.broken-"
    ) in out.stdout
    [aside] = folder.glob("auto-1.save.json.broken-*")
    assert aside.read_text() == '{"format": "iss-save"'


def test_long_bad_input_is_not_echoed_whole(tmp_path: Path) -> None:
    out = play(tmp_path, "x" * 5000 + "\n:" + "y" * 5000 + "\n:quit\n")
    assert "`" + "x" * 39 + "…` is not a choice here." in out.stdout
    assert "Unknown command `:" + "y" * 39 + "…`." in out.stdout
    assert "x" * 80 not in out.stdout  # echoed after the prompt cut to 80 characters
    assert "> " + "x" * 79 + "…" in out.stdout


def test_a_locked_choice_is_not_marked_taken_before(tmp_path: Path) -> None:
    """A locked choice says why it is locked, and nothing else: blind reader R25 met one
    that showed its reason and "(taken before)" side by side and read the mix as garbled
    (the UI marks only choices that can be taken)."""
    play(tmp_path, "1\n2\n1\n1\n")  # greet, to_cupola, take_key, open_it: home
    out = play(tmp_path, "1\n2\n2\n:quit\n")  # leave the key: open_it is locked
    locked = [line for line in out.stdout.splitlines() if "Open the inner door" in line]
    assert locked and all("[locked: " in line for line in locked), out.stdout
    assert not any("taken before" in line for line in locked), locked
