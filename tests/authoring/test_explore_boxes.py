"""The box runner's shortcuts give what the plain formulas give (issue 16).

`joined` (a scene's box joined with a new one, or None when nothing grows),
`BoxRunner.spend` (time passing on a clock's value set),
`BoxRunner.none_may_hold` (whether a scene's choices may all be locked, which
the proof passes ask again and again, now remembered), `BoxRunner.split` (the
parts of a box where a condition may hold and may fail, its points sorted by
set operations against those the memo has tried) and
`BoxRunner.apply_all` (a list of effects run on one copy of the box) were made
cheaper; each is held here to the formula it replaced, on random boxes. Every runner of
one story shares one memo (`story_memo`): claims settled with a memo the
explorer has filled are the ones settled with a fresh memo.
"""

from __future__ import annotations

from functools import cache
from itertools import product
from math import prod
from typing import cast

from hypothesis import given
from hypothesis import strategies as st

from iss.authoring.explore import Budget, check_claims, explore, target_name
from iss.authoring.explore import boxes as boxes_module  # room internals, tested deliberately
from iss.authoring.explore.box_time import time_passing  # room internals, tested deliberately
from iss.authoring.explore.boxes import (  # room internals, tested deliberately
    MAX_POINTS,
    Box,
    BoxRunner,
    joined,
    story_memo,
    with_values,
)
from iss.authoring.explore.points import Point  # room internals, tested deliberately
from iss.authoring.explore.relevance import reader  # room internals, tested deliberately
from iss.authoring.lint import stated_claims
from iss.engine.model import Condition, Effect, Story, Timer, Value
from iss.engine.state import Draft
from iss.paths import bundled_story_dir
from tests.conftest import load_ok

NAMES = ("a", "b", "c", "clock.x")
values = st.frozensets(st.integers(-2, 12), max_size=8)
boxes = st.dictionaries(st.sampled_from(NAMES), values)


@cache
def bundled() -> Story:
    return load_ok(bundled_story_dir())


@given(boxes, boxes)
def test_joined_is_the_union_of_the_names_both_hold(old: Box, new: Box) -> None:
    plain = {n: old[n] | new[n] for n in old.keys() & new.keys()}
    got = joined(old, new)
    if plain == old:
        assert got is None
    else:
        assert got == plain


def spend_on_points(runner: BoxRunner, box: Box, minutes: int) -> set[tuple[object, ...]]:
    """Time passing as `runner._advance` spends it, one point of `box` at a time: each
    (value of every name, expiry scene or None) it may give. A timer's `while:` is
    split as the runner splits it (a name the box leaves out may hold either way); of
    two clocks that run out, the one that had less left wins (a tie: the one listed
    first)."""
    names = sorted(box)
    out: set[tuple[object, ...]] = set()
    for values in product(*(sorted(box[n], key=repr) for n in names)):
        branches: list[tuple[Box, tuple[int, str] | None]] = [
            ({n: frozenset({v}) for n, v in zip(names, values, strict=True)}, None)
        ]
        for timer in runner.story.timers.values():
            name = f"clock.{timer.id}"
            after: list[tuple[Box, tuple[int, str] | None]] = []
            for part, first in branches:
                running, stopped = (
                    (part, None) if timer.running is None else runner.split(timer.running, part)
                )
                if stopped is not None:
                    after.append((stopped, first))
                if running is None:
                    continue
                (before,) = cast(frozenset[int], running[name])
                if 0 < before <= minutes and timer.expires and (first is None or before < first[0]):
                    first = (before, timer.expires)
                after.append((with_values(running, name, {max(0, before - minutes)}), first))
            branches = after
        for part, first in branches:
            out.add((*(part[n] for n in names), None if first is None else first[1]))
    return out


def points_of(branches: list[tuple[Box, str | None]], names: list[str]) -> set[tuple[object, ...]]:
    """Every (value of every name, expiry scene or None) the branches hold, one value a name."""
    return {
        (*(frozenset({v}) for v in values), expired)
        for part, expired in branches
        for values in product(*(sorted(part[n], key=repr) for n in names))
    }


clocks = st.frozensets(st.integers(0, 1600), max_size=40)


