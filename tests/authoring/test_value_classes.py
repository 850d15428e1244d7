"""A condition is run on one value of each class it cannot tell apart (issue 16).

`BoxRunner.split` runs a condition on the points of a box's value sets; a number the
condition only compares with constants is tried on one value per class of values on
the same side of every cut point (`explore/classes.py`). The sides are the sets every
point gives: held here to the plain formula of `test_explore_boxes`, on random boxes
with wide sets of numbers, for every condition of the bundled story (choices', routes',
timers' and its stated claims'), and so does an effect setting a flag to a condition.
"""

from __future__ import annotations

from functools import cache

from hypothesis import given
from hypothesis import strategies as st

from iss.authoring.explore import boxes as boxes_module  # room internals, tested deliberately
from iss.authoring.explore import target_name
from iss.authoring.explore.boxes import Box, BoxRunner  # room internals, tested deliberately
from iss.authoring.explore.classes import (  # room internals, tested deliberately
    columns,
    reduce_sets,
    thing_cuts,
)
from iss.authoring.lint import stated_claims
from iss.engine.model import Condition, Effect
from tests.authoring.test_explore_boxes import apply_as_before, bundled, split_as_before


@cache
def conditions() -> list[Condition]:
    """Every condition of the bundled story whose names' values can be listed."""
    story = bundled()
    runner = BoxRunner(story)
    found: list[Condition] = []
    for scene in story.scenes.values():
        for choice in scene.choices:
            found += [c for c in (choice.when, *(r.when for r in choice.routes)) if c]
    found += [t.running for t in story.timers.values() if t.running is not None]
    found += [s.claim.condition for s in stated_claims(story)]
    out = []
    for condition in {id(c): c for c in found}.values():
        try:
            if all(runner.domain(name) for name in condition.names):
                out.append(condition)
        except Exception:  # a count with no top
            continue
    return out


def test_the_story_has_conditions_that_compare_numbers_with_constants() -> None:
    story = bundled()
    compared = [c for c in conditions() if thing_cuts(story, c, tuple(sorted(c.names))) is not None]
    assert len(compared) > 20
    five = [c for c in compared if len([n for n in c.names if n.startswith("trust.")]) == 5]
    assert five, "the one_crew route reads every crew member's trust"


@given(st.data())
def test_split_by_class_gives_what_every_point_gives(data: st.DataObject) -> None:
    story = bundled()
    boxes_module._last_memo = None
    runner = BoxRunner(story)
    for _ in range(4):
        condition = data.draw(st.sampled_from(conditions()))
        box: Box = {}
        for name in sorted(condition.names):
            domain = sorted(runner.domain(name), key=repr)
            if data.draw(st.integers(0, 4)):  # mostly wide sets: classes of several values
                drawn = data.draw(st.lists(st.sampled_from(domain), min_size=1, max_size=8))
                box[name] = frozenset(drawn)
        assert runner.split(condition, box) == split_as_before(runner, condition, box)


@cache
def flags_set_from_conditions() -> list[Effect]:
    """The bundled story's effects `flag.x = <condition>` (and `has.`) on numbers."""
    story = bundled()
    found = {
        e.source: e
        for s in story.scenes.values()
        for e in [*s.effects, *(e for c in s.choices for e in c.effects)]
        if e.write is not None and e.write.what in ("flag", "item") and e.write.const is None
    }
    out = [e for e in found.values() if thing_cuts(story, e, tuple(sorted(e.reads))) is not None]
    assert out, "all_five_trusted is set from five trusts"
    return out


@given(st.data())
def test_a_flag_set_from_a_condition_by_class_gives_what_every_point_gives(
    data: st.DataObject,
) -> None:
    story = bundled()
    boxes_module._last_memo = None
    runner = BoxRunner(story)
    for _ in range(3):
        effect = data.draw(st.sampled_from(flags_set_from_conditions()))
        box: Box = {}
        for name in sorted(effect.reads | {target_name(effect.target)}):
            domain = sorted(runner.domain(name), key=repr)
            if data.draw(st.integers(0, 4)):
                drawn = data.draw(st.lists(st.sampled_from(domain), min_size=1, max_size=8))
                box[name] = frozenset(drawn)
        assert runner.apply(effect, box) == apply_as_before(runner, effect, box)


def test_reduced_sets_keep_the_least_value_of_each_class() -> None:
    sets = (frozenset({1, 2, 5, 6, 9}), frozenset({True, False}), frozenset({3, 4, 7}))
    cuts = ((6,), None, (1, 7))
    reduced, members = reduce_sets(sets, cuts, {})
    assert reduced == (frozenset({1, 6}), sets[1], frozenset({3, 7}))
    assert members == (
        {1: frozenset({1, 2, 5}), 6: frozenset({6, 9})},
        None,
        {3: frozenset({3, 4}), 7: frozenset({7})},
    )
    assert columns({(6, True, 3), (6, False, 3)}, members) == (
        frozenset({6, 9}),
        frozenset({True, False}),
        frozenset({3, 4}),
    )
    assert columns(set(), members) is None
