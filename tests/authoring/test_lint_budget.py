"""`iss check` says the same of a story on a fast machine and a slow one.

Lint's exploration is budgeted by counted work (`LINT_BUDGET`, `Work`), not by
the clock: a clock that runs fast (a slow or busy machine) or not at all (an
infinitely fast one) must give the same diagnostics. What the budget cuts
short, and a run stopped by the safety-net time limit, are said (W221).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from iss.authoring.diagnostics import Diagnostic
from iss.authoring.explore import Budget, Work
from iss.authoring.lint import LINT_BUDGET, lint
from iss.authoring.lint import checks as lint_checks  # room internals, tested deliberately
from iss.cli import main
from iss.engine.model import Story
from tests.authoring.test_lint import MANIFEST as CLEAN
from tests.authoring.test_lint import SCENES as CLEAN_SCENES
from tests.conftest import WriteStory, load_ok

MANIFEST = """\
title: Counter
start: loop
characters:
  kira: {name: Dr. Kira Foster, side: US, player: true}
variables:
  n: {type: int, min: 0, max: 3000}
endings:
  home: {title: Home, kind: good, canonical: true}
walkthroughs:
  canonical: {ending: home, choices: [leave]}
"""

# The dead end (`far`, once n reaches 1,500) is 1,500 states deep: a search cut by
# the clock after a thousand states or so misses it, one that counts finds it.
SCENES = """\
scenes:
  loop:
    text: The counter on the wall ticks over once more.
    choices:
      - {id: wait, text: Wait a while longer, do: n += 1, go: loop}
      - {id: leave, text: Leave for home now, go: home}
      - {id: open, text: Open the far hatch, when: n >= 1500, go: far}
  far:
    text: The far hatch opens onto a dark and silent module.
    choices:
      - {id: back, text: Go back the way you came, when: n < 1500, go: loop}
  home:
    text: You are home at last, and the counter stops.
    ending: home
"""


class Clock:
    """`time.perf_counter` on a machine where every reading finds `step` seconds gone."""

    def __init__(self, step: float) -> None:
        self.step = step
        self.now = 1000.0

    def __call__(self) -> float:
        self.now += self.step
        return self.now


@pytest.fixture
def counter(write_story: WriteStory) -> Story:
    return load_ok(write_story(MANIFEST, scenes=SCENES))


def _lint_with_clock(
    story: Story, step: float, monkeypatch: pytest.MonkeyPatch, budget: Budget = LINT_BUDGET
) -> list[Diagnostic]:
    with monkeypatch.context() as patched:
        patched.setattr(time, "perf_counter", Clock(step))
        return lint(story, budget=budget)


def _codes(diagnostics: list[Diagnostic]) -> list[str]:
    return [d.code for d in diagnostics]


@pytest.fixture(autouse=True)
def _real_clock() -> Iterator[None]:
    yield
    assert not isinstance(time.perf_counter, Clock)


def test_the_same_diagnostics_on_a_fast_and_a_slow_machine(
    counter: Story, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A clock that never moves, and one that loses a fifth of a second at every reading
    # (the old 2-second budget then stopped the search after about a thousand states).
    fast = _lint_with_clock(counter, 0.0, monkeypatch)
    slow = _lint_with_clock(counter, 0.2, monkeypatch)
    assert fast == slow
    (dead,) = [d for d in fast if d.code == "W201"]
    assert "`far`" in dead.message
    assert "W221" not in _codes(fast)  # the budget covered it all


def test_a_run_stopped_by_the_safety_net_says_so(
    counter: Story, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every reading of this clock is past any deadline: the safety net stops every part.
    stopped = _lint_with_clock(counter, 1e6, monkeypatch)
    early = [d for d in stopped if d.code == "W221"]
    assert early and all("stopped early" in d.message for d in early)
    assert "W200" not in _codes(stopped)  # nothing is claimed unreachable from a cut run


def test_what_the_budget_cuts_short_is_said(counter: Story) -> None:
    small = replace(LINT_BUDGET, max_states=100, work=Work(quick_states=100, proof_visits=50))
    found = lint(counter, budget=small)
    (cut,) = [d for d in found if d.code == "W221"]
    assert "not exhaustive" in cut.message
    assert "states" in cut.message
    assert "W201" not in _codes(found)  # the dead end lies beyond the budget
    assert (Path(cut.file).name, cut.line) == ("scenes.yaml", 2)  # at the start scene


def test_a_story_too_large_to_explore_is_not_explored(
    counter: Story, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lint_checks, "MAX_EXPLORED_SCENES", 2)

    def no_explore(*args: object, **kwargs: object) -> None:
        raise AssertionError("explored a story too large to explore")

    monkeypatch.setattr(lint_checks, "explore", no_explore)
    found = lint(counter)
    (skipped,) = [d for d in found if d.code == "W221"]
    assert "not explored" in skipped.message and "3 scenes" in skipped.message
    assert not {"W200", "W201", "W202", "W211", "W212"} & set(_codes(found))


def test_what_was_not_covered_is_a_note_that_strict_does_not_count(
    write_story: WriteStory, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # It says what the check could not cover, not that the story is wrong.
    monkeypatch.setattr(lint_checks, "MAX_EXPLORED_SCENES", 1)
    folder = write_story(CLEAN, scenes=CLEAN_SCENES)
    assert main(["check", str(folder), "--strict"]) == 0
    out = capsys.readouterr().out
    assert "note W221: not explored" in out
    assert (
        out.strip()
        .splitlines()[-1]
        .endswith("0 error(s), 0 warning(s), 1 note(s) on what the check did not cover")
    )
    assert main(["check", str(folder), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["warnings"] == []
    assert [(n["code"], n["severity"]) for n in data["notes"]] == [("W221", "note")]
    assert main(["check", str(folder), "--format", "sarif", "--strict"]) == 0
    sarif = json.loads(capsys.readouterr().out)
    assert [r["level"] for r in sarif["runs"][0]["results"]] == ["note"]
