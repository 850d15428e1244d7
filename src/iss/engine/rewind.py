"""Going back: rewind a playthrough, list its moments, rebuild it after a story edit.

Every function replays choice ids from the start with the state's seed, so the
result is exact and deterministic (see `GameState.history`).

    step = rewind(story, state, 1)            # undo the last choice
    step = rewind_to(story, state, 3)         # keep only the first 3 choices
    for moment in timeline(story, state): ... # each earlier choice, to go back to
    rebuilt = rebuild(story, history, seed)   # replay as far as the story still allows
"""

from __future__ import annotations

from dataclasses import dataclass

from iss.engine.errors import ChoiceUnavailable, StoryOver, UnknownChoice
from iss.engine.model import Story
from iss.engine.runner import (
    Step,
    choices,
    choose_unrecorded,
    new_game,
    replay,
    with_history,
)
from iss.engine.state import GameState


class CannotRewind(ValueError):
    """The playthrough has fewer choices than asked to undo. `str()` is for the player."""


@dataclass(frozen=True, slots=True)
class Moment:
    """An earlier choice of a playthrough: in scene `scene_id`, the player took `choice_id`.

    `index` is how many choices came before it: `rewind_to(story, state, index)`
    goes back to just before it, so the player can choose again.
    """

    index: int
    scene_id: str
    scene_title: str
    choice_id: str
    choice_text: str


@dataclass(frozen=True, slots=True)
class Rebuilt:
    """The result of `rebuild`: how far the saved choices replay in the story as it is now.

    `taken` of `total` choices replayed; `problem` says why the next one could
    not be taken (None when all of them were).
    """

    step: Step
    taken: int
    total: int
    problem: str | None

    @property
    def complete(self) -> bool:
        return self.problem is None


def rewind(story: Story, state: GameState, steps: int = 1) -> Step:
    """Undo the last `steps` choices. Raises `CannotRewind` when there are not that many."""
    if steps < 1:
        raise CannotRewind("Give a number of choices to go back, 1 or more.")
    if steps > len(state.history):
        if not state.history:
            raise CannotRewind("There is nothing to undo: no choice has been made yet.")
        most = len(state.history)
        raise CannotRewind(
            f"You can go back at most {most} choice{'' if most == 1 else 's'} in this playthrough."
        )
    return rewind_to(story, state, len(state.history) - steps)


def rewind_to(story: Story, state: GameState, index: int) -> Step:
    """The playthrough as it was after its first `index` choices, ready to choose again."""
    if not 0 <= index <= len(state.history):
        raise CannotRewind(f"This playthrough has no moment {index}.")
    return replay(story, state.history[:index], state.seed)


def timeline(story: Story, state: GameState) -> list[Moment]:
    """Every choice of the playthrough so far, in order, with where it was taken."""
    moments: list[Moment] = []
    step = new_game(story, state.seed)
    for index, choice_id in enumerate(state.history):
        scene = story.scenes[step.state.scene]
        text = next((v.plain for v in choices(story, step.state) if v.id == choice_id), choice_id)
        moments.append(Moment(index, scene.id, scene.title_in(step.state.visits), choice_id, text))
        step = choose_unrecorded(story, step.state, choice_id)
    return moments


def rebuild(story: Story, history: tuple[str, ...], seed: int) -> Rebuilt:
    """Replay `history` from the start, stopping before the first choice that no longer works.

    Linear in the length of `history` (see `runner.choose_unrecorded`).
    """
    step = new_game(story, seed)
    for taken, choice_id in enumerate(history):
        scene = story.scenes[step.state.scene]
        try:
            step = choose_unrecorded(story, step.state, choice_id)
        except UnknownChoice:
            problem = f"choice `{choice_id}` no longer exists in scene `{scene.id}`"
        except ChoiceUnavailable as exc:
            problem = f"choice `{choice_id}` in scene `{scene.id}` is not open now ({exc.reason})"
        except StoryOver:
            problem = f"the story now ends in scene `{scene.id}` before choice `{choice_id}`"
        else:
            continue
        return Rebuilt(with_history(step, history[:taken]), taken, len(history), problem)
    return Rebuilt(with_history(step, tuple(history)), len(history), len(history), None)
