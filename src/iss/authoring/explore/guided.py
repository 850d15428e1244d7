"""Claims the proof pass leaves open: proved by the split pass, or refuted by guided walks.

    settled = settle_by_splitting(story, claims, open_claims, relevance, deadline)
    walks = GuidedWalks(story, settled.guides, check)
    walks.run(deadline)

The breadth-first search of `claims.py` finds a shortest route when one is
short; a continuity claim about an ending twenty choices deep is far beyond
it. For such claims this module first runs the proof pass split by the
statuses the claim reads (`split_proof.py`), which proves most of them. For
the rest it keeps the parts from which a breaking part may be reached, and
walks the real engine from the start, at each step picking at random among
the available choices whose next state still fits one of those parts. A
route found so is real but not known to be shortest; a claim still open
after `GUIDED_ROUNDS` walks stays *unproved*.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from iss.authoring.explore.boxes import BoxRunner
from iss.authoring.explore.relevance import Relevance
from iss.authoring.explore.split_proof import Part, SplitProof, prove_split
from iss.engine.model import Condition, Story
from iss.engine.runner import can_take, choose_unrecorded, new_game
from iss.engine.state import GameState

GUIDED_ROUNDS = 60
"""Walks per open claim. Counted, not timed, so a check finds the same routes on every
machine; the deadline is only a safety net."""
MAX_STEPS = 200
"""A walk that takes more choices than this gives up (a loop inside the cone can keep it
going round; the bundled story's longest routes take about 30 choices)."""

Check = Callable[[GameState, Callable[[], tuple[str, ...]]], None]
"""Records what a state (reached by the route the callable gives) refutes or witnesses."""


@dataclass(frozen=True, slots=True)
class Open:
    """What `settle_by_splitting` needs of a claim."""

    always: bool
    condition: Condition
    scenes: frozenset[str]


@dataclass
class Settled:
    """Claims the split pass proved, and for the others the parts that may break them."""

    proved: set[int] = field(default_factory=set)
    guides: dict[int, tuple[SplitProof, set[Part]]] = field(default_factory=dict)


STATUSES = ("status.",)
BOTH = ("status.", "flag.", "seen.", "has.", "taken.")


def split_names(condition: Condition, kinds: tuple[str, ...]) -> tuple[str, ...]:
    """The names of `condition` that start with one of `kinds`."""
    return tuple(sorted(n for n in condition.names if n.startswith(kinds)))


def settle_by_splitting(
    story: Story,
    claims: Sequence[Open],
    open_claims: Sequence[int],
    deadline: float,
    max_visits: int | None = None,
) -> Settled:
    """Split by every status the open claims read, in one pass; then each claim still
    open by the statuses and the true-or-false names it reads (one pass per set). Each
    pass stops at `deadline` or after `max_visits` visits, and then proves nothing."""
    out = Settled()
    run_on = BoxRunner(story)
    groups: list[tuple[tuple[str, ...], list[int]]] = []
    statuses = sorted({n for i in open_claims for n in split_names(claims[i].condition, STATUSES)})
    if statuses:
        groups.append((tuple(statuses), [i for i in open_claims if claims[i].condition.names]))
    for kinds in (None, BOTH):
        if kinds is not None:  # the second round: what the first left open
            by_names: dict[tuple[str, ...], list[int]] = {}
            for i in open_claims:
                names = split_names(claims[i].condition, kinds)
                if i not in out.proved and names and not set(names) <= set(statuses):
                    by_names.setdefault(names, []).append(i)
            groups = list(by_names.items())
        for names, members in groups:
            reads: dict[str, list[Condition]] = {}
            for i in members:  # only these claims: fewer names to keep, smaller boxes
                for sid in claims[i].scenes:
                    reads.setdefault(sid, []).append(claims[i].condition)
            relevance = Relevance(story, reads=reads)
            split = prove_split(story, relevance, names, deadline, run_on, max_visits)
            if split is None:
                return out  # out of budget: proves nothing
            for i in members:
                _settle(split, claims[i], i, run_on, out)
    return out


def _settle(split: SplitProof, claim: Open, i: int, run_on: BoxRunner, out: Settled) -> None:
    breaking = split.breaking(claim.always, claim.condition, claim.scenes, run_on)
    if not breaking:
        out.proved.add(i)
        out.guides.pop(i, None)
    else:
        out.guides[i] = (split, split.cone(breaking))


class GuidedWalks:
    """Seeded walks through the real engine, kept inside each claim's cone of parts."""

    def __init__(
        self,
        story: Story,
        guides: dict[int, tuple[SplitProof, set[Part]]],
        check: Check,
        done: Callable[[int], bool],
    ) -> None:
        self.story = story
        self.guides = guides
        self.check = check
        self.done = done
        self.rng = random.Random(0)

    def run(self, deadline: float) -> None:
        for i in sorted(self.guides):
            split, cone = self.guides[i]
            for _ in range(GUIDED_ROUNDS):
                if self.done(i) or time.perf_counter() >= deadline:
                    break
                self.walk(split, cone)

    def walk(self, split: SplitProof, cone: set[Part]) -> None:
        story = self.story
        state = new_game(story).state
        if not split.leads_on(state, cone):
            return
        route: list[str] = []
        for _ in range(MAX_STEPS):
            self.check(state, lambda: tuple(route))
            if state.ending is not None:
                return
            options = []
            for choice in story.scenes[state.scene].choices:
                if can_take(choice, state):
                    after = choose_unrecorded(story, state, choice.id).state
                    if split.leads_on(after, cone):
                        options.append((choice.id, after))
            if not options:
                return
            pick, state = self.rng.choice(options)
            route.append(pick)
