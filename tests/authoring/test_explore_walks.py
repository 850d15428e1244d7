"""The explorer's search steps `Walk`s (`iss.engine.walk`) and reads compiled state keys
(`explore.keys`): it must find what a search that calls `choose()` on `GameState`s
and reads each name through its own closure finds, state for state.

The specification is written here, as the search was before: `ChooseSearch.run`
takes every available choice with `choose()`, and `closure_key` builds a key
from one reader per name. The tests compare the whole search (tree, edges,
endings, dead ends, choices taken, why it stopped), quick and exact, on the
bundled story, the fixtures and generated stories, and that every key the
searches compute merges the states the closures' keys merge, and no others."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from iss.authoring.explore import Budget
from iss.authoring.explore.breadth import (  # room internals, tested deliberately
    MAX_CALL_DEPTH,
    Search,
)
from iss.authoring.explore.relevance import (  # room internals, tested deliberately
    Relevance,
    reader,
)
from iss.authoring.loader import load_story
from iss.engine.model import Story
from iss.engine.runner import can_take, choose, fallbacks_followed, new_game
from iss.engine.state import GameState
from iss.engine.walk import Walker
from iss.paths import bundled_story_dir
from tests.authoring.fuzz_story import Extras, Spec, extras_st, load_written, story_st
from tests.authoring.test_explore import STATION
from tests.conftest import TINY, load_ok

Read = Callable[[Any], Any]


def closure_key(relevance: Relevance, scene: str, coarse: bool) -> Callable[[Any], tuple[Any, ...]]:
    """A scene's key as `Relevance` built it before `keys.py`: a closure per name."""
    readers: list[Read] = []
    bounds = relevance.bounds.get(scene, {})
    for name in sorted(relevance.live[scene]):
        read: Read = reader(name)
        if coarse and name.startswith("clock."):
            timer = relevance.story.timers.get(name.partition(".")[2])
            step = max(1, (timer.start if timer else 60) // 8)
            read = _scaled(read, step)
        elif coarse and name in relevance.cuts:
            read = _bucketed(read, relevance.cuts[name])
        elif not coarse and name in bounds:
            read = _clamped(read, *bounds[name])
        readers.append(read)
    return lambda state: tuple(read(state) for read in readers)


def _scaled(read: Read, step: int) -> Read:
    return lambda s: -(-int(read(s)) // step)


def _bucketed(read: Read, cuts: tuple[int, ...]) -> Read:
    return lambda s: bisect_right(cuts, read(s))


def _clamped(read: Read, low: float, high: float) -> Read:
    if low == -float("inf"):
        return lambda s: min(read(s), high)
    if high == float("inf"):
        return lambda s: max(read(s), low)
    return lambda s: min(max(read(s), low), high)


class ChooseSearch(Search):
    """The search as it ran before walks: `choose()` on frozen states. Every key it
    computes is checked against `closure_key`'s (see `add`): the two must merge
    the same states."""

    keys_checked = 0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.compiled_for: dict[tuple[Any, ...], tuple[Any, ...]] = {}
        self.closure_for: dict[tuple[Any, ...], tuple[Any, ...]] = {}

    def add(self, state: Any, parent: int, via: str) -> int:
        relevance = self.relevance
        for coarse in (False, True) if self.per_coarse_key else (False,):
            compiled = (
                relevance.coarse_key_function(state.scene)
                if coarse
                else relevance.key_function(state.scene)
            )
            expected = (state.scene, coarse, closure_key(relevance, state.scene, coarse)(state))
            key = (state.scene, coarse, compiled(state))
            # The keys need not be the same tuples, only merge the same states: each
            # compiled key stands for one closure key, and each closure key for one.
            assert self.compiled_for.setdefault(expected, key) == key, (state.scene, coarse)
            assert self.closure_for.setdefault(key, expected) == expected, (state.scene, coarse)
            self.keys_checked += 1
        return super().add(state, parent, via)

    def run(self) -> tuple[bool, str]:
        story, budget = self.story, self.budget
        if not self.edges:
            start = new_game(story)
            self.choices_taken.update(fallbacks_followed(story, start.events))
            self.add(start.state, -1, "")
        while self.queue:
            if len(self.edges) >= budget.max_states:
                return False, f"stopped at the state limit ({budget.max_states})"
            number, state = self.queue.popleft()
            assert isinstance(state, GameState)
            scene = story.scenes[state.scene]
            out = self.edges[number]
            stuck = True
            for choice in scene.choices:
                if not can_take(choice, state):
                    continue
                stuck = False
                self.choices_taken.add((scene.id, choice.id))
                step = choose(story, state, choice.id)
                self.choices_taken.update(fallbacks_followed(story, step.events))
                if len(step.state.calls) > MAX_CALL_DEPTH:
                    self.too_deep = True
                    continue
                target = self.add(step.state, number, choice.id)
                if target >= 0:
                    out.append(target)
            if stuck:
                self.dead.setdefault(scene.id, number)
        if self.too_deep:
            return False, f"left out states more than {MAX_CALL_DEPTH} `call:`s deep"
        return True, ""


def assert_same_search(story: Story, max_states: int = 60_000) -> int:
    """Run the quick and the exact search both ways; returns the keys compared."""
    relevance = Relevance(story)
    walker = Walker(story)
    budget = Budget(max_states=max_states, time_limit=1e9)
    checked = 0
    for per_key in (128, 0):  # the quick search, then the exact one
        walked = Search(story, budget, float("inf"), relevance, per_key, walker)
        chosen = ChooseSearch(story, budget, float("inf"), relevance, per_key)
        assert walked.run() == chosen.run()
        assert walked.tree == chosen.tree
        assert walked.edges == chosen.edges
        assert walked.ending_at == chosen.ending_at
        assert walked.dead == chosen.dead
        assert walked.choices_taken == chosen.choices_taken
        assert walked.too_deep == chosen.too_deep
        assert walked.best == chosen.best
        assert [n for n, _ in walked.queue] == [n for n, _ in chosen.queue]
        for (_, walk), (_, state) in zip(walked.queue, chosen.queue, strict=True):
            frozen: Any = state  # the reference search queues `GameState`s
            assert {**walk.freeze().to_json(), "history": []} == {**frozen.to_json(), "history": []}
        checked += chosen.keys_checked
    return checked


def test_the_search_finds_what_choose_finds_on_the_bundled_story() -> None:
    story = load_story(bundled_story_dir()).story
    assert story is not None
    assert assert_same_search(story) > 10_000


def test_a_search_cut_short_leaves_the_same_queue() -> None:
    story = load_story(bundled_story_dir()).story
    assert story is not None
    assert assert_same_search(story, max_states=700) > 700


@pytest.mark.parametrize("folder", [TINY, STATION], ids=["tiny", "station"])
def test_the_search_finds_what_choose_finds_on_the_fixtures(folder: Path) -> None:
    assert assert_same_search(load_ok(folder)) > 0


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(spec=story_st, extras=extras_st)
def test_the_search_finds_what_choose_finds_on_generated_stories(
    spec: Spec, extras: Extras, tmp_path: Path
) -> None:
    """Timers that expire, `while:` timers, routes, calls and returns, once-only choices,
    fallbacks, counted visits and taken choices: every step the search takes."""
    story = load_written(tmp_path, spec, extras)
    assert_same_search(story, max_states=3_000)
