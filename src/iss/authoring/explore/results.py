"""What the explorer reports: endings with paths, places it can get stuck, coverage.

These are plain data: the search (`search.py`) fills them in, the `iss explore`, `iss
graph` and `iss check` commands read them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

MAX_STATES = 500_000
TIME_LIMIT = 5.0


@dataclass(frozen=True, slots=True)
class Work:
    """Counted shares of a budget, so that what is found depends on the story alone.

    `iss check` must say the same of a story on a fast machine and a slow one: with
    `Budget.work` set, the quick search stops after `quick_states` states, each proof
    pass after `proof_visits` scene visits, the witness walks of each turn take
    `walk_steps` engine steps for every state the exact search took that turn, and the
    exact search stops at `max_states`. The time limit is then only a safety net (the
    deadline of every part); a run that reaches it says so (`stopped_early`).
    """

    quick_states: int
    proof_visits: int
    walk_steps: int = 3


@dataclass(frozen=True, slots=True)
class Budget:
    """When to stop searching: after `max_states` states or `time_limit` seconds.

    Without `work`, the time limit is shared out between the parts (a search for a
    person at a terminal: it stops when asked); with it, see `Work`."""

    max_states: int = MAX_STATES
    time_limit: float = TIME_LIMIT
    work: Work | None = None


WAYS_IN_PLAYS = 6_000
"""Random plays `--ways-in` samples by default: about 1 s of CPU on the bundled story."""
EXPLORE_BUDGET = Budget(
    max_states=100_000, time_limit=60.0, work=Work(quick_states=50_000, proof_visits=5_000)
)
"""How far `iss explore` searches unless given `--time-limit`: counted (see `Work`), so
the same story gives the same report on every machine. The bundled story needs about
10,000 quick states and a few hundred proof visits, and is complete well within it. The
60 s are only a safety net: a run that reaches it says it stopped at the time limit."""
CLAIMS_BUDGET = Budget(max_states=20_000, time_limit=60.0, work=Work(0, proof_visits=5_000))
"""How far the properties and `requires:` of `iss explore` are searched unless given
`--time-limit`: counted, as `iss check` counts them (`lint.CLAIM_BUDGET`)."""


def search_budgets(
    time_limit: float | None, max_states: int | None = None
) -> tuple[Budget, Budget]:
    """(the exploration's budget, the properties'), as the commands search: counted
    (`EXPLORE_BUDGET`, `CLAIMS_BUDGET`) unless `time_limit` is given, so the same story
    gives the same answer on every machine; with it, `time_limit` seconds and
    `max_states` (`MAX_STATES` by default) for both, shared out between the parts."""
    if time_limit is not None:
        budget = Budget(MAX_STATES if max_states is None else max_states, time_limit)
        return budget, budget
    if max_states is None:
        return EXPLORE_BUDGET, CLAIMS_BUDGET
    return replace(EXPLORE_BUDGET, max_states=max_states), CLAIMS_BUDGET


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
    fewest: int | None = None
    """No playthrough reaches this ending in fewer choices (from the proof pass)."""
    shortest: bool = False
    """True when `path` is known to be a shortest one."""

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
            "shortest": self.shortest,
            "fewest_choices": self.fewest,
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


@dataclass(frozen=True, slots=True)
class ProofSummary:
    """What the proof pass (`proof`) settled, and what it left open."""

    seconds: float
    scene_visits: int
    possible_dead_ends: tuple[str, ...]
    """Scenes the pass could not clear of dead ends."""
    untimed_loops: tuple[tuple[str, ...], ...]
    """Loops the pass could not show the clock closes."""
    unresolved: tuple[str, ...]
    """Each claim neither proved nor shown by a playthrough, in words."""
    witnesses: int
    """Playthroughs run to confirm what the pass said may be reachable."""

    def to_json(self) -> dict[str, Any]:
        return {
            "seconds": round(self.seconds, 3),
            "scene_visits": self.scene_visits,
            "possible_dead_ends": list(self.possible_dead_ends),
            "untimed_loops": [list(loop) for loop in self.untimed_loops],
            "unresolved": list(self.unresolved),
            "witnesses": self.witnesses,
        }


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
    proof: ProofSummary | None = None
    stopped_early: bool = False
    """True when the time limit, not a counted budget, stopped some part (see `Work`)."""

    def path_to_scene(self, scene: str) -> Path | None:
        """The shortest path found to `scene`, or None when it was not reached."""
        for tree in self.trees:
            path = tree.path_to_scene(scene)
            if path is not None:
                return path
        return None

    @property
    def exact_states(self) -> int:
        """States the exact search explored (0 when the proof left nothing for it)."""
        return self.states - self.quick_states

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
            "exact_states": self.exact_states,
            "proof": self.proof.to_json() if self.proof else None,
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
