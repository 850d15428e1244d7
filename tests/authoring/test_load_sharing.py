"""What a load shares or skips to go faster must not change what it builds (issue 16):
a scene's text line found without splitting the file, and `{...}` fragments
compiled once per text for all the templates of a load."""

from __future__ import annotations

import contextlib
import re
from contextlib import nullcontext
from pathlib import Path
from typing import Any
from unittest.mock import patch

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

import iss.authoring.yaml_tree as yaml_tree
import iss.engine.text as text
from iss.authoring.choices import ChoiceCompiler
from iss.authoring.compiling import CompileCache
from iss.authoring.diagnostics import Report
from iss.authoring.loader import load_story
from iss.authoring.source import SourceFile, parse_file
from iss.authoring.yaml_data import Pos
from iss.engine.errors import ExpressionError
from iss.engine.expressions import Names
from iss.engine.state import GameState
from iss.engine.template import Variation
from iss.engine.text import Fragments, compile_template, join_lines
from tests.conftest import WriteStory

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


LOADERS = [
    pytest.param(getattr(yaml, "CSafeLoader", None), id="libyaml"),
    pytest.param(yaml.SafeLoader, id="pure-python"),
]
if LOADERS[0].values[0] is None:  # pragma: no cover - PyYAML without libyaml
    del LOADERS[0]

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


TEXT_PIECES = [
    "Kira waits.",
    " ",
    "\n",
    "|",
    "}",
    "{",
    "*",
    "\\{",
    "{alexey}",
    "{ alexey }",
    "{if trust.alexey >= 5: A nod. | Nothing.}",
    "{if flag.x: yes}",
    "{if flag.x: {alexey}}",
    "{cycle: a | b}",
    "{nobody}",
]


@given(st.lists(st.sampled_from(TEXT_PIECES), min_size=1, max_size=8))
def test_a_text_of_known_fragments_compiles_as_the_parser_reads_it(pieces: list[str]) -> None:
    """A text whose fragments the table holds is put together without the parser
    (`text._of_known_fragments`): the same template, or the same mistake."""
    cache = CompileCache(NAMES)  # one compiled condition per text: pieces compare equal
    for piece in TEXT_PIECES:  # the table holds every simple fragment that compiles
        with contextlib.suppress(ExpressionError):
            cache.template(piece)
    source = "".join(pieces)
    outcomes: list[object] = []
    for skip in (False, True):
        with (
            patch.object(text, "_of_known_fragments", lambda s, f: None) if skip else nullcontext()
        ):
            try:
                outcomes.append(cache.template(source))
            except ExpressionError as exc:
                outcomes.append((exc.code, exc.message, exc.offset))
    assert outcomes[0] == outcomes[1]


@given(st.lists(st.sampled_from(["a", " ", "\n", "\n\n", "\n\n\n", "b c"]), max_size=12))
def test_join_lines_joins_as_splitting_at_blank_lines_does(pieces: list[str]) -> None:
    """`join_lines` skips the split when a text has no blank line: the same text."""
    source = "".join(pieces)
    expected = "\n\n".join(part.replace("\n", " ") for part in source.split("\n\n"))
    assert join_lines(source) == expected


def _position_by_counting(source: SourceFile, start: Pos, offset: int, text: str) -> Pos:
    """`text_position` of a block scalar as it was worked out before the reader kept
    where each `|` stands: the line found by counting lines (`SourceFile.line`)."""
    before = text[:offset]
    line = start[0] + before.count("\n") + 1
    raw = source.line(line)
    indent = len(raw) - len(raw.lstrip(" "))
    return (line, indent + len(before) - (before.rfind("\n") + 1) + 1)


BODIES = [
    ["Kira waits."],
    ["Kira waits.", "", "  Deeper, é.", "{alexey} nods."],
    ["First", "Last\u2028      line", "", "End"],
]