@given(clocks, clocks, st.booleans(), st.integers(0, 400))
def test_spend_gives_what_the_engine_gives_on_every_point(
    reentry: frozenset[int], air: frozenset[int], life_support_off: bool, minutes: int
) -> None:
    """Neither more nor less: where both clocks may run out in one spending, the scene is
    the one whose clock had less left (it was once always the first listed)."""
    story = bundled()
    assert {"reentry", "air"} <= set(story.timers)  # both clocks, one of them held by a flag
    box: Box = {
        "clock.reentry": cast(frozenset[Value], reentry),
        "clock.air": cast(frozenset[Value], air),
        "flag.life_support_off": frozenset({life_support_off}),
    }
    runner = BoxRunner(story)
    got = runner.spend(box, minutes)
    assert points_of(got, sorted(box)) == spend_on_points(runner, box, minutes)


def test_the_clock_with_less_left_runs_out_first_whichever_is_listed_first() -> None:
    story = bundled()
    assert list(story.timers)[:2] == ["reentry", "air"]  # reentry listed first
    box: Box = {
        "clock.reentry": frozenset({50, 20}),
        "clock.air": frozenset({30}),
        "flag.life_support_off": frozenset({True}),
    }
    scenes = {expired for _, expired in BoxRunner(story).spend(box, 60)}
    # reentry 50 > air 30: air first; reentry 20 < 30: reentry first
    assert scenes == {story.timers["air"].expires, story.timers["reentry"].expires}
    box["clock.reentry"] = frozenset({50})
    scenes = {expired for _, expired in BoxRunner(story).spend(box, 60)}
    assert scenes == {story.timers["air"].expires}


def test_runners_of_one_story_share_a_memo_that_keeps_what_it_keys() -> None:
    story = bundled()
    first, second = BoxRunner(story), BoxRunner(story)
    assert first._memo is second._memo is story_memo(story)
    condition = next(t.running for t in story.timers.values() if t.running is not None)
    first.split(condition, {})
    assert condition in second._memo.kept  # its id cannot be another object's


def test_claims_settle_alike_with_a_filled_memo_and_a_fresh_one() -> None:
    story = bundled()
    claims = [s.claim for s in stated_claims(story, continuity=False)]
    budget = Budget(max_states=20_000, time_limit=600)
    boxes_module._last_memo = None
    fresh = check_claims(story, claims, budget)
    boxes_module._last_memo = None
    explore(story, budget)  # fills the memo the claims then read
    assert story_memo(story).splits
    warm = check_claims(story, claims, budget)
    assert [(r.claim.name, r.scene, r.to_json()) for r in warm] == [
        (r.claim.name, r.scene, r.to_json()) for r in fresh
    ]


def none_hold_as_before(runner: BoxRunner, conditions: list[Condition], box: Box) -> bool:
    """`_Prover.uncovered`'s test as it was written before it was remembered."""
    names = tuple(sorted({n for c in conditions for n in c.names}))
    sets = runner.points(box, names)
    if sets is None:
        return True
    for point in product(*sets):
        view = Point(names, point)
        if all(c.failing_reason(view) is not None for c in conditions):
            return True
    return False


@cache
def locked_choices() -> list[list[Condition]]:
    """The `when:` of the choices of each scene that has some, in the bundled story (those
    that read only names whose values can be listed)."""
    runner = BoxRunner(bundled())

    def listed(condition: Condition) -> bool:
        try:
            return all(runner.domain(name) for name in condition.names)
        except Exception:  # a count with no top
            return False

    out = []
    for scene in bundled().scenes.values():
        conditions = [c.when for c in scene.choices if c.when is not None and listed(c.when)]
        if conditions:
            out.append(conditions)
    return out


@given(st.data())
def test_none_may_hold_gives_what_it_gave(data: st.DataObject) -> None:
    """Asked of random boxes, several times over, in any order (the memo then answers)."""
    story = bundled()
    runner = BoxRunner(story)
    scenes = locked_choices()
    assert scenes
    for _ in range(4):
        whens = data.draw(st.sampled_from(scenes))
        conditions = data.draw(st.lists(st.sampled_from(whens), min_size=1, max_size=3))
        box: Box = {}
        for name in sorted({n for c in conditions for n in c.names}):
            domain = sorted(runner.domain(name), key=repr)
            if data.draw(st.integers(0, 3)):  # mostly one or two values: answers vary
                drawn = data.draw(st.lists(st.sampled_from(domain), min_size=1, max_size=2))
                box[name] = frozenset(drawn)
        assert runner.none_may_hold(conditions, box) == none_hold_as_before(runner, conditions, box)


