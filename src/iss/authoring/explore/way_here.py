"""What led here: the choices of one playthrough that kept its ending in reach.

    kept = what_led_here(story, state.history, seed=state.seed)
    led_here(story, kept, weighed)    # Told lines (scene title, line, index), for the ending

`what_mattered` tells what else a run lost: a choice counts there when it
closed off another ending. That list leaves out the way here: One Crew's named
only its last choices, not "We tell them", without which One Crew was out of
reach (blind reader R95 #8). A choice counts here when another choice available
at that point would have put the run's own ending out of reach, which the proof
pass from the state after that other choice shows (a proof, never a guess).

Before that pass, a walk through the real engine from the other choice's state
heads for the ending by the fewest `go:` steps (`steps_to`, conditions left
aside): a walk that gets there shows the ending still in reach, as the pass would
(the walk is a witness), and costs a few dozen steps where the pass from an act-1
state visits hundreds of scenes. Only where no walk gets there does the pass
decide, so the answers are the same as with the pass alone.
Pure: no Textual, no printing; the UI and the plain mode show it.
"""

from __future__ import annotations

import random
import time
from collections import deque
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass

from iss.authoring.explore.allowance import WEIGH_WORK, Allowance
from iss.authoring.explore.mattered import (
    SHOWN,
    Mattered,
    Told,
    choice_as_read,
    run_states,
)
from iss.authoring.explore.proof import prove
from iss.authoring.explore.relevance import Relevance
from iss.authoring.explore.wording import quoted_choice, you_chose
from iss.engine.model import Story
from iss.engine.runner import can_take, choose_unrecorded
from iss.engine.state import GameState

WITNESS_STEPS = 150
"""Choices a witness walk takes at most before the proof pass decides instead."""


@dataclass(frozen=True, slots=True)
class Kept:
    """A choice that kept the run's own ending in reach: another choice of that scene
    would have put it out of reach (a proof, as for `Turn.closed`)."""

    index: int
    scene: str
    choice: str
    said: str
    """The choice's text as the player read it."""
    others: tuple[str, ...]
    """The other choices, as the player read them, after which the ending was out of reach."""
    title: str = ""
    """The scene's title at that visit, as the player read it ("": its first title)."""


def what_led_here(
    story: Story,
    history: tuple[str, ...],
    seed: int = 0,
    time_limit: float | None = None,
    clock: Callable[[], float] = time.perf_counter,
    work: int = WEIGH_WORK,
) -> tuple[Kept, ...]:
    """The choices of a run that kept its ending in reach, in the order played (see the
    module docstring). Weighed from the last choice back, spending at most `work`
    (`Allowance`: counted, so the same everywhere) and `time_limit` seconds (a safety
    net; None: `WEIGH_SECONDS`); the choices not weighed by then are left out."""
    allowance = Allowance.of(work, time_limit, clock)
    states = run_states(story, history, seed)
    ending = states[-1].ending
    if ending is None:
        return ()
    relevance = Relevance(story)
    steps = steps_to(story, ending)
    kept: list[Kept] = []
    for index in range(len(states) - 2, -1, -1):
        state, taken = states[index], history[index]
        others = []
        for choice in story.scenes[state.scene].choices:
            if choice.id == taken or not can_take(choice, state):
                continue
            if allowance.spent:
                return tuple(reversed(kept))
            after = choose_unrecorded(story, state, choice.id).state
            if after.ending is not None:
                reached = {after.ending}
            elif _walks_to(story, after, ending, steps, allowance, f"{index}:{choice.id}"):
                reached = {ending}
            else:
                proof = prove(
                    story,
                    relevance,
                    allowance.proof_deadline,
                    start=after,
                    max_visits=allowance.left,
                    stuck=False,
                    first_reached=True,
                    until=ending,
                )
                allowance.spend(proof.visits)
                if ending not in proof.endings and not proof.complete:
                    return tuple(reversed(kept))
                reached = proof.endings
            if ending not in reached:
                others.append(choice_as_read(story, state, choice.id))
        if others:
            said = choice_as_read(story, state, taken)
            title = story.scenes[state.scene].title_in(state.visits)
            kept.append(Kept(index, state.scene, taken, said, tuple(others), title))
    return tuple(reversed(kept))


def steps_to(story: Story, ending: str) -> dict[str, int]:
    """The fewest choices from each scene to a scene of `ending`, by every `go:` of
    every choice, its conditions left aside (scenes that never get there are left out)."""
    into: dict[str, set[str]] = {}
    for scene in story.scenes.values():
        for choice in scene.choices:
            for route in choice.routes:
                into.setdefault(route.scene, set()).add(scene.id)
    steps = {sid: 0 for sid, scene in story.scenes.items() if scene.ending == ending}
    queue = deque(steps)
    while queue:
        here = queue.popleft()
        for there in into.get(here, ()):
            if there not in steps:
                steps[there] = steps[here] + 1
                queue.append(there)
    return steps


def _walks_to(
    story: Story,
    start: GameState,
    ending: str,
    steps: Mapping[str, int],
    allowance: Allowance,
    seed: str,
) -> bool:
    """Whether a walk from `start`, each choice the open one with the fewest `steps`
    left (ties drawn with `seed`), reaches `ending`; each step spends a unit."""
    rng = random.Random(seed)
    state = start
    far = len(story.scenes)
    for _ in range(WITNESS_STEPS):
        if state.ending is not None:
            return state.ending == ending
        if allowance.spent:
            return False
        allowance.spend(1)
        scene = story.scenes[state.scene]
        options = [c for c in scene.choices if can_take(c, state)]
        if not options:
            return False
        left = {c.id: min(steps.get(r.scene, far) for r in c.routes) for c in options}
        nearest = min(left.values())
        pick = rng.choice([c.id for c in options if left[c.id] == nearest])
        state = choose_unrecorded(story, state, pick).state
    return False


LED_SHOWN = 3
"""Choices "What led here" shows at most: the earliest that kept the ending in reach."""


def led_here(
    story: Story,
    kept: Collection[Kept],
    weighed: Mattered | None = None,
    shown: int = SHOWN,
    led_shown: int = LED_SHOWN,
) -> list[Told]:
    """What the ending screen and the plain mode show under "What led here": a `Told`
    (scene title, one line, the choice's place in the run) for the earliest choices of `kept` (`what_led_here`), leaving out
    those "What mattered" already tells (the first `shown` of `weighed`). The ending
    is the one just reached, so "this ending" spoils nothing. The line says what the
    other choice would have done, not what this one did: "After 'Ask what the plug is
    for', this ending was out of reach" read to blind reader R176 as if a choice twenty
    scenes back had caused the death it kept possible."""
    told = {turn.index for turn in weighed.turns[:shown]} if weighed is not None else set()
    lines: list[Told] = []
    said_at: set[tuple[str, str]] = set()
    for each in kept:
        if each.index in told:
            continue
        others = " or ".join(quoted_choice(other) for other in each.others[:2])
        said = f"{you_chose(each.said)} Instead, {others} would have put this ending out of reach."
        # The same choice taken again on a loop ("Wait four hours more", twice) is told
        # once (blind reader R101 #11), under the title of its first visit.
        if (each.scene, said) in said_at:
            continue
        said_at.add((each.scene, said))
        lines.append(Told(each.title or story.scenes[each.scene].title, said, each.index))
        if len(lines) == led_shown:
            break
    return lines


__all__ = ["LED_SHOWN", "Kept", "led_here", "what_led_here"]
