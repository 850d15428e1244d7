"""The proof pass: every state the story could reach, over-approximated, in a fraction of a second.

    proof = prove(story, Relevance(story))
    proof.scenes, proof.choices, proof.endings   # what may be reached; the rest cannot be
    proof.dead_ends                              # scenes that may leave no choice available
    proof.untimed_loops                          # loops the clock does not close

The exact search (`explore.py`) walks real states, so it proves that
something cannot happen only when it finishes, and a story whose trust
stays in play to the last act has millions of states. This pass keeps one
*box* per scene instead: for every name still read from that scene on
(`Relevance.live`), the set of values it may hold there. Boxes only grow,
and a scene's choices run again whenever its box grows, until nothing
changes. Conditions and effects are the engine's own compiled closures, run
on every combination of the values they read (memoized), so this pass never
re-implements the expression language.

A box forgets how names go together (that trust is high *when* a flag is
set), so it may claim too much but never too little. Its negative findings
are therefore proofs:

- a scene, choice or ending it cannot reach is unreachable;
- a scene where every point of its box leaves some choice available is no dead end;
- when every loop spends time on a timer that always runs and ends the
  story when it runs out, and no scene is a dead end, every playthrough
  ends: no loop can trap the player.

Its positive findings are only candidates, which the explorer confirms with
real playthroughs (see `witness.py`).
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Iterable, Iterator
from functools import cached_property
from heapq import heappop, heappush

from iss.authoring.explore.box_data import TRUE
from iss.authoring.explore.boxes import (
    Box,
    BoxRunner,
    initial_box,
    joined,
    state_box,
)
from iss.authoring.explore.calls import EMPTY, call_tops
from iss.authoring.explore.latches import latches
from iss.authoring.explore.proof_result import Proof
from iss.authoring.explore.relevance import Relevance, post_order
from iss.authoring.explore.traps import components
from iss.engine.model import Choice, Condition, Story
from iss.engine.state import GameState


class _Prover:
    """The fixed point over scene boxes (see the module docstring)."""

    def __init__(self, story: Story, relevance: Relevance) -> None:
        self.story = story
        self.caps = {n: cuts[-1] for n, cuts in relevance.cuts.items() if n.startswith("visits.")}
        """A visit count only ever rises: past its top cut every value is the same."""
        self.run_on = BoxRunner(story, self.caps)
        self.live = relevance.live
        self.return_targets = relevance.return_targets
        self.tops = relevance.call_tops
        """Scene -> where a `go: return` there may resume (`EMPTY`: maybe nowhere)."""
        self.free: set[tuple[str, str]] = set()
        """(scene, next scene) joined by a fallback: the player makes no choice there."""
        self.boxes: dict[str, Box] = {}
        self.proof = Proof(boxes=self.boxes)
        self._entered = {sid: (f"visits.{sid}", f"seen.{sid}") for sid in story.scenes}
        """Scene -> the names entering it writes: its visit count, and `seen.`."""
        self.edges: dict[str, set[tuple[str, int]]] = {}
        """Scene -> (next scene, the minutes a choice and the scene it leads to take)."""
        order = post_order(story)
        self._rank = {sid: -i for i, sid in enumerate(order)}
        """Reverse post-order: a scene is run after the scenes that lead to it, mostly."""
        self._work: list[tuple[int, str]] = []
        self._queued: set[str] = set()
        self.first_reached = False
        """Visit the scene first reached first (`prove`), not in reverse post-order."""
        self._reached: dict[str, int] = {}

    # -- moving between scenes ----------------------------------------------------------

    def enter(
        self, scene_id: str, box: Box, allow_expiry: bool = True
    ) -> Iterator[tuple[str, Box]]:
        """Where entering `scene_id` with `box` may leave the player, as in `runner._enter`."""
        scene = self.story.scenes[scene_id]
        for part, expired in self.run_on.spend(box, scene.minutes):
            if expired is not None and allow_expiry and scene.ending is None:
                yield from self.enter(expired, part, allow_expiry=False)
                continue
            # A box of its own, written in place below: time passing gave a new one (never
            # `box`, which the caller may pass on again), or a copy.
            own = part is not box
            if scene.effects:
                part = self.run_on.apply_all(scene.effects, part, own)
            elif not own:
                part = dict(part)
            counter, seen = self._entered[scene_id]
            if counter in part:
                cap = self.caps.get(counter)
                if cap is None:
                    del part[counter]  # any count
                else:
                    part[counter] = frozenset({min(int(v) + 1, cap) for v in part[counter]})
            part[seen] = TRUE
            yield scene_id, part

    def take(self, choice: Choice, box: Box, scene_id: str) -> Iterator[tuple[str, Box]]:
        """Where taking `choice` of `scene_id` from `box` may lead, as in `runner.choose`."""
        if choice.once and box.get(f"taken.{choice.key}") == TRUE:
            return
        own = False
        if choice.when is not None:
            allowed, _ = self.run_on.split(choice.when, box)
            if allowed is None:
                return
            own = allowed is not box  # a narrowed box is a new one: written in place
            box = allowed
        if choice.key in self.story.tracked:
            box = box if own else dict(box)
            box[f"taken.{choice.key}"] = TRUE
            own = True
        if choice.effects:
            box = self.run_on.apply_all(choice.effects, box, own)
            own = True
        for part, expired in self.run_on.spend(box, choice.minutes, own):
            if expired is not None:
                yield from self.enter(expired, part, allow_expiry=False)
                continue
            if choice.call is not None:  # with `go: return`, a tail call: the same
                yield from self.enter(choice.call, part)
                continue
            if choice.returns:  # wherever a call into this scene may resume
                for target in sorted(self.resumes(scene_id)):
                    yield from self.enter(target, part)
                continue
            rest: Box | None = part
            for route in choice.routes:
                if rest is None:
                    break
                if route.when is None:
                    yield from self.enter(route.scene, rest)
                    break
                taken, rest = self.run_on.split(route.when, rest)
                if taken is not None:
                    yield from self.enter(route.scene, taken)

    def resumes(self, scene_id: str) -> frozenset[str]:
        """Where a `go: return` taken in `scene_id` may resume (`calls.call_tops`)."""
        tops = self.tops.get(scene_id)
        return self.return_targets if tops is None else tops - {EMPTY}

    def arrive(self, scene_id: str, box: Box) -> None:
        """Join `box` into the scene's, keeping only the names still read from there."""
        old = self.boxes.get(scene_id)
        if old is not None:  # its names are live ones: the join reads no other
            grown = joined(old, box)
            if grown is None:
                return
            box = grown
        else:
            live = self.live.get(scene_id, frozenset())
            box = {n: v for n, v in box.items() if n in live}
        self.boxes[scene_id] = box
        if scene_id not in self._queued:
            self._queued.add(scene_id)
            if self.first_reached:
                heappush(
                    self._work, (self._reached.setdefault(scene_id, len(self._reached)), scene_id)
                )
            else:
                heappush(self._work, (self._rank[scene_id], scene_id))

    # -- the fixed point ----------------------------------------------------------------

    def run(
        self,
        deadline: float,
        start: GameState | None = None,
        max_visits: int | None = None,
        stuck: bool = True,
        until: str | None = None,
    ) -> Proof:
        story, proof = self.story, self.proof
        stop_at = {s.id for s in story.scenes.values() if until and s.ending == until}
        if start is None:
            for scene_id, box in self.enter(story.start, initial_box(story)):
                self.arrive(scene_id, box)
        else:  # already in its scene, its effects applied
            self.tops = call_tops(story, start.scene, start.calls)
            self.arrive(start.scene, state_box(story, start))
        while self._work:
            if stop_at and not stop_at.isdisjoint(self.boxes):
                proof.complete = False  # `until` may be reached: all the caller asked
                break
            if proof.visits % 64 == 0 and time.perf_counter() > deadline:
                proof.complete = False
                break
            if max_visits is not None and proof.visits >= max_visits:
                proof.complete = False
                break
            _, scene_id = heappop(self._work)
            self._queued.discard(scene_id)
            scene = story.scenes[scene_id]
            box = self.boxes[scene_id]
            proof.visits += 1
            for choice in scene.choices:
                for target, after in self.take(choice, box, scene_id):
                    proof.choices.add((scene_id, choice.id))
                    proof.targets.setdefault((scene_id, choice.id), set()).add(target)
                    minutes = choice.minutes + story.scenes[target].minutes
                    self.edges.setdefault(scene_id, set()).add((target, minutes))
                    if choice.fallback:
                        self.free.add((scene_id, target))
                    self.arrive(target, after)
        proof.scenes = set(self.boxes)
        proof.endings = {story.scenes[s].ending or "" for s in self.boxes} - {""}
        if not proof.complete or start is not None:
            return proof  # from a state: only what may be reached, the rest is unreachable
        if stuck:
            proof.dead_ends = {s for s in self.boxes if self.may_be_stuck(s)}
            proof.untimed_loops = self.untimed_loops()
        proof.distance = self.distances()
        return proof

    @cached_property
    def _closing(self) -> dict[str, Condition | None]:
        """Timer -> its `while:` (None: always running), for each timer that ends the story
        when it runs out and, once running, never stops (`latches`). Worked out when a
        loop is first looked at: passes with `stuck=False` (the ending screen's) never are."""
        story = self.story
        return {
            t.id: t.running
            for t in story.timers.values()
            if (t.running is None or latches(story, t.running))
            and t.expires is not None
            and t.expires in story.scenes
            and story.scenes[t.expires].ending is not None
        }

    def closes(self, scene_id: str) -> bool:
        """True when time spent leaving `scene_id` surely runs a closing timer down.

        A closing timer ends the story when it runs out and, once running, never stops;
        it must be running in every state of the box (its `while:` surely holds), and must
        not be at 0 already (a timer another one beat to expiry stays at 0)."""
        return self.closes_box(self.boxes[scene_id])

    def closes_box(self, box: Box) -> bool:
        """`closes` on any box (a scene's, or a part's in the split pass)."""
        return any(
            0 not in box.get(f"clock.{timer}", frozenset({0}))
            and (running is None or self.run_on.split(running, box)[1] is None)
            for timer, running in self._closing.items()
        )

    def may_be_stuck(self, scene_id: str) -> bool:
        """True when some state of the box leaves no choice of the scene available."""
        scene = self.story.scenes[scene_id]
        return scene.ending is None and self.uncovered(scene_id, scene.choices)

    def uncovered(self, scene_id: str, choices: Iterable[Choice], box: Box | None = None) -> bool:
        """True when some state of the scene's box (or `box`, one of the scene's) leaves
        none of `choices` available."""
        conditions: list[Condition] = []
        may_be_empty = EMPTY in self.tops.get(scene_id, {EMPTY})
        for choice in choices:
            if choice.once or (choice.returns and may_be_empty):
                continue  # may be used up, or have nothing to return to: it covers nothing
            if choice.when is None:
                return False
            conditions.append(choice.when)
        if not conditions:
            return True
        return self.run_on.none_may_hold(conditions, self.boxes[scene_id] if box is None else box)

    def escapable(self) -> set[str]:
        """Scenes from which, in every state of their box, some ending can still be reached.

        Grown from the endings: a scene joins once, in every state of its box,
        some available choice leads only to scenes already in."""
        scenes = self.story.scenes
        out = {s for s in self.boxes if scenes[s].ending is not None}
        # (scene, the choices leaving) -> `uncovered`: the boxes stay as they are here.
        open_by: dict[tuple[str, tuple[str, ...]], bool] = {}
        grew = True
        while grew:
            grew = False
            for sid in sorted(self.boxes.keys() - out):
                leaving = [  # a fallback is no way out while another choice is open
                    c
                    for c in scenes[sid].choices
                    if not c.fallback
                    and self.proof.targets.get((sid, c.id))
                    and self.proof.targets[(sid, c.id)] <= out
                ]
                if not leaving:
                    continue
                key = (sid, tuple(c.id for c in leaving))
                uncovered = open_by.get(key)
                if uncovered is None:
                    uncovered = open_by[key] = self.uncovered(sid, leaving)
                if not uncovered:
                    out.add(sid)
                    grew = True
        return out

    def untimed_loops(self) -> list[tuple[str, ...]]:
        """Loops that can go round forever without a closing timer running down.

        A fallback counts as untimed whatever it costs: the engine follows at most
        `MAX_FALLBACKS` in a row and then rests, choiceless, before a timer runs out."""
        ids = sorted(self.boxes)
        number = {sid: i for i, sid in enumerate(ids)}
        free = [
            [
                number[t]
                for t, minutes in sorted(self.edges.get(sid, ()))
                if minutes <= 0 or not self.closes(sid) or (sid, t) in self.free
            ]
            for sid in ids
        ]
        loops = []
        escapable: set[str] | None = None
        for members in components(free, set(range(len(ids)))):
            if len(members) > 1 or members[0] in free[members[0]]:
                if escapable is None:
                    escapable = self.escapable()
                loop = tuple(sorted(ids[m] for m in members))
                if not escapable.issuperset(loop):
                    loops.append(loop)
        return sorted(loops)

    def distances(self) -> dict[str, int]:
        """Breadth-first over the scenes the pass connected: a lower bound on choices needed.
        A fallback is no choice of the player's: its edge costs nothing (0-1 breadth-first)."""
        start = [s for s, _ in self.enter(self.story.start, initial_box(self.story))]
        distance = dict.fromkeys(start, 0)
        queue = deque(start)
        while queue:
            sid = queue.popleft()
            for target, _ in sorted(self.edges.get(sid, ())):
                free = (sid, target) in self.free
                cost = distance[sid] + (0 if free else 1)
                if cost < distance.get(target, cost + 1):
                    distance[target] = cost
                    if free:
                        queue.appendleft(target)
                    else:
                        queue.append(target)
        return distance


