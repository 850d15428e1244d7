"""A locked choice's `reason:` is a template, rendered for the state it is shown in:
`{if ...}` fragments, names, clocks, emphasis and variations, on one line; rendered only
for a locked choice a front end shows."""

from __future__ import annotations

from dataclasses import replace

import pytest

from iss.authoring.explore import play_randomly
from iss.engine import ChoiceUnavailable, choices, choose, new_game, replay
from iss.engine.model import Story
from iss.engine.runner import ChoiceView, reason_spans, unavailable_reason
from iss.engine.template import Interpolation
from iss.engine.text import Span, Template
from tests.conftest import WriteStory, load_ok

SCENES = """\
scenes:
  a:
    title: A
    text: Start.
    choices:
      - id: greet
        text: Greet Alexey
        do: flag.met = true
        go: hatch
      - id: wait
        text: Wait
        time: 30m
        go: hatch
  hatch:
    title: Hatch
    text: The hatch.
    choices:
      - id: open
        text: Open the hatch
        when: trust.alexey >= 9
        go: b
        reason: "{if flag.met: {alexey} heard you out, but *not yet*. | You never even
          said hello to {alexey}.} {clock.reentry} left."
      - id: plain
        text: Force it
        when: has.key
        reason: The lock holds without Weronika's key.
        go: b
      - id: guessed
        text: Ask Nicholai
        when: trust.nicholai >= 9
        go: b
      - id: secret
        text: The secret way
        when: trust.alexey >= 9
        hidden: true
        reason: "{alexey} must never see this."
        go: b
      - id: again
        text: Knock again
        time: 10m
        go: hatch
  b:
    title: B
    text: End.
    ending: good
  burn:
    title: Burn
    text: Fire.
    ending: burn
"""


def _story(write_story: WriteStory, scenes: str = SCENES) -> Story:
    return load_ok(write_story(scenes=scenes))


def _views(story: Story, *route: str) -> dict[str, ChoiceView]:
    state = replay(story, route).state
    return {v.id: v for v in choices(story, state)}


def test_the_reason_depends_on_the_route(write_story: WriteStory) -> None:
    story = _story(write_story)
    greeted = _views(story, "greet")["open"]
    waited = _views(story, "wait")["open"]
    assert greeted.reason == "Alexey heard you out, but not yet. 2h left."
    assert waited.reason == "You never even said hello to Alexey. 1h 30m left."


def test_emphasis_in_a_reason_reaches_front_ends_as_spans(write_story: WriteStory) -> None:
    story = _story(write_story)
    view = _views(story, "greet")["open"]
    assert view.reason_spans == (
        Span("Alexey heard you out, but "),
        Span("not yet", "em"),
        Span(". 2h left."),
    )


def test_a_plain_reason_and_a_guessed_one_are_as_before(write_story: WriteStory) -> None:
    story = _story(write_story)
    views = _views(story, "wait")
    assert views["plain"].reason == "The lock holds without Weronika's key."
    assert views["guessed"].reason == "Nicholai doesn't trust you enough"
    assert views["again"].reason == ""


def test_taking_a_locked_choice_says_the_rendered_reason(write_story: WriteStory) -> None:
    story = _story(write_story)
    state = replay(story, ["greet"]).state
    with pytest.raises(ChoiceUnavailable) as info:
        choose(story, state, "open")
    assert info.value.reason == "Alexey heard you out, but not yet. 2h left."
    assert unavailable_reason(story.scenes["hatch"].choice_index["open"], state) == (
        info.value.reason
    )


def test_a_variation_in_a_reason_reads_the_visits_of_its_scene(write_story: WriteStory) -> None:
    scenes = SCENES.replace(
        "reason: The lock holds without Weronika's key.",
        'reason: "{sequence: Locked. | Still locked. | Locked, as ever.}"',
    )
    story = _story(write_story, scenes)
    assert "hatch" in story.counted  # a reason's variation makes the visits count
    said = [_views(story, "wait", *["again"] * n)["plain"].reason for n in range(4)]
    assert said == ["Locked.", "Still locked.", "Locked, as ever.", "Locked, as ever."]


def test_a_reason_with_paragraphs_shows_on_one_line(write_story: WriteStory) -> None:
    scenes = SCENES.replace(
        "reason: The lock holds without Weronika's key.",
        'reason: "The lock holds.\\n\\nIt *will* hold."',
    )
    story = _story(write_story, scenes)
    view = _views(story, "wait")["plain"]
    assert view.reason == "The lock holds. It will hold."
    assert all("\n" not in span.text for span in view.reason_spans)


def test_a_reason_that_renders_empty_falls_back_to_the_guess(write_story: WriteStory) -> None:
    scenes = SCENES.replace(
        "reason: The lock holds without Weronika's key.",
        'reason: "{if flag.met: You need the key Alexey mentioned.}"',
    )
    story = _story(write_story, scenes)
    assert _views(story, "wait")["plain"].reason == "You need Weronika's key"
    assert _views(story, "greet")["plain"].reason == "You need the key Alexey mentioned."


def _counting(story: Story, calls: list[int]) -> Story:
    """`story` with every author reason replaced by one that counts its renderings."""

    def read(state: object) -> str:
        calls.append(1)
        return "counted"

    reason = Template("{x}", (Interpolation("x", read, False),), dynamic=True, styled=False)
    scenes = {}
    for sid, scene in story.scenes.items():
        new = tuple(replace(c, reason=reason) if c.reason else c for c in scene.choices)
        scenes[sid] = replace(scene, choices=new, choice_index={c.id: c for c in new})
    return replace(story, scenes=scenes)


def test_reasons_are_rendered_only_for_shown_locked_choices(write_story: WriteStory) -> None:
    calls: list[int] = []
    story = _counting(_story(write_story), calls)
    play_randomly(story, 50, seed=1)
    step = choose(story, choose(story, new_game(story).state, "greet").state, "again")
    assert calls == []  # random play and taking open choices render none
    views = {v.id: v for v in choices(story, step.state)}
    assert len(calls) == 2  # `open` and `plain`: `secret` is hidden while locked
    assert views["secret"].reason_spans == ()
    assert views["secret"].reason == "Alexey doesn't trust you enough"
    assert reason_spans(story.scenes["hatch"].choice_index["secret"], step.state) == (
        Span("counted"),
    )
