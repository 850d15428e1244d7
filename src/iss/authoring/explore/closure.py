"""What a set of scenes (or proof parts) reaches along a graph's edges, breadth-first.

    closure({"ending"}, leads_to)      # the ending and every scene that may lead to it
    closure(start, edges)              # the start and every scene it may lead to
    inverted(edges)                    # target -> the sources with an edge to it

One walk serves the proofs' forward and backward questions: the witness search's
cone toward a goal (`witness.cone_of`), the claim walks' cones (`claims`) and the split
proof's cone and reach (`split_proof`) each kept a copy of it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Hashable, Iterable, Mapping
from typing import TypeVar

Node = TypeVar("Node", bound=Hashable)


def closure(start: Iterable[Node], edges: Mapping[Node, Iterable[Node]]) -> set[Node]:
    """`start` and every node reached from it by following `edges`."""
    seen = set(start)
    queue = deque(seen)
    while queue:
        for after in edges.get(queue.popleft(), ()):
            if after not in seen:
                seen.add(after)
                queue.append(after)
    return seen


def inverted(edges: Mapping[Node, Iterable[Node]]) -> dict[Node, set[Node]]:
    """The same edges pointing the other way: each target -> its sources."""
    back: dict[Node, set[Node]] = {}
    for source, targets in edges.items():
        for target in targets:
            back.setdefault(target, set()).add(source)
    return back
