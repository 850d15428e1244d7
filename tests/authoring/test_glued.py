"""W223: a fragment whose text can run into the word beside it.

The space after a fragment's `:` or `|` and the space before `|` are layout, so
`into it{if x: . Gordon did, | and open the shutters}` renders "itand open".
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from iss.authoring.glued import MAX_GLUES, glued_words, read_glues
from iss.authoring.loader import load_story
from tests.authoring.test_lint import MANIFEST, SCENES
from tests.conftest import WriteStory, fuzz_settings


def _reads(source: str) -> list[str]:
    return [glue.reads for glue in glued_words(source)]


@pytest.mark.parametrize(
    ("source", "reads", "fix"),
    [
        (
            "down into it{if seen.x: . Gordon did, | and open the shutters} at once",
            "down into itand open the",
            "down into it {if seen.x: . Gordon did, | and open the shutters} at once",
        ),
        (
            "Two seats go down empty.{if seen.y: He sent you}",
            "go down empty.He sent you",
            "Two seats go down empty. {if seen.y: He sent you}",
        ),
        ("{if a: He left.}Then he", "He left.Then he", "{if a: He left.} Then he"),
        ("{if a: the big}dog", "the bigdog", "{if a: the big} dog"),
        ('He said "go"{if a: and went}', 'He said "go"and went', 'He said "go" {if a: and went}'),
        ("{alexey}{if a: and Gordon}", "{alexey}and Gordon", "{alexey} {if a: and Gordon}"),
        ("x{once: a b}", "xa b", "x {once: a b}"),
        (
            "{sequence: Gone. | Still gone.}Then",
            "Gone.Then",
            "{sequence: Gone. | Still gone.} Then",
        ),
        ("{if a: He left.}{if b: Then}", "He left.Then", "{if a: He left.} {if b: Then}"),
        ("*Go.*{if a: He went}", "Go.He went", "*Go.* {if a: He went}"),
        # R203: one word, but the other branch opens a clause, so it is no suffix
        (
            "Alexey{if a:, forward, hangs | is} here",
            "Alexeyis",
            "Alexey {if a:, forward, hangs | is} here",
        ),
    ],
)
def test_glued_words_are_found_with_their_fix(source: str, reads: str, fix: str) -> None:
    [glue] = glued_words(source)
    assert glue.reads == reads
    assert source[: glue.offset] + " " + source[glue.offset :] == fix
    assert glue.fix.strip("…") in fix  # the hint shows the fix, cut to a few words


@pytest.mark.parametrize(
    "source",
    [
        "the shutter{if n > 1: s} close",  # a one-word suffix
        "the shutter{if n > 1: s | , half open,} close",  # still one, beside a clause
        "{if a: over}due",  # and a one-word prefix
        "Gordon{if a: 's own cup} is empty",  # a possessive
        "a logbook{if a: , and more}.",  # a branch led by punctuation
        "chin on his arm{if a: , Pickles on his sleeve | }.",
        "He waits. {if a: He nods.} They go.",  # spaces outside
        "{if a: Nothing's changed. }No one moves",  # a trailing space is kept without `|`
        "behind you{if a:  with the case}",  # only one space after `:` is layout
        '"{if a: Go now | Stay}," she said',  # an opening quote
        "it{if a: | } {if b: and then}",
        "wait{if a: ing for him | ed}",  # a multi-word branch led by a suffix is still a suffix
        "plain text with no fragment",
        "{alexey} nods.",
    ],
)
def test_no_glue(source: str) -> None:
    found = _reads(source)
    if source.startswith("wait{"):
        assert found == ["waiting for him"]  # the rule is about words, not grammar
    else:
        assert found == []


def test_nested_fragments_report_once_where_the_space_belongs() -> None:
    """A fragment at the start (or end) of a branch stands next to what stands next
    to the fragment around it: the space goes outside the outer one."""
    source = "it{if a: {if b: and then | .}}"
    [glue] = glued_words(source)
    assert (glue.offset, glue.reads) == (2, "itand then")
    assert glue.fix == "it {if a: {if b: and then | .}}"
    source = "{if a: x {if b: He left.}}Then"
    [glue] = glued_words(source)
    assert (glue.offset, glue.reads) == (len(source) - 4, "He left.Then")
    inner = "Go {if a: in{if b: to the hatch | .} now}"
    [glue] = glued_words(inner)
    assert (glue.offset, glue.reads) == (inner.index("{if b"), "into the hatch")
    assert _reads("Go {if a: in {if b: to the hatch | .} now}") == []


def test_broken_markup_gives_no_glue() -> None:
    """A source the engine refuses is E180's to report; the scan never raises."""
    for source in ("it{if a: and then", "it{if a: x | y | z}", "a}b{if", "{if a b}", "x{"):
        assert glued_words(source) == []


