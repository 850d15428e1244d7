"""`iss explore` says the same of a story on a fast machine and a slow one.

Without `--time-limit`, the exploration and the properties are budgeted by counted
work (`EXPLORE_BUDGET`, `CLAIMS_BUDGET`), as `iss check`'s are: a clock that runs
fast (a slow or busy machine) or not at all must give the same report. With
`--time-limit`, the seconds are shared out as before, and a slow clock cuts the
search short.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from iss.cli import main
from tests.authoring.test_lint_budget import MANIFEST, SCENES, Clock
from tests.conftest import WriteStory


def _explore(
    folder: Path, step: float, capsys: pytest.CaptureFixture[str], *options: str
) -> dict[str, Any]:
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(time, "perf_counter", Clock(step))
        main(["explore", str(folder), "--json", *options])
    report: dict[str, Any] = json.loads(capsys.readouterr().out)
    report.pop("seconds")
    report["proof"].pop("seconds")
    return report


def test_the_same_report_on_a_fast_and_a_slow_machine(
    write_story: WriteStory, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_story(MANIFEST, scenes=SCENES)
    fast = _explore(folder, 0.0, capsys)
    slow = _explore(folder, 0.2, capsys)  # a fifth of a second lost at every reading
    assert fast == slow
    assert [d["scene"] for d in fast["dead_ends"]] == ["far"]  # 1,500 states deep
    assert fast["complete"]


def test_a_time_limit_is_shared_out_by_the_clock(
    write_story: WriteStory, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_story(MANIFEST, scenes=SCENES)
    slow = _explore(folder, 0.2, capsys, "--time-limit", "5")
    assert not slow["complete"]
    assert "time limit" in slow["cut_reason"]