def split_as_before(
    runner: BoxRunner, condition: Condition, box: Box
) -> tuple[Box | None, Box | None]:
    """`BoxRunner.split` as a formula: the condition run on every point of the box's
    sets of its names, each side's values per name those of its points."""
    names = tuple(sorted(condition.names))
    try:
        sets = [runner.values(box, name) for name in names]
    except Exception:  # a name whose values cannot be listed: anything
        return box, box
    if prod(len(values) for values in sets) > MAX_POINTS:
        return box, box
    sides: tuple[list[tuple[Value, ...]], list[tuple[Value, ...]]] = ([], [])
    for point in product(*sets):
        sides[condition.failing_reason(Point(names, point)) is not None].append(point)

    def part(points: list[tuple[Value, ...]]) -> Box | None:
        if not points:
            return None
        return {**box, **{name: frozenset(p[i] for p in points) for i, name in enumerate(names)}}

    return part(sides[0]), part(sides[1])


@given(st.data())
def test_split_gives_what_it_gave(data: st.DataObject) -> None:
    """Conditions of the bundled story (choices' `when:`, timers' `while:`) split on random
    boxes, several in turn on one runner: with a fresh memo, then what it remembers of
    each condition (and of others on the same names)."""
    story = bundled()
    boxes_module._last_memo = None
    runner = BoxRunner(story)
    conditions = [c for whens in locked_choices() for c in whens]
    conditions += [t.running for t in story.timers.values() if t.running is not None]
    for _ in range(6):
        condition = data.draw(st.sampled_from(conditions))
        box: Box = {}
        for name in sorted(condition.names):
            domain = sorted(runner.domain(name), key=repr)
            if data.draw(st.integers(0, 3)):  # mostly a few values: the sides vary
                drawn = data.draw(st.lists(st.sampled_from(domain), min_size=1, max_size=3))
                box[name] = frozenset(drawn)
        assert runner.split(condition, box) == split_as_before(runner, condition, box)


def apply_as_before(runner: BoxRunner, effect: Effect, box: Box) -> Box:
    """`BoxRunner.apply` as it was written before: a new box per effect, a new point per
    combination of values, nothing remembered."""
    target = target_name(effect.target)
    names = tuple(sorted(effect.reads | {target}))
    out = dict(box)
    try:
        sets = [runner.values(box, name) for name in names]
    except Exception:  # a name whose values cannot be listed
        out.pop(target, None)
        return out
    if prod(len(values) for values in sets) > MAX_POINTS:
        out.pop(target, None)
        return out
    read = reader(target)
    given = set()
    for point in product(*sets):
        draft = Draft(runner.story, Point(names, point).state())
        effect.apply(draft)
        given.add(read(draft))
    out[target] = frozenset(given)
    return out


@cache
def effects_on() -> dict[str, list[Effect]]:
    """Name -> the effects of the bundled story that write or read it (by source), for
    the names that more than one effect writes or reads."""
    out: dict[str, dict[str, Effect]] = {}
    for scene in bundled().scenes.values():
        for effect in [*scene.effects, *(e for c in scene.choices for e in c.effects)]:
            for name in effect.reads | {target_name(effect.target)}:
                out.setdefault(name, {}).setdefault(effect.source, effect)
    return {name: list(found.values()) for name, found in sorted(out.items()) if len(found) > 1}


@given(st.data())
def test_apply_all_gives_what_each_apply_gave(data: st.DataObject) -> None:
    """Lists of effects on one name, so that each reads what the last one wrote, on
    random boxes; with a fresh memo, then with what it remembered."""
    story = bundled()
    boxes_module._last_memo = None
    runner = BoxRunner(story)
    name = data.draw(st.sampled_from(sorted(effects_on())))
    effects = tuple(data.draw(st.lists(st.sampled_from(effects_on()[name]), min_size=2)))
    box: Box = {}
    for effect in effects:
        for name in sorted(effect.reads | {target_name(effect.target)}):
            try:
                domain = sorted(runner.domain(name), key=repr)
            except Exception:  # a count with no top: left out, it may hold anything
                continue
            if data.draw(st.integers(0, 3)):
                drawn = data.draw(st.lists(st.sampled_from(domain), min_size=1, max_size=3))
                box[name] = frozenset(drawn)
    expected = box
    for effect in effects:
        expected = apply_as_before(runner, effect, expected)
    assert runner.apply_all(effects, box) == expected
    assert runner.apply_all(effects, box) == expected  # remembered


OTHERS = ("trust.alexey", "flag.war_started", "seen.cupola", "var.allegiance")
"""Names a box may hold beside those a step reads: they pass through it unchanged."""


def other_names(data: st.DataObject, runner: BoxRunner, box: Box, keep: set[str]) -> Box:
    """`box` with random values for some names of `OTHERS` (not those in `keep`)."""
    out = dict(box)
    for name in OTHERS:
        if name not in keep and data.draw(st.booleans()):
            domain = sorted(runner.domain(name), key=repr)
            drawn = data.draw(st.lists(st.sampled_from(domain), min_size=1, max_size=3))
            out[name] = frozenset(drawn)
    return out


