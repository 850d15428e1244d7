"""Random small stories: the exact odds (merged states, solved with fractions) agree with
plain value iteration over every real state, and no node's odds add up to more than 1."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iss.authoring.report.chain import solve_chain  # room internals, tested deliberately
from iss.authoring.report.states import build_state_graph  # room internals, tested deliberately
from iss.engine.model import Story
from tests.authoring.fuzz_story import (
    Extras,
    Spec,
    all_states,
    choice_st,
    extras_st,
    load_written,
)

SPREAD = [3, 7, 11, 1, 5, 9, 0, 4, 8, 2, 6, 10]
"""Targets in an order that does not shrink every choice back to the start scene."""
CHOICES = st.tuples(choice_st, st.sampled_from(SPREAD)).map(lambda t: {**t[0], "go": t[1]})
STORIES = st.tuples(
    st.lists(st.lists(CHOICES, min_size=2, max_size=3), min_size=5, max_size=10),
    st.booleans(),
)
"""Like the explorer's fuzz stories, with more choices per scene so play branches more."""


def _brute_force(story: Story) -> dict[str, float] | None:
    """Odds from the start by value iteration over every real state; None when there are
    too many states or the iteration does not settle."""
    truth = all_states(story, limit=600)
    if truth is None:
        return None
    odds: dict[str, float] = {}
    for eid in story.endings:
        p = [1.0 if s.ending == eid else 0.0 for s in truth.states]
        for _ in range(3000):
            change = 0.0
            for i, out in enumerate(truth.edges):
                if out:
                    new = sum(p[t] for t in out) / len(out)
                    change = max(change, abs(new - p[i]))
                    p[i] = new
            if change < 1e-13:
                break
        else:
            return None
        odds[eid] = p[0]
    return odds


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(spec=STORIES, extras=extras_st)
def test_exact_odds_match_brute_force(spec: Spec, extras: Extras, tmp_path: Path) -> None:
    story = load_written(tmp_path, spec, extras)
    truth = _brute_force(story)
    graph = build_state_graph(story, 5000)
    if truth is None or graph is None:
        return
    values = solve_chain(graph)
    assert values is not None
    for node, vector in enumerate(values):
        assert sum(vector.values()) <= 1, graph.scene[node]
    for eid, p in truth.items():
        assert abs(float(values[0].get(eid, 0)) - p) < 1e-9, (eid, values[0], truth)
