"""The runtime API: start a game, list choices, take one.

    step = new_game(story, seed=7)
    for option in choices(story, step.state): ...
    step = choose(story, step.state, "tell_him_the_truth")

Every function is pure: it returns a new state and never mutates its input.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from iss.engine.errors import ChoiceUnavailable, StoryOver, UnknownChoice
from iss.engine.events import (
    ClockAdvanced,
    EndingReached,
    Event,
    SceneEntered,
    TimerExpired,
)
from iss.engine.growing import extended, with_member
from iss.engine.model import Choice, Effect, Scene, Story, record
from iss.engine.state import Draft, GameState, initial_state
from iss.engine.text import Span


@record
class Step:
    """The result of a step: the new state and what happened, in order."""

    state: GameState
    events: tuple[Event, ...]


@dataclass(frozen=True, slots=True)
class ChoiceView:
    """A choice as a front end sees it in a given state."""

    id: str
    text: tuple[Span, ...]
    available: bool
    reason: str
    hidden: bool
    choice: Choice

    @property
    def plain(self) -> str:
        return "".join(span.text for span in self.text)


def new_game(story: Story, seed: int = 0) -> Step:
    """A fresh playthrough: the start scene entered, its effects applied."""
    draft = Draft(story, initial_state(story, seed))
    state = _enter(story, draft, story.start, (), draft.base.clock, 0)
    return Step(state, tuple(draft.events))


def current_scene(story: Story, state: GameState) -> Scene:
    return story.scenes[state.scene]


def scene_text(story: Story, state: GameState) -> tuple[Span, ...]:
    """The current scene's text, rendered for this state."""
    return story.scenes[state.scene].text.render(state)


def choices(story: Story, state: GameState) -> list[ChoiceView]:
    """Every choice of the current scene, available or not, with a reason when not."""
    scene = story.scenes[state.scene]
    views = []
    for choice in scene.choices:
        reason = None if choice.when is None else choice.when.failing_reason(state)
        if reason is not None and choice.reason:
            reason = choice.reason
        views.append(
            ChoiceView(
                choice.id,
                choice.text.render(state),
                reason is None,
                reason or "",
                choice.hidden,
                choice,
            )
        )
    return views


def choose(story: Story, state: GameState, choice_id: str) -> Step:
    """Take a choice. Raises `UnknownChoice`, `ChoiceUnavailable` or `StoryOver`."""
    return _take(story, state, choice_id, extended(state.history, choice_id))


def choose_unrecorded(story: Story, state: GameState, choice_id: str) -> Step:
    """`choose` without adding `choice_id` to the history (the new state keeps `state`'s).

    Copying the history on every step makes a replay of n choices cost n²;
    a replay takes its choices this way and attaches the whole history once
    at the end (`with_history`). Nothing in a step reads the history, so the
    states are otherwise the same.
    """
    return _take(story, state, choice_id, state.history)


def with_history(step: Step, history: tuple[str, ...]) -> Step:
    """`step` with its state's history replaced by `history`."""
    return Step(dataclasses.replace(step.state, history=history), step.events)


def _take(story: Story, state: GameState, choice_id: str, history: tuple[str, ...]) -> Step:
    if state.ending is not None:
        raise StoryOver(f"the story has ended ({state.ending}); there is nothing to choose")
    scene = story.scenes[state.scene]
    choice = scene.choice_index.get(choice_id)
    if choice is None:
        known = ", ".join(c.id for c in scene.choices) or "none"
        raise UnknownChoice(f"scene `{scene.id}` has no choice `{choice_id}` (choices: {known})")
    if choice.when is not None:
        reason = choice.when.failing_reason(state)
        if reason is not None:
            raise ChoiceUnavailable(
                f"choice `{choice_id}` is not available: {choice.reason or reason}",
                choice.reason or reason,
            )
    draft = Draft(story, state)
    _apply(draft, choice.effects)
    clock, elapsed, expired = _advance(story, draft, state.clock, state.elapsed, choice.minutes)
    draft.clock = clock  # routes read the clock after the choice's time is spent
    if expired is not None:
        target = expired
    elif choice.routes[0].when is None:
        target = choice.routes[0].scene
    else:
        view = draft.view()
        target = next(
            r.scene for r in choice.routes if r.when is None or r.when.failing_reason(view) is None
        )
    new_state = _enter(story, draft, target, history, clock, elapsed, allow_expiry=expired is None)
    return Step(new_state, tuple(draft.events))


def replay(story: Story, choice_ids: Iterable[str], seed: int = 0) -> Step:
    """Play `choice_ids` from the start. Events are those of the last step.

    Linear in the number of choices (see `choose_unrecorded`).
    """
    history = tuple(choice_ids)
    step = new_game(story, seed)
    for choice_id in history:
        step = choose_unrecorded(story, step.state, choice_id)
    return with_history(step, history)


def _apply(draft: Draft, effects: tuple[Effect, ...]) -> None:
    for effect in effects:
        effect.apply(draft)


def _advance(
    story: Story, draft: Draft, clock: Mapping[str, int], elapsed: int, minutes: int
) -> tuple[Mapping[str, int], int, str | None]:
    """Spend `minutes`: running timers count down. Returns the expiry scene if one ran out."""
    if minutes <= 0 or not story.timers:
        return clock, elapsed, None
    new_clock = dict(clock)
    expired: str | None = None
    for timer in story.timers.values():
        running = timer.running
        if running is not None and running.failing_reason(draft) is not None:
            continue
        left = max(0, new_clock[timer.id] - minutes)
        if left == 0 and new_clock[timer.id] > 0 and timer.expires and expired is None:
            draft.events.append(TimerExpired(timer.id))
            expired = timer.expires
        new_clock[timer.id] = left
    draft.events.append(ClockAdvanced(minutes, tuple(new_clock.items())))
    return new_clock, elapsed + minutes, expired


def _enter(
    story: Story,
    draft: Draft,
    scene_id: str,
    history: tuple[str, ...],
    clock: Mapping[str, int],
    elapsed: int,
    allow_expiry: bool = True,
) -> GameState:
    """Enter `scene_id`: its `time:` first; if that runs a timer out, the expiry scene
    instead (this scene is not entered and its `do:` never applies); else its `do:`."""
    scene = story.scenes[scene_id]
    new_clock, elapsed, expired = _advance(story, draft, clock, elapsed, scene.minutes)
    draft.clock = new_clock
    if expired is not None and allow_expiry and scene.ending is None:
        return _enter(story, draft, expired, history, new_clock, elapsed, allow_expiry=False)
    draft.events.append(SceneEntered(scene_id))
    _apply(draft, scene.effects)
    visited = with_member(draft.base.visited, scene_id)
    if scene.ending is not None:
        draft.events.append(EndingReached(scene.ending))
    return draft.freeze(scene_id, history, new_clock, elapsed, visited, scene.ending)
