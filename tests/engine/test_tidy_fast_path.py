"""Unstyled text is tidied by `tidy_text`, which must agree with `tidy` byte for byte."""

from __future__ import annotations

import dataclasses
import random

from hypothesis import example, given
from hypothesis import strategies as st

from iss.authoring.loader import load_story
from iss.engine.expressions import Names
from iss.engine.model import Story
from iss.engine.runner import choices, choose, new_game
from iss.engine.spans import tidy_inside, tidy_seams
from iss.engine.state import GameState
from iss.engine.template import Interpolation, seamed
from iss.engine.text import Span, Template, compile_template, tidy, tidy_text
from iss.paths import bundled_story_dir

text_st = st.text(alphabet=st.sampled_from(list("ab .,;:!?)(\n\t\r \u00a0\u2028x")), max_size=40)


def reference(text: str) -> str:
    return "".join(span.text for span in tidy([Span(text)]))


@given(st.lists(text_st, max_size=6))
@example(["", " \n ", "a", " .", "\n\n", " ", "b", "  ,"])
@example(["a\n", " \n", "  ", ". b"])
def test_tidy_text_matches_tidy_for_unstyled_spans(parts: list[str]) -> None:
    expected = "".join(span.text for span in tidy([Span(p) for p in parts]))
    assert tidy_text("".join(parts)) == expected
    assert tidy_text("".join(parts)) == reference("".join(parts))


@given(st.lists(text_st, max_size=8))
@example(["a\n\n", "\n\nb"])
@example(["a ", ". b"])
@example(["a\n\n", "", "b"])
@example(["", "\n\n", ""])
@example(["a\n\n", ",b"])
def test_tidy_seams_is_tidy_text_for_pieces_tidy_inside(parts: list[str]) -> None:
    """A render that tidies only where its pieces meet gives the bytes `tidy_text` does."""
    joined = tidy_seams(parts)
    if all(tidy_inside(p) for p in parts):
        assert joined is None or joined == tidy_text("".join(parts))
        if joined is None:  # it declines only where tidying is needed
            assert tidy_text("".join(parts)) != "".join(parts)


@given(st.lists(st.sampled_from(["a", "b.", " ", "\n\n", ",", "c d", ""]), max_size=6))
def test_tidy_seams_declines_only_what_needs_tidying(parts: list[str]) -> None:
    if all(tidy_inside(p) for p in parts) and tidy_seams(parts) is None:
        assert tidy_text("".join(parts)) != "".join(parts)


value_st = st.one_of(st.integers(-1000, 1000), text_st)


@given(value_st, value_st, st.booleans())
@example("  x ", ", y", True)
@example(-5, "", False)
def test_templates_tidied_at_their_seams_render_as_tidied_whole(
    left: int | str, right: int | str, flag: bool
) -> None:
    template = compile_template(
        "Lead.\n\n{if flag.f: One {left}. | Two}{right}, tail {if flag.g: x}",
        names=_names(),
    )
    assert seamed(template.pieces)
    state = GameState(
        scene="s",
        flags=frozenset({"f"} if flag else ()),
        variables={"left": left, "right": right},
    )
    assert template.render(state) == _reference_render(template, state)


def _names() -> Names:
    return Names(flags=frozenset({"f", "g"}), variables={"left": "text", "right": "text"})


def _reference_render(template: Template, state: GameState) -> tuple[Span, ...]:
    return dataclasses.replace(template, styled=True).render(state)


def _check(story: Story, state: GameState) -> int:
    scene = story.scenes[state.scene]
    checked = 0
    for template in (scene.text, *(c.text for c in scene.choices)):
        assert template.render(state) == _reference_render(template, state), state.scene
        checked += 1
    return checked


def test_bundled_story_renders_the_same_on_1000_random_playthroughs() -> None:
    story = load_story(bundled_story_dir(), run_walkthroughs=False).story
    assert story is not None
    assert any(not t.styled and not t.static for s in story.scenes.values() for t in (s.text,))
    pick = random.Random(2026)
    checked = 0
    for _ in range(1000):
        state = new_game(story, seed=pick.randrange(1 << 30)).state
        checked += _check(story, state)
        while not state.over:
            open_ = [v.id for v in choices(story, state) if v.available]
            if not open_:
                break
            state = choose(story, state, pick.choice(open_)).state
            checked += _check(story, state)
    assert checked > 20_000


def test_two_templates_of_one_source_are_each_tidied_by_their_own_pieces() -> None:
    """Whether a render may tidy only at the seams is learnt per template's pieces, not
    per source text: a template built with other pieces is tidied by what it holds."""
    value = Interpolation("x", lambda state: 1, False)
    tidy_already = Template("same", ("a ", value, "."), frozenset(), False, True)
    untidy = Template("same", ("a  ", value, " ."), frozenset(), False, True)
    state = GameState(scene="s")
    for template in (tidy_already, untidy, tidy_already, untidy):
        assert template.plain(state) == "a 1."
