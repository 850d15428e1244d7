"""The explorer: find every ending with a real path, and prove what cannot happen.

    result = explore(story, Budget(max_states=200_000, time_limit=10))
    result.endings["home"].path     # choice ids that reach it, replayed by the engine
    result.dead_ends, result.trap_loops, result.complete

Searches run the real engine (`choose`), so every reported path plays
exactly as reported. They are breadth-first from the start, so paths are
short; an ending's path is marked shortest when the proof pass shows no
playthrough can be shorter. Two states in one scene are merged when they
agree on every name that can still be read from there on (see
`relevance`). What cannot happen (unreachable scenes and endings,
choices never available, no dead ends, no loops with no way out) is proved
by the proof pass (`proof`), or by the exact search when it finishes.
"""

from __future__ import annotations

import time
from dataclasses import replace

from iss.authoring.explore.breadth import Search
from iss.authoring.explore.proof import prove
from iss.authoring.explore.proof_result import Proof
from iss.authoring.explore.relevance import Relevance
from iss.authoring.explore.results import (
    MAX_STATES,
    TIME_LIMIT,
    Budget,
    EndingResult,
    Exploration,
    Path,
    PathTree,
    ProofSummary,
    Stuck,
    Work,
)
from iss.authoring.explore.traps import trapped_loops
from iss.authoring.explore.witness import find_witnesses
from iss.authoring.gc_pause import gc_paused
from iss.engine.errors import EngineError
from iss.engine.model import Story
from iss.engine.runner import choose, fallbacks_followed, new_game
from iss.engine.state import GameState
from iss.engine.walk import Walker

QUICK_SHARE = 0.5
"""The share of the time limit the quick first search may use."""
PROOF_SHARE = 0.8
"""The share of the time limit by which the proof pass must be done."""
WITNESS_SHARE = 0.9
"""The share of the time limit by which walks to confirm the proof's findings stop."""
EARLY_STATES = 500
"""States the exact search reaches before the first witness walks (see `_settle`)."""
MIN_TURN = 0.005
"""Seconds the witness walks get at least, each turn."""
MIN_STEPS = 50
"""Engine steps the witness walks get at least, each turn, with a counted budget."""
QUICK_PER_KEY = 128
"""States the quick search keeps per scene (each with a different coarse key)."""


@gc_paused()
def explore(story: Story, budget: Budget | None = None, text: bool = False) -> Exploration:
    """Explore the story within `budget`: find every ending, prove what cannot happen.

    1. A quick search keeps only a few states per coarse key (see
       `Relevance.coarse_key_function`) and finds real paths to most places fast.
    2. The proof pass (`proof`) over-approximates every reachable state
       in a fraction of a second: what it cannot reach is unreachable, and it
       rules out dead ends and loops with no way out.
    3. If something is still open, the exact search (merging only states
       that cannot differ in the future) and walks aimed at what the pass
       says may be reachable but no search has reached yet (`witness`) take
       turns (`_settle`): a small story is settled by the search, even what
       the pass over-approximates; in a big one the walks confirm with real
       playthroughs what the pass says may be reached.
    4. Only if something is still open does the exact search go on, within
       the whole budget; if it finishes, its claims are proofs too.

    The result is `complete` when every claim is settled. Every reported path
    is a real playthrough, replayed by the engine. `text=True` also splits
    states by what scene text reads; then only the exact search can finish.
    """
    started = time.perf_counter()
    budget = budget or Budget()
    relevance = Relevance(story, text=text)
    limit, work = budget.time_limit, budget.work
    end = started + limit
    walker = Walker(story)
    if work is None:  # the time limit, shared out
        quick_deadline, quick_budget = started + limit * QUICK_SHARE, budget
    else:  # counted: the time limit is only a safety net (see `Work`)
        quick_deadline = end
        quick_budget = replace(budget, max_states=min(work.quick_states, budget.max_states))
    quick = Search(story, quick_budget, quick_deadline, relevance, QUICK_PER_KEY, walker)
    quick.run()
    if work is None:
        proof = prove(story, relevance, started + limit * PROOF_SHARE)
    else:
        proof = prove(story, relevance, end, max_visits=work.proof_visits)
    found = _Found(story, quick)
    found.add_walkthroughs()
    search = Search(story, budget, end, relevance, walker=walker)
    open_claims = found.unresolved(proof)
    exact_complete, cut_reason = False, ""
    walks: list[tuple[str, ...]] = []
    if open_claims or text:
        settle_by = end if work is not None else started + limit * WITNESS_SHARE
        exact_complete, cut_reason = _settle(search, found, proof, settle_by, work)
        walks = found.walked
        open_claims = [] if exact_complete else found.unresolved(proof)
    if (open_claims or text) and not exact_complete:
        search.budget, search.deadline = budget, end  # go on where it stopped
        exact_complete, cut_reason = search.run()
        found.add_search(search)
        open_claims = [] if exact_complete else found.unresolved(proof)
    complete = exact_complete or not (open_claims or text)
    if open_claims and not exact_complete:
        cut_reason = f"{cut_reason}; still open: {'; '.join(open_claims)}"
    elif text and not exact_complete:
        cut_reason += "; text variants are covered only when the exact search finishes"
    tree = search.tree
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
        endings=found.endings(proof, search),
        dead_ends=[Stuck(sid, p) for sid, p in sorted(found.dead.items())],
        trap_loops=_unique_loops(trap_loops),
        scenes_reached=found.reached(),
        choices_taken=found.choices,
        all_scenes=list(story.scenes),
        all_choices=[(s.id, c.id) for s in story.scenes.values() for c in s.choices],
        states=len(tree.parent) + len(quick.tree.parent),
        complete=complete,
        seconds=time.perf_counter() - started,
        cut_reason=cut_reason.strip("; "),
        trees=(tree, quick.tree, found.walks),
        quick_states=len(quick.tree.parent),
        proof=ProofSummary(
            proof.seconds,
            proof.visits,
            tuple(sorted(proof.dead_ends)),
            tuple(proof.untimed_loops),
            tuple(open_claims),
            len(walks),
        ),
        # Every part stops at `end` at the latest, so one stopped by the clock ended after it.
        stopped_early=work is not None and time.perf_counter() > end,
    )