@pytest.mark.parametrize("loader", LOADERS)
@pytest.mark.parametrize("header", ["|", ">", "|-", "|2", ">+", "| # a comment", "&a |"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_block_text_is_placed_as_by_counting_lines(
    loader: Any, header: str, newline: str
) -> None:
    placed = 0
    for body in BODIES:
        lines = ["# note", "scenes:", "  a:", f"    text: {header}"]
        lines += [f"      {line}" if line else "" for line in body]
        lines += ["    next: b", "  b:", f"    text: {header}", "      The end.", "    ending: x"]
        report = Report()
        with patch.object(yaml_tree, "_Loader", loader):
            source = parse_file(Path("x.yaml"), "x.yaml", newline.join(lines).encode(), report)
        assert source is not None, report.sorted()
        counted = SourceFile(source.path, source.shown)
        counted.text = source.text
        for scene in source.data["scenes"].values():
            text, start, block = scene["text"], scene.val_pos["text"], scene.block.get("text")
            assert block is not None
            for offset in [0, *(i + 1 for i, c in enumerate(text) if c == "\n")]:
                found = source.text_position(start, block, offset, text)
                assert found == _position_by_counting(counted, start, offset, text)
                placed += 1
    assert placed >= 8


_ADDRESS = re.compile(r" at 0x[0-9a-f]+")


def _choices(folder: Path) -> str:
    """Every compiled choice of a story, as text (compiled closures without their address)."""
    story = load_story(folder, cache=False).story
    assert story is not None
    return _ADDRESS.sub("", repr([s.choices for s in story.scenes.values()]))


@pytest.mark.parametrize("folder", ["story", "tests/fixtures/tiny", "tests/fixtures/replay"])
def test_a_plain_choice_compiles_as_any_choice(folder: str, tmp_path: Path) -> None:
    """`ChoiceCompiler.plain_choice` builds the choices that `choice` would build."""
    root = Path(__file__).resolve().parents[2]
    fast = _choices(root / folder)
    with patch.object(ChoiceCompiler, "plain_choice", lambda *args: None):
        slow = _choices(root / folder)
    assert fast == slow


def test_a_generated_story_s_plain_choices_compile_as_any_choice(tmp_path: Path) -> None:
    from bench.gen_story import generate

    folder = generate(tmp_path / "generated", scenes=60, per_file=20)
    fast = _choices(folder)
    with patch.object(ChoiceCompiler, "plain_choice", lambda *args: None):
        assert _choices(folder) == fast


ODD_CHOICES = """\
scenes:
  a:
    title: A
    text: Start.
    choices:
      - text: Go on
        when: flag.x
        do: [flag.x = true]
        time: 10m
        go: b
      - text: Go on again
        when: flag.x
        do: [flag.x = true]
        time: 10m
        go: b
      - text: An empty when
        when:
        go: b
      - text: An empty do
        do:
        go: b
      - text: An empty time
        time:
        go: b
      - text: An empty list
        do: []
        go: b
      - text: A number of minutes
        time: 10
        go: b
      - text: Two whens
        when: [flag.x, flag.x]
        go: b
      - text: A long one {alexey}
        go: b
      - text:
        go: b
  b:
    title: B
    text: End.
    ending: good
  burn:
    title: Burn
    text: Fire.
    ending: burn
"""


def test_odd_choices_compile_and_are_reported_as_any_choice(write_story: WriteStory) -> None:
    """Every value `plain_choice` must leave to `choice`: the same choices, the same
    diagnostics (an empty `when:` is E140, wherever it stands)."""
    folder = write_story(scenes=ODD_CHOICES)

    def compiled() -> tuple[str, list[str]]:
        result = load_story(folder, cache=False)
        choices = [s.choices for s in result.story.scenes.values()] if result.story else []
        return _ADDRESS.sub("", repr(choices)), [str(d) for d in result.diagnostics]

    fast = compiled()
    with patch.object(ChoiceCompiler, "plain_choice", lambda *args: None):
        assert compiled() == fast
    assert any("E140" in line for line in fast[1])
