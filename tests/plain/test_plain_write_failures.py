"""Plain mode on a full disk: every failed write told, at most once a minute, none silently;
the record catches up once writing works again (issue 18)."""

from __future__ import annotations

import errno
import io
import json
import os
from pathlib import Path
from typing import TextIO, cast

import pytest

from iss.engine import profile as profile_module
from iss.engine import saves as saves_module
from iss.engine.save_files import write_atomic as REAL_WRITE
from iss.plain import PlainGame
from iss.write_problems import WriteProblems
from tests.saves.conftest import station


class Disk:
    """A disk that can be full: patches the writes of saves and of the record."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.full = False
        monkeypatch.setattr(saves_module, "write_atomic", self.write)
        monkeypatch.setattr(profile_module, "write_atomic", self.write)

    def write(self, path: Path, data: bytes) -> None:
        if self.full:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        REAL_WRITE(path, data)


class Minutes:
    """A clock for WriteProblems that the test moves on by hand."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class Lines:
    """stdin that runs a hook before handing out each line (to change the disk or the time)."""

    def __init__(self, script: list[tuple[str, object]]) -> None:
        self.script = script

    def readline(self) -> str:
        if not self.script:
            return ""
        line, hook = self.script.pop(0)
        if callable(hook):
            hook()
        return line + "\n"


def test_failures_are_told_once_a_minute_counted_and_the_record_catches_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    disk = Disk(monkeypatch)
    clock = Minutes()
    out = io.StringIO()

    def fill() -> None:
        disk.full = True

    def later() -> None:
        clock.now += 61

    def free() -> None:
        disk.full = False

    script: list[tuple[str, object]] = [
        ("greet", fill),
        ("call_home", None),
        ("call_home", None),
        ("to_cupola", later),
        ("take_key", free),
        ("open_it", fill),
    ]
    game = PlainGame(station(), cast(TextIO, Lines(script)), out, saves_dir=tmp_path)
    assert game.records is not None
    game.records.problems = WriteProblems(60.0, clock)
    game.run()
    text = out.getvalue()
    record_lines = [line for line in text.splitlines() if "Could not write your record" in line]
    auto_lines = [line for line in text.splitlines() if "Autosave failed" in line]
    # greet fails (told), two call_homes fail within the minute (counted), to_cupola a
    # minute later (told, with the count); take_key works (told); open_it fails again, a
    # new situation, told at once (the record's line names the ending); and the record
    # is still pending when the game ends (told).
    assert len(auto_lines) == 3 and len(record_lines) == 4, text
    assert "(2 more such failure(s) since the last message.)" in auto_lines[1]
    assert "(2 more such failure(s) since the last message.)" in record_lines[1]
    assert "The ending “Home” is not in your record yet" in record_lines[2]
    assert "Autosaves work again." in text
    assert "Your record can be written again; it is up to date, nothing was lost." in text
    # The last words: the record is still pending and the disk still full.
    assert text.rstrip().endswith("What you found since it last worked is not in your record.)")


def test_the_ending_reaches_the_record_once_the_disk_is_free(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    disk = Disk(monkeypatch)

    def fill() -> None:
        disk.full = True

    def free() -> None:
        disk.full = False

    out = io.StringIO()
    script: list[tuple[str, object]] = [
        ("greet", None),
        ("call_home", None),
        ("to_cupola", None),
        ("take_key", fill),
        ("open_it", None),
    ]

    class FreeAtTheEnd(PlainGame):
        def play(self) -> int:
            code = super().play()
            free()  # the disk is freed before the game's last words
            return code

    FreeAtTheEnd(station(), cast(TextIO, Lines(script)), out, saves_dir=tmp_path).run()
    text = out.getvalue()
    assert "The ending “Home” is not in your record yet" in text
    assert text.rstrip().endswith("it is up to date, nothing was lost.)")
    data = json.loads((tmp_path / "station" / "profile.json").read_text(encoding="utf-8"))
    assert set(data["stories"]["station"]["endings"]) == {"home"}
    assert ["cupola", "take_key"] in data["stories"]["station"]["choices"]
