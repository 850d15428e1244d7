"""Random small stories: the proof pass never crashes, never misses a real state,
the explorer's 'complete' claims agree with playing every path there is, every
route it prints replays in the engine, and what it calls shortest is shortest.

`make fuzz` runs this with 2,000 fresh examples; `make test` runs it derandomized.
Every failure ever found is kept below as an `@example`.
"""

from __future__ import annotations

from pathlib import Path
from typing import cast

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from iss.authoring.explore import (
    ALWAYS,
    POSSIBLE,
    Claim,
    check_claims,
    explore,
    find_route,
    prove,
    replay_path,
)
from iss.authoring.explore.relevance import (  # room internals, tested deliberately
    Relevance,
    reader,
)
from iss.authoring.explore.split_proof import prove_split  # room internals, tested deliberately
from tests.authoring.fuzz_story import (
    CONDITIONS,
    ENDING_SCENES,
    NO_EXTRAS,
    Extras,
    Spec,
    all_states,
    available,
    extras_st,
    load_written,
    plain,
    routed,
    story_st,
)

# Found with --hypothesis-seed=56615276224995626864521637541870225997: routes read
# the clock before the choice's time was spent in the engine, after it in the proof.
SEED_56615_CLOCK: Spec = (
    [[plain(9)], *[[plain(0)]] * 8, [routed(1, 30, "clock.t < 60m", 0)]],
    False,
)
SEED_56615_SCENE: Spec = (
    [
        [plain(9, time=60)],
        *[[plain(0)]] * 7,
        [plain(2, do=("trust.alexey += 1", "trust.alexey += 1")), plain(0)],
        [routed(2, 30, "clock.t < 60m", 3), plain(0, when="trust.alexey >= 5")],
    ],
    False,
)
# A scene whose own time runs the air out must not apply its `do:` (issue 11).
SCENE_TIME_EXPIRES: Spec = ([[plain(1, time=60)], [plain(10, when="dead.gordon")]], False)
SCENE_TIME_EXTRAS: Extras = {
    "scene_time": [0, 60, *[0] * 8],
    "scene_do": [None, "status.gordon = dead", *[None] * 8],
    "power": "expires",
}


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@example(spec=SEED_56615_CLOCK, extras=NO_EXTRAS, text=False)
@example(spec=SEED_56615_SCENE, extras=NO_EXTRAS, text=False)
@example(spec=SCENE_TIME_EXPIRES, extras=SCENE_TIME_EXTRAS, text=False)
@given(spec=story_st, extras=extras_st, text=st.booleans())
def test_random_stories(spec: Spec, extras: Extras, text: bool, tmp_path: Path) -> None:
    story = load_written(tmp_path, spec, extras)
    proof = prove(story)
    truth = all_states(story)
    if truth is None:
        return
    caps = {n: cuts[-1] for n, cuts in Relevance(story).cuts.items() if n.startswith("visits.")}
    for state in truth.states:  # sound: every real state lies in the boxes
        assert state.scene in proof.scenes
        for name, values in proof.boxes[state.scene].items():
            value = reader(name)(state)
            if name in caps:  # a count past its top cut is kept as the cut
                value = min(cast(int, value), caps[name])
            assert value in values, (name, state.scene)
    found = explore(story, text=text)
    reached = set(truth.entered)  # passed through by a fallback counts (shown to the player)
    stuck = {s.scene for s in truth.states if s.ending is None and not available(story, s)}
    endings = {s.ending for s in truth.states if s.ending}
    if found.complete:  # then every claim matches the truth
        assert set(found.scenes_reached) == reached
        assert {d.scene for d in found.dead_ends} == stuck
        assert {e for e, r in found.endings.items() if r.reachable} == endings
        assert bool(found.trap_loops) == truth.trap
    else:  # still, whatever it shows is real
        assert set(found.scenes_reached) <= reached
        assert {d.scene for d in found.dead_ends} <= stuck
        assert truth.trap or not found.trap_loops
    for eid, result in found.endings.items():  # every route replays; shortest is shortest
        fewest = truth.fewest(next(s.id for s in story.scenes.values() if s.ending == eid))
        if result.fewest is not None and fewest is not None:
            assert result.fewest <= fewest, eid
        if result.path is None:
            continue
        assert replay_path(story, result.path).ending == eid
        if result.shortest:
            assert len(result.path.choices) == fewest, eid
    for dead in found.dead_ends:
        state = replay_path(story, dead.path)
        assert state.scene == dead.scene and not available(story, state)
    for loop in found.trap_loops:
        assert replay_path(story, loop.path).scene == loop.scene


