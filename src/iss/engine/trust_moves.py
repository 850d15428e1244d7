"""Where each trust last moved in a playthrough, and which way.

    moves = last_moves(story, state)
    moves[("christian", None)]        # TrustMove(rose=False, scene="orders_read", visit=1)
    moves[("gordon", "nicholai")]     # the pair's trust, in `pair_members` order

A level alone can hide a move: a notice says "That costs you dearly with
Christian", and `:trust` still reads "trusting", because he started high
and has not fallen out of the band (blind readers R258 #7, R259 #1). With
the last move beside the level, the page and the screen agree.

The moves are found by replaying the history from the start (the state keeps no
trail), which is linear in the number of choices; a history the story no longer
plays (a state not rebuilt as a loaded save is) gives the moves up to where it
stops. Each move is placed at the scene whose text it follows, as the notices
place it (`iss.notices.teller`): what a choice did, at the scene where it was
chosen; what a scene's own `do:` did, at that scene. Pure: no Textual, no printing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from iss.engine.errors import EngineError
from iss.engine.events import Event, SceneEntered, TrustChanged
from iss.engine.model import Story
from iss.engine.runner import choose_unrecorded, new_game
from iss.engine.state import GameState

TrustKey = tuple[str, str | None]
"""(whose trust, None) for trust in Kira; a pair of the crew in `pair_members` order."""


@dataclass(frozen=True, slots=True)
class TrustMove:
    """The last move of one trust: up or down, and the scene it happened at (on that
    scene's `visit`th visit, which picks its title: `Scene.title_on_visit`)."""

    rose: bool
    scene: str
    visit: int = 1


def last_moves(story: Story, state: GameState) -> dict[TrustKey, TrustMove]:
    """The last move of each trust that has moved since the start of `state`'s run."""
    moves: dict[TrustKey, TrustMove] = {}
    step = new_game(story, state.seed)
    _note(moves, step.events, story.start, step.state.visits)
    for choice_id in state.history:
        before = step.state
        try:
            step = choose_unrecorded(story, before, choice_id)
        except EngineError:  # a history this story no longer plays: the moves so far
            break
        visit = before.visits.get(before.scene, 1)
        _note(moves, step.events, before.scene, step.state.visits, visit)
    return moves


def _note(
    moves: dict[TrustKey, TrustMove],
    events: Iterable[Event],
    scene: str,
    visits: Mapping[str, int],
    visit: int = 1,
) -> None:
    """Note the trust moves among `events`: at `scene` (its `visit`th visit) until a
    scene is entered, then at that scene, on its visit in `visits`."""
    for event in events:
        if isinstance(event, SceneEntered):
            scene, visit = event.scene, visits.get(event.scene, 1)
        elif isinstance(event, TrustChanged) and event.new != event.old:
            key = _key(event.character, event.other)
            moves[key] = TrustMove(event.new > event.old, scene, visit)


def told(story: Story, move: TrustMove, value: int) -> str:
    """The move as both front ends say it, beside the trust's `value` now: "last fell
    at Said Out Loud". A `value` at the top of the story's range after a rise says "at
    its height since First Night", and at the bottom after a fall "at its lowest
    since...": a choice that would raise it further changes nothing, and "last rose at
    First Night" after "With you. Whatever comes." read as the game forgetting it
    (blind reader R265 #16)."""
    title = story.scenes[move.scene].title_on_visit(move.visit)
    if move.rose and value >= story.trust_max:
        return f"at its height since {title}"
    if not move.rose and value <= story.trust_min:
        return f"at its lowest since {title}"
    return f"last {'rose' if move.rose else 'fell'} at {title}"


def _key(character: str, other: str | None) -> TrustKey:
    """Trust in Kira by whose it is; a pair in one order, as `pair_members` gives it
    (crew trust is one value per pair, `pair_key`)."""
    if other is None:
        return (character, None)
    return (character, other) if character <= other else (other, character)


__all__ = ["TrustKey", "TrustMove", "last_moves", "told"]
