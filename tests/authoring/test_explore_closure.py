"""The one breadth-first walk the proofs share (`iss.authoring.explore.closure`)."""

from __future__ import annotations

from iss.authoring.explore.closure import closure, inverted  # room internals, tested deliberately

EDGES = {"a": {"b"}, "b": {"c", "a"}, "c": set(), "d": {"c"}}


def test_closure_follows_edges_through_loops_and_keeps_the_start() -> None:
    assert closure({"a"}, EDGES) == {"a", "b", "c"}
    assert closure({"c"}, EDGES) == {"c"}
    assert closure(set(), EDGES) == set()


def test_inverted_edges_give_every_node_that_may_lead_to_a_goal() -> None:
    back = inverted(EDGES)
    assert back == {"b": {"a"}, "c": {"b", "d"}, "a": {"b"}}
    assert closure({"c"}, back) == {"a", "b", "c", "d"}
