"""Witnesses: real playthroughs that reach what the proof pass says may be reachable.

    walks = find_witnesses(story, proof, scenes={"christian_holds_out"},
                           choices={("christian_holds_out", "remind_him_kids")},
                           deadline=time.perf_counter() + 1)

The proof pass (`proof.py`) can say that a scene or choice *may* be
reached; only a playthrough shows that it *is*. Each walk here heads for
one goal at a time: from the start it picks, at random (seeded, so the
result is reproducible), among the available choices that the proof says
can still lead to the goal's scene, and stops when it gets there or when no
such choice is left. Every walk runs through the real engine: its step
compiled for walks (`iss.engine.walk`), which takes the steps `choose()`
takes to the states it gives, without building a `GameState` and events per
step (`tests/authoring/test_explore_witness.py` holds the walks to ones that
call `choose()`).
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterable

from iss.authoring.explore.closure import closure
from iss.authoring.explore.proof_result import Proof
from iss.engine.model import Story
from iss.engine.runner import choose, fallbacks_followed, new_game
from iss.engine.walk import Option, Walk, Walker

MAX_STEPS = 500
"""A walk that takes more choices than this gives up."""

Goal = tuple[str, str]
"""(scene id, choice id), or (scene id, "") to reach the scene itself."""
Way = tuple[list[Option], bool]
"""A scene's options that may lead to the goal, and True when each is always available
(then the walk offers the list as it is: never changed)."""


def find_witnesses(
    story: Story,
    proof: Proof,
    scenes: Iterable[str],
    choices: Iterable[tuple[str, str]],
    deadline: float,
    seed: int = 0,
    max_steps: int | None = None,
    walker: Walker | None = None,
) -> list[tuple[str, ...]]:
    """Choice-id paths from the start that reach the goals; stops when all are met, at
    `deadline`, or once the walks have taken `max_steps` engine steps (each walk counts
    one at least), a count that is the same on every machine. `walker`: the story's,
    if the caller has one already."""
    goals: dict[Goal, None] = dict.fromkeys(sorted((s, "") for s in scenes))
    goals.update(dict.fromkeys(sorted(choices)))
    leads_to = leads_to_map(proof)
    toward: dict[str, dict[str, Way]] = {}
    walker = walker or Walker(story)
    start = walker.start()
    rng = random.Random(seed)
    found: list[tuple[str, ...]] = []
    steps = 0
    limit = float("inf") if max_steps is None else max_steps
    while goals and time.perf_counter() < deadline and steps < limit:
        for goal in list(goals):
            if goal not in goals:
                continue  # met by an earlier walk this round
            if time.perf_counter() >= deadline or steps >= limit:
                break
            ways = toward.get(goal[0])
            if ways is None:
                ways = toward[goal[0]] = _toward(walker, proof, cone_of(leads_to, goal[0]))
            path, taken = _walk(walker, start, goal, ways, rng)
            steps += max(taken, 1)
            if path is not None:
                found.append(path)
                for met in _met(story, path):
                    goals.pop(met, None)
    return found


def _toward(walker: Walker, proof: Proof, cone: set[str]) -> dict[str, Way]:
    """Scene -> the options of its choices that the proof says may lead into `cone`
    (a fallback is never one: no player takes it), and whether each of them is always
    available."""
    out: dict[str, Way] = {}
    for sid in cone:
        offers, _ = walker.offers[sid]
        options = [o for o in offers if proof.targets.get(o.pair, set()) & cone]
        out[sid] = (options, all(o.test is None for o in options))
    return out


def _walk(
    walker: Walker,
    start: Walk,
    goal: Goal,
    ways: dict[str, Way],
    rng: random.Random,
) -> tuple[tuple[str, ...] | None, int]:
    """One walk from `start` (not changed) towards `goal`, taking only choices in
    `ways`; with the engine steps it took."""
    scene_id, choice_id = goal
    walk = start.fork()
    walk.history = list(start.history)
    getrandbits = rng.getrandbits
    for taken in range(MAX_STEPS):
        scene = walk.scene
        if walk.ending is not None and scene != scene_id:
            return None, taken
        if scene == scene_id:
            if not choice_id:
                return tuple(walk.history), taken
            return _take(walker, walk, choice_id), taken + 1
        way = ways.get(scene)
        if way is None:
            return None, taken
        options, always = way
        if not always:
            options = [o for o in options if o.test is None or o.test(walk)]
        count = len(options)
        if not count:
            return None, taken
        # `pick_below(count, getrandbits)` written out (rng.choice's draws): a call a step
        bits = count.bit_length()
        drawn = getrandbits(bits)
        while drawn >= count:
            drawn = getrandbits(bits)
        options[drawn].take(walk)
        if walk.followed:  # scenes passed through by their fallback: no state stops there
            if any(s == scene_id and choice_id in ("", c) for s, c in walk.followed):
                return tuple(walk.history), taken + 1
            walk.followed.clear()
    return None, MAX_STEPS


def _take(walker: Walker, walk: Walk, choice_id: str) -> tuple[str, ...] | None:
    """The history after taking `choice_id` here, or None when the player cannot."""
    offers, _ = walker.offers[walk.scene]
    for option in offers:
        if option.choice.id == choice_id:
            if option.test is not None and not option.test(walk):
                return None
            option.take(walk)
            return tuple(walk.history)
    return None  # a fallback: never the player's


def _met(story: Story, path: tuple[str, ...]) -> list[Goal]:
    """Every scene and choice a path passes through."""
    state = new_game(story).state
    met: list[Goal] = [(state.scene, "")]
    for choice_id in path:
        met.append((state.scene, choice_id))
        step = choose(story, state, choice_id)
        for scene_id, fallback in fallbacks_followed(story, step.events):
            met += [(scene_id, ""), (scene_id, fallback)]
        state = step.state
        met.append((state.scene, ""))
    return met


def leads_to_map(proof: Proof) -> dict[str, set[str]]:
    """Scene -> the scenes that may lead straight to it."""
    back: dict[str, set[str]] = {}
    for (scene_id, _), targets in proof.targets.items():
        for target in targets:
            back.setdefault(target, set()).add(scene_id)
    return back


def cone_of(leads_to: dict[str, set[str]], goal: str) -> set[str]:
    """The goal and every scene from which the proof says it may be reached."""
    return closure({goal}, leads_to)
