"""`iss report` and `iss diff` say the same of a story on a fast machine and a slow one.

Without `--time-limit`, the report's exact graph stops only at `--max-states` and its
search for routes, like each version's search in `iss diff`, is `iss explore`'s
counted one (`EXPLORE_BUDGET`, `CLAIMS_BUDGET`): a clock that runs fast (a slow or
busy machine) or not at all must give the same report. With `--time-limit` the
seconds count, and a slow clock cuts the work short.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from iss.cli import main
from tests.authoring.test_lint_budget import Clock

MANIFEST = """\
title: Corridor
start: s0
characters:
  kira: {name: Dr. Kira Foster, side: US, player: true}
endings:
  home: {title: Home, kind: good, canonical: true}
  far: {title: Far, kind: quiet}
"""


def _corridor(folder: Path, length: int) -> str:
    """A story whose ending `far` lies `length` choices from the start (and `home` one):
    a search cut by the clock after a thousand states or so does not reach `far`."""
    lines = ["scenes:"]
    for i in range(length):
        target = f"s{i + 1}" if i + 1 < length else "far"
        lines += [
            f"  s{i}:",
            f"    text: Hatch {i} of the long corridor swings open.",
            "    choices:",
            f"      - {{id: onward, text: Go on to the next hatch, go: {target}}}",
            "      - {id: back, text: Give up and go home, go: home}",
        ]
    lines += [
        "  home: {text: You are home at last., ending: home}",
        "  far: {text: The last hatch opens onto the stars., ending: far}",
    ]
    folder.mkdir()
    (folder / "story.yaml").write_text(MANIFEST, encoding="utf-8")
    (folder / "scenes.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(folder)


def _run(step: float, capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(time, "perf_counter", Clock(step))
        main([*args, "--json"])
    out: dict[str, Any] = json.loads(capsys.readouterr().out)
    out.pop("seconds", None)
    return out


def test_the_same_report_on_a_fast_and_a_slow_machine(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _corridor(tmp_path / "story", 400)
    fast = _run(0.0, capsys, "report", folder, "--runs", "20")
    slow = _run(1.0, capsys, "report", folder, "--runs", "20")  # a second lost per reading
    assert fast == slow
    assert fast["odds"]["exact"]  # 402 states: the whole graph, solved


def test_a_report_time_limit_is_counted_by_the_clock(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _corridor(tmp_path / "story", 400)
    slow = _run(1.0, capsys, "report", folder, "--runs", "20", "--time-limit", "2")
    assert not slow["odds"]["exact"]  # the graph was cut: the odds are estimated


def _changes(report: dict[str, Any]) -> list[tuple[str, str]]:
    return [(e["ending"], e["change"]) for e in report["endings"]]


def test_the_same_diff_on_a_fast_and_a_slow_machine(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = _corridor(tmp_path / "old", 1500), _corridor(tmp_path / "new", 1400)
    fast = _run(0.0, capsys, "diff", old, new)
    slow = _run(1.0, capsys, "diff", old, new)  # a second lost at every reading
    assert fast == slow
    assert _changes(fast) == [("far", "route changed")]


def test_a_diff_time_limit_is_counted_by_the_clock(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = _corridor(tmp_path / "old", 1500), _corridor(tmp_path / "new", 1400)
    slow = _run(2.0, capsys, "diff", old, new, "--time-limit", "10")
    assert ("far", "route changed") not in _changes(slow)


def test_graph_explores_with_the_counted_budget(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`iss graph` greys out the scenes a finished search never reached, and falls back
    to the choices alone when the search stops early: a timed search would draw a
    different graph on a busy machine."""
    from iss.authoring import explore as explore_package
    from iss.cli import graph_cmd

    budgets: list[object] = []
    real = explore_package.explore

    def spy(story: Any, budget: Any) -> Any:
        budgets.append(budget)
        return real(story, budget)

    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(graph_cmd, "explore", spy)
        main(["graph", _corridor(tmp_path / "story", 5)])
    assert "digraph" in capsys.readouterr().out
    assert budgets == [explore_package.EXPLORE_BUDGET]
    assert explore_package.EXPLORE_BUDGET.work is not None  # counted, not timed
