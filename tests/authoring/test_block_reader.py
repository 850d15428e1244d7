"""The block reader (`block_reader`) reads what libyaml and the `Builder` read, or gives up.

For every text it reads, the `Builder` over libyaml's events must build the same
data: the same keys in the same order, the same values of the same types, and the
same positions of every mapping, list, key, value and item, and of every `|`. The
texts are every YAML file of the repository, the hostile corpus, a generated story,
and those texts changed at random (hypothesis) with what YAML gives meaning to.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iss.authoring.block_reader import NOT_READ, read_block_yaml
from iss.authoring.characters import check_text
from iss.authoring.diagnostics import Report
from iss.authoring.yaml_data import YList, YMap
from iss.authoring.yaml_tree import Builder
from tests.authoring.test_parsers import REPO_YAML, ROOT
from tests.hostile.corpus import CASES, CLEAN


def same(fast: Any, built: Any, where: str = "") -> str:
    """Where `fast` and `built` first differ ("" when nowhere)."""
    if type(fast) is not type(built):
        return f"{where}: {type(fast).__name__} against {type(built).__name__}"
    if isinstance(fast, YMap):
        mine = (fast.pos, list(fast), fast.key_pos, fast.val_pos, dict(fast.block))
        theirs = (built.pos, list(built), built.key_pos, built.val_pos, dict(built.block))
        if mine != theirs:
            return f"{where}: {mine} against {theirs}"
        return next((d for k in fast if (d := same(fast[k], built[k], f"{where}.{k}"))), "")
    if isinstance(fast, YList):
        if (fast.pos, fast.item_pos, len(fast)) != (built.pos, built.item_pos, len(built)):
            return f"{where}: {fast.pos, fast.item_pos} against {built.pos, built.item_pos}"
        pairs = zip(fast, built, strict=True)
        return next((d for i, (a, b) in enumerate(pairs) if (d := same(a, b, f"{where}[{i}]"))), "")
    if isinstance(fast, float) and math.isnan(fast) and math.isnan(built):
        return ""
    return "" if fast == built else f"{where}: {fast!r} against {built!r}"


def compare(text: str) -> bool:
    """Check the reader against the `Builder` on `text`; whether it read the text.

    Only text that `check_text` lets through reaches either reader."""
    if not check_text(text, "x.yaml", Report()):
        return False
    fast = read_block_yaml(text, Builder("x.yaml", Report()).typed)
    if fast is NOT_READ:
        return False
    report = Report()
    builder = Builder("x.yaml", report)
    built = builder.build(text.encode("utf-8"))  # raises, failing the test, on bad YAML
    assert builder.ok and not report.sorted(), [str(d) for d in report.sorted()]
    difference = same(fast, built)
    assert not difference, difference
    return True


@pytest.mark.parametrize("path", REPO_YAML, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_yaml_file_of_the_repository(path: Path) -> None:
    compare(path.read_text(encoding="utf-8"))


def test_the_hostile_corpus() -> None:
    read = sum(compare(text) for case in [CLEAN, *CASES] for text in case.files.values())
    assert read > 500  # scene files with a plain mistake: the reader reads them, the check reports


SCENE = """\
  s{n}:
    title: Scene {n}
    location: Node 1
    text: |
      {{alexey}} looks at you. {{if trust.alexey >= 5: A nod. | Nothing.}}
      Crumbs light glove visor module station silence.

      Night orbit cold cold signal metal cable velcro hull.
    choices:
      - text: Choice 1 toward scene {n} with alexey
        when: trust.alexey >= 1 or flag.f0
        do: [trust.alexey += -1, flag.f0 = true, allegiance -= 1]
        time: 10m
        go: s{n}
"""
GENERATED = "scenes:\n" + "".join(SCENE.format(n=n) for n in range(40))
SAMPLES = [
    GENERATED,
    (ROOT / "tests/fixtures/replay/scenes.yaml").read_text(encoding="utf-8"),
    (ROOT / "tests/fixtures/tiny/scenes.yaml").read_text(encoding="utf-8"),
    "a: |\n  one\n\n  two\n\n\nb: |-\n    three\n   \nc: [x, -1, 2.5, yes, ~]\n"
    "d:\n- 'q'\n- \"r s\"\n-   e: 0x1f\n    f: 1:30\ng: |\n  last",
]
MARKS = [
    *"\n :#-|>'\"[],{}?%@`\\~é\u2028\u200b",
    *(": ", " #", "  ", "- ", "|-", "|+", "''", "&a ", "*a", "!!str ", "---", "..."),
    *("yes", "-1", "0x", "1:2", "x" * 7),
]


@settings(max_examples=400, deadline=None)
@given(
    st.sampled_from(SAMPLES),
    st.lists(
        st.tuples(st.floats(0, 1), st.integers(0, 3), st.sampled_from(MARKS)),
        min_size=1,
        max_size=4,
    ),
)
def test_changed_texts(sample: str, edits: list[tuple[float, int, str]]) -> None:
    text = sample
    for where, cut, mark in edits:
        at = int(where * len(text))
        text = text[:at] + mark + text[at + cut :]
    compare(text)


def test_the_samples_are_read() -> None:
    """The fast path is taken where it should be (else the tests above test nothing)."""
    assert all(compare(text) for text in SAMPLES)


@pytest.mark.parametrize(
    "text",
    [
        "a:\n  title: x\n  titlex\n",  # a key line without `:`, after a key it begins with
        "a: x\n  b\n",  # plain text going on
        "a: |\n\n  b\n",  # a text that starts with a blank line
        "a: [b, c]  # c\n",
        "a: 'it''s'\n",
        "a:\n",
        "a: b\na: c\n",
    ],
)
def test_what_it_gives_up_on(text: str) -> None:
    assert read_block_yaml(text, Builder("x.yaml", Report()).typed) is NOT_READ
