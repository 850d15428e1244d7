"""The breadth-first search over real states, for the explorer (`search.py`).

    search = Search(story, budget, deadline, relevance)
    finished, why_not = search.run()   # run again, it goes on from its queue

Every step runs the engine's own step, compiled for walks (`iss.engine.walk`):
a state is a `Walk`, and each choice is taken on a fork of it (the last on
the state itself, which is done with then), which gives the states `choose()`
gives (`tests/authoring/test_explore_walks.py` holds the search to one that
calls `choose()`). Two states in one scene are merged when they agree on
every name that can still be read from there on (`Relevance.key_function`); a
quick search (`per_coarse_key`) keeps only a few states per coarse key. It
records a path tree, the edges between states, the first state of each ending
and of each dead end, and the choices taken.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from operator import gt, itemgetter, lt
from typing import cast

from iss.authoring.explore.keys import KeyFunction, KeyPairFunction, StateKey
from iss.authoring.explore.marks import compile_beyond
from iss.authoring.explore.relevance import Relevance
from iss.authoring.explore.results import Budget, PathTree
from iss.engine.model import Story, Value
from iss.engine.state import GameState
from iss.engine.walk import Walker
from iss.engine.walk_state import Walk

MAX_CALL_DEPTH = 8
"""States more `call:`s deep than this are not searched (the result then says so)."""


class Search:
    """The breadth-first search and its bookkeeping; one per `explore()` call."""

    def __init__(
        self,
        story: Story,
        budget: Budget,
        deadline: float,
        relevance: Relevance,
        per_coarse_key: int = 0,
        walker: Walker | None = None,
    ) -> None:
        self.story = story
        self.walker = walker or Walker(story)
        self.budget = budget
        self.deadline = deadline
        self.relevance = relevance
        self.per_coarse_key = per_coarse_key
        """When > 0: a quick search keeping one state per coarse key, this many per scene."""
        self.best: dict[str, tuple[list[int], list[int]]] = {}
        self.at: dict[str, _Scene] = {}
        """Scene -> its key function and the states kept there (made when first reached)."""
        self.tree = PathTree()
        self.edges: list[list[int]] = []
        self.ending_at: dict[str, int] = {}
        self.dead: dict[str, int] = {}
        self.choices_taken: set[tuple[str, str]] = set()
        self.queue: deque[tuple[int, Walk]] = deque()
        self.too_deep = False
        """True once a state was left out for being more than `MAX_CALL_DEPTH` calls deep."""
        start = self.walker.start_state
        self.numbers = whole_numbers(story, start)
        """A state's whole-number variables, in the order a state holds them (`extreme`)."""
        self.beyond = compile_beyond(
            len(start.trust),
            len(start.crew_trust),
            len(tuple(self.numbers(start.variables))),
            self.numbers,
        )
        """False when no mark of a state lies beyond a scene's bounds (`extreme`, `marks`)."""

    def add(self, state: Walk, parent: int, via: str) -> int:
        """The state's number: a new one, or that of the state it merges with; -1 when
        the quick search leaves it out. Each scene's states are indexed by their key
        alone, in the scene's own table (`_Scene`)."""
        scene = state.scene
        at = self.at.get(scene)
        if at is None:
            at = self.at[scene] = self._scene(scene)
        if self.per_coarse_key:  # the quick search: both keys in one call
            key, coarse = at.key_pair(state)
            found = at.index.get(key)
            if found is not None:
                return found
            full = coarse in at.coarse or at.count >= self.per_coarse_key
            if not self.extreme(state) and full:
                return -1
            at.coarse.add(coarse)
            at.count += 1
        else:
            key = at.key(state)
            found = at.index.get(key)
            if found is not None:
                return found
        number = at.index[key] = self.tree.add(parent, via, scene)
        self.edges.append([])
        if state.ending is not None:
            self.ending_at.setdefault(state.ending, number)
        else:
            self.queue.append((number, state))
        return number

    def _scene(self, scene: str) -> _Scene:
        if self.per_coarse_key:
            return _Scene(_no_key, self.relevance.key_pair_function(scene))
        return _Scene(self.relevance.key_function(scene), _no_key_pair)

    def extreme(self, state: Walk) -> bool:
        """Quick search: does `state` hold a number, or a total of trust, beyond any seen here?

        Locks are mostly `trust.x >= n`, so the states that push trust highest (or lowest)
        are the ones most likely to open what the first arrivals cannot. Most states
        have no mark beyond the bounds: `beyond` says so without building the marks."""
        best = self.best.get(state.scene)
        if best is not None and not self.beyond(state, *best):
            return False
        trust = state.trust.values()
        marks = [*trust, *state.crew_trust.values(), *self.numbers(state.variables), sum(trust)]
        if best is None:
            self.best[state.scene] = (list(marks), list(marks))
            return True
        high, low = best
        if len(marks) == len(high):  # always: each state holds the same numbers
            if any(map(gt, marks, high)) or any(map(lt, marks, low)):
                high[:] = map(max, high, marks)
                low[:] = map(min, low, marks)
                return True
            return False
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
        budget, deadline, walker = self.budget, self.deadline, self.walker
        add = self.add
        queue, edges, taken = self.queue, self.edges, self.choices_taken
        if not edges:  # a search stopped early goes on from its queue
            start = walker.start(followed=True)
            taken.update(start.followed)
            self.add(start, -1, "")
        expanded = 0
        while queue:
            if len(edges) >= budget.max_states:
                return False, f"stopped at the state limit ({budget.max_states})"
            expanded += 1
            if expanded % 256 == 0 and time.perf_counter() > deadline:
                return False, f"stopped at the time limit ({budget.time_limit:g} s)"
            number, walk = queue.popleft()
            options = walker.options(walk)
            if not options:
                self.dead.setdefault(walk.scene, number)
                continue
            out = edges[number]
            last = options[-1]
            for option in options:
                taken.add(option.pair)
                if option is last:  # the state is not needed after its last choice
                    after = walk
                    after.followed.clear()
                else:
                    after = walk.fork()
                option.take(after)
                if after.followed:
                    taken.update(after.followed)
                if len(after.calls) > MAX_CALL_DEPTH:
                    self.too_deep = True
                    continue
                target = add(after, number, option.choice.id)
                if target >= 0:
                    out.append(target)
        if self.too_deep:
            return False, f"left out states more than {MAX_CALL_DEPTH} `call:`s deep"
        return True, ""


