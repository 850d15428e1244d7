"""What mattered: the choices of one playthrough that decided its ending.

    weighed = what_mattered(story, state.history, seed=state.seed)
    weighed.turns        # most endings closed off first
    weighed.complete     # False: the work ran out before the first choices were weighed

A choice mattered when another choice available at that point could still
lead to an ending that the choice taken closed off. For each choice of the
run, from the last back to the first:

1. the proof pass (`proof`), started from the state after the choice, shows
   which endings can no longer be reached (a proof, never a guess);
2. the pass from the state before it says which endings may still have been
   reachable there; those in the first but not the second are the candidates;
3. a seeded walk through the real engine (as in `witness`), starting with
   another choice of that scene, must reach each candidate: only endings a
   real playthrough reaches from there count as closed off.

So every ending named is truly lost by that choice, and truly open before it.
Once every ending of the story may be reached after a choice, no choice before it
can have closed one off, and the weighing stops there: the first choices, whose
passes cover the whole story and cost the most, are weighed without one (random
routes through the bundled story: a third to a fifth of the work).
The work is counted (`allowance`, the same on every machine) and bounded by
`work`: the last choices are weighed first (they are the cheapest), and when the
work is spent the result says how many were. `time_limit` is only a safety net.
Pure: no Textual, no printing; the UI and the plain mode show it.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass

from iss.authoring.explore.allowance import WEIGH_WORK, Allowance
from iss.authoring.explore.proof import prove
from iss.authoring.explore.proof_result import Proof
from iss.authoring.explore.relevance import Relevance
from iss.authoring.explore.witness import cone_of, leads_to_map
from iss.authoring.explore.wording import locked_there, quoted_choice, ways_told, you_chose
from iss.engine.errors import EngineError
from iss.engine.model import Story
from iss.engine.runner import can_take, choices, choose, choose_unrecorded, new_game
from iss.engine.state import GameState

WALKS = 24
"""Walks tried per candidate ending before it is left out as unconfirmed."""
MAX_WALK = 400
"""Choices a walk takes at most."""
RETRIES = 8
"""Walks tried per (other choice, closed ending) when naming every way to an ending."""


@dataclass(frozen=True, slots=True)
class Turn:
    """A choice that mattered: where, which, and the endings it closed off."""

    index: int
    """Its place in the run's history (0: the first choice)."""
    scene: str
    choice: str
    closed: tuple[str, ...]
    """Endings still reachable before it and never after, in story order."""
    instead: str
    """Another choice of that scene from which a real playthrough reaches `closed[0]`."""
    said: str = ""
    """The choice's text as the player read it."""
    roads: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """The other ways, as the player read them: (a choice's text, every ending of
    `closed` a real playthrough reached starting with it), in the order first found."""
    title: str = ""
    """The scene's title at that visit, as the player read it ("" : its first title)."""
    locked: tuple[tuple[str, str], ...] = ()
    """The choices shown locked at that visit with the author's reason: (text, reason)."""


@dataclass(frozen=True, slots=True)
class Told:
    """One line of What mattered or What led here, as the ending shows it."""

    scene: str
    """The title of the scene where the choice was taken."""
    line: str
    """What the player chose, and what else could have happened."""
    index: int
    """The choice's place in the run's history: where choosing again goes back to."""


@dataclass(frozen=True, slots=True)
class Mattered:
    """The weighing of one playthrough."""

    turns: tuple[Turn, ...]
    """Most endings closed off first; among equals, the earlier choice first."""
    weighed: int
    """How many of the run's choices were weighed (the last ones)."""
    total: int
    """How many choices the run made."""

    @property
    def complete(self) -> bool:
        return self.weighed >= self.total


def run_states(story: Story, history: tuple[str, ...], seed: int = 0) -> list[GameState]:
    """The states of a run: before each choice, then the last. Stops early where
    the history no longer plays (the story changed under a reload)."""
    state = new_game(story, seed).state
    states = [state]
    for choice_id in history:
        try:
            state = choose_unrecorded(story, state, choice_id).state
        except EngineError:
            break
        states.append(state)
    return states


