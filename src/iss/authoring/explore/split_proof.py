"""The proof pass, split by the values of a few names: it remembers how they go with the rest.

    split = prove_split(story, relevance, ("status.alexey",), deadline)
    split.settles(claim, run_on)    # "holds" / "impossible" when every part proves it, else None
    split.leads_on(state, cone)     # may a real state still reach a part in `cone`?

The proof pass (`proof.py`) keeps one box per scene, so it forgets how names
go together: that Alexey can be dead only where the text naming him is
hidden, say. A claim such as "Alexey is alive wherever the text naming him
shows" then cannot be proved, though no playthrough breaks it. This pass
keeps one box per scene *and* combination of values of the split names,
runs the same steps on them (`_Prover.enter` and `_Prover.take`) and joins
boxes only within a part. Every box still holds every state of its part, so
the parts of a scene together hold every state the scene can be entered in:
a condition that holds in every part holds in every reachable state.

It also keeps which parts lead to which, so a walk looking for a route that
breaks a claim can drop every choice whose next state lies only in parts
from which no breaking part can be reached (`cone`, `leads_on`).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from heapq import heappop, heappush
from itertools import product

from iss.authoring.explore.box_data import FALSE, TRUE
from iss.authoring.explore.boxes import (
    Box,
    BoxRunner,
    initial_box,
    joined,
)
from iss.authoring.explore.closure import closure, inverted
from iss.authoring.explore.memo import Values
from iss.authoring.explore.proof import _Prover
from iss.authoring.explore.relevance import Relevance, reader
from iss.engine.model import Condition, Story, Value
from iss.engine.state import GameState, StateView

Part = tuple[str, tuple[tuple[str, Value], ...]]
"""A scene and the value of each split name there."""

_NONE: frozenset[str] = frozenset()

MAX_PARTS = 256
"""A box whose split names give more combinations than this is kept whole."""


class SplitProof:
    """The boxes of every part, and which parts lead to which."""

    def __init__(self, run_on: BoxRunner) -> None:
        self.run_on = run_on
        self.boxes: dict[Part, Box] = {}
        self.of_scene: dict[str, list[Part]] = {}
        self.edges: dict[Part, set[Part]] = {}
        self._tests: dict[Part, list[tuple[Callable[[StateView], Value], int | None, Values]]] = {}

    def breaking(
        self, kind_always: bool, condition: Condition, scenes: frozenset[str], run_on: BoxRunner
    ) -> set[Part]:
        """The parts of `scenes` where the condition may fail (`always`) or hold (`possible`)."""
        out = set()
        for sid in scenes:
            for part in self.of_scene.get(sid, ()):
                holds, fails = run_on.split(condition, self.boxes[part])
                if (fails if kind_always else holds) is not None:
                    out.add(part)
        return out

    def cone(self, goal: set[Part]) -> set[Part]:
        """Every part from which some part of `goal` may be reached."""
        return closure(goal, inverted(self.edges))

    def ahead(self, start: set[Part]) -> set[Part]:
        """Every part some part of `start` may lead to, `start` included."""
        return closure(start, self.edges)

    def leads_on(self, state: GameState, cone: set[Part]) -> bool:
        """True when `state`, just entered in its scene, fits some part in `cone`."""
        return any(
            self.fits(state, part) for part in self.of_scene.get(state.scene, ()) if part in cone
        )

    def fits(self, state: GameState, part: Part) -> bool:
        """True when `state` lies in the part's box (a name it cannot read may fit)."""
        tests = self._tests.get(part)
        if tests is None:
            tests = self._tests[part] = self._narrowing(self.boxes[part])
        for read, cap, values in tests:
            try:
                value = read(state)
            except (KeyError, TypeError):
                continue
            if cap is not None:
                value = min(int(value), cap)
            if value not in values:
                return False
        return True

    def _narrowing(self, box: Box) -> list[tuple[Callable[[StateView], Value], int | None, Values]]:
        """The names whose values in `box` are not every value they can hold."""
        out = []
        for name, values in sorted(box.items()):
            every = self.run_on.points({}, (name,))  # None: no list of its values
            if every is not None and values >= every[0]:
                continue
            out.append((reader(name), self.run_on.caps.get(name), values))
        return out


