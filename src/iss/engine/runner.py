"""The runtime API: start a game, list choices, take one.

    step = new_game(story, seed=7)
    for option in choices(story, step.state): ...
    step = choose(story, step.state, "tell_him_the_truth")

Every function is pure: it returns a new state and never mutates its input.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from iss.engine.errors import ChoiceUnavailable, StoryOver, UnknownChoice
from iss.engine.events import (
    ClockAdvanced,
    EndingReached,
    Event,
    PassedThrough,
    SceneEntered,
    TimerExpired,
)
from iss.engine.growing import extended, with_member
from iss.engine.model import RETURN, Choice, Scene, Story, record
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
    """Why it is locked ("" when available), on one line, without styles."""
    hidden: bool
    choice: Choice
    reason_spans: tuple[Span, ...] = ()
    """`reason` with its emphasis; empty when available, and for a `hidden:` choice
    that is locked (front ends do not show it, so its reason is not rendered)."""

    @property
    def plain(self) -> str:
        text = self.text  # most labels are one run of text (front ends read it every step)
        return text[0].text if len(text) == 1 else "".join([span.text for span in text])


MAX_FALLBACKS = 100
"""Fallbacks followed in a row at most; a story whose fallbacks loop rests after this many."""
NOTHING_TO_RETURN_TO = "there is nothing to return to (no `call:` is running)"


def new_game(story: Story, seed: int = 0) -> Step:
    """A fresh playthrough: the start scene entered, its effects applied."""
    draft = Draft(story, initial_state(story, seed))
    state = _enter(story, draft, story.start, (), draft.base.clock, 0)
    return _follow_fallbacks(story, Step(state, tuple(draft.events)))


def current_scene(story: Story, state: GameState) -> Scene:
    return story.scenes[state.scene]


def scene_text(story: Story, state: GameState) -> tuple[Span, ...]:
    """The current scene's text, rendered for this state."""
    return story.scenes[state.scene].text.render(state)


def offered(choice: Choice, state: GameState) -> bool:
    """False for a fallback and for a `once:` choice already taken: the player never sees them."""
    return not choice.fallback and not (choice.once and choice.key in state.taken)


def unavailable_reason(choice: Choice, state: GameState) -> str | None:
    """None when `choice` can be taken in `state` (offered or not), else why not: the
    author's `reason:` rendered for `state` (see `reason_spans`), or the engine's guess."""
    locked = _locked(choice, state)
    if locked is None:
        return None
    return "".join(span.text for span in _reason(choice, state, locked))


def reason_spans(choice: Choice, state: GameState) -> tuple[Span, ...]:
    """Why `choice` is locked in `state`, with its emphasis; () when it is open.

    The author's `reason:` is a template, rendered here for a locked choice only:
    a step that only asks whether a choice is open (`can_take`) never renders one."""
    locked = _locked(choice, state)
    return () if locked is None else _reason(choice, state, locked)


def _locked(choice: Choice, state: GameState) -> str | None:
    """None when `choice` can be taken in `state`, else the engine's reason (the first
    failing clause's guess): the cheap half of `unavailable_reason`."""
    if choice.returns and not state.calls:
        return NOTHING_TO_RETURN_TO
    if choice.when is None:
        return None
    return choice.when.failing_reason(state)


def _reason(choice: Choice, state: GameState, locked: str) -> tuple[Span, ...]:
    """The reason a locked choice shows: the author's, rendered, when its `when:` is what
    fails; else (or when it renders empty) `locked`, the engine's."""
    if choice.reason is None or (choice.returns and not state.calls):
        return (Span(locked),)
    return choice.reason.one_line(state) or (Span(locked),)


def can_take(choice: Choice, state: GameState) -> bool:
    """True when the player can take `choice` now (fallbacks are never the player's).

    `offered(choice, state) and unavailable_reason(choice, state) is None`, written
    out: random playthroughs and the explorer ask it of every choice at every step.
    """
    if choice.fallback or (choice.once and choice.key in state.taken):
        return False
    if not state.calls and choice.routes[0].scene == RETURN:
        return False
    when = choice.when
    return when is None or when.failing_reason(state) is None


def fallbacks_followed(story: Story, events: tuple[Event, ...]) -> list[tuple[str, str]]:
    """(scene, fallback id) of each fallback a step took by itself, from its events."""
    out: list[tuple[str, str]] = []
    entered = [e.scene for e in events if type(e) is SceneEntered]
    for sid in entered[:-1]:
        scene_choices = story.scenes[sid].choices
        if scene_choices and scene_choices[-1].fallback:
            out.append((sid, scene_choices[-1].id))
    return out


