"""The exact state graph: every state a playthrough can reach, merged as the explorer merges them.

    graph = build_state_graph(story, max_states=10_000)
    graph.edges[0]          # [(choice id, next state), ...]: the start's available choices
    graph.route_to(node)    # the fewest choice ids from the start to that state

Two states in one scene are one node when they agree on every name that can
still be read from there on (`Relevance`, without text): they offer the
same choices and every choice takes them to the same node. So a random
player's odds, and the endings still reachable, are the same from both, and
the graph is an exact model of play, loops included. States are found
breadth-first, so `route_to` gives a shortest route, and every route plays
in the engine.
"""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass, field, replace

from iss.authoring.explore import KeyFunction, Relevance, StateKey
from iss.engine.model import Story
from iss.engine.runner import can_take, choose, new_game
from iss.engine.state import GameState


@dataclass
class StateGraph:
    """Nodes are merged states; node 0 is the start."""

    scene: list[str] = field(default_factory=list)
    ending: list[str | None] = field(default_factory=list)
    edges: list[list[tuple[str, int]]] = field(default_factory=list)
    """Node -> (choice id, next node) for each choice available there, in scene order."""
    parent: list[int] = field(default_factory=list)
    via: list[str] = field(default_factory=list)
    index: dict[tuple[str, StateKey], int] = field(default_factory=dict)
    """(scene, key) -> node."""
    keys: dict[str, KeyFunction] = field(default_factory=dict)
    """Scene -> the function that keys a state there (built when the scene is first met)."""

    def node_of(self, state: GameState) -> int | None:
        """The node of a real state (None if the graph never met its scene)."""
        key_of = self.keys.get(state.scene)
        return None if key_of is None else self.index.get((state.scene, key_of(state)))

    def __len__(self) -> int:
        return len(self.scene)

    def route_to(self, node: int) -> tuple[str, ...]:
        """The choice ids of a shortest route from the start to `node`."""
        out: list[str] = []
        while self.parent[node] >= 0:
            out.append(self.via[node])
            node = self.parent[node]
        return tuple(reversed(out))


def build_state_graph(
    story: Story, max_states: int, deadline: float = float("inf")
) -> StateGraph | None:
    """The whole graph, or None when it has more than `max_states` nodes or time runs out."""
    relevance = Relevance(story)
    graph = StateGraph()
    keys, index = graph.keys, graph.index
    queue: deque[tuple[int, GameState]] = deque()

    def add(state: GameState, parent: int, via: str) -> int:
        key_of = keys.get(state.scene)
        if key_of is None:
            key_of = keys[state.scene] = relevance.key_function(state.scene)
        key = (state.scene, key_of(state))
        found = index.get(key)
        if found is not None:
            return found
        number = index[key] = len(graph.scene)
        graph.scene.append(state.scene)
        graph.ending.append(state.ending)
        graph.edges.append([])
        graph.parent.append(parent)
        graph.via.append(via)
        if state.ending is None:
            queue.append((number, replace(state, history=()) if state.history else state))
        return number

    add(new_game(story).state, -1, "")
    expanded = 0
    while queue:
        if len(graph.scene) > max_states:
            return None
        expanded += 1
        if expanded % 128 == 0 and time.perf_counter() > deadline:
            return None
        number, state = queue.popleft()
        out = graph.edges[number]
        for choice in story.scenes[state.scene].choices:
            if can_take(choice, state):  # not a fallback, nor a once-only choice used up
                after = choose(story, state, choice.id).state
                out.append((choice.id, add(after, number, choice.id)))
    return graph
