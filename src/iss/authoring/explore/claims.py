"""Claims: properties and continuity checks, each proved, refuted with a route, or unproved.

    results = check_claims(story, claims, Budget(time_limit=2))
    results[0].status   # "holds", "violated", "possible", "impossible" or "unproved"
    results[0].route    # the shortest route (choice ids) to a violation or a witness

A claim says that a condition holds on entering some scenes: in every
reachable state (`always`) or in at least one (`possible`). The proof pass
(`proof.py`) settles what it can without playing: an `always` whose
condition cannot fail in any scene box holds, a `possible` whose condition
cannot hold in any box is impossible. The rest is settled by a breadth-first
search over real states through the engine, merging only states that agree
on every name still read (the claims' names included), so the first state
found that refutes or witnesses a claim is reached by a shortest route.
The search gives up early when, its levels growing as they do, it would run
out of budget before the depth where the proof pass says a claim's scenes can
first be reached: it could then find nothing, nor raise that lower bound.
Seeded walks then look for routes to what is left. When the budget runs
out, what is not settled is *unproved*: never reported as holding.
"""

from __future__ import annotations

import random
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from iss.authoring.explore.boxes import Box, BoxRunner
from iss.authoring.explore.closure import closure
from iss.authoring.explore.guided import GuidedWalks, Open, Settled, settle_by_splitting
from iss.authoring.explore.keys import KeyFunction
from iss.authoring.explore.proof import prove
from iss.authoring.explore.relevance import Relevance
from iss.authoring.explore.results import Budget, PathTree
from iss.authoring.gc_pause import gc_paused
from iss.engine.model import Condition, Story
from iss.engine.runner import can_take, choose_unrecorded, new_game
from iss.engine.state import GameState

ALWAYS, POSSIBLE = "always", "possible"


@dataclass(frozen=True, slots=True)
class Claim:
    """A condition that must hold on entering `scenes` (all scenes when empty)."""

    name: str
    kind: str
    """"always" or "possible"."""
    condition: Condition
    scenes: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class ClaimResult:
    """What became of a claim.

    `status` is "holds" (an `always` proved), "violated" (an `always` refuted:
    `route` reaches a state where it fails), "possible" (a `possible` shown:
    `route` reaches a state where it holds), "impossible" (a `possible`
    proved false everywhere) or "unproved" (the budget ran out first).
    `scene` is where the route ends and `by` what settled the claim.
    `shortest` is True when no route with fewer choices exists; otherwise
    `at_least` is a proved lower bound on the choices any such route needs.
    """

    claim: Claim
    status: str
    route: tuple[str, ...] | None = None
    scene: str = ""
    by: str = ""
    shortest: bool = False
    at_least: int = 0

    @property
    def settled(self) -> bool:
        return self.status != "unproved"

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"kind": self.claim.kind, "status": self.status, "by": self.by}
        if self.route is not None:
            out.update(route=list(self.route), scene=self.scene, shortest=self.shortest)
            if not self.shortest:
                out["at_least"] = self.at_least
        return out


def _scenes(story: Story, claim: Claim) -> frozenset[str]:
    return claim.scenes or frozenset(story.scenes)


def claim_reads(story: Story, claims: Iterable[Claim]) -> dict[str, list[Condition]]:
    """Scene -> the conditions claims read there (for `Relevance`)."""
    out: dict[str, list[Condition]] = {}
    for claim in claims:
        for sid in _scenes(story, claim):
            out.setdefault(sid, []).append(claim.condition)
    return out


@gc_paused()
def check_claims(
    story: Story, claims: Sequence[Claim], budget: Budget | None = None
) -> list[ClaimResult]:
    """Settle each claim (see the module docstring); results in the claims' order."""
    if not claims:
        return []
    budget = budget or Budget()
    started = time.perf_counter()
    work, end = budget.work, started + budget.time_limit

    def by(share: float) -> float:  # a part's deadline: with counted work, only the safety net
        return end if work is not None else started + budget.time_limit * share

    visits = work.proof_visits if work is not None else None
    relevance = Relevance(story, reads=claim_reads(story, claims))
    # The claims read neither dead ends nor loops: the pass looks for neither.
    proof = prove(
        story, relevance, by(PROOF_SHARE), max_visits=visits, stuck=False, first_reached=True
    )
    results: dict[int, ClaimResult] = {}
    if proof.complete:
        run_on = BoxRunner(story)
        for i, claim in enumerate(claims):
            settled = _by_proof(story, claim, proof.boxes, run_on)
            if settled is not None:
                results[i] = ClaimResult(claim, settled, by="proof pass")
    open_claims = [i for i in range(len(claims)) if i not in results]
    guides: Settled = Settled()
    if proof.complete and open_claims:
        opened = [Open(c.kind == ALWAYS, c.condition, _scenes(story, c)) for c in claims]
        guides = settle_by_splitting(story, opened, open_claims, by(SPLIT_SHARE), visits)
        for i in guides.proved:
            status = "holds" if claims[i].kind == ALWAYS else "impossible"
            results[i] = ClaimResult(claims[i], status, by="split proof pass")
        open_claims = [i for i in open_claims if i not in guides.proved]
    if not open_claims:
        return [results[i] for i in range(len(claims))]
    search = _Search(story, claims, open_claims, relevance, budget.max_states, work is not None)
    for i in open_claims:  # the proof pass's lower bound on the choices to get there
        near = [proof.distance[s] for s in _scenes(story, claims[i]) if s in proof.distance]
        search.fewest[i] = min(near, default=0)
    search.run(by(SEARCH_SHARE))  # max_states binds first
    results.update(search.found)
    if proof.complete and not search.complete:
        walks = _Walks(story, claims, search, proof.targets)
        walks.run(end)
        unfound = {i: g for i, g in guides.guides.items() if i not in search.found}
        guided = GuidedWalks(
            story,
            unfound,
            lambda state, route: search.check(state, route, "walk"),
            lambda i: i in search.found,
        )
        guided.run(end)
    results.update(search.finish())
    return [results[i] for i in range(len(claims))]