def choices(story: Story, state: GameState) -> list[ChoiceView]:
    """Every choice of the current scene the player may see, available or not, with a
    reason when not. Fallbacks and used-up `once:` choices are left out."""
    scene = story.scenes[state.scene]
    views = []
    for choice in scene.choices:
        if (choice.once or choice.fallback) and not offered(choice, state):
            continue
        if choice.when is None and choice.routes[0].scene != RETURN:  # open: most choices
            views.append(
                ChoiceView(choice.id, choice.text.render(state), True, "", choice.hidden, choice)
            )
            continue
        locked = _locked(choice, state)
        spans: tuple[Span, ...] = ()
        if locked is not None and not choice.hidden:
            spans = _reason(choice, state, locked)
            locked = "".join(span.text for span in spans)
        views.append(
            ChoiceView(
                choice.id,
                choice.text.render(state),
                locked is None,
                locked or "",
                choice.hidden,
                choice,
                spans,
            )
        )
    return views


def choose(story: Story, state: GameState, choice_id: str) -> Step:
    """Take a choice. Raises `UnknownChoice`, `ChoiceUnavailable` or `StoryOver`.

    When the scene it leads to has a fallback and no other choice available
    there, the fallback is taken too, and so on (see `_follow_fallbacks`).
    """
    step = _take(story, state, choice_id, extended(state.history, choice_id))
    state = step.state
    if state.ending is None:
        after = story.scenes[state.scene].choices
        if after and after[-1].fallback:
            return _follow_fallbacks(story, step)
    return step


def choose_unrecorded(story: Story, state: GameState, choice_id: str) -> Step:
    """`choose` without adding `choice_id` to the history (the new state keeps `state`'s).

    Copying the history on every step makes a replay of n choices cost n²;
    a replay takes its choices this way and attaches the whole history once
    at the end (`with_history`). Nothing in a step reads the history, so the
    states are otherwise the same.
    """
    return _follow_fallbacks(story, _take(story, state, choice_id, state.history))


def with_history(step: Step, history: tuple[str, ...]) -> Step:
    """`step` with its state's history replaced by `history`."""
    return Step(dataclasses.replace(step.state, history=history), step.events)


def _take(
    story: Story, state: GameState, choice_id: str, history: tuple[str, ...], auto: bool = False
) -> Step:
    if state.ending is not None:
        raise StoryOver(f"the story has ended ({state.ending}); there is nothing to choose")
    scene = story.scenes[state.scene]
    choice = scene.choice_index.get(choice_id)
    if choice is None:
        known = ", ".join(c.id for c in scene.choices) or "none"
        raise UnknownChoice(f"scene `{scene.id}` has no choice `{choice_id}` (choices: {known})")
    if choice.once or choice.fallback:
        if choice.fallback and not auto:
            raise ChoiceUnavailable(
                f"choice `{choice_id}` is a fallback: it is taken by itself", "a fallback"
            )
        if choice.once and choice.key in state.taken:
            raise ChoiceUnavailable(
                f"choice `{choice_id}` is once only and was taken already", "already taken"
            )
    first = choice.routes[0]
    returns = first.scene == RETURN
    if choice.when is not None or returns:
        reason = unavailable_reason(choice, state)
        if reason is not None:
            raise ChoiceUnavailable(f"choice `{choice_id}` is not available: {reason}", reason)
    draft = Draft(story, state)
    if story.tracked and choice.key in story.tracked and choice.key not in state.taken:
        draft.taken = state.taken | {choice.key}
    for effect in choice.effects:
        effect.apply(draft)
    clock, elapsed, expired = state.clock, state.elapsed, None
    if choice.minutes > 0 and story.timers:
        clock, elapsed, expired = _advance(story, draft, clock, elapsed, choice.minutes)
        draft.clock = clock  # routes read the clock after the choice's time is spent
    calls = state.calls
    if expired is not None:
        target = expired
    elif first.when is None:
        target = first.scene
    else:
        target = next(
            r.scene for r in choice.routes if r.when is None or r.when.failing_reason(draft) is None
        )
    if expired is None:
        if choice.call is not None:
            if not returns:  # `call:` with `go: return` is a tail call: no new frame
                calls = (*calls, target)
            target = choice.call
        elif returns:
            target, calls = calls[-1], calls[:-1]
    new_state = _enter(story, draft, target, history, clock, elapsed, expired is None, calls)
    return Step(new_state, tuple(draft.events))


def _follow_fallbacks(
    story: Story, step: Step, on_pass: Callable[[GameState], None] | None = None
) -> Step:
    """Take the scene's fallback while it is the only choice available (at most
    `MAX_FALLBACKS` in a row). The fallback is not added to the history: a replay
    takes it again by itself. Each scene passed through is an event for front ends to
    show, once per text: a loop of fallbacks would otherwise print it on every pass.
    `on_pass(state)` is called in each, as `Walk.on_pass` is (tests compare them)."""
    state = step.state
    scene = story.scenes[state.scene]
    if not scene.choices or not scene.choices[-1].fallback or state.ending is not None:
        return step
    events = list(step.events)
    shown: set[tuple[str, tuple[Span, ...]]] = set()
    """(scene, text) passed through already: a loop of fallbacks shows each once."""
    for _ in range(MAX_FALLBACKS):
        scene = story.scenes[state.scene]
        if state.ending is not None or not scene.choices or not scene.choices[-1].fallback:
            break
        fallback = scene.choices[-1]
        if fallback.once and fallback.key in state.taken:
            break
        if any(can_take(c, state) for c in scene.choices[:-1]):
            break
        if _locked(fallback, state) is not None:
            break
        if on_pass is not None:
            on_pass(state)
        taken = _take(story, state, fallback.id, state.history, auto=True)
        passed = (scene.id, scene.text.render(state))
        if passed not in shown:
            shown.add(passed)
            events.append(PassedThrough(*passed))
        events.extend(taken.events)
        state = taken.state
    return Step(state, tuple(events))


