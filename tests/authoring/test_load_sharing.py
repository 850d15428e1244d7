"""What a load shares or skips to go faster must not change what it builds (issue 16):
a scene's text line found without splitting the file, and `{...}` fragments
compiled once per text for all the templates of a load."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from iss.authoring.source import SourceFile
from iss.engine.expressions import Names
from iss.engine.state import GameState
from iss.engine.template import Variation
from iss.engine.text import Fragments, compile_template, join_lines

PIECES = [
    "a",
    " ",
    "  b",
    "\n",
    "\r\n",
    "\n\n",
    "x\r\n",
    "é",
    "\u2028",
    "\u2029",
    "\r",
    "\x85",
    "\x0b",
    "\x1c",
]


@given(
    st.lists(st.sampled_from(PIECES), max_size=14),
    st.lists(st.integers(min_value=-1, max_value=16), min_size=1, max_size=8),
)
def test_a_line_is_the_line_splitlines_gives(pieces: list[str], asked: list[int]) -> None:
    text = "".join(pieces)
    source = SourceFile(Path("x.yaml"), "x.yaml")
    source.text = text
    lines = text.splitlines()
    expected = [lines[n - 1] if 0 < n <= len(lines) else "" for n in asked]
    assert [source.line(n) for n in asked] == expected


NAMES = Names(
    characters={"alexey": "Alexey"},
    crew=frozenset({"alexey"}),
    flags=frozenset({"x"}),
)
SOURCES = [
    "{alexey} nods. {if trust.alexey >= 5: A nod. | Nothing.}",
    "Later, {alexey} again. {if trust.alexey >= 5: A nod. | Nothing.} {alexey}",
    "{if flag.x: {if trust.alexey >= 5: A nod. | Nothing.} | No.} {alexey}",
    "*{alexey}* {if trust.alexey >= 5: **A nod.** | Nothing.}",
    "{cycle: One. | Two.} and {cycle: One. | Two.}",
    "x {cycle: One. | Two.}",
]


def test_shared_fragments_compile_to_the_same_templates() -> None:
    shared: Fragments = {}
    for _ in range(2):  # the second round finds every simple fragment in the table
        for source in SOURCES:
            alone = compile_template(source, NAMES)
            together = compile_template(source, NAMES, fragments=shared)
            assert together.source == alone.source
            assert (together.names, together.styled, together.dynamic, together.per_visit) == (
                alone.names,
                alone.styled,
                alone.dynamic,
                alone.per_visit,
            )
            assert len(together.pieces) == len(alone.pieces)
            for trust in (0, 5):
                for visits in (1, 2, 3):
                    state = GameState(scene="s", trust={"alexey": trust}, visits={"s": visits})
                    assert together.render(state) == alone.render(state)
    assert "{alexey}" in shared
    assert "{if trust.alexey >= 5: A nod. | Nothing.}" in shared
    # A variation's order depends on where it stands: never shared.
    assert not any(isinstance(piece, Variation) for piece, _ in shared.values())
    first, second = (compile_template(s, NAMES, fragments=shared) for s in SOURCES[4:])
    salts = [p.salt for p in (*first.pieces, *second.pieces) if isinstance(p, Variation)]
    assert salts == [0, 25, 2]


@given(st.lists(st.sampled_from(["a", " ", "\n", "\n\n", "\n\n\n", "b c"]), max_size=12))
def test_join_lines_joins_as_splitting_at_blank_lines_does(pieces: list[str]) -> None:
    """`join_lines` skips the split when a text has no blank line: the same text."""
    source = "".join(pieces)
    expected = "\n\n".join(part.replace("\n", " ") for part in source.split("\n\n"))
    assert join_lines(source) == expected
