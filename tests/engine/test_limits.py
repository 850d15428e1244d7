"""Every number stays within its documented bound, at load and in play."""

from __future__ import annotations

import ast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iss.authoring.suggestions import Suggestions
from iss.engine.errors import ExpressionError
from iss.engine.expression_source import _check_depth
from iss.engine.expressions import compile_condition, compile_value, duration_minutes
from iss.engine.limits import INT_LIMIT, MAX_EXPRESSION_DEPTH, MAX_MINUTES
from iss.engine.runner import replay
from tests.conftest import BASE_MANIFEST, WriteStory, load_ok
from tests.engine.test_expressions import NAMES, STATE


def test_durations_are_ascii_and_bounded() -> None:
    assert duration_minutes("1h30m") == 90
    assert duration_minutes(str(MAX_MINUTES)) == MAX_MINUTES
    for text in ("²", "²m", "٣m", str(MAX_MINUTES + 1), "9" * 5000, "9" * 5000 + "m"):
        assert duration_minutes(text) is None, text


def test_arithmetic_is_clamped() -> None:
    square = compile_value("allegiance * 1000000000 * 1000000000", NAMES)
    assert square.read(STATE) == -INT_LIMIT
    assert compile_value("1000000000 + 1000000000", NAMES).read(STATE) == INT_LIMIT


@pytest.mark.parametrize(
    "source",
    [
        "allegiance + " + "9" * 400 + " > 0",
        "allegiance > 0x" + "f" * 3000,
        "allegiance > " + "9" * 5000,
        "not " * (MAX_EXPRESSION_DEPTH + 1) + "flag.gordon_dead",
        "allegiance" + " + 1" * (MAX_EXPRESSION_DEPTH + 1) + " > 0",
        "clock.reentry > " + "9" * 5000 + "m",
    ],
)
def test_out_of_bound_expressions_are_refused(source: str) -> None:
    with pytest.raises(ExpressionError) as caught:
        compile_condition(source, NAMES)
    assert caught.value.code in ("E113", "E140", "E190")
    assert len(caught.value.message) < 200


def test_a_walkthrough_that_squares_a_variable_stays_bounded(write_story: WriteStory) -> None:
    manifest = BASE_MANIFEST.replace(
        "  allegiance: {type: int, min: -5, max: 5}", "  fuel: {type: int, default: 2}"
    )
    scenes = """\
scenes:
  a:
    text: The gauge climbs.
    choices:
      - {id: again, text: Again, do: 'fuel = fuel * fuel', go: a}
      - {id: out, text: Leave, go: b}
  b: {text: End., ending: good}
  burn: {text: Fire., ending: burn}
"""
    story = load_ok(write_story(manifest, scenes=scenes))
    state = replay(story, ["again"] * 40).state
    assert state.variables["fuel"] == INT_LIMIT


def test_suggestions_among_many_names_find_typos() -> None:
    hints = Suggestions([f"room_{n}" for n in range(5_000)] + ["hatch", "cupola", "airlock"])
    assert hints.closest("rooom_12") == "room_12"
    assert hints.closest("cupolla") == "cupola"
    assert hints.closest("airlokc") == "airlock"
    assert hints.closest("zzzzzzz") is None
    assert hints.hint("hatc") == "did you mean `hatch`?"


def _depth_refused_at(tree: ast.AST) -> int | None:
    """The column `_check_depth` reports, walked as it was first written (with
    `ast.iter_child_nodes`); None when nothing is too deep."""
    stack: list[tuple[ast.AST, int]] = [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_EXPRESSION_DEPTH:
            return int(getattr(node, "col_offset", 0))
        stack.extend((child, depth + 1) for child in ast.iter_child_nodes(node))
    return None


_EXPRESSIONS = st.recursive(
    st.sampled_from(["x", "flag.a", "1", "trust.alexey", "'aboard'"]),
    lambda inner: st.one_of(
        inner.map(lambda e: f"(not {e})"),
        inner.map(lambda e: f"(-{e})"),
        inner.map(lambda e: f"[{e}]"),
        inner.map(lambda e: f"f({e}, k=x)"),
        inner.map(lambda e: f"({e}).y"),
        st.tuples(inner, inner, st.sampled_from([" + ", " and ", " or ", " < ", " * "])).map(
            lambda t: f"({t[0]}{t[2]}{t[1]})"
        ),
    ),
    max_leaves=8,
)


@settings(max_examples=200)
@given(
    _EXPRESSIONS,
    st.integers(min_value=MAX_EXPRESSION_DEPTH - 12, max_value=MAX_EXPRESSION_DEPTH + 2),
    st.sampled_from(["not ", "-", "[", "x + "]),
    st.sampled_from(["", "n = ", "n += "]),
)
def test_the_depth_check_refuses_where_the_plain_walk_does(
    expression: str, deep: int, repeated: str, statement: str
) -> None:
    """The depth check reads each node's children itself (issue 16): it refuses the same
    trees as the walk over `ast.iter_child_nodes`, at the same node (in conditions and
    in effects, whose statements add a level)."""
    closing = "]" * deep if repeated == "[" else ""
    source = statement + repeated * deep + expression + closing
    tree = ast.parse(source, mode="exec" if statement else "eval")
    expected = _depth_refused_at(tree)
    if expected is None:
        _check_depth(tree)
    else:
        with pytest.raises(ExpressionError) as caught:
            _check_depth(tree)
        assert caught.value.offset == expected