# A property read `taken.s0.c0_0` and `visits.s1` that nothing else reads: the engine
# kept neither, so the claims read 0 (impossible, where the truth is possible).
ONLY_A_PROPERTY_READS: Spec = ([[plain(1)], [plain(0), plain(10)]], False)


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@example(spec=SEED_56615_CLOCK, extras=NO_EXTRAS, cond=0, scene=0, always=True)
@example(
    spec=ONLY_A_PROPERTY_READS,
    extras=NO_EXTRAS,
    cond=CONDITIONS.index("taken.s0.c0_0"),
    scene=1,
    always=False,
)
@example(
    spec=ONLY_A_PROPERTY_READS,
    extras=NO_EXTRAS,
    cond=CONDITIONS.index("visits.s1 >= 2"),
    scene=1,
    always=False,
)
@given(
    spec=story_st,
    extras=extras_st,
    cond=st.integers(0, len(CONDITIONS) - 1),
    scene=st.integers(0, 13),
    always=st.booleans(),
)
def test_random_properties(
    spec: Spec, extras: Extras, cond: int, scene: int, always: bool, tmp_path: Path
) -> None:
    """A claim is settled only when it is true, and every route it reports plays. The claim
    is a property the story declares, so the engine counts the visits and choices it reads."""
    ids = [f"s{i}" for i in range(len(spec[0]))] + ["sub", *ENDING_SCENES]
    at = ids[scene % len(ids)]
    kind = ALWAYS if always else POSSIBLE
    claim = (kind, CONDITIONS[cond], at)
    story = load_written(tmp_path, spec, extras, claim)
    truth = all_states(story)
    if truth is None:
        return
    (stated,) = story.properties
    condition = stated.condition
    (result,) = check_claims(story, [Claim("p", kind, condition, frozenset({at}))])
    there = [
        (d, condition.failing_reason(s) is None)
        for s, d in zip(truth.states, truth.depth, strict=True)
        if s.scene == at
    ]
    wanted = [d for d, holds in there if holds != always]  # violations, or witnesses
    if result.status in ("holds", "impossible"):
        assert not wanted
    elif result.status in ("violated", "possible"):
        assert result.route is not None
        state = replay_path(story, result.route)
        assert state.scene == at
        assert (condition.failing_reason(state) is None) != always
        assert result.at_least <= min(wanted) <= len(result.route)
        if result.shortest:
            assert len(result.route) == min(wanted)
    found = find_route(story, at)
    if found.status == "found":
        assert replay_path(story, found.route).scene == at
        fewest = truth.fewest(at)
        assert fewest is not None and found.at_least <= fewest <= len(found.route)
        if found.shortest:
            assert len(found.route) == fewest
    elif found.status == "unreachable":
        assert truth.fewest(at) is None


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@example(spec=SCENE_TIME_EXPIRES, extras=SCENE_TIME_EXTRAS, flags=True)
@given(spec=story_st, extras=extras_st, flags=st.booleans())
def test_every_real_state_fits_a_split_part_and_its_moves(
    spec: Spec, extras: Extras, flags: bool, tmp_path: Path
) -> None:
    """The split proof pass (by statuses, and flags) is sound: every real state lies in a
    part of its scene, and every real move leads from a part that holds it to one that
    holds where it lands (what the guided walks rely on)."""
    story = load_written(tmp_path, spec, extras)
    truth = all_states(story)
    if truth is None:
        return
    names = [f"status.{c}" for c in story.characters] + (
        [f"flag.{f}" for f in story.flags] if flags else []
    )
    split = prove_split(story, Relevance(story), tuple(names))
    assert split is not None
    holding = [
        {p for p in split.of_scene.get(s.scene, ()) if split.fits(s, p)} for s in truth.states
    ]
    for state, parts in zip(truth.states, holding, strict=True):
        assert parts, state.scene
    for i, targets in enumerate(truth.edges):
        ahead = split.ahead(holding[i])
        for j in targets:
            assert ahead & holding[j], (truth.states[i].scene, truth.states[j].scene)
