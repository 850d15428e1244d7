"""The quick search reads both of a state's keys in one call (`Relevance.key_pair_function`,
`keys.compile_keys`): each must merge the states that the key `key_function` and
`coarse_key_function` compile on their own merge (which `test_explore_walks.py` holds
to a closure per name), and no others, on every state the quick search reaches.

A compiled key reads together the names it takes as they are (a set's as the
frozenset of those it holds, a dict's with one `itemgetter`): it is not the tuple
of each name's value, but it must tell two states apart exactly when that tuple
does (`test_keys_merge_what_a_key_per_name_merges`, against a plain key written
here). Only equal keys matter: the searches look keys up and never read them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iss.authoring.explore import Budget
from iss.authoring.explore.breadth import Search  # room internals, tested deliberately
from iss.authoring.explore.keys import (  # room internals, tested deliberately
    Transform,
    compile_key,
    compile_keys,
)
from iss.authoring.explore.relevance import (  # room internals, tested deliberately
    Relevance,
    reader,
)
from iss.authoring.loader import load_story
from iss.engine.model import Story
from iss.engine.walk import Walker
from iss.paths import bundled_story_dir
from tests.authoring.fuzz_story import Extras, Spec, extras_st, story_st, write
from tests.authoring.test_explore import STATION
from tests.conftest import TINY, load_ok


class SameMerges:
    """Checks that two keys of each state merge the same states: each key one way
    stands for one key the other way, and each key the other way for one."""

    def __init__(self) -> None:
        self.theirs: dict[Any, Any] = {}
        self.ours: dict[Any, Any] = {}

    def check(self, ours: Any, theirs: Any) -> None:
        assert self.theirs.setdefault(ours, theirs) == theirs  # merges no more
        assert self.ours.setdefault(theirs, ours) == ours  # and no less


class CheckedSearch(Search):
    """The quick search, checking both keys of every state it adds."""

    checked = 0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.merges = SameMerges(), SameMerges()

    def add(self, state: Any, parent: int, via: str) -> int:
        relevance, scene = self.relevance, state.scene
        fine, coarse = relevance.key_pair_function(scene)(state)
        expected = relevance.key_function(scene)(state), relevance.coarse_key_function(scene)(state)
        self.merges[0].check((scene, fine), (scene, expected[0]))
        self.merges[1].check((scene, coarse), (scene, expected[1]))
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


def test_every_transform_merges_the_same_states_in_both_keys() -> None:
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
    merges = SameMerges(), SameMerges()
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
            merges[0].check(pair[0], one(state))
            merges[1].check(pair[1], other(state))
    assert len(merges[0].ours) > 1 and len(merges[1].ours) > 1
    assert compile_keys([], {}, {})(State()) == ((), ())


FLAGS, SCENES, PEOPLE = ("a", "b", "c"), ("s1", "s2", "s3"), ("alexey", "nika")
NAMES = (
    *(f"flag.{f}" for f in FLAGS),
    *(f"seen.{s}" for s in SCENES),
    *(f"visits.{s}" for s in SCENES),
    "has.key",
    "has.map",
    "taken.s3.c",
    "taken.s1.d",
    *(f"trust.{p}" for p in PEOPLE),
    "trust.alexey-nika",
    "clock.reentry",
    "clock.power",
    *(f"status.{p}" for p in PEOPLE),
    "var.n",
    "var.m",
    "var.word",
    "calls",
)
NUMBERS = [n for n in NAMES if n.split(".")[0] in ("visits", "trust", "clock") or n[4:] in "nm"]
INF = float("inf")
transform_st: st.SearchStrategy[Transform] = st.one_of(
    st.just(("plain", None)),
    st.tuples(st.just("clamp"), st.sampled_from([(0, 3), (-INF, 2), (-1, INF), (1, 1)])),
    st.tuples(
        st.just("bucket"),
        st.lists(st.integers(-3, 12), max_size=10, unique=True).map(lambda c: tuple(sorted(c))),
    ),
    st.tuples(st.just("scale"), st.integers(1, 4)),
)
small = st.integers(-3, 12)
state_st = st.fixed_dictionaries(
    {
        "flags": st.sets(st.sampled_from([*FLAGS, "x"])),
        "visited": st.sets(st.sampled_from([*SCENES, "s4"])),
        "visits": st.dictionaries(st.sampled_from([*SCENES, "s4"]), small),
        "items": st.sets(st.sampled_from(["key", "map", "rope"])),
        "taken": st.sets(st.sampled_from(["s3.c", "s1.d", "s2.e"])),
        "trust": st.fixed_dictionaries({p: small for p in (*PEOPLE, "gordon")}),
        "crew_trust": st.fixed_dictionaries({"alexey-nika": small, "gordon-kira": small}),
        "clock": st.fixed_dictionaries({"reentry": small, "power": small, "air": small}),
        "status": st.fixed_dictionaries({p: st.sampled_from(["ok", "hurt"]) for p in PEOPLE}),
        "variables": st.fixed_dictionaries(
            {"n": small, "m": small, "word": st.sampled_from(["yes", "no"]), "k": small}
        ),
        "calls": st.lists(st.sampled_from(["s1", "s2"]), max_size=2).map(tuple),
    }
)


def per_name_key(names: list[str], transforms: dict[str, Transform]) -> Any:
    """The key as a tuple of each name's value, in the order of the names, transformed."""
    ordered = sorted(names)

    def value(state: Any, name: str) -> Any:
        read, (kind, arg) = reader(name)(state), transforms.get(name, ("plain", None))
        if kind == "clamp":
            return min(max(read, arg[0]), arg[1])
        if kind == "bucket":
            return sum(1 for cut in arg if cut <= read)
        if kind == "scale":
            return -(-int(read) // arg)
        return read

    return lambda state: tuple(value(state, name) for name in ordered)


@settings(deadline=None, max_examples=300)
@given(
    names=st.lists(st.sampled_from(NAMES), unique=True, max_size=len(NAMES)),
    chosen=st.dictionaries(st.sampled_from(NUMBERS), transform_st),
    coarse=st.dictionaries(st.sampled_from(NUMBERS), transform_st),
    states=st.lists(state_st, min_size=2, max_size=5),
)
def test_keys_merge_what_a_key_per_name_merges(
    names: list[str],
    chosen: dict[str, Transform],
    coarse: dict[str, Transform],
    states: list[dict[str, Any]],
) -> None:
    """Two states get the same compiled key exactly when they get the same key per name
    (the single key and both of a pair), over sets of names, dicts, clamps, buckets,
    scales and calls. States that differ in one field only are made from the others."""
    fine = {n: t for n, t in chosen.items() if n in names}
    rough = {n: t for n, t in coarse.items() if n in names}
    many = [State(**fields) for fields in states]
    for first in states:  # each state again with one field taken from another
        for field in first:
            many += [State(**{**first, field: other[field]}) for other in states]
    both = compile_keys(names, fine, rough)
    merges = [SameMerges() for _ in range(4)]
    for state in many:
        pair = both(state)
        for i, transforms in enumerate((fine, rough)):
            plain = per_name_key(names, transforms)(state)
            merges[i].check(compile_key(names, transforms)(state), plain)
            merges[i + 2].check(pair[i], plain)
