"""The breadth-first search over real states, for the explorer (`search.py`).

    search = Search(story, budget, deadline, relevance)
    finished, why_not = search.run()   # run again, it goes on from its queue

Every step runs the real engine (`choose`). Two states in one scene are
merged when they agree on every name that can still be read from there on
(`Relevance.key_function`); a quick search (`per_coarse_key`) keeps only a
few states per coarse key. It records a path tree, the edges between
states, the first state of each ending and of each dead end, and the
choices taken.
"""

from __future__ import annotations

import time
from collections import deque
from dataclasses import replace

from iss.authoring.explore.relevance import KeyFunction, Relevance, StateKey
from iss.authoring.explore.results import Budget, PathTree
from iss.engine.model import Story
from iss.engine.runner import can_take, choose, fallbacks_followed, new_game
from iss.engine.state import GameState

MAX_CALL_DEPTH = 8
"""States more `call:`s deep than this are not searched (the result then says so)."""
_HISTORY_KEPT = 32
"""Longer histories are dropped from queued states: paths come from parent links."""


class Search:
    """The breadth-first search and its bookkeeping; one per `explore()` call."""

    def __init__(
        self,
        story: Story,
        budget: Budget,
        deadline: float,
        relevance: Relevance,
        per_coarse_key: int = 0,
    ) -> None:
        self.story = story
        self.budget = budget
        self.deadline = deadline
        self.relevance = relevance
        self.per_coarse_key = per_coarse_key
        """When > 0: a quick search keeping one state per coarse key, this many per scene."""
        self.coarse: dict[tuple[str, StateKey], int] = {}
        self.per_scene: dict[str, int] = {}
        self.best: dict[str, tuple[list[int], list[int]]] = {}
        self.coarse_keys: dict[str, KeyFunction] = {}
        self.keys: dict[str, KeyFunction] = {}  # built when a scene is first reached
        self.index: dict[tuple[str, StateKey], int] = {}
        self.tree = PathTree()
        self.edges: list[list[int]] = []
        self.ending_at: dict[str, int] = {}
        self.dead: dict[str, int] = {}
        self.choices_taken: set[tuple[str, str]] = set()
        self.queue: deque[tuple[int, GameState]] = deque()
        self.too_deep = False
        """True once a state was left out for being more than `MAX_CALL_DEPTH` calls deep."""

    def add(self, state: GameState, parent: int, via: str) -> int:
        scene = state.scene
        key_of = self.keys.get(scene)
        if key_of is None:
            key_of = self.keys[scene] = self.relevance.key_function(scene)
        key = (scene, key_of(state))
        found = self.index.get(key)
        if found is not None:
            return found
        if self.per_coarse_key:
            coarse_of = self.coarse_keys.get(scene)
            if coarse_of is None:
                coarse_of = self.coarse_keys[scene] = self.relevance.coarse_key_function(scene)
            coarse = (scene, coarse_of(state))
            full = coarse in self.coarse or self.per_scene.get(scene, 0) >= self.per_coarse_key
            if not self.extreme(state) and full:
                return -1
            self.coarse[coarse] = 1
            self.per_scene[scene] = self.per_scene.get(scene, 0) + 1
        number = self.tree.add(parent, via, scene)
        self.index[key] = number
        self.edges.append([])
        if state.ending is not None:
            self.ending_at.setdefault(state.ending, number)
        else:
            if len(state.history) > _HISTORY_KEPT:
                state = replace(state, history=())
            self.queue.append((number, state))
        return number

    def extreme(self, state: GameState) -> bool:
        """Quick search: does `state` hold a number, or a total of trust, beyond any seen here?

        Locks are mostly `trust.x >= n`, so the states that push trust highest (or lowest)
        are the ones most likely to open what the first arrivals cannot."""
        values = [*state.trust.values(), *state.crew_trust.values()]
        values += [v for v in state.variables.values() if type(v) is int]
        marks = [*values, sum(state.trust.values())]
        best = self.best.get(state.scene)
        if best is None:
            self.best[state.scene] = (list(marks), list(marks))
            return True
        high, low = best
        better = False
        for i, value in enumerate(marks):
            if value > high[i]:
                high[i] = value
                better = True
            if value < low[i]:
                low[i] = value
                better = True
        return better

    def run(self) -> tuple[bool, str]:
        story, budget = self.story, self.budget
        deadline = self.deadline
        if not self.edges:  # a search stopped early goes on from its queue
            start = new_game(story)
            self.choices_taken.update(fallbacks_followed(story, start.events))
            self.add(start.state, -1, "")
        expanded = 0
        # Most stories use no fallback, call or once-only choice: their steps skip those checks.
        special = any(
            c.once or c.fallback or c.call is not None or c.returns
            for sc in story.scenes.values()
            for c in sc.choices
        )
        while self.queue:
            if len(self.edges) >= budget.max_states:
                return False, f"stopped at the state limit ({budget.max_states})"
            expanded += 1
            if expanded % 256 == 0 and time.perf_counter() > deadline:
                return False, f"stopped at the time limit ({budget.time_limit:g} s)"
            number, state = self.queue.popleft()
            scene = story.scenes[state.scene]
            out = self.edges[number]
            stuck = True
            for choice in scene.choices:
                if special:
                    if not can_take(choice, state):
                        continue
                elif choice.when is not None and choice.when.failing_reason(state) is not None:
                    continue
                stuck = False
                self.choices_taken.add((scene.id, choice.id))
                step = choose(story, state, choice.id)
                after = step.state
                if special:
                    self.choices_taken.update(fallbacks_followed(story, step.events))
                    if len(after.calls) > MAX_CALL_DEPTH:
                        self.too_deep = True
                        continue
                target = self.add(after, number, choice.id)
                if target >= 0:
                    out.append(target)
            if stuck:
                self.dead.setdefault(scene.id, number)
        if self.too_deep:
            return False, f"left out states more than {MAX_CALL_DEPTH} `call:`s deep"
        return True, ""


__all__ = ["MAX_CALL_DEPTH", "Search"]
