"""Dead ends and loops the proof pass leaves open, settled by a split pass.

    settle_stuck(story, relevance, proof, deadline)   # narrows proof.dead_ends, untimed_loops

(`proof.prove` calls it when the pass leaves a dead end or a loop open.)

The proof pass keeps one box per scene, so it forgets how true-or-false names
go together. A hub the story enters once, after one of four side scenes,
offering the three not yet seen (`when: not seen.cargo`, ...), then looks like
a dead end (its box holds the point where all four are seen) and like part of
a loop (a side scene's `seen.afternoon` route looks both ways). Nothing but the
exact search could settle those, and a story with trust in play has far too
many states for it.

This pass runs the proof pass again split by the true-or-false names
(`flag.`, `seen.`, `has.`, `taken.`, `status.`) that the open scenes' choices
and routes read (`split_proof.py`), in those scenes and the scenes that lead
into them; elsewhere a scene keeps one box. Every box still holds every state
of its part, so what it rules out is ruled out: a scene none of whose parts
may leave no choice available is no dead end, and a loop is no trap when no
cycle of parts goes round without a closing timer running down, or every part
of it always offers a way towards an ending (`_Prover.untimed_loops`, on parts).
"""

from __future__ import annotations

import time
from heapq import heappop

from iss.authoring.explore.boxes import Box, initial_box
from iss.authoring.explore.guided import BOTH, split_names
from iss.authoring.explore.proof_result import Proof
from iss.authoring.explore.relevance import Relevance
from iss.authoring.explore.split_proof import Part, _SplitProver
from iss.authoring.explore.traps import components
from iss.engine.model import Story


def settle_stuck(
    story: Story,
    relevance: Relevance,
    proof: Proof,
    deadline: float,
    max_visits: int | None = None,
) -> None:
    """Drop from `proof.dead_ends` and `proof.untimed_loops` what a split pass rules out
    (nothing when it does not finish by `deadline` or within `max_visits` part visits)."""
    involved = set(proof.dead_ends) | {s for loop in proof.untimed_loops for s in loop}
    if not proof.complete or not involved:
        return
    names: set[str] = set()
    for sid in sorted(involved):
        for choice in story.scenes[sid].choices:
            conditions = [choice.when, *(r.when for r in choice.routes)]
            for condition in conditions:
                if condition is not None:
                    names |= set(split_names(condition, BOTH))
    if not names:
        return
    region = involved | {s for (s, _), targets in proof.targets.items() if targets & involved}
    prover = _StuckProver(story, relevance, tuple(sorted(names)), region)
    if not prover.run_stuck(deadline, max_visits):
        return
    proof.dead_ends = {s for s in proof.dead_ends if prover.may_be_stuck(s)}
    proof.untimed_loops = [loop for loop in prover.untimed_part_loops() if loop]


class _StuckProver(_SplitProver):
    """The split pass, split only in `region`, recording each part's moves and their time."""

    def __init__(
        self, story: Story, relevance: Relevance, split: tuple[str, ...], region: set[str]
    ) -> None:
        super().__init__(story, relevance, split)
        self.region = region
        self.moves: dict[tuple[Part, str], set[Part]] = {}
        """(part, choice id) -> the parts taking the choice may lead to."""
        self.timed: dict[Part, set[tuple[Part, int]]] = {}
        """Part -> (next part, the minutes the choice and the scene it leads to take)."""

    def arrive(self, scene_id: str, box: Box) -> None:
        if scene_id in self.region:
            super().arrive(scene_id, box)
            return
        self.join((scene_id, ()), box, self.live.get(scene_id, frozenset()))

    def run_stuck(self, deadline: float, max_visits: int | None = None) -> bool:
        """The fixed point over parts (`run_parts`, keeping moves); False past `deadline`
        or `max_visits` part visits (a count: the same on every machine)."""
        story, boxes = self.story, self.result.boxes
        for scene_id, box in self.enter(story.start, initial_box(story)):
            self.arrive(scene_id, box)
        visits = 0
        while self.queue:
            visits += 1
            if max_visits is not None and visits > max_visits:
                return False
            if visits % 64 == 0 and time.perf_counter() > deadline:
                return False
            _, key = heappop(self.queue)
            self.waiting.discard(key)
            box = boxes[key]
            timed = self.timed.setdefault(key, set())
            for choice in story.scenes[key[0]].choices:
                moved = self.moves.setdefault((key, choice.id), set())
                for target, after in self.take(choice, box, key[0]):
                    self.arrived = set()
                    self.arrive(target, after)
                    moved |= self.arrived
                    # A fallback is untimed: the engine rests after `MAX_FALLBACKS` in a row.
                    minutes = (
                        0 if choice.fallback else choice.minutes + story.scenes[target].minutes
                    )
                    timed.update((part, minutes) for part in self.arrived)
        return True

    def may_be_stuck(self, scene_id: str) -> bool:
        scene = self.story.scenes[scene_id]
        return scene.ending is None and any(
            self.uncovered(scene_id, scene.choices, self.result.boxes[part])
            for part in self.result.of_scene.get(scene_id, ())
        )

    def untimed_part_loops(self) -> list[tuple[str, ...]]:
        """The scenes of each cycle of parts that can go round without a closing timer
        running down, and whose parts do not all always offer a way towards an ending."""
        boxes = self.result.boxes
        parts = sorted(boxes, key=repr)
        number = {part: i for i, part in enumerate(parts)}
        free = [
            sorted(
                number[target]
                for target, minutes in self.timed.get(part, ())
                if minutes <= 0 or not self.closes_box(boxes[part])
            )
            for part in parts
        ]
        loops: set[tuple[str, ...]] = set()
        escapable: set[Part] | None = None
        for members in components(free, set(range(len(parts)))):
            if len(members) > 1 or members[0] in free[members[0]]:
                if escapable is None:
                    escapable = self._escapable(parts)
                if not escapable.issuperset(parts[m] for m in members):
                    loops.add(tuple(sorted({parts[m][0] for m in members})))
        return sorted(loops)

    def _escapable(self, parts: list[Part]) -> set[Part]:
        """`_Prover.escapable` on parts: grown from the endings' parts."""
        scenes, boxes = self.story.scenes, self.result.boxes
        out = {p for p in parts if scenes[p[0]].ending is not None}
        open_by: dict[tuple[Part, tuple[str, ...]], bool] = {}  # as in `_Prover.escapable`
        grew = True
        while grew:
            grew = False
            for part in parts:
                if part in out:
                    continue
                leaving = [  # a fallback is no way out while another choice is open
                    c
                    for c in scenes[part[0]].choices
                    if not c.fallback
                    and self.moves.get((part, c.id))
                    and self.moves[(part, c.id)] <= out
                ]
                if not leaving:
                    continue
                key = (part, tuple(c.id for c in leaving))
                uncovered = open_by.get(key)
                if uncovered is None:
                    uncovered = open_by[key] = self.uncovered(part[0], leaving, boxes[part])
                if not uncovered:
                    out.add(part)
                    grew = True
        return out


__all__ = ["settle_stuck"]
