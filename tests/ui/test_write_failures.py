"""The UI on a full disk: one message per kind of failed write, again only when things change;
settings.json is written only when the settings change (issue 18)."""

from __future__ import annotations

import errno
import io
import json
import os
from pathlib import Path
from typing import Any

import pytest

from iss import settings as settings_module
from iss.cli import main
from iss.cli.play_cmd import say_last_words
from iss.engine import profile as profile_module
from iss.engine import saves as saves_module
from iss.engine.save_files import write_atomic as REAL_WRITE
from iss.settings import SETTINGS_FILE
from iss.ui.app import IssApp, make_app
from tests.ui.conftest import SIZE, STATION, TINY, MakeApp


class Disk:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.full = False
        self.writes: list[Path] = []
        for module in (saves_module, profile_module, settings_module):
            monkeypatch.setattr(module, "write_atomic", self.write)

    def write(self, path: Path, data: bytes) -> None:
        self.writes.append(path)
        if self.full:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        REAL_WRITE(path, data)


def toasts(app: IssApp) -> list[str]:
    """Every message the app has shown, in order."""
    said: list[str] = []
    original = app.notify

    def notify(message: str, **options: Any) -> None:
        said.append(message)
        original(message, **options)

    app.notify = notify  # type: ignore[method-assign]
    return said


async def test_a_full_disk_is_told_once_per_kind_not_after_every_choice(
    app_for: MakeApp, saves: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    disk = Disk(monkeypatch)
    app = app_for(STATION)
    said = toasts(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        disk.full = True
        for _ in range(3):  # look, take_key, and on (not yet an ending)
            await pilot.press("1")
            await pilot.pause()
        run = app.playthrough
        assert run is not None and len(run.state.history) == 3 and not run.state.over
        record = [m for m in said if "Could not write your record" in m]
        auto = [m for m in said if "Autosave failed" in m]
        assert (len(record), len(auto)) == (1, 1), said
        disk.full = False
        await pilot.press("1")
        await pilot.pause()
        assert "Autosaves work again." in said
        assert any("nothing was lost" in m for m in said)
    data = json.loads((saves / "station" / "profile.json").read_text(encoding="utf-8"))
    seen = set(data["stories"]["station"]["scenes"])
    assert {"cupola", "node"} <= seen  # what the full disk held back is there now


async def test_settings_are_not_written_when_nothing_changed(
    saves: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    disk = Disk(monkeypatch)
    for _ in range(2):
        app = make_app(TINY, saves)
        said = toasts(app)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
        assert not any(path.name == SETTINGS_FILE for path in disk.writes)
        assert not any("Settings could not be saved" in m for m in said)


async def test_settings_are_written_when_they_change(saves: Path) -> None:
    app = make_app(TINY, saves)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.settings.cycle_effect()
        app.remember_settings()
    assert json.loads((saves / SETTINGS_FILE).read_text(encoding="utf-8"))["effect"] == "words"


@pytest.mark.parametrize("freed", [True, False])
async def test_an_ending_the_full_disk_held_back_is_written_or_told_when_the_game_closes(
    app_for: MakeApp, saves: Path, monkeypatch: pytest.MonkeyPatch, freed: bool
) -> None:
    """The record fails as the ending is reached; the player goes back to the title and
    quits. Once the UI has closed, `iss play` writes the record (the disk was freed) or
    says on the terminal that the ending is not in it: never a silent loss."""
    disk = Disk(monkeypatch)
    app = app_for(STATION)
    said = toasts(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        for key in ("1", "1", "1"):  # look, take_key, cut_power
            await pilot.press(key)
            await pilot.pause()
        disk.full = True
        await pilot.press("1")  # go_down: the ending
        await pilot.pause()
        run = app.playthrough
        assert run is not None and run.state.ending == "the_fall"
        assert any("is not in your record yet" in m for m in said), said
        disk.full = not freed
        await pilot.press("enter")  # the title screen
        await pilot.pause()
    out = io.StringIO()
    say_last_words(app.records, out)
    data = json.loads((saves / "station" / "profile.json").read_text(encoding="utf-8"))
    endings = set(data["stories"]["station"]["endings"])
    if freed:
        assert endings == {"the_fall"}
        assert "it is up to date, nothing was lost." in out.getvalue()
    else:
        assert endings == set()
        assert "is not in your record." in out.getvalue()


def test_iss_play_says_the_last_words_once_the_ui_has_closed(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], saves: Path
) -> None:
    class Pending:
        def last_words(self) -> list[str]:
            return ["Could not write your record. \x1b[2J"]

    class ClosedApp:
        records = Pending()
        return_code = 0

        def run(self) -> None:
            pass

    monkeypatch.setattr("iss.ui.app.make_app", lambda *_args, **_options: ClosedApp())
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    monkeypatch.setattr("sys.stdout.isatty", lambda: True, raising=False)
    assert main(["play", "--story", str(TINY), "--saves", str(saves)]) == 0
    assert "(Could not write your record. ␛[2J)" in capsys.readouterr().err