PROOF_SHARE = 0.3
"""The share of the budget's time by which the proof pass must be done."""
SPLIT_SHARE = 0.5
"""The share by which the split proof passes (`guided.py`) must be done."""
SEARCH_SHARE = 0.6
"""The share by which the breadth-first search stops; walks use the rest."""
WALK_ROUNDS = 40
"""Rounds of one walk per unsettled goal scene. Counted, not timed, so a check finds the
same routes on every machine; the time limit is only a safety net."""
HOPELESS_AFTER = 2_000
"""The search judges whether it can still settle anything only after this many states."""
MAX_STEPS = 500
"""A walk that takes more choices than this gives up."""


def _by_proof(story: Story, claim: Claim, boxes: dict[str, Box], run_on: BoxRunner) -> str | None:
    for sid in _scenes(story, claim):
        box = boxes.get(sid)
        if box is None:
            continue  # the proof pass shows the scene cannot be reached
        holds, fails = run_on.split(claim.condition, box)
        if claim.kind == ALWAYS and fails is not None:
            return None
        if claim.kind == POSSIBLE and holds is not None:
            return None
    return "holds" if claim.kind == ALWAYS else "impossible"


class _Search:
    """Breadth-first over real states, merging only states no claim or choice can tell apart."""

    def __init__(
        self,
        story: Story,
        claims: Sequence[Claim],
        open_claims: list[int],
        relevance: Relevance,
        max_states: int,
        counted: bool = False,
    ) -> None:
        self.story = story
        self.claims = claims
        self.open = open_claims
        self.relevance = relevance
        self.max_states = max_states
        self.counted = counted
        """Give up by the state count alone (see `hopeless`), never by the clock."""
        self.at: dict[str, list[int]] = {}
        for i in open_claims:
            for sid in _scenes(story, claims[i]):
                self.at.setdefault(sid, []).append(i)
        self.found: dict[int, ClaimResult] = {}
        self.fewest: dict[int, int] = {}
        """Claim -> no route to its scenes has fewer choices (from the proof pass)."""
        self.keys: dict[str, KeyFunction] = {}
        self.seen: set[tuple[object, ...]] = set()
        self.tree = PathTree()
        self.depth: list[int] = []
        self.sizes: list[int] = []
        """Depth -> how many states the search found that many choices from the start."""
        self.queue: deque[tuple[int, GameState]] = deque()
        self.complete = False
        self.covered = -1
        """Every state this many choices (or fewer) from the start has been checked."""

    def check(self, state: GameState, route: Callable[[], tuple[str, ...]], by: str) -> None:
        """Record each open claim at this state's scene that `state` refutes or witnesses."""
        for i in self.at.get(state.scene, ()):
            known = self.found.get(i)
            if known is not None and (known.shortest or by != "walk"):
                continue
            claim = self.claims[i]
            holds = claim.condition.failing_reason(state) is None
            if holds == (claim.kind == POSSIBLE):
                path = route()
                if known is not None and known.route is not None and len(known.route) <= len(path):
                    continue
                status = "possible" if holds else "violated"
                bound = max(self.covered + 1, self.fewest.get(i, 0))
                shortest = by == "exact search" or len(path) <= bound
                at_least = len(path) if shortest else bound
                self.found[i] = ClaimResult(
                    claim, status, path, state.scene, by, shortest, at_least
                )

    def add(self, state: GameState, parent: int, via: str) -> None:
        key_of = self.keys.get(state.scene)
        if key_of is None:
            key_of = self.keys[state.scene] = self.relevance.key_function(state.scene)
        key = (state.scene, key_of(state))
        if key in self.seen:
            return
        self.seen.add(key)
        number = self.tree.add(parent, via, state.scene)
        depth = self.depth[parent] + 1 if parent >= 0 else 0
        self.depth.append(depth)
        if depth == len(self.sizes):
            self.sizes.append(0)
        self.sizes[depth] += 1
        self.check(state, lambda: self.tree.path_to(number).choices, "exact search")
        if state.ending is None:
            self.queue.append((number, state))

    def hopeless(self, level: int, started: float, deadline: float) -> bool:
        """True when the levels after `level`, each growing as `level` grew from the one
        before, would overrun the budget before the depth where the first open claim's
        scenes can be reached (the proof pass's bound, `fewest`): going on, the search
        could settle nothing. Judged only from `HOPELESS_AFTER` states on; with
        `counted`, by the state budget alone, so every machine gives up at the same level."""
        states = len(self.tree.parent)
        if states < HOPELESS_AFTER or level == 0:
            return False
        target = min(self.fewest.get(i, 0) for i in self.open if i not in self.found)
        growth = self.sizes[level] / max(self.sizes[level - 1], 1)
        if level + 1 >= target or growth <= 1:
            return False
        ahead, size = 0.0, float(self.sizes[level])
        for _ in range(target - level - 1):
            size *= growth
            ahead += size
        if states + ahead > self.max_states:
            return True
        if self.counted:
            return False
        now = time.perf_counter()
        per_state = (now - started) / states
        return now + ahead * per_state > deadline

    def run(self, deadline: float) -> None:
        story = self.story
        started = time.perf_counter()
        self.add(new_game(story).state, -1, "")
        self.covered = 0
        expanded = 0
        while self.queue and len(self.found) < len(self.open):
            if len(self.tree.parent) >= self.max_states or (
                expanded % 256 == 0 and time.perf_counter() > deadline
            ):
                return
            expanded += 1
            number, state = self.queue.popleft()
            level = self.depth[number]
            if level > self.covered and self.hopeless(level, started, deadline):
                self.queue.appendleft((number, state))
                return
            self.covered = level  # every state up to here was checked on arrival
            for choice in story.scenes[state.scene].choices:
                if can_take(choice, state):  # not a fallback, nor a once-only choice used up
                    after = choose_unrecorded(story, state, choice.id).state
                    self.add(after, number, choice.id)
        self.complete = not self.queue

    def finish(self) -> dict[int, ClaimResult]:
        """Every open claim's result: found, proved by a finished search, or unproved."""
        out = dict(self.found)
        for i in self.open:
            if i not in out:
                claim = self.claims[i]
                if self.complete:
                    status = "holds" if claim.kind == ALWAYS else "impossible"
                    out[i] = ClaimResult(claim, status, by="exact search")
                else:
                    out[i] = ClaimResult(
                        claim, "unproved", at_least=max(self.covered + 1, self.fewest.get(i, 0))
                    )
        return out