def what_mattered(
    story: Story,
    history: tuple[str, ...],
    seed: int = 0,
    time_limit: float | None = None,
    clock: Callable[[], float] = time.perf_counter,
    work: int = WEIGH_WORK,
) -> Mattered:
    """Weigh the choices of a run (see the module docstring), spending at most `work`
    (`Allowance`) and `time_limit` seconds (None: `WEIGH_SECONDS`, a safety net)."""
    allowance = Allowance.of(work, time_limit, clock)
    states = run_states(story, history, seed)
    total = len(states) - 1
    relevance = Relevance(story)
    order = {eid: n for n, eid in enumerate(story.endings)}
    after = _reachable(story, relevance, states[-1], allowance)
    every_ending = set(story.endings)
    turns: list[Turn] = []
    weighed = 0
    for index in range(total - 1, -1, -1):
        if after is None or allowance.spent:
            break
        if after.endings >= every_ending:  # nothing earlier can have closed one off
            weighed += index + 1
            break
        before = _reachable(story, relevance, states[index], allowance)
        if before is None:
            break
        candidates = sorted(before.endings - after.endings, key=order.__getitem__)
        taken = history[index]
        found = _confirmed(story, before, states[index], taken, candidates, allowance)
        if found is not None:
            closed, firsts = found
            said = choice_as_read(story, states[index], taken)
            ways = _every_way(story, before, states[index], taken, closed, firsts, allowance)
            roads = _roads(story, states[index], ways)
            scene = story.scenes[states[index].scene]
            title = scene.title_in(states[index].visits)
            locked = locked_with_reasons(story, states[index])
            turn = Turn(index, scene.id, taken, closed, firsts[0], said, roads, title, locked)
            turns.append(turn)
        weighed += 1
        after = before
    turns.sort(key=lambda t: (-len(t.closed), t.index))
    return Mattered(tuple(turns), weighed, total)


def choice_as_read(story: Story, state: GameState, choice_id: str) -> str:
    choice = story.scenes[state.scene].choice_index.get(choice_id)
    return choice.text.plain(state) if choice is not None else choice_id


def locked_with_reasons(story: Story, state: GameState) -> tuple[tuple[str, str], ...]:
    """The choices the player saw locked at this visit whose lock the author explained:
    (the choice's text, its reason). The ending names them beside the choice that
    mattered there: a locked "Wait. Zvezda's engines could keep all six of us up"
    explained what shut One Crew, and no list at the ending said so (blind reader R311 #1)."""
    return tuple(
        (view.plain, view.reason)
        for view in choices(story, state)
        if not view.available and not view.hidden and view.choice.reason is not None
    )


