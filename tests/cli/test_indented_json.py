"""`dumps_indented` writes what `json.dumps(data, indent=2, ensure_ascii=False)` writes."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from iss.cli.indented_json import dumps_indented

_LEAVES = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text()
)
_DATA = st.recursive(
    _LEAVES,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(st.text(max_size=6), inner, max_size=4)
        | st.dictionaries(st.integers() | st.booleans() | st.none(), inner, max_size=3)
    ),
    max_leaves=30,
)


def _standard(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)


@given(_DATA)
def test_the_text_is_json_dumps_text(data: Any) -> None:
    assert dumps_indented(data) == _standard(data)


def test_examples_are_the_same() -> None:
    class Word(str):
        pass

    examples: list[Any] = [
        {},
        [],
        {"a": [], "b": {}, "c": [{}], "d": [[]]},
        {"scenes": [{"id": "s1", "line": 3, "tags": [], "beat": None, "ok": True}]},
        {"t": 'quote " back\\slash \x1b esc \u2028 line é', "n": -12, "f": 1.5},
        {"word": Word("x"), 2: "two", True: "yes", None: "none"},
        ("a", ["b", ("c",)]),
        [True, False, None, 0, -0.0, float("nan"), float("inf")],
        "just text",
        7,
    ]
    for data in examples:
        assert dumps_indented(data) == _standard(data)


def test_a_value_json_cannot_write_fails_as_json_dumps_does() -> None:
    data = {"a": [1, object()]}
    for dump in (dumps_indented, _standard):
        try:
            dump(data)
        except TypeError as exc:
            assert "not JSON serializable" in str(exc)
        else:  # pragma: no cover - both must raise
            raise AssertionError("no error")
