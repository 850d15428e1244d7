"""The explorer settles a small story at once, even what the proof pass over-approximates.

The stall fixture has three scenes. The proof pass keeps one set of values
per flag, so it thinks the pod's `fire` choice (armed, safety off) may be
available and `burn` reachable; no playthrough gets there. Walks aimed at
`burn` used to spend the whole time budget trying (4.5 s of a 5 s budget).
The exact search now runs in turns with the walks, so it settles the story
in a handful of states. The test counts the engine's steps, not seconds.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from iss.authoring.explore import breadth as breadth_module  # room internals, patched to count
from iss.authoring.explore import explore
from iss.authoring.explore import search as search_module  # room internals, patched to count
from iss.authoring.explore import witness as witness_module  # room internals, patched to count
from iss.engine.model import Choice, Story
from iss.engine.runner import Step, choose
from iss.engine.state import GameState
from iss.engine.walk import Walker
from iss.engine.walk_state import Walk
from tests.conftest import ROOT, load_ok

STALL = ROOT / "tests" / "authoring" / "fixtures" / "stall"


def _count_steps(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts `choose()` calls, and the steps the searches take on walks."""
    steps = [0]

    def counted(story: Story, state: GameState, choice_id: str) -> Step:
        steps[0] += 1
        return choose(story, state, choice_id)

    class CountingWalker(Walker):
        def _chosen(self, choice: Choice) -> Callable[[Walk], None]:
            step = super()._chosen(choice)

            def counted_step(walk: Walk) -> None:
                steps[0] += 1
                step(walk)

            return counted_step

    monkeypatch.setattr(breadth_module, "Walker", CountingWalker)
    monkeypatch.setattr(search_module, "Walker", CountingWalker)
    monkeypatch.setattr(search_module, "choose", counted)
    monkeypatch.setattr(witness_module, "choose", counted)
    return steps


def test_the_stall_fixture_is_settled_by_the_exact_search(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    story = load_ok(STALL)
    steps = _count_steps(monkeypatch)
    found = explore(story)
    assert found.complete, found.cut_reason
    assert not found.endings["burn"].reachable
    assert found.endings["home"].reachable
    assert ("pod", "fire") not in found.choices_taken
    assert found.proof is not None and found.proof.unresolved == ()
    assert steps[0] < 100  # the walks used to take tens of thousands of steps


def test_walks_that_confirm_nothing_get_less_time_each_turn() -> None:
    """Walks chasing what no playthrough reaches (the proof pass over-approximates)
    used to get as long as the search every turn, doubling a small story's time."""
    share = 1.0
    shares = []
    for _ in range(3):
        share = search_module.next_walk_share(share, confirmed=False)
        shares.append(share)
    assert shares == [0.5, 0.25, 0.125]
    assert search_module.next_walk_share(0.125, confirmed=True) == 0.25
    assert search_module.next_walk_share(4.0, confirmed=False) == 0.5
