"""The witness walks step `Walk`s (`iss.engine.walk`): they must find what walks that
call `choose()` on `GameState`s find, path for path.

The specification is written here, as the walks were before: `chosen_witnesses`
draws among the choices `can_take` allows with the same seeded RNG and takes the
one drawn with `choose()`. The tests compare every path found, for every goal
the proof pass leaves, several seeds and step budgets, on the bundled story,
the fixtures and generated stories."""

from __future__ import annotations

import random
from collections.abc import Iterable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from iss.authoring.explore import prove
from iss.authoring.explore.proof_result import Proof  # room internals, tested deliberately
from iss.authoring.explore.witness import (  # room internals, tested deliberately
    MAX_STEPS,
    Goal,
    _met,
    cone_of,
    find_witnesses,
    leads_to_map,
)
from iss.engine.model import Choice, Story
from iss.engine.runner import can_take, choose, fallbacks_followed, new_game
from iss.engine.state import GameState
from iss.engine.walk import Walker
from iss.paths import bundled_story_dir
from tests.authoring.fuzz_story import Extras, Spec, extras_st, load_written, story_st
from tests.authoring.test_explore import STATION
from tests.conftest import ROOT, TINY, load_ok

STALL = ROOT / "tests" / "authoring" / "fixtures" / "stall"
PASSING = ROOT / "tests" / "fixtures" / "passing"


def chosen_witnesses(
    story: Story,
    proof: Proof,
    scenes: Iterable[str],
    choices: Iterable[tuple[str, str]],
    seed: int,
    max_steps: int,
) -> list[tuple[str, ...]]:
    """`find_witnesses` as it was: `can_take` and `choose()` on `GameState`s."""
    goals: dict[Goal, None] = dict.fromkeys(sorted((s, "") for s in scenes))
    goals.update(dict.fromkeys(sorted(choices)))
    leads_to = leads_to_map(proof)
    toward: dict[str, dict[str, list[Choice]]] = {}
    start = new_game(story).state
    rng = random.Random(seed)
    found: list[tuple[str, ...]] = []
    steps = 0
    while goals and steps < max_steps:
        for goal in list(goals):
            if goal not in goals:
                continue
            if steps >= max_steps:
                break
            ways = toward.get(goal[0])
            if ways is None:
                cone = cone_of(leads_to, goal[0])
                ways = toward[goal[0]] = {
                    sid: [
                        c
                        for c in story.scenes[sid].choices
                        if proof.targets.get((sid, c.id), set()) & cone
                    ]
                    for sid in cone
                }
            path, taken = _chosen_walk(story, start, goal, ways, rng)
            steps += max(taken, 1)
            if path is not None:
                found.append(path)
                for met in _met(story, path):
                    goals.pop(met, None)
    return found


def _chosen_walk(
    story: Story,
    start: GameState,
    goal: Goal,
    ways: dict[str, list[Choice]],
    rng: random.Random,
) -> tuple[tuple[str, ...] | None, int]:
    scene_id, choice_id = goal
    state = start
    for taken in range(MAX_STEPS):
        if state.ending is not None and state.scene != scene_id:
            return None, taken
        if state.scene == scene_id:
            if not choice_id:
                return state.history, taken
            choice = story.scenes[state.scene].choice_index[choice_id]
            if not can_take(choice, state):
                return None, taken + 1
            return choose(story, state, choice_id).state.history, taken + 1
        options = [c.id for c in ways.get(state.scene, ()) if can_take(c, state)]
        if not options:
            return None, taken
        step = choose(story, state, rng.choice(options))
        state = step.state
        passed = fallbacks_followed(story, step.events)  # a scene no state stops in
        if any(s == scene_id and choice_id in ("", c) for s, c in passed):
            return state.history, taken + 1
    return None, MAX_STEPS


def assert_same_witnesses(story: Story, seeds: int = 3, max_steps: int = 3_000) -> int:
    """Every goal the proof pass allows (scenes and choices), aimed at from the start,
    `seeds` seeds, both ways. Returns the number of paths compared."""
    proof = prove(story)
    walker = Walker(story)
    compared = 0
    for seed in range(seeds):
        for steps in (1, 50, max_steps):
            args = (story, proof, sorted(proof.scenes), sorted(proof.choices))
            walked = find_witnesses(*args, float("inf"), seed, steps, walker)
            chosen = chosen_witnesses(*args, seed, steps)
            assert walked == chosen, (seed, steps)
            compared += len(walked)
    return compared


def test_the_walks_find_what_choose_finds_on_the_bundled_story() -> None:
    assert assert_same_witnesses(load_ok(bundled_story_dir())) > 0


@pytest.mark.parametrize("folder", [TINY, STATION, STALL], ids=["tiny", "station", "stall"])
def test_the_walks_find_what_choose_finds_on_the_fixtures(folder: Path) -> None:
    assert assert_same_witnesses(load_ok(folder), seeds=5) > 0


def test_a_walk_leaves_the_start_as_it_was() -> None:
    """Each walk starts from one start state: stepping a walk must not change it."""
    story = load_ok(STATION)
    proof = prove(story)
    walker = Walker(story)
    goals = sorted(proof.choices)
    first = find_witnesses(story, proof, [], goals, float("inf"), 0, 2_000, walker)
    again = find_witnesses(story, proof, [], goals, float("inf"), 0, 2_000, walker)
    assert first == again == chosen_witnesses(story, proof, [], goals, 0, 2_000)


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(spec=story_st, extras=extras_st)
def test_the_walks_find_what_choose_finds_on_generated_stories(
    spec: Spec, extras: Extras, tmp_path: Path
) -> None:
    """Timers that expire, `while:` timers, routes, calls and returns, once-only choices,
    fallbacks, counted visits and taken choices: every walk, path for path."""
    story = load_written(tmp_path, spec, extras)
    assert_same_witnesses(story, seeds=2, max_steps=500)


def test_a_walk_reaches_a_scene_it_passes_through() -> None:
    """No state stops in `undock` (its fallback is all it has): a walk aimed at it still
    reaches it, when a step passes through it, and so does its fallback."""
    story = load_ok(PASSING)
    proof = prove(story)
    assert "undock" in proof.scenes
    assert find_witnesses(story, proof, ["undock"], [], float("inf"), 0, 100) == [("undock",)]
    assert find_witnesses(story, proof, [], [("undock", "fallback")], float("inf"), 0, 100) == [
        ("undock",)
    ]


def test_each_walk_calls_its_own_pass_callback() -> None:
    """`on_pass` belongs to the walk (and its forks), not the walker: two walks of one
    walker, stepped through `undock` in turn, each report only to their own reader."""
    story = load_ok(PASSING)
    walker = Walker(story)
    seen: dict[str, list[str]] = {"a": [], "b": []}
    first = walker.start(on_pass=lambda walk: seen["a"].append(walk.scene))
    second = walker.start(on_pass=lambda walk: seen["b"].append(walk.scene))
    fork = first.fork()
    undock = next(o for o in walker.options(first) if o.choice.id == "undock")
    walker.choose(second, undock)
    assert seen == {"a": [], "b": ["undock"]}
    walker.choose(fork, undock)
    assert seen == {"a": ["undock"], "b": ["undock"]} and fork.ending == "home"
    assert walker.start().on_pass is None
