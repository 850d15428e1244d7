"""Trail and Seen: the history and visited set that grow in constant time, as tuple and frozenset."""

from __future__ import annotations

import dataclasses
import json
import random
import threading

from hypothesis import given
from hypothesis import strategies as st

from iss.authoring.loader import load_story
from iss.engine.growing import Seen, Trail, extended, with_member
from iss.engine.runner import choices, choose, fallbacks_followed, new_game, scene_text
from iss.paths import bundled_story_dir

# Each step extends one of the states made so far (by its number) with a name.
steps_st = st.lists(st.tuples(st.integers(0, 1000), st.sampled_from("abcdefgh")), max_size=60)


@given(steps_st)
def test_a_trail_is_the_tuple_it_stands_for(steps: list[tuple[int, str]]) -> None:
    trails: list[tuple[str, ...]] = [()]
    tuples: list[tuple[str, ...]] = [()]
    for which, item in steps:
        at = which % len(trails)
        trails.append(extended(trails[at], item))
        tuples.append((*tuples[at], item))
    for trail, plain in zip(trails, tuples, strict=True):
        assert trail == plain and plain == trail
        assert (trail != plain) is False
        assert hash(trail) == hash(plain)
        assert len(trail) == len(plain) and list(trail) == list(plain)
        assert trail[:-1] == plain[:-1] and trail[1:3] == plain[1:3]
        if plain:
            assert trail[-1] == plain[-1] and trail[0] == plain[0]
        assert repr(trail) == repr(plain)
    for a, pa in zip(trails, tuples, strict=True):
        for b, pb in zip(trails[:10], tuples[:10], strict=True):
            assert (a == b) == (pa == pb)


@given(steps_st)
def test_a_seen_set_is_the_frozenset_it_stands_for(steps: list[tuple[int, str]]) -> None:
    seen: list[frozenset[str]] = [frozenset()]
    plain: list[frozenset[str]] = [frozenset()]
    for which, item in steps:
        at = which % len(seen)
        seen.append(with_member(seen[at], item))
        plain.append(plain[at] | {item})
    for s, p in zip(seen, plain, strict=True):
        assert s == p and p == s
        assert (s != p) is False
        assert hash(s) == hash(p) and len(s) == len(p)
        assert sorted(s) == sorted(p)
        assert all((x in s) == (x in p) for x in "abcdefghz")
        assert s - {"a"} == p - {"a"} and isinstance(s - {"a"}, frozenset)
        assert {"a", "z"} | s == {"a", "z"} | p
    for a, pa in zip(seen, plain, strict=True):
        for b, pb in zip(seen[:10], plain[:10], strict=True):
            assert (a == b) == (pa == pb)


def test_extending_the_newest_shares_the_buffer_and_an_older_one_copies() -> None:
    first = extended((), "a")
    second = extended(first, "b")
    assert isinstance(first, Trail) and isinstance(second, Trail)
    assert second._buffer is first._buffer  # appended, not copied
    branch = extended(first, "c")  # first is no longer the newest of its buffer
    assert isinstance(branch, Trail) and branch._buffer is not first._buffer
    assert (first, second, branch) == (("a",), ("a", "b"), ("a", "c"))
    seen = with_member(frozenset(), "x")
    more = with_member(seen, "y")
    assert isinstance(seen, Seen) and isinstance(more, Seen) and more._buffer is seen._buffer
    assert with_member(more, "x") is more
    other = with_member(seen, "z")
    assert other == frozenset("xz") and more == frozenset("xy") and "y" not in other


def test_two_threads_extending_one_state_each_get_their_own() -> None:
    start = extended((), "start")
    results: list[tuple[str, ...]] = []

    def grow(name: str) -> None:
        state = start
        for n in range(2000):
            state = extended(state, f"{name}{n}")
        results.append(state)

    threads = [threading.Thread(target=grow, args=(name,)) for name in "pq"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for state in results:
        name = state[1][0]
        assert state == ("start", *(f"{name}{n}" for n in range(2000)))


def test_1000_playthroughs_of_the_bundled_story_match_tuples_and_frozensets() -> None:
    """The states `choose` makes equal, hash and save as those of copying a tuple and a
    frozenset at every step (what it did before), and render the same text."""
    story = load_story(bundled_story_dir(), run_walkthroughs=False, cache=False).story
    assert story is not None
    pick = random.Random(1016)
    steps = 0
    for _ in range(1000):
        state = new_game(story, seed=pick.randrange(1 << 30)).state
        history: tuple[str, ...] = ()
        visited = frozenset(state.visited)
        while True:
            plain = dataclasses.replace(state, history=history, visited=visited)
            assert state == plain
            open_ = [v.id for v in choices(story, state) if v.available]
            if state.over or not open_:
                assert hash(state.history) == hash(history)
                assert hash(state.visited) == hash(visited)
                assert json.dumps(state.to_json()) == json.dumps(plain.to_json())
                assert scene_text(story, state) == scene_text(story, plain)
                break
            picked = pick.choice(open_)
            step = choose(story, state, picked)
            state = step.state
            passed = {scene for scene, _ in fallbacks_followed(story, step.events)}
            history, visited = (*history, picked), visited | passed | {state.scene}
            steps += 1
    assert steps > 10_000
