"""The exhaustive explorer: search every reachable (scene, relevant state) pair.

    result = explore(story, Budget(max_states=200_000, time_limit=10))
    result.endings["home"].path     # the shortest choice ids that reach it
    result.dead_ends, result.trap_loops, result.complete

The search is breadth-first from the start, so every path it reports is a
shortest one. Each step runs the real engine (`choose`), so every reported
path plays exactly as reported. Two states in one scene are merged when they
agree on every name that can still be read from there on (see
`explore_relevance`), which keeps the space small.
"""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass, field, replace
from typing import Any

from iss.authoring.explore_relevance import KeyFunction, Relevance, StateKey
from iss.authoring.explore_traps import trapped_loops
from iss.engine.model import Choice, Story
from iss.engine.runner import choose, new_game
from iss.engine.state import GameState

MAX_STATES = 500_000
TIME_LIMIT = 5.0
QUICK_SHARE = 0.5
"""The share of the time limit the quick first search may use."""
QUICK_PER_KEY = 128
"""States the quick search keeps per scene (each with a different coarse key)."""
_HISTORY_KEPT = 32
"""Longer histories are dropped from queued states: paths come from parent links."""


@dataclass(frozen=True, slots=True)
class Budget:
    """When to stop searching: after `max_states` states or `time_limit` seconds."""

    max_states: int = MAX_STATES
    time_limit: float = TIME_LIMIT


@dataclass(frozen=True, slots=True)
class Path:
    """How to get somewhere from the start: choice ids, and the scenes they pass."""

    choices: tuple[str, ...]
    scenes: tuple[str, ...]

    def to_json(self) -> dict[str, list[str]]:
        return {"path": list(self.choices), "scenes": list(self.scenes)}


@dataclass(frozen=True, slots=True)
class EndingResult:
    """An ending, and the shortest path to it when one was found."""

    id: str
    title: str
    kind: str
    canonical: bool
    path: Path | None

    @property
    def reachable(self) -> bool:
        return self.path is not None

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "kind": self.kind,
            "canonical": self.canonical,
            "reachable": self.reachable,
            "path": list(self.path.choices) if self.path else [],
            "scenes": list(self.path.scenes) if self.path else [],
        }


@dataclass(frozen=True, slots=True)
class Stuck:
    """A place the story can get stuck: a dead end, or a loop with no way out."""

    scene: str
    path: Path
    loop: tuple[str, ...] = ()
    """For a trap loop: the scenes the player circles through."""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"scene": self.scene, **self.path.to_json()}
        if self.loop:
            out["loop"] = list(self.loop)
        return out


@dataclass
class Exploration:
    """What the search found. Absence claims (unreachable, never taken) hold only when complete."""

    endings: dict[str, EndingResult]
    dead_ends: list[Stuck]
    trap_loops: list[Stuck]
    scenes_reached: set[str]
    choices_taken: set[tuple[str, str]]
    all_scenes: list[str]
    all_choices: list[tuple[str, str]]
    states: int
    complete: bool
    seconds: float
    cut_reason: str = ""
    trees: tuple[PathTree, ...] = ()
    """Parent links of every state found (exact search first): paths to reached scenes."""
    quick_states: int = 0
    """States the quick first search kept."""

    def path_to_scene(self, scene: str) -> Path | None:
        """The shortest path found to `scene`, or None when it was not reached."""
        for tree in self.trees:
            path = tree.path_to_scene(scene)
            if path is not None:
                return path
        return None

    @property
    def unreachable_scenes(self) -> list[str]:
        return [s for s in self.all_scenes if s not in self.scenes_reached]

    @property
    def choices_never_taken(self) -> list[tuple[str, str]]:
        return [c for c in self.all_choices if c not in self.choices_taken]

    def to_json(self) -> dict[str, Any]:
        return {
            "endings": {eid: e.to_json() for eid, e in self.endings.items()},
            "dead_ends": [d.to_json() for d in self.dead_ends],
            "trap_loops": [t.to_json() for t in self.trap_loops],
            "unreachable_scenes": self.unreachable_scenes,
            "states": self.states,
            "quick_states": self.quick_states,
            "complete": self.complete,
            "cut_reason": self.cut_reason,
            "seconds": round(self.seconds, 3),
            "coverage": {
                "scenes": {"reached": len(self.scenes_reached), "total": len(self.all_scenes)},
                "choices": {"taken": len(self.choices_taken), "total": len(self.all_choices)},
                "choices_never_taken": [f"{s}.{c}" for s, c in self.choices_never_taken],
            },
        }