def test_w223_at_the_fragment_in_scene_text_choice_text_and_reason(
    write_story: WriteStory,
) -> None:
    text = (
        "    text: |\n"
        "      Alexey waits by the hatch, quiet\n"
        "      as ever. You pull yourself into it{if flag.met: . He nods, | and wave} at him.\n"
    )
    scenes = SCENES.replace("    text: Alexey waits by the hatch, quiet as ever.\n", text, 1)
    scenes = scenes.replace(
        "        text: Go on through the hatch\n",
        "        text: 'Go on{if flag.met: through the hatch}'\n"
        "        when: flag.met\n"
        "        reason: 'Not yet.{if trust.alexey > 3: He shakes his head}'\n",
    )
    folder = write_story(MANIFEST.replace("[go_on]", "[]"), scenes=scenes)
    result = load_story(folder)
    lines = (folder / "scenes.yaml").read_text(encoding="utf-8").splitlines()
    found = [(Path(d.file).name, d.line, d.col) for d in result.diagnostics if d.code == "W223"]
    assert found == [
        ("scenes.yaml", 5, lines[4].index("{") + 1),
        ("scenes.yaml", 8, lines[7].index("{") + 1),
        ("scenes.yaml", 10, lines[9].index("{") + 1),
    ], [str(d) for d in result.diagnostics]
    first = next(d for d in result.diagnostics if d.code == "W223")
    assert '"yourself into itand wave"' in first.message
    assert "yourself into it {if flag.met: . He nods, | and wave} at" in first.hint
    assert not first.is_error


def test_w223_reports_the_first_ten_of_a_text_and_counts_the_rest(
    write_story: WriteStory,
) -> None:
    glues = " ".join(f"word{i}{{if flag.met: and then}}" for i in range(MAX_GLUES + 2))
    scenes = SCENES.replace(
        "    text: Alexey waits by the hatch, quiet as ever.\n", f"    text: '{glues}'\n", 1
    )
    folder = write_story(MANIFEST.replace("[go_on]", "[]"), scenes=scenes)
    found = [d for d in load_story(folder).diagnostics if d.code == "W223"]
    assert len(found) == MAX_GLUES + 1, [str(d) for d in found]
    assert all(f'word{i}and then"' in d.message for i, d in enumerate(found[:MAX_GLUES]))
    last = found[-1]
    assert last.message.startswith("and 2 more places in this text, from here on")
    line = (folder / "scenes.yaml").read_text(encoding="utf-8").splitlines()[last.line - 1]
    assert line[last.col - 1 :].startswith(f"{{if flag.met: and then}} word{MAX_GLUES + 1}")


_TOKENS = st.sampled_from(
    [
        *("word", "a", "He left.", "Go", "3", ",", ".", '"', "'", "(", ")", "…", "é"),
        *(" ", "  ", "\n", "\n\n", "*", "**", "\\", "\\{", "\\ "),
        *("{if a: ", "{if b:", "{once: ", "{ cycle :", "{alexey}", "{clock.reentry}"),
        *("|", " | ", "}", "} ", "{"),
        *("{if a: He left.}", "{once: a b}", "{if a: the big}", "{if a: | }", "{sequence: x |}"),
    ]
)


@fuzz_settings(ci_examples=400, fuzz_examples=20_000)
@given(st.lists(_TOKENS, max_size=14).map("".join))
@example("{if a: x {if b: He left.}}Then")
@example("it{if a: {if b: and then | .}}")
@example("{if a: He left.}Then")
@example("{if a: He left.}*Then*")
@example("{if a: He left.}\\Then")
@example("x {if a: | }{if b: and then}")
def test_the_quick_look_agrees_with_the_full_reading(source: str) -> None:
    """`glued_words` skips the reading of a source whose every fragment stands
    between spaces (and the like): it must find exactly what the full reading finds."""
    assert glued_words(source) == read_glues(source)