def clocks_of(story: Story) -> list[tuple[Timer, str]]:
    return [(t, f"clock.{t.id}") for t in story.timers.values()]


def same_boxes(got: list[tuple[Box, str | None]], want: list[tuple[Box, str | None]]) -> bool:
    """Equal branches, each box's names in the same order."""
    return got == want and all(list(g) == list(w) for (g, _), (w, _) in zip(got, want, strict=True))


@given(st.data(), clocks, clocks, st.integers(0, 400))
def test_spend_remembers_what_it_gave(
    data: st.DataObject, reentry: frozenset[int], air: frozenset[int], minutes: int
) -> None:
    """Time passing on boxes with the same clocks, their `while:` flags drawn each time,
    and other names beside: what a box gave is remembered for the next that agrees on
    the clocks and flags, and given again name for name and in order, as worked out
    afresh (names a box leaves out come last in the new one)."""
    story = bundled()
    boxes_module._last_memo = None
    runner = BoxRunner(story)
    clocked: Box = {}
    for name, values in (("clock.reentry", reentry), ("clock.air", air)):
        if data.draw(st.integers(0, 4)):
            clocked[name] = cast(frozenset[Value], values)
    for _ in range(4):  # the flags vary too: a box that differs in one is worked out anew
        timed = dict(clocked)
        for flag in ("flag.war_started", "flag.life_support_off"):
            if data.draw(st.integers(0, 2)):
                timed[flag] = frozenset(data.draw(st.sets(st.booleans(), min_size=1)))
        box = other_names(data, runner, timed, set(timed) | {"flag.war_started"})
        afresh: list[tuple[Box, str | None]] = [(box, None)]
        if minutes:
            afresh = time_passing(box, minutes, clocks_of(story), runner.split, runner.values, {})
        assert same_boxes(runner.spend(box, minutes), afresh)


@given(st.data())
def test_apply_all_remembers_across_boxes(data: st.DataObject) -> None:
    """The same effects on boxes whose names each take one of two value sets (or are
    left out), with other names beside: the writes remembered from a box are made on the
    next that agrees on every name the effects read or write, name for name and in
    order, as the effects one at a time give; one that differs is worked out anew."""
    story = bundled()
    boxes_module._last_memo = None
    runner = BoxRunner(story)
    several = [e for found in effects_on().values() for e in found if len(e.reads) > 1]
    assert several  # effects that read more than one name: a step on those names
    first = data.draw(st.sampled_from(several))
    after = effects_on().get(target_name(first.target), [first])  # reading what it wrote
    more = data.draw(st.lists(st.sampled_from(after), max_size=2))
    effects = (first, *more)
    touched = {n for e in effects for n in e.reads | {target_name(e.target)}}
    choices: dict[str, list[frozenset[Value] | None]] = {}
    for name in sorted(touched):
        try:
            domain = sorted(runner.domain(name), key=repr)
        except Exception:  # a count with no top: left out, it may hold anything
            continue
        drawn = st.lists(st.sampled_from(domain), min_size=1, max_size=3).map(frozenset)
        choices[name] = [data.draw(st.none() | drawn), data.draw(drawn)]
    for _ in range(6):
        box: Box = {}
        for name, either in choices.items():
            values = either[data.draw(st.integers(0, 1))]
            if values is not None:
                box[name] = values
        box = other_names(data, runner, box, touched)
        expected = box
        for effect in effects:
            expected = apply_as_before(runner, effect, expected)
        got = runner.apply_all(effects, box)
        assert got == expected and list(got) == list(expected)


def test_a_flag_set_from_a_condition_is_read_on_the_point() -> None:
    """Effects such as `flag.x = trust.a >= 7 and ...` are run on each point without a
    state (`_apply_sets`): on every such effect of the bundled story, over every value of
    the names it reads, what the engine's own step gives."""
    story = bundled()
    runner = BoxRunner(story)
    found = [
        e
        for s in story.scenes.values()
        for e in [*s.effects, *(e for c in s.choices for e in c.effects)]
        if e.write is not None and e.write.what in ("flag", "item") and e.write.const is None
    ]
    assert found
    for effect in found:
        for values in ({True}, {False}, {True, False}):
            box: Box = {target_name(effect.target): frozenset(values)}
            boxes_module._last_memo = None
            fresh = BoxRunner(story)
            assert fresh.apply_all((effect,), box) == apply_as_before(runner, effect, box)
