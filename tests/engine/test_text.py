"""Scene text: interpolation, conditional fragments, emphasis, and inert markup."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from iss.engine.errors import ExpressionError
from iss.engine.expressions import Names
from iss.engine.state import GameState
from iss.engine.text import CONDITION_HEAD, Span, compile_template, count_key, count_words

NAMES = Names(
    characters={"alexey": "Alexey"},
    crew=frozenset({"alexey"}),
    flags=frozenset({"x"}),
    timers=frozenset({"reentry"}),
)


def state(trust: int = 5, flags: frozenset[str] = frozenset()) -> GameState:
    return GameState(scene="s", trust={"alexey": trust}, flags=flags, clock={"reentry": 95})


def test_interpolation_and_clock_format() -> None:
    text = compile_template("{alexey} has {clock.reentry} left.", NAMES)
    assert text.plain(state()) == "Alexey has 1h 35m left."


def test_conditional_fragments_nest() -> None:
    text = compile_template(
        "{if trust.alexey >= 5: He nods. | He {if flag.x: glares|stares}.}", NAMES
    )
    assert text.plain(state(5)) == "He nods."
    assert text.plain(state(1)) == "He stares."
    assert text.plain(state(1, frozenset({"x"}))) == "He glares."


def test_emphasis_becomes_styled_spans() -> None:
    text = compile_template("a *b* **c** d", NAMES)
    assert text.render(state()) == (
        Span("a "),
        Span("b", "em"),
        Span(" "),
        Span("c", "strong"),
        Span(" d"),
    )


def test_escapes_and_paragraphs() -> None:
    text = compile_template("one\ntwo \\*star\\* \\{x\\}\n\nthree", NAMES)
    assert text.plain(state()) == "one two *star* {x}\n\nthree"


@pytest.mark.parametrize(
    "source",
    [
        "[@click=app.quit]Quit[/]",
        "[link=https://example.com]x[/link]",
        "[bold red]loud[/]",
        "\x1b[31mred",
    ],
)
def test_terminal_markup_in_story_text_is_plain_text(source: str) -> None:
    text = compile_template(source, NAMES)
    assert text.render(state()) == (Span(source),)


@pytest.mark.parametrize(
    ("source", "fragment"),
    [
        ("an *open emphasis", "never closed"),
        ("{alexey", "never closed"),
        ("{if trust.alexey > 1 no colon}", "needs a `:`"),
        ("{nobody}", "unknown name"),
        ("a } b", "no `{`"),
    ],
)
def test_broken_templates_raise(source: str, fragment: str) -> None:
    with pytest.raises(ExpressionError, match=fragment):
        compile_template(source, NAMES)


def test_word_count_counts_every_branch_once() -> None:
    assert count_words("{if trust.alexey > 3: Two words | three more words} end") == 6


def test_fragments_that_render_empty_leave_no_stray_whitespace() -> None:
    text = compile_template(
        "One. {if flag.x: Two.} Three.\n\n{if flag.x: Hidden paragraph.}\n\nFour *{if flag.x: x}* five.",
        NAMES,
    )
    assert text.plain(state()) == "One. Three.\n\nFour five."
    assert (
        text.plain(state(flags=frozenset({"x"})))
        == "One. Two. Three.\n\nHidden paragraph.\n\nFour x five."
    )


def test_spaces_inside_fragments_are_kept_and_tidied() -> None:
    text = compile_template(
        "{if trust.alexey > 1: He nods. }{if trust.alexey > 2: He smiles.}", NAMES
    )
    assert text.plain(state()) == "He nods. He smiles."
    assert compile_template("A {if flag.x: b | c } d", NAMES).plain(state()) == "A c d"


def test_no_space_before_closing_punctuation() -> None:
    text = compile_template(
        "the one {if flag.x: he kept | you never saw}: a door {if flag.x: here}.", NAMES
    )
    assert text.plain(state()) == "the one you never saw: a door."
    assert text.plain(state(flags=frozenset({"x"}))) == "the one he kept: a door here."


@pytest.mark.parametrize(
    "source",
    [
        "{alexey}'s hand. {clock.reentry} left — go.",
        "He{if flag.x: glares| stares}.{if trust.alexey >= 5:  Then *he* nods.}",
        "*Hold*{alexey}, {if flag.x: now} — and -- wait \\{x\\}.",
        "A{if trust.alexey >= 5: b|}{if flag.x: c|}d e",
        "{if flag.x: |x}{alexey}",
        "",
    ],
)
def test_words_shown_match_the_rendered_text(source: str) -> None:
    text = compile_template(source, NAMES)
    for s in (state(5), state(1, frozenset({"x"})), state(9, frozenset({"x"}))):
        shown = [w for w in text.plain(s).split() if any(c.isalnum() for c in w)]
        assert text.word_count(s) == len(shown), text.plain(s)


@pytest.mark.parametrize(
    "source",
    [
        "{alexey}'s hand. {clock.reentry} left — go.",
        "He{if flag.x: glares| stares}.{if trust.alexey >= 5:  Then *he* nods.}",
        "A{if trust.alexey >= 5: b|}{if flag.x: c|}d e",
        "Plain text with no switch.",
    ],
)
def test_states_with_one_count_key_show_as_many_words(source: str) -> None:
    """`count_key` may tell states apart that count alike, never the other way round."""
    text = compile_template(source, NAMES)
    key_of = count_key(text)
    assert key_of is not None
    counts: dict[tuple[object, ...], set[int]] = {}
    for minutes in (-5, 0, 30, 60, 95, 120, 600, 601):
        for trust in (1, 5, 9):
            for flags in (frozenset(), frozenset({"x"})):
                s = GameState(
                    scene="s", trust={"alexey": trust}, flags=flags, clock={"reentry": minutes}
                )
                counts.setdefault(key_of(s), set()).add(text.word_count(s))
    assert all(len(found) == 1 for found in counts.values()), counts
    assert len(counts) > 1 or "switch" in source


def test_count_key_tells_apart_the_visits_that_show_different_variation_items() -> None:
    """A key equal for two visits means the same items (the read share caches by it)."""
    text = compile_template("{cycle: One two. | Three.} {once: Four. | Five six.}", NAMES)
    key_of = count_key(text)
    assert key_of is not None
    shown: dict[tuple[object, ...], set[str]] = {}
    for visit in range(1, 7):
        s = GameState(scene="s", visits={"s": visit})
        shown.setdefault(key_of(s), set()).add(text.plain(s))
    assert all(len(texts) == 1 for texts in shown.values()), shown
    assert len(shown) == 4  # one four, three five six, then one or three alone


def _words_by_splitting(source: str) -> int:
    """`count_words` as it was: one string per word (`str.split`)."""
    if "{" in source:
        source = CONDITION_HEAD.sub(" ", source)
    return len(source.split()) - source.count(" | ")


@given(
    st.lists(
        st.sampled_from(["a", "bc", " ", "  ", "\n", "\n\n", "\t", "\r", " | ", "{if x: ", "}"])
        | st.characters(max_codepoint=0x7F)
        | st.characters(),
        max_size=30,
    ).map("".join)
)
def test_words_are_counted_as_splitting_counts_them(source: str) -> None:
    assert count_words(source) == _words_by_splitting(source)


def test_every_ascii_character_splits_words_as_split_does() -> None:
    for code in range(128):
        for source in (f"a{chr(code)}b", f"{chr(code)}ab", f"ab{chr(code)}", chr(code)):
            assert count_words(source) == _words_by_splitting(source), repr(source)