class _Walks:
    """Seeded random walks towards each open claim's scenes, through the real engine.

    A walk picks, among the available choices, those the proof pass says may
    still lead to its goal scene. Routes found this way are real but not
    known to be shortest: their `at_least` is what the search covered."""

    def __init__(
        self,
        story: Story,
        claims: Sequence[Claim],
        search: _Search,
        targets: dict[tuple[str, str], set[str]],
    ) -> None:
        self.story = story
        self.claims = claims
        self.search = search
        self.targets = targets
        self.back: dict[str, set[str]] = {}
        for (sid, _), after in targets.items():
            for target in after:
                self.back.setdefault(target, set()).add(sid)
        self.rng = random.Random(0)

    def cone(self, goal: str) -> set[str]:
        return closure({goal}, self.back)

    def run(self, deadline: float) -> None:
        search = self.search
        goals = sorted({s for i in search.open for s in _scenes(self.story, self.claims[i])})
        cones = {g: self.cone(g) for g in goals}
        for _ in range(WALK_ROUNDS):
            if all(i in search.found and search.found[i].shortest for i in search.open):
                return
            pending = sorted(
                {
                    s
                    for i in search.open
                    if i not in search.found or not search.found[i].shortest
                    for s in _scenes(self.story, self.claims[i])
                }
            )
            for goal in pending:
                if time.perf_counter() >= deadline:
                    return
                self.walk(cones[goal])

    def walk(self, cone: set[str]) -> None:
        story, search = self.story, self.search
        state = new_game(story).state
        route: list[str] = []
        for _ in range(MAX_STEPS):
            search.check(state, lambda: tuple(route), "walk")
            if state.ending is not None:
                return
            options = [
                c.id
                for c in story.scenes[state.scene].choices
                if self.targets.get((state.scene, c.id), set()) & cone and can_take(c, state)
            ]
            if not options:
                return
            pick = self.rng.choice(options)
            route.append(pick)
            state = choose_unrecorded(story, state, pick).state