def prove(
    story: Story,
    relevance: Relevance | None = None,
    deadline: float = float("inf"),
    start: GameState | None = None,
    max_visits: int | None = None,
    settle: bool = True,
    stuck: bool = True,
    first_reached: bool = False,
    until: str | None = None,
) -> Proof:
    """Run the pass (see the module docstring), giving up at `deadline` (`time.perf_counter`)
    or after `max_visits` scene visits (a count, the same on every machine).

    Dead ends and loops it leaves open are then settled, where it can be, by a split
    pass (`split_stuck`); `settle=False` skips that. `stuck=False` looks for no dead end
    or loop at all, and leaves both empty: for callers that read neither (the claims).
    `first_reached` visits the scene first reached first instead of in reverse post-order:
    the same boxes, edges and distances, in fewer visits on the bundled story (844 -> 472
    for the claims' pass), but `iss explore` prints its own pass's visits, so keeps them.
    `until` stops the pass as soon as it reaches that ending: the proof is then not
    complete, but that ending is among its `endings` (it may be reached).

    From a `start` state (one of a playthrough), the pass finds only what may be
    reached from there (scenes, choices, endings); it leaves out dead ends,
    loops and distances, which are about the whole story."""
    started = time.perf_counter()
    relevance = relevance or Relevance(story)
    prover = _Prover(story, relevance)
    prover.first_reached = first_reached
    proof = prover.run(deadline, start, max_visits, stuck, until)
    if settle and start is None and (proof.dead_ends or proof.untimed_loops):
        # Imported here: the split pass is built on this module's `_Prover`.
        from iss.authoring.explore.split_stuck import settle_stuck

        settle_stuck(story, relevance, proof, deadline, max_visits)
    proof.seconds = time.perf_counter() - started
    return proof


__all__ = ["prove"]