class _Scene:
    """One scene's part of a search: how a state there is keyed (`key`, or the quick
    search's `key_pair`), the states kept there by key, and for the quick search the
    coarse keys kept and how many states."""

    __slots__ = ("coarse", "count", "index", "key", "key_pair")

    def __init__(self, key: KeyFunction, key_pair: KeyPairFunction) -> None:
        self.key = key
        self.key_pair = key_pair
        self.index: dict[StateKey, int] = {}
        self.coarse: set[StateKey] = set()
        self.count = 0


def _no_key(state: object) -> StateKey:
    raise AssertionError("the quick search keys states in pairs")


def _no_key_pair(state: object) -> tuple[StateKey, StateKey]:
    raise AssertionError("the exact search keys states one at a time")


Numbers = Callable[[Mapping[str, Value]], Iterable[int]]


def whole_numbers(story: Story, start: GameState) -> Numbers:
    """The values of a state's variables that are whole numbers (`int`, not `bool`), in
    the order a state holds them (`start`'s, as every state of the story): those
    declared `int` (an effect gives such a variable a number only, no other kind one)."""
    names = [n for n in start.variables if story.variables[n].type == "int"]
    if not names:
        return _none
    if len(names) > 1:
        return cast(Numbers, itemgetter(*names))
    (name,) = names  # one: `itemgetter` would give the value, not a tuple of it

    def one(variables: Mapping[str, Value]) -> tuple[int]:
        return (cast(int, variables[name]),)

    return one


def _none(variables: Mapping[str, Value]) -> tuple[()]:
    return ()


__all__ = ["MAX_CALL_DEPTH", "Search", "whole_numbers"]