def _settle(
    search: Search, found: _Found, proof: Proof, deadline: float, work: Work | None = None
) -> tuple[bool, str]:
    """Take turns until nothing is open or `deadline`: the exact search, then witness walks.

    The exact search reaches `EARLY_STATES` more states, then the walks get as
    long as it took, and each turn the search's share doubles. Walks that
    confirmed something get twice their share next turn (and again, while
    they keep confirming); walks that confirmed nothing get half as long as
    the search next turn, and half that again while they go on confirming
    nothing (`MIN_TURN` at least): goals no walk can reach (the pass
    over-approximates) then cost little beside the search. A small story is settled by the search even where the proof pass
    over-approximates (an ending it thinks reachable that no walk can reach);
    a big one by the walks (goals the search is far from). With counted `work`,
    turns are measured in engine steps instead of seconds: the walks get
    `work.walk_steps` steps for each state the search took that turn (`MIN_STEPS`
    at least). Returns the search's (finished, why it stopped)."""
    budget, share, turn, walk_share = search.budget, EARLY_STATES, 0, 1.0
    while True:
        search.budget = replace(
            budget, max_states=min(budget.max_states, len(search.edges) + share)
        )
        search.deadline, began, states_before = deadline, time.perf_counter(), len(search.edges)
        complete, reason = search.run()
        found.add_search(search)
        search.budget = budget
        if complete or search.budget.max_states <= len(search.edges) or not proof.complete:
            return complete, reason
        if not found.unresolved(proof):
            return False, reason
        now = time.perf_counter()
        if now >= deadline:
            return False, reason
        # A scene passed through by its fallback is reached, though no state stops there:
        # a walk can never stop in one either, and chased it for its whole share each turn.
        scenes, choices = proof.scenes - found.reached(), proof.choices - found.choices
        if work is None:
            turn_end = min(deadline, now + max((now - began) * walk_share, MIN_TURN))
            walks = find_witnesses(
                search.story, proof, scenes, choices, turn_end, seed=turn, walker=search.walker
            )
        else:
            taken = (len(search.edges) - states_before) * work.walk_steps
            steps = max(int(taken * walk_share), MIN_STEPS)
            walks = find_witnesses(
                search.story,
                proof,
                scenes,
                choices,
                deadline,
                seed=turn,
                max_steps=steps,
                walker=search.walker,
            )
        for walk in walks:
            found.add_walk(walk)
        if not found.unresolved(proof):
            return False, reason
        walk_share = next_walk_share(walk_share, bool(walks))
        share, turn = share * 2, turn + 1


