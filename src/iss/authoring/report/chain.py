"""The odds of each ending under random play, solved exactly as an absorbing Markov chain.

    values = solve_chain(graph)      # per node: {ending id: Fraction}, or None over budget
    values[0]                        # from the start

A random player picks each available choice with the same probability, so
from a node with k choices each edge has probability 1/k (two choices that
lead to the same node count twice). Endings absorb; a node with no choice
(a dead end) and a loop with no way out absorb into nothing, so the
probabilities from a node add up to 1 minus the chance of being trapped.

The graph is cut into strongly connected components and solved sinks
first. A node outside any loop is the average of the nodes it leads to. A
loop is solved by eliminating its nodes one at a time (Gaussian elimination
on the sparse system x = Qx + b, where Q is the loop's own edges and b what
leaves it): eliminating v folds its edges into each node that leads to it,
after dividing by 1 - (the chance v returns straight to itself). Every
number is a `Fraction`, so nothing is rounded, and no step subtracts two
probabilities, so a probability is above 0 exactly when the ending can be
reached.
"""

from __future__ import annotations

from fractions import Fraction

from iss.authoring.explore import components
from iss.authoring.report.states import StateGraph

Vector = dict[str, Fraction]
"""Ending id -> probability; endings out of reach are left out."""

MAX_WORK = 2_000_000
"""Fraction operations the loops may take before the chain is given up as too big."""


def solve_chain(graph: StateGraph, max_work: int = MAX_WORK) -> list[Vector] | None:
    """Per node, the odds of each ending from there; None when the loops need more work."""
    size = len(graph)
    successors = [[target for _, target in graph.edges[v]] for v in range(size)]
    values: list[Vector | None] = [None] * size
    work = 0
    for members in components(successors, set(range(size))):  # sinks first
        if len(members) == 1 and members[0] not in successors[members[0]]:
            values[members[0]] = _average(graph, members[0], values)
            continue
        solved = _solve_loop(graph, members, values, max_work - work)
        if solved is None:
            return None
        spent, found = solved
        work += spent
        for node, vector in found.items():
            values[node] = vector
    return [v if v is not None else {} for v in values]


def _average(graph: StateGraph, node: int, values: list[Vector | None]) -> Vector:
    ending = graph.ending[node]
    if ending is not None:
        return {ending: Fraction(1)}
    edges = graph.edges[node]
    if not edges:
        return {}  # a dead end
    total: dict[str, Fraction] = {}
    for _, target in edges:
        vector = values[target]
        assert vector is not None, "components come sinks first"
        for eid, p in vector.items():
            total[eid] = total.get(eid, 0) + p
    share = Fraction(1, len(edges))
    return {eid: p * share for eid, p in total.items()}


def _solve_loop(
    graph: StateGraph, members: list[int], values: list[Vector | None], budget: int
) -> tuple[int, dict[int, Vector]] | None:
    """Solve one strongly connected component; (work done, odds per member) or None."""
    inside = set(members)
    rows: dict[int, dict[int, Fraction]] = {}
    out: dict[int, Vector] = {}
    preds: dict[int, set[int]] = {v: set() for v in members}
    leaves = False
    for v in members:
        edges = graph.edges[v]
        share = Fraction(1, len(edges))
        row: dict[int, Fraction] = {}
        exit_mass: Vector = {}
        for _, target in edges:
            if target in inside:
                row[target] = row.get(target, 0) + share
                preds[target].add(v)
                continue
            leaves = True
            vector = values[target]
            assert vector is not None, "components come sinks first"
            _add(exit_mass, vector, share)
        rows[v], out[v] = row, exit_mass
    if not leaves:
        return 0, {v: {} for v in members}  # a loop with no way out
    work = 0
    order = sorted(members, key=lambda v: (len(preds[v]) * len(rows[v]), v))
    for v in order:
        row = rows[v]
        stay = row.pop(v, Fraction(0))
        preds[v].discard(v)
        if stay:
            scale = 1 / (1 - stay)
            for t in row:
                row[t] *= scale
            out[v] = {eid: p * scale for eid, p in out[v].items()}
        for u in preds[v]:
            weight = rows[u].pop(v)
            target_row = rows[u]
            for t, b in row.items():
                target_row[t] = target_row.get(t, 0) + weight * b
                preds[t].add(u)
            _add(out[u], out[v], weight)
            work += len(row) + len(out[v]) + 1
        if work > budget:
            return None
        for t in row:
            preds[t].discard(v)
        preds[v] = set()
    solved: dict[int, Vector] = {}
    for v in reversed(order):  # each row now names only nodes eliminated after it
        vector = dict(out[v])
        for t, weight in rows[v].items():
            _add(vector, solved[t], weight)
        solved[v] = vector
    return work, solved


def _add(into: Vector, vector: Vector, weight: Fraction) -> None:
    for eid, p in vector.items():
        into[eid] = into.get(eid, 0) + weight * p
