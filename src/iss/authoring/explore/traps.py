"""Loops with no way out: cycles of states from which no ending can be reached."""

from __future__ import annotations

from collections.abc import Iterable, Sequence


def trapped(edges: Sequence[Sequence[int]], escapes: Iterable[int]) -> set[int]:
    """The states from which none of `escapes` (ending or unexplored states) can be reached."""
    reverse: list[list[int]] = [[] for _ in edges]
    for source, targets in enumerate(edges):
        for target in targets:
            reverse[target].append(source)
    seen = set(escapes)
    work = list(seen)
    while work:
        node = work.pop()
        for source in reverse[node]:
            if source not in seen:
                seen.add(source)
                work.append(source)
    return {n for n in range(len(edges)) if n not in seen}


def trapped_loops(
    edges: Sequence[Sequence[int]], escapes: Iterable[int], dead: set[int]
) -> list[tuple[int, list[int]]]:
    """Each cycle of trapped states: (its first-found state, its members).

    Dead-end states are reported on their own and left out here.
    """
    caught = trapped(edges, escapes) - dead
    loops = []
    for members in components(edges, caught):
        first = min(members)
        if len(members) > 1 or first in edges[first]:
            loops.append((first, sorted(members)))
    return sorted(loops)


def components(edges: Sequence[Sequence[int]], nodes: set[int]) -> list[list[int]]:
    """Strongly connected components of the subgraph on `nodes` (iterative Tarjan)."""
    index: dict[int, int] = {}
    low: dict[int, int] = {}
    on_stack: set[int] = set()
    stack: list[int] = []
    out: list[list[int]] = []
    counter = 0
    for root in sorted(nodes):
        if root in index:
            continue
        work: list[tuple[int, int]] = [(root, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            targets = edges[node]
            recursed = False
            while i < len(targets):
                target = targets[i]
                i += 1
                if target not in nodes:
                    continue
                if target not in index:
                    work.append((node, i))
                    work.append((target, 0))
                    recursed = True
                    break
                if target in on_stack:
                    low[node] = min(low[node], index[target])
            if recursed:
                continue
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                out.append(component)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return out