def next_walk_share(share: float, confirmed: bool) -> float:
    """The walks' time next turn, as a multiple of the search's (see `_settle`)."""
    return share * 2 if confirmed else min(share, 1.0) / 2


class _Found:
    """What real playthroughs have shown so far: scenes, choices, endings, dead ends."""

    def __init__(self, story: Story, quick: Search) -> None:
        self.story = story
        self.scenes = set(quick.tree.first)
        self.choices = set(quick.choices_taken)
        self.paths: dict[str, Path] = {e: quick.tree.path_to(n) for e, n in quick.ending_at.items()}
        self.dead = {sid: quick.tree.path_to(n) for sid, n in quick.dead.items()}
        self.walks = PathTree()
        self.walked: list[tuple[str, ...]] = []

    def add_walkthroughs(self) -> None:
        """The author's walkthroughs are real playthroughs too: a rare ending the quick
        search missed (The Fall needs two exact survivors) is found from the start.
        A walkthrough that does not play (E160 says so) shows nothing."""
        for walk in self.story.walkthroughs:
            try:
                self.add_walk(walk.choices, confirming=False)
            except EngineError:
                continue

    def add_walk(self, choices: tuple[str, ...], confirming: bool = True) -> None:
        if confirming:
            self.walked.append(choices)
        story, tree = self.story, self.walks
        state = new_game(story).state
        number = tree.add(-1, "", state.scene)
        for choice_id in choices:
            self.choices.add((state.scene, choice_id))
            step = choose(story, state, choice_id)
            self.choices.update(fallbacks_followed(story, step.events))
            state = step.state
            number = tree.add(number, choice_id, state.scene)
            self.scenes.add(state.scene)
        if state.ending is not None:
            path = tree.path_to(number)
            best = self.paths.get(state.ending)
            if best is None or len(path.choices) < len(best.choices):
                self.paths[state.ending] = path

    def add_search(self, search: Search) -> None:
        self.scenes |= set(search.tree.first)
        self.choices |= search.choices_taken
        self.paths.update({e: search.tree.path_to(n) for e, n in search.ending_at.items()})
        self.dead.update({sid: search.tree.path_to(n) for sid, n in search.dead.items()})

    def reached(self) -> set[str]:
        """The scenes a playthrough stopped in, and those it passed through by their
        fallback (whose fallback it took): a scene with only a fallback is never a
        state's scene, and `iss check` called one, even the start, unreachable."""
        return self.scenes | {scene for scene, _ in self.choices}

    def unresolved(self, proof: Proof) -> list[str]:
        """Each claim that neither the proof pass nor a playthrough has settled."""
        if not proof.complete:
            return ["the proof pass stopped at the time limit"]
        out = []
        scenes = sorted(proof.scenes - self.reached())
        if scenes:
            out.append(f"{len(scenes)} scene(s) may be reachable: {', '.join(scenes[:5])}")
        choices = sorted(proof.choices - self.choices)
        if choices:
            shown = ", ".join(f"{s}.{c}" for s, c in choices[:5])
            out.append(f"{len(choices)} choice(s) may be available: {shown}")
        dead = sorted(proof.dead_ends - set(self.dead))
        if dead:
            out.append(f"{len(dead)} scene(s) may be dead ends: {', '.join(dead[:5])}")
        for loop in proof.untimed_loops[:3]:
            out.append(f"a loop the clock does not close may trap the player: {' -> '.join(loop)}")
        return out

    def endings(self, proof: Proof, search: Search) -> dict[str, EndingResult]:
        out = {}
        for eid, e in self.story.endings.items():
            path = self.paths.get(eid)
            fewest = proof.fewest_choices(eid, self.story)
            shortest = path is not None and (eid in search.ending_at or len(path.choices) == fewest)
            out[eid] = EndingResult(eid, e.title, e.kind, e.canonical, path, fewest, shortest)
        return out


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


__all__ = [
    "MAX_STATES",
    "TIME_LIMIT",
    "Budget",
    "EndingResult",
    "Exploration",
    "Path",
    "Stuck",
    "explore",
    "replay_path",
]