@dataclass
class PathTree:
    """The search tree: each state's parent and the choice that led to it."""

    parent: list[int] = field(default_factory=list)
    via: list[str] = field(default_factory=list)
    scene_of: list[str] = field(default_factory=list)
    first: dict[str, int] = field(default_factory=dict)
    """The first (so the closest) state found in each scene."""

    def add(self, parent: int, via: str, scene: str) -> int:
        number = len(self.parent)
        self.parent.append(parent)
        self.via.append(via)
        self.scene_of.append(scene)
        self.first.setdefault(scene, number)
        return number

    def path_to(self, number: int) -> Path:
        choices: list[str] = []
        scenes: list[str] = []
        while number >= 0:
            scenes.append(self.scene_of[number])
            if self.parent[number] >= 0:
                choices.append(self.via[number])
            number = self.parent[number]
        return Path(tuple(reversed(choices)), tuple(reversed(scenes)))

    def path_to_scene(self, scene: str) -> Path | None:
        number = self.first.get(scene)
        return None if number is None else self.path_to(number)


class _Search:
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
        self.add(new_game(story).state, -1, "")
        expanded = 0
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
                if not _available(choice, state):
                    continue
                stuck = False
                self.choices_taken.add((scene.id, choice.id))
                after = choose(story, state, choice.id).state
                target = self.add(after, number, choice.id)
                if target >= 0:
                    out.append(target)
            if stuck:
                self.dead.setdefault(scene.id, number)
        return True, ""


def _available(choice: Choice, state: GameState) -> bool:
    return choice.when is None or choice.when.failing_reason(state) is None


def explore(story: Story, budget: Budget | None = None, text: bool = False) -> Exploration:
    """Search the story's reachable states breadth-first, within `budget`.

    Two searches run. A quick one keeps only a few states per coarse key (see
    `Relevance.coarse_key_function`) and finds paths to most places fast; the
    exact one merges only states that cannot differ in the future, so when it
    finishes (`complete`) its claims that something cannot happen are proofs.
    Every path either reports is a real playthrough, replayed by the engine.
    `text=True` also splits states by what scene text reads (text coverage).
    """
    started = time.perf_counter()
    budget = budget or Budget()
    relevance = Relevance(story, text=text)
    quick = _Search(
        story, budget, started + budget.time_limit * QUICK_SHARE, relevance, QUICK_PER_KEY
    )
    quick.run()
    search = _Search(story, budget, started + budget.time_limit, relevance)
    complete, cut_reason = search.run()
    tree = search.tree
    endings = {}
    for eid, e in story.endings.items():
        if eid in search.ending_at:
            path: Path | None = tree.path_to(search.ending_at[eid])
        elif eid in quick.ending_at:
            path = quick.tree.path_to(quick.ending_at[eid])
        else:
            path = None
        endings[eid] = EndingResult(eid, e.title, e.kind, e.canonical, path)
    dead = {sid: quick.tree.path_to(n) for sid, n in quick.dead.items()}
    dead.update({sid: tree.path_to(n) for sid, n in search.dead.items()})
    unexplored = [number for number, _ in search.queue]
    escapes = [*search.ending_at.values(), *unexplored]
    loops = trapped_loops(search.edges, escapes, set(search.dead.values()))
    trap_loops = [
        Stuck(
            tree.scene_of[entry],
            tree.path_to(entry),
            tuple(sorted({tree.scene_of[n] for n in members})),
        )
        for entry, members in loops
    ]
    return Exploration(
        endings=endings,
        dead_ends=[Stuck(sid, p) for sid, p in sorted(dead.items())],
        trap_loops=_unique_loops(trap_loops),
        scenes_reached=set(tree.first) | set(quick.tree.first),
        choices_taken=search.choices_taken | quick.choices_taken,
        all_scenes=list(story.scenes),
        all_choices=[(s.id, c.id) for s in story.scenes.values() for c in s.choices],
        states=len(tree.parent),
        complete=complete,
        seconds=time.perf_counter() - started,
        cut_reason=cut_reason,
        trees=(tree, quick.tree),
        quick_states=len(quick.tree.parent),
    )


def _unique_loops(loops: list[Stuck]) -> list[Stuck]:
    seen: set[tuple[str, ...]] = set()
    out = []
    for loop in sorted(loops, key=lambda s: (len(s.path.choices), s.loop)):
        if loop.loop not in seen:
            seen.add(loop.loop)
            out.append(loop)
    return out


def replay_path(story: Story, path: Path | tuple[str, ...]) -> GameState:
    """Play a path from the start through the engine (raises EngineError if it does not play)."""
    choices = path.choices if isinstance(path, Path) else path
    state = new_game(story).state
    for choice_id in choices:
        state = choose(story, state, choice_id).state
    return state


__all__ = ["Budget", "EndingResult", "Exploration", "Path", "Stuck", "explore", "replay_path"]
