"""The quick search reads both of a state's keys in one call (`Relevance.key_pair_function`,
`keys.compile_keys`): each must equal the key `key_function` and `coarse_key_function`
compile on their own (which `test_explore_walks.py` holds to a closure per name), value
for value and type for type, on every state the quick search reaches."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from iss.authoring.explore import Budget
from iss.authoring.explore.breadth import Search  # room internals, tested deliberately
from iss.authoring.explore.keys import (  # room internals, tested deliberately
    compile_key,
    compile_keys,
)
from iss.authoring.explore.relevance import Relevance  # room internals, tested deliberately
from iss.authoring.loader import load_story
from iss.engine.model import Story
from iss.engine.walk import Walker
from iss.paths import bundled_story_dir
from tests.authoring.fuzz_story import Extras, Spec, extras_st, story_st, write
from tests.authoring.test_explore import STATION
from tests.conftest import TINY, load_ok


class CheckedSearch(Search):
    """The quick search, checking both keys of every state it adds."""

    checked = 0

    def add(self, state: Any, parent: int, via: str) -> int:
        relevance, scene = self.relevance, state.scene
        fine, coarse = relevance.key_pair_function(scene)(state)
        expected = relevance.key_function(scene)(state), relevance.coarse_key_function(scene)(state)
        assert (fine, coarse) == expected, scene
        assert [type(v) for v in fine] == [type(v) for v in expected[0]]
        assert [type(v) for v in coarse] == [type(v) for v in expected[1]]
        self.checked += 1
        return super().add(state, parent, via)


def assert_same_keys(story: Story, max_states: int = 60_000) -> int:
    relevance = Relevance(story)
    budget = Budget(max_states=max_states, time_limit=1e9)
    search = CheckedSearch(story, budget, float("inf"), relevance, 128, Walker(story))
    search.run()
    return search.checked


def test_both_keys_at_once_on_the_bundled_story() -> None:
    story = load_story(bundled_story_dir()).story
    assert story is not None
    assert assert_same_keys(story) > 10_000


@pytest.mark.parametrize("folder", [TINY, STATION], ids=["tiny", "station"])
def test_both_keys_at_once_on_the_fixtures(folder: Path) -> None:
    assert assert_same_keys(load_ok(folder)) > 0


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(spec=story_st, extras=extras_st)
def test_both_keys_at_once_on_generated_stories(spec: Spec, extras: Extras, tmp_path: Path) -> None:
    folder = write(tmp_path / f"s{abs(hash(repr((spec, extras))))}", spec, extras)
    story = load_story(folder, run_walkthroughs=False).story
    assert story is not None
    assert_same_keys(story, max_states=3_000)


class State:
    """Just the fields a key reads."""

    def __init__(self, **fields: Any) -> None:
        self.__dict__.update(fields)


def test_every_transform_reads_the_same_value_in_both_keys() -> None:
    """Clamps (one side and both), buckets (inline and `bisect_right`), scales and plain
    reads of every kind of name, the same name transformed two ways."""
    names = [
        "trust.alexey",
        "trust.gordon-kira",
        "clock.reentry",
        "flag.a",
        "has.key",
        "seen.s1",
        "visits.s2",
        "taken.s3.c",
        "calls",
        "status.nika",
        "var.n",
        "var.m",
        "var.k",
    ]
    fine = {
        "trust.alexey": ("clamp", (0, 7)),
        "trust.gordon-kira": ("clamp", (float("-inf"), 3)),
        "var.n": ("clamp", (2, float("inf"))),
        "clock.reentry": ("clamp", (0, 90)),
    }
    coarse = {
        "trust.alexey": ("bucket", (2, 5)),
        "clock.reentry": ("scale", 15),
        "var.n": ("bucket", tuple(range(0, 20, 2))),
        "var.m": ("bucket", (1,)),
        "var.k": ("clamp", (-1, 1)),
    }
    both = compile_keys(names, fine, coarse)
    one, other = compile_key(names, fine), compile_key(names, coarse)
    for alexey in range(-2, 10):
        for n in (-5, 0, 3, 9, 40):
            state = State(
                trust={"alexey": alexey},
                crew_trust={"gordon-kira": alexey - 3},
                clock={"reentry": 10 * n},
                flags={"a"} if n > 0 else set(),
                items={"key"},
                visited={"s1"},
                visits={"s2": n},
                taken=set(),
                calls=("x", "y"),
                status={"nika": "ok"},
                variables={"n": n, "m": n, "k": n},
            )
            pair = both(state)
            assert pair == (one(state), other(state))
            assert [type(v) for v in pair[0] + pair[1]] == [
                type(v) for v in one(state) + other(state)
            ]
    assert compile_keys([], {}, {})(State()) == ((), ())
