"""Every case of the hostile corpus: exit 1, `file:line` in the message, no traceback,
nothing that rewrites a terminal, and a short report (bounded work, never a dump)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from iss.cli import main
from tests.hostile.attacks import leaked
from tests.hostile.corpus import CASES, CLEAN, Case

MAX_OUTPUT = 5_000
"""Characters a report of one mistake may take, with the base story's own warnings
(about 3,000 when a mistake leaves the story loadable): no file content is dumped."""
MAX_LINE = 600
"""Characters of one line: a diagnostic's message is cut at 400, its file name too."""


def write(case: Case, folder: Path) -> Path:
    for name, text in case.files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def check(folder: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["check", str(folder)])
    out = capsys.readouterr()
    return code, out.out + out.err


def test_the_corpus_is_large() -> None:
    assert len(CASES) > 700
    assert len({case.name for case in CASES}) == len(CASES)


def test_the_base_story_is_clean(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, output = check(write(CLEAN, tmp_path / "story"), capsys)
    assert code == 0, output


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_hostile_case_is_reported_at_its_line(
    case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, output = check(write(case, tmp_path / "story"), capsys)
    assert code == 1, output
    assert f"{case.file}:{case.line}:" in output, output
    assert " error E" in output
    assert not leaked(output.replace("\n", "")), output
    assert len(output) < MAX_OUTPUT, output[:MAX_OUTPUT]
    assert max(len(line) for line in output.splitlines()) < MAX_LINE, output[:MAX_OUTPUT]


@pytest.mark.parametrize("case", CASES[::60], ids=lambda case: case.name)
def test_the_command_itself_never_shows_a_traceback(case: Case, tmp_path: Path) -> None:
    folder = write(case, tmp_path / "story")
    out = subprocess.run(
        [sys.executable, "-m", "iss", "check", str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert out.returncode == 1
    assert "Traceback" not in out.stdout + out.stderr
    assert f"{case.file}:{case.line}:" in out.stdout
