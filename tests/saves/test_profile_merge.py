"""Two games sharing a saves folder both keep what they found; a failed write catches up later."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from iss.engine import profile as profile_module
from iss.engine.model import Story
from iss.engine.profile import PROFILE_NAME, Profile
from iss.engine.save_files import SaveError, write_atomic
from tests.saves.conftest import FIXTURES, PATH_HOME, TickingClock, play

STATION = FIXTURES / "station"
PLAY = [sys.executable, "-m", "iss", "play", "--plain", "--story", str(STATION)]
ALONE = ("ignore", "to_cupola", "leave_key", "wait_here")


def endings_on_disk(folder: Path, story_id: str = "station") -> set[str]:
    data = json.loads((folder / PROFILE_NAME).read_text(encoding="utf-8"))
    return set(data["stories"][story_id]["endings"])


def test_two_open_profiles_keep_both_endings(tmp_path: Path, story: Story) -> None:
    first = Profile.open(tmp_path, now=TickingClock())
    second = Profile.open(tmp_path, now=TickingClock())
    first.note(story, play(story, PATH_HOME))
    second.note(story, play(story, ALONE))
    assert endings_on_disk(tmp_path) == {"home", "alone"}
    assert second.record("station").endings.keys() == {"home", "alone"}
    first.note(story, play(story, ["greet", "call_home"]))
    assert endings_on_disk(tmp_path) == {"home", "alone"}


WRITER = """
import sys
from pathlib import Path
from iss.engine.profile import Profile, Record
folder, tag, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
import time
while not (folder / "go").exists():
    time.sleep(0.001)
for n in range(count):
    profile = Profile.open(folder)
    profile.record("s").scenes.add(f"{tag}{n}")
    profile.save()
"""


def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    count = 40
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path), tag, str(count)])
        for tag in ("a", "b")
    ]
    (tmp_path / "go").touch()
    for proc in procs:
        assert proc.wait(timeout=120) == 0
    scenes = set(Profile.open(tmp_path).record("s").scenes)
    assert scenes == {f"{tag}{n}" for tag in "ab" for n in range(count)}


def test_two_plain_games_finishing_two_endings_record_both(tmp_path: Path) -> None:
    """The issue's race: two `iss play --plain` in one saves folder, finishing together."""
    runs = [("greet\ncall_home\nto_cupola\ntake_key\nopen_it\n"), ("\n".join(ALONE) + "\n")]
    procs = [
        subprocess.Popen(
            [*PLAY, "--saves", str(tmp_path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            text=True,
        )
        for _ in runs
    ]
    for proc, moves in zip(procs, runs, strict=True):
        assert proc.stdin is not None
        proc.stdin.write(moves)
        proc.stdin.close()
    assert [proc.wait(timeout=120) for proc in procs] == [0, 0]
    assert endings_on_disk(tmp_path / "station") == {"home", "alone"}
    seen = Profile.open(tmp_path / "station").record("station").scenes
    assert {"home", "alone", "airlock", "cupola", "lab", "dock"} <= seen


def test_a_failed_write_is_pending_and_the_next_note_catches_up(
    tmp_path: Path, story: Story, monkeypatch: pytest.MonkeyPatch
) -> None:
    profile = Profile.open(tmp_path, now=TickingClock())
    real_write = write_atomic

    def disk_full(path: Path, data: bytes) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(profile_module, "write_atomic", disk_full)
    with pytest.raises(SaveError, match="No space left on device"):
        profile.note(story, play(story, PATH_HOME))
    assert profile.pending
    assert not (tmp_path / PROFILE_NAME).exists()
    monkeypatch.setattr(profile_module, "write_atomic", real_write)
    # Nothing new in this step, but what is pending is written now.
    assert not profile.note(story, play(story, PATH_HOME))
    assert not profile.pending
    assert endings_on_disk(tmp_path) == {"home"}


def test_a_record_damaged_meanwhile_is_set_aside_not_lost(tmp_path: Path, story: Story) -> None:
    profile = Profile.open(tmp_path, now=TickingClock())
    profile.note(story, play(story, ["greet"]))
    (tmp_path / PROFILE_NAME).write_text("{ damaged", encoding="utf-8")
    profile.note(story, play(story, PATH_HOME))
    [aside] = tmp_path.glob(f"{PROFILE_NAME}.broken-*")
    assert aside.read_text(encoding="utf-8") == "{ damaged"
    assert endings_on_disk(tmp_path) == {"home"}
