"""The runtime API: choices, choose, events, clock, determinism."""

from __future__ import annotations

import pytest

from iss.engine import (
    ChoiceUnavailable,
    ClockAdvanced,
    EndingReached,
    FlagSet,
    ItemGained,
    SceneEntered,
    StoryOver,
    TimerExpired,
    TrustChanged,
    UnknownChoice,
    choices,
    choose,
    new_game,
    replay,
)
from iss.engine.model import pair_key, pair_members
from tests.conftest import TINY, WriteStory, load_ok


def test_new_game_enters_the_start_scene() -> None:
    story = load_ok(TINY)
    step = new_game(story, seed=3)
    assert step.state.scene == "hatch"
    assert step.events[0] == SceneEntered("hatch")
    assert step.state.seed == 3
    assert step.state.history == ()


def test_locked_choice_is_returned_with_a_reason() -> None:
    story = load_ok(TINY)
    state = choose(story, new_game(story).state, "wait").state
    take, _ = choices(story, state)
    assert take.id == "take_the_key"
    assert not take.available
    assert take.reason == "Alexey doesn't trust you enough"


def test_taking_a_locked_choice_raises_a_clear_engine_error() -> None:
    story = load_ok(TINY)
    state = choose(story, new_game(story).state, "wait").state
    with pytest.raises(ChoiceUnavailable, match="doesn't trust you enough") as info:
        choose(story, state, "take_the_key")
    assert info.value.reason == "Alexey doesn't trust you enough"


def test_unknown_choice_raises_and_names_the_real_ones() -> None:
    story = load_ok(TINY)
    with pytest.raises(UnknownChoice, match="ask_him, wait"):
        choose(story, new_game(story).state, "dance")


def test_choose_returns_events_in_order_and_never_mutates() -> None:
    story = load_ok(TINY)
    start = new_game(story).state
    step = choose(story, start, "ask_him")
    assert start.trust["alexey"] == 4 and start.flags == frozenset()
    assert step.events == (
        TrustChanged("alexey", None, 4, 6),
        FlagSet("asked_alexey", True),
        ClockAdvanced(10, (("reentry", 110),)),
        SceneEntered("the_key"),
    )
    step = choose(story, step.state, "take_the_key")
    assert ItemGained("key") in step.events
    assert step.events[-1] == EndingReached("home")
    assert step.state.over and step.state.ending == "home"
    with pytest.raises(StoryOver):
        choose(story, step.state, "take_the_key")


def test_wasting_time_runs_the_clock_out_into_its_expiry_scene() -> None:
    story = load_ok(TINY)
    state = choose(story, new_game(story).state, "wait").state
    step = choose(story, state, "keep_waiting")
    assert TimerExpired("reentry") in step.events
    assert step.state.scene == "burning_up"
    assert step.state.ending == "burn"
    assert step.state.clock["reentry"] == 0
    assert step.state.elapsed == 180


def test_same_story_seed_and_choices_give_the_same_states() -> None:
    story = load_ok(TINY)
    first = replay(story, ["ask_him", "take_the_key"], seed=9).state
    second = replay(story, ["ask_him", "take_the_key"], seed=9).state
    assert first == second
    assert first.history == ("ask_him", "take_the_key")


def test_trust_and_variables_are_clamped(write_story: WriteStory) -> None:
    folder = write_story(
        scenes="""\
        scenes:
          a:
            text: Start.
            choices:
              - text: Push
                do: [trust.alexey += 50, allegiance -= 99, trust.alexey.nicholai -= 40]
                go: b
          b: {text: End., ending: good}
          burn: {text: Fire., ending: burn}
        """
    )
    story = load_ok(folder)
    state = choose(story, new_game(story).state, "push").state
    assert state.trust["alexey"] == 10
    assert state.variables["allegiance"] == -5
    assert state.crew_trust["alexey-nicholai"] == 0


def test_routes_pick_the_first_that_holds(write_story: WriteStory) -> None:
    folder = write_story(
        scenes="""\
        scenes:
          a:
            text: Start.
            choices:
              - text: Ask
                go:
                  - {when: trust.alexey >= 5, go: b}
                  - c
              - text: Charm him
                do: trust.alexey += 3
                go:
                  - {when: trust.alexey >= 5, go: b}
                  - c
          b: {text: Yes., ending: good}
          c: {text: No., ending: burn}
          burn: {text: Fire., ending: burn}
        """
    )
    story = load_ok(folder)
    assert choose(story, new_game(story).state, "ask").state.scene == "c"
    assert choose(story, new_game(story).state, "charm_him").state.scene == "b"


def test_timer_with_a_while_condition_only_runs_while_it_holds(write_story: WriteStory) -> None:
    manifest = """\
    title: T
    start: a
    characters:
      kira: {name: Kira, player: true}
      alexey: {name: Alexey, trust: 5}
    flags: {fans_off: }
    clock:
      air: {label: air left, start: 1h, while: flag.fans_off, expires: gone}
    endings:
      gone: {title: Gone, kind: failure, canonical: true}
    """
    scenes = """\
    scenes:
      a:
        text: Fans hum.
        choices:
          - {text: Wait a long time, time: 5h, go: a}
          - {text: Cut the fans, do: flag.fans_off = true, go: b}
      b:
        text: Silence.
        choices:
          - {text: Wait, time: 30m, go: b}
      gone: {text: Dark., ending: gone}
    """
    story = load_ok(write_story(manifest, scenes=scenes))
    state = choose(story, new_game(story).state, "wait_a_long_time").state
    assert state.clock["air"] == 60 and state.scene == "a"
    state = choose(story, state, "cut_the_fans").state
    state = choose(story, state, "wait").state
    assert state.clock["air"] == 30
    state = choose(story, state, "wait").state
    assert state.ending == "gone"


def test_status_and_seen_are_tracked(write_story: WriteStory) -> None:
    folder = write_story(
        scenes="""\
        scenes:
          a:
            text: Start.
            choices:
              - {text: Lose him, do: status.alexey = dead, go: b}
          b:
            text: "{if dead.alexey: Gone.} {if seen.a: You were here.}"
            choices:
              - {text: Mourn, when: dead.alexey and seen.a, go: c}
          c: {text: End., ending: good}
          burn: {text: Fire., ending: burn}
        """
    )
    story = load_ok(folder)
    state = choose(story, new_game(story).state, "lose_him").state
    assert state.status["alexey"] == "dead"
    assert story.scenes["b"].text.plain(state) == "Gone. You were here."
    assert choose(story, state, "mourn").state.ending == "good"


def test_a_pair_key_splits_back_into_its_two_members() -> None:
    """Trust between two of the crew is kept under one key, whichever is named first;
    the panels and events read the two ids back out of it."""
    key = pair_key("weronika", "christian")
    assert key == pair_key("christian", "weronika") == "christian-weronika"
    assert pair_members(key) == ("christian", "weronika")