def replay(story: Story, choice_ids: Iterable[str], seed: int = 0) -> Step:
    """Play `choice_ids` from the start. Events are those of the last step.

    Linear in the number of choices (see `choose_unrecorded`).
    """
    return replay_route(story, choice_ids, seed)[0]


def route_choices(story: Story, choice_ids: Iterable[str], seed: int = 0) -> set[tuple[str, str]]:
    """The (scene id, choice id) pairs that playing `choice_ids` from the start takes:
    a replayed route's choices, which the record notes as taken (`Profile.note_route`)."""
    return replay_route(story, choice_ids, seed)[1]


def replay_route(
    story: Story, choice_ids: Iterable[str], seed: int = 0
) -> tuple[Step, set[tuple[str, str]]]:
    """`replay` and `route_choices` in one pass: a front end that starts a run from a
    route (`iss play --at`, a jump from the story map) needs both, and each replays."""
    history = tuple(choice_ids)
    pairs: set[tuple[str, str]] = set()
    step = new_game(story, seed)
    for choice_id in history:
        pairs.add((step.state.scene, choice_id))
        step = choose_unrecorded(story, step.state, choice_id)
    return with_history(step, history), pairs


def _advance(
    story: Story, draft: Draft, clock: Mapping[str, int], elapsed: int, minutes: int
) -> tuple[Mapping[str, int], int, str | None]:
    """Spend `minutes`: running timers count down. Returns the expiry scene if one ran out:
    of two that run out in the same spending, the one that had less left ran out first
    (on a tie, the one listed first under `clock:`)."""
    if minutes <= 0 or not story.timers:
        return clock, elapsed, None
    new_clock = dict(clock)
    first: tuple[int, str, str] | None = None
    """(minutes it had left, timer, expiry scene) of the first to run out."""
    for timer in story.timers.values():
        running = timer.running
        if running is not None:
            clauses = running.clauses
            if len(clauses) == 1:  # most timers run while one flag holds
                if not clauses[0][0](draft):
                    continue
            elif running.failing_reason(draft) is not None:
                continue
        name = timer.id
        before = new_clock[name]
        left = before - minutes
        if left <= 0:
            left = 0
            if before > 0 and timer.expires and (first is None or before < first[0]):
                first = (before, name, timer.expires)
        new_clock[name] = left
    if first is not None:
        draft.events.append(TimerExpired(first[1]))
    draft.events.append(ClockAdvanced(minutes, tuple(new_clock.items())))
    return new_clock, elapsed + minutes, None if first is None else first[2]


def _enter(
    story: Story,
    draft: Draft,
    scene_id: str,
    history: tuple[str, ...],
    clock: Mapping[str, int],
    elapsed: int,
    allow_expiry: bool = True,
    calls: tuple[str, ...] | None = None,
) -> GameState:
    """Enter `scene_id`: its `time:` first; if that runs a timer out, the expiry scene
    instead (this scene is not entered and its `do:` never applies); else its `do:`."""
    scene = story.scenes[scene_id]
    if scene.minutes > 0 and story.timers:
        clock, elapsed, expired = _advance(story, draft, clock, elapsed, scene.minutes)
        if expired is not None and allow_expiry and scene.ending is None:
            draft.clock = clock
            return _enter(story, draft, expired, history, clock, elapsed, False, calls)
    draft.clock = clock
    events = draft.events
    events.append(SceneEntered(scene_id))
    for effect in scene.effects:
        effect.apply(draft)
    if story.counted and scene_id in story.counted:
        visits = dict(draft.visits)
        visits[scene_id] = visits.get(scene_id, 0) + 1
        draft.visits = visits
    base = draft.base
    ending = scene.ending
    if ending is not None:
        events.append(EndingReached(ending))
    flags, items, taken = draft.flags, draft.items, draft.taken
    return GameState(  # `Draft.freeze`, written out: positionally, as keywords cost more
        scene_id,
        draft.trust,
        draft.crew_trust,
        base.flags if flags is base.flags else frozenset(flags),
        base.items if items is base.items else frozenset(items),
        draft.variables,
        draft.status,
        clock,
        elapsed,
        history,
        with_member(base.visited, scene_id),
        base.seed,
        ending,
        draft.visits,
        taken if type(taken) is frozenset else frozenset(taken),
        base.calls if calls is None else calls,
    )