class _SplitProver(_Prover):
    def __init__(
        self,
        story: Story,
        relevance: Relevance,
        split: tuple[str, ...],
        memo: BoxRunner | None = None,
    ) -> None:
        super().__init__(story, relevance)
        if memo is not None:  # what a condition or effect gives on a point never changes
            self.run_on.share_memo(memo)
        self.split = split
        self.result = SplitProof(self.run_on)
        self.number: dict[Part, int] = {}
        """Part -> its number, in the order the pass first reached the parts."""
        self.queue: list[tuple[tuple[int, ...], Part]] = []
        """The parts waiting, by `place`."""
        self.waiting: set[Part] = set()
        self.arrived: set[Part] = set()
        self.split_live: dict[str, tuple[str, ...]] = {}
        """Scene -> the split names still read there, in order."""

    def arrive(self, scene_id: str, box: Box) -> None:
        """Join `box` into its parts, keeping only the names still read from there."""
        live = self.live.get(scene_id, _NONE)
        split = self.split_live.get(scene_id)
        if split is None:
            split = self.split_live[scene_id] = tuple(n for n in self.split if n in live)
        names = [n for n in split if n in box]
        sets = [box[n] for n in names]
        key: list[tuple[str, Value]] = []
        for name, values in zip(names, sets, strict=True):
            if len(values) != 1:
                break
            (value,) = values
            key.append((name, value))
        else:  # one part, and `box` is it already
            self.join((scene_id, tuple(key)), box, live)
            return
        combos = list(product(*(sorted(values, key=repr) for values in sets)))
        if len(combos) > MAX_PARTS:
            names, combos = [], [()]
        for combo in combos:
            part = dict(box)  # one copy, each split name narrowed to its value
            for name, value in zip(names, combo, strict=True):
                part[name] = (
                    TRUE if value is True else FALSE if value is False else frozenset((value,))
                )
            self.join((scene_id, tuple(zip(names, combo, strict=True))), part, live)

    def join(self, key: Part, box: Box, live: frozenset[str]) -> None:
        self.arrived.add(key)
        boxes = self.result.boxes
        old = boxes.get(key)
        if old is not None:  # its names are live ones: the join reads no other
            grown = joined(old, box)
            if grown is None:
                return
            box = grown
        else:
            box = {n: v for n, v in box.items() if n in live}
            self.result.of_scene.setdefault(key[0], []).append(key)
        boxes[key] = box
        if key not in self.waiting:
            self.waiting.add(key)
            heappush(self.queue, (self.place(key), key))

    def place(self, key: Part) -> tuple[int, ...]:
        """Where a waiting part goes in the queue: the part first reached goes first.

        The passes end in fewer visits so than in the proof pass's order (its scenes'
        reverse post-order, which a hub's parts keep going back to): on the bundled story
        2,596 -> 1,465 for the properties' three passes, 1,561 -> 676 for `settle_stuck`'s.
        The boxes they end with are the least fixed point in any order; so are the parts,
        edges and moves, unless an arrival is kept whole for more than `MAX_PARTS` parts or
        has lost a split name that an earlier one held (`test_explore_order` compares the
        two orders)."""
        return (self.number.setdefault(key, len(self.number)),)

    def run_parts(self, deadline: float, max_visits: int | None = None) -> SplitProof | None:
        story, result = self.story, self.result
        for scene_id, box in self.enter(story.start, initial_box(story)):
            self.arrive(scene_id, box)
        visits = 0
        while self.queue:
            visits += 1
            if visits % 64 == 0 and time.perf_counter() > deadline:
                return None
            if max_visits is not None and visits > max_visits:
                return None
            _, key = heappop(self.queue)
            self.waiting.discard(key)
            box = result.boxes[key]
            edges = result.edges.setdefault(key, set())
            for choice in story.scenes[key[0]].choices:
                for target, after in self.take(choice, box, key[0]):
                    self.arrived = set()
                    self.arrive(target, after)
                    edges |= self.arrived
        return result


def prove_split(
    story: Story,
    relevance: Relevance,
    split: tuple[str, ...],
    deadline: float = float("inf"),
    memo: BoxRunner | None = None,
    max_visits: int | None = None,
) -> SplitProof | None:
    """The split pass (see the module docstring); None when it did not finish by `deadline`
    or within `max_visits` visits. Passes given the same `memo` runner share what
    conditions and effects gave."""
    return _SplitProver(story, relevance, split, memo).run_parts(deadline, max_visits)
