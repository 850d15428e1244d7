"""Unstyled text is tidied by `tidy_text`, which must agree with `tidy` byte for byte."""

from __future__ import annotations

import dataclasses
import random

from hypothesis import example, given
from hypothesis import strategies as st

from iss.authoring.loader import load_story
from iss.engine.model import Story
from iss.engine.runner import choices, choose, new_game
from iss.engine.state import GameState
from iss.engine.text import Span, Template, tidy, tidy_text
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