def _roads(
    story: Story, state: GameState, ways: dict[str, list[str]]
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each other choice with the endings of `closed` a real playthrough reached starting
    with it, as the player read the choice: what the ending screen names as the ways."""
    return tuple((choice_as_read(story, state, first), tuple(ends)) for first, ends in ways.items())


def _every_way(
    story: Story,
    proof: Proof,
    state: GameState,
    taken: str,
    closed: tuple[str, ...],
    firsts: tuple[str, ...],
    allowance: Allowance,
) -> dict[str, list[str]]:
    """The endings of `closed` under each other choice that a real walk starting with it
    reaches: the confirming walks' firsts (in the order first found), then the other
    choices of the scene, each tried for every ending its targets may still lead to. A
    list that named each ending under one choice only read as complete: "Fine. We go home
    together" could have led to "an ending you have not found", when it had led the
    reader to Flag Bearer, named only under the other choice (blind reader R59 #15)."""
    order = {ending: n for n, ending in enumerate(closed)}
    ways: dict[str, list[str]] = {}
    for ending, first in zip(closed, firsts, strict=True):
        ways.setdefault(first, []).append(ending)
    scene = story.scenes[state.scene]
    others = [c.id for c in scene.choices if c.id != taken and can_take(c, state)]
    leads_to = leads_to_map(proof)
    rng = random.Random(len(state.history) + 1)
    for ending in closed:
        cone = _cone(story, leads_to, ending)
        for other in others:
            if ending in ways.get(other, ()):
                continue
            if not proof.targets.get((scene.id, other), set()) & cone:
                continue  # proved: no playthrough starting with it gets there
            for _ in range(RETRIES):
                if allowance.spent:
                    return _sorted_ways(ways, order)
                if (
                    _walk(story, proof, state, taken, ending, cone, rng, allowance, other)
                    is not None
                ):
                    ways.setdefault(other, []).append(ending)
                    break
    return _sorted_ways(ways, order)


def _sorted_ways(ways: dict[str, list[str]], order: dict[str, int]) -> dict[str, list[str]]:
    return {first: sorted(ends, key=order.__getitem__) for first, ends in ways.items()}


def _cone(story: Story, leads_to: dict[str, set[str]], ending: str) -> set[str]:
    """The scenes from which `ending` may still be reached."""
    cone: set[str] = set()
    for scene in story.scenes.values():
        if scene.ending == ending:
            cone |= cone_of(leads_to, scene.id)
    return cone


def _reachable(
    story: Story, relevance: Relevance, state: GameState, allowance: Allowance
) -> Proof | None:
    """The proof pass from `state`; None when the allowance ran out (then it proves nothing)."""
    if state.ending is not None:
        return Proof(scenes={state.scene}, endings={state.ending})
    proof = prove(
        story, relevance, allowance.proof_deadline, start=state, max_visits=allowance.left
    )
    allowance.spend(proof.visits)
    return proof if proof.complete else None


def _confirmed(
    story: Story,
    proof: Proof,
    state: GameState,
    taken: str,
    candidates: list[str],
    allowance: Allowance,
) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """The candidates a real walk from `state` reaches without `taken`, and for each the
    first choice of the walk that reached it; None when there is none."""
    leads_to = leads_to_map(proof)
    rng = random.Random(len(state.history))
    closed: list[str] = []
    firsts: list[str] = []
    for ending in candidates:
        cone = _cone(story, leads_to, ending)
        for _ in range(WALKS):
            if allowance.spent:
                break
            first = _walk(story, proof, state, taken, ending, cone, rng, allowance)
            if first is not None:
                closed.append(ending)
                firsts.append(first)
                break
    return (tuple(closed), tuple(firsts)) if closed else None


def _walk(
    story: Story,
    proof: Proof,
    start: GameState,
    taken: str,
    ending: str,
    cone: set[str],
    rng: random.Random,
    allowance: Allowance,
    begin: str = "",
) -> str | None:
    """A seeded walk from `start` inside the cone of `ending`, its first choice never
    `taken` (that one closed the ending off) and `begin` when given; that first choice
    if it gets there. Each step spends one unit of `allowance`."""
    state, first = start, ""
    for _ in range(MAX_WALK):
        allowance.spend(1)
        if state.ending is not None:
            return first if state.ending == ending else None
        scene = story.scenes[state.scene]
        options = [
            c.id
            for c in scene.choices
            if proof.targets.get((scene.id, c.id), set()) & cone
            and can_take(c, state)
            and (first or (c.id != taken and c.id == (begin or c.id)))
        ]
        if not options:
            return None
        pick = rng.choice(options)
        first = first or pick
        state = choose(story, state, pick).state
    return None


SHOWN = 5
"""Choices shown at most; the rest are counted."""


def described(
    story: Story,
    weighed: Mattered,
    found: Collection[str],
    shown: int = SHOWN,
    ways: bool = False,
) -> tuple[list[Told], str]:
    """What the ending screen and the plain mode show: a `Told` (scene title, one
    line, the choice's place in the run) per choice that mattered, and a closing note ("" when there is none). The `shown`
    choices that closed most are told in the order they were played: most first,
    the list jumped back and forth through the run ("The Node", then "The Hatch").

    By default a line says only what the player chose and which other choice could
    have led elsewhere; `ways` (the player asks for it) adds the endings each way
    could have led to. Named by default, the endings read as a checklist ("could
    have led to 8 endings you have not found", blind reader R18). Endings the player
    has not found (`found`: ids from the profile) are never named, only counted: the
    list must spoil nothing."""
    lines: list[Told] = []
    said_at: set[tuple[str, str]] = set()
    told_turns = weighed.turns[:shown]
    for turn in sorted(told_turns, key=lambda t: t.index):
        roads = turn.roads or ((turn.instead, turn.closed),)
        if ways:
            told = ways_told(story, roads, found)
        else:
            told = (
                f"{' or '.join(quoted_choice(said) for said, _ in roads)} could have led elsewhere"
            )
        # Said as a road not taken, not a loss ("closed off 9 endings" read as blame, blind
        # reader R1), and naming the other choice: "One Crew lies the other way" after
        # "Open the hatch" left a reader asking which way (R14).
        said = f"{you_chose(turn.said)} Instead, {told}.{locked_there(turn.locked)}"
        if (turn.scene, said) in said_at:  # a choice taken again on a loop is told once
            continue
        said_at.add((turn.scene, said))
        lines.append(Told(turn.title or story.scenes[turn.scene].title, said, turn.index))
    notes = []
    more = len(weighed.turns) - len(told_turns)
    if more:
        turned = "turned away from an ending" if ways else "mattered too"
        notes.append(f"{more} more choice{'s' if more != 1 else ''} {turned}.")
    if not weighed.turns and weighed.complete:
        notes.append("No single choice turned away from an ending that another kept open.")
    if not weighed.complete and not weighed.weighed:
        notes.append("There was no time to weigh your choices.")
    elif weighed.weighed * 4 < weighed.total * 3:
        # Said only when a quarter or more of the run went unweighed: "only your last 38 of
        # 40 choices" read as an engine message, or as a clock (blind readers R96, R97).
        # No count: "Your first 13 choices were not weighed in time" still read as the
        # engine showing through, and as saying those choices counted for little (R102).
        notes.append("Earlier choices may have mattered too.")
    return lines, " ".join(notes)


__all__ = [
    "SHOWN",
    "Mattered",
    "Told",
    "Turn",
    "described",
    "run_states",
    "what_mattered",
]
