"""Lint E170, E171, W213 (properties and `requires:`), W214 and W218 (continuity), W215,
W219 and W220 (knowledge, `facts.py`).

    diagnostics = check_claims_of(story)

Every property, every scene's `requires:`, every place text names a crew
member (`continuity.py`) and every place it says a declared fact's phrase
(`facts.py`) becomes a claim, and all of them are settled in
one go by `check_claims` (the explorer). A broken claim is reported at the
line that states it (the property, or the scene) with a route from the start
in the diagnostic's `route` (`iss check --format json`): a shortest one when
the search proves it, else the hint says how short a route can be. A mention
the search can neither prove safe nor break within its budget is W218: it
is not proved alive there, and the author decides.
"""

from __future__ import annotations

from collections.abc import Iterable

from iss.authoring.diagnostics import Diagnostic
from iss.authoring.explore import Budget, ClaimResult, Work, check_claims
from iss.authoring.lint.continuity import Mention, mentions
from iss.authoring.lint.facts import Assumption, assumption_diagnostic, assumptions
from iss.authoring.lint.usage import Place
from iss.authoring.stated import (
    Stated,
    choices_in_words,
    describe_route,
    stated_claims,
)
from iss.engine.errors import EngineError
from iss.engine.model import Position, Property, Scene, Story
from iss.engine.runner import choose_unrecorded, new_game, replay

CLAIM_BUDGET = Budget(max_states=20_000, time_limit=60.0, work=Work(0, proof_visits=5_000))
"""How far `iss check` searches for the claims the proof pass leaves open: counted
(states, proof visits, walks), so every machine finds the same. The 60 s are only a
safety net (`lint` says when a check reaches it, W221)."""


def status_changes(story: Story) -> frozenset[str]:
    """The characters some effect of the story sets the status of. Every other character
    is aboard in every state (only effects change a status), so text naming them can
    never name someone dead or missing."""
    targets = {e.target for s in story.scenes.values() for e in s.effects}
    targets |= {e.target for s in story.scenes.values() for c in s.choices for e in c.effects}
    return frozenset(t.partition(".")[2] for t in targets if t.startswith("status."))


def check_claims_of(story: Story, budget: Budget = CLAIM_BUDGET) -> list[Diagnostic]:
    """The diagnostics of every claim the story makes (see the module docstring).

    A mention is reported only when its claim is violated, and it cannot be when no
    effect changes its character's status: those are not checked (in the generated
    10,000-scene story, every one of its 39,991 mentions)."""
    stated = stated_claims(story, continuity=False)
    changing = status_changes(story)
    if changing:
        stated += [Stated(m.claim(), m) for m in mentions(story) if m.who in changing]
    stated += [Stated(a.claim(), a) for a in assumptions(story)]
    results = check_claims(story, [s.claim for s in stated], budget)
    out: list[Diagnostic] = []
    absent: set[tuple[str, str]] = set()
    unproved: dict[tuple[str, str], tuple[Mention, ClaimResult]] = {}
    for item, result in zip(stated, results, strict=True):
        source = item.source
        if isinstance(source, Assumption):
            if result.status in ("violated", "unproved"):
                out.append(assumption_diagnostic(source, result, describe_route(result)))
            continue
        if isinstance(source, Mention):
            if result.status == "violated" and (source.scene, source.who) not in absent:
                absent.add((source.scene, source.who))
                out.append(_continuity(story, source, result))
            elif result.status == "unproved":
                unproved.setdefault((source.scene, source.who), (source, result))
            continue
        found = _property(source, result)
        if found is not None:
            out.append(found)
    for key, (mention, result) in unproved.items():
        if key not in absent:  # a route to the dead there is warning enough
            out.append(_unproved_mention(story, mention, result))
    return out


def _place(pos: Position | None) -> Place:
    return Place(pos, "")


def _property(source: Property | Scene, result: ClaimResult) -> Diagnostic | None:
    claim = result.claim
    route = result.route or ()
    if isinstance(source, Scene):
        what = f"scene `{source.id}` requires `{claim.condition.source}`"
    else:
        what = f"property `{source.name}` ({claim.kind}: `{claim.condition.source}`)"
    place = _place(source.pos)
    if result.status == "violated":
        d = place.diagnostic(
            "E170",
            f"{what} fails on entering `{result.scene}`",
            f"{describe_route(result)}; fix the story or the condition",
        )
        return _with_route(d, route)
    if result.status == "impossible":
        return place.diagnostic(
            "E171",
            f"{what} holds in no reachable state there (proved by the {result.by})",
            "check what sets the names it reads on the way there, or drop the property",
        )
    if result.status == "unproved":
        return place.diagnostic(
            "W213",
            f"{what} is unproved: the search stopped at its budget before it found a "
            "counterexample or covered every state",
            "it is not known to hold; `iss explore --time 60` searches longer",
        )
    return None


def _continuity(story: Story, mention: Mention, result: ClaimResult) -> Diagnostic:
    route = result.route or ()
    status = replay(story, route).state.status[mention.who]
    name = story.characters[mention.who].name
    guard = f"alive.{mention.who}" if status == "dead" else f'status.{mention.who} != "{status}"'
    d = _place(mention.pos).diagnostic(
        "W214",
        f"{mention.where} names {name} (`{mention.who}`), who may be {status} on entering "
        f"`{mention.scene}`",
        f"{describe_route(result)}; put the mention in `{{if {guard}: ...}}`, add "
        f"`requires: {guard}` to the scene, or list `{mention.who}` under its "
        "`mentions_absent:` if that is meant",
    )
    return _with_route(d, route)


def _unproved_mention(story: Story, mention: Mention, result: ClaimResult) -> Diagnostic:
    who = mention.who
    name = story.characters[who].name
    return _place(mention.pos).diagnostic(
        "W218",
        f"{mention.where} names {name} (`{who}`), who is not proved alive here: on entering "
        f"`{mention.scene}` they may be dead or missing; no route found within the budget",
        f"neither proved nor broken (a route would take at least {choices_in_words(result.at_least)}); "
        f"if the mention is meant, list `{who}` under the scene's `mentions_absent:`, or add "
        f"`requires: alive.{who}` to the scene, which the explorer then proves or breaks; "
        f"else gate it with `{{if alive.{who}: ...}}`",
    )


def _with_route(d: Diagnostic, route: tuple[str, ...]) -> Diagnostic:
    return Diagnostic(d.code, d.file, d.line, d.col, d.message, d.hint, route)


def requires_crossed(story: Story, route: Iterable[str]) -> tuple[int, str] | None:
    """The first (step, scene) where `route` enters a scene whose `requires:` fails."""
    try:
        state = new_game(story).state
        steps = list(route)
        for number in range(len(steps) + 1):
            if number:
                state = choose_unrecorded(story, state, steps[number - 1]).state
            requires = story.scenes[state.scene].requires
            if requires is not None and requires.failing_reason(state) is not None:
                return number, state.scene
    except EngineError:
        return None
    return None


def printed_routes(
    diagnostics: Iterable[Diagnostic],
) -> list[tuple[str, Position | None, tuple[str, ...]]]:
    """(what, where, route) of each route these claim diagnostics print, for W215. A broken
    `requires:` (E170 on a scene) is left out: its route ends at the very scene it breaks."""
    return [
        (f"the route of {d.code}", Position(d.file, d.line, d.col), d.route)
        for d in diagnostics
        if d.route and not (d.code == "E170" and d.message.startswith("scene `"))
    ]


def check_routes_cross_requires(
    story: Story, routes: Iterable[tuple[str, Position | None, tuple[str, ...]]]
) -> list[Diagnostic]:
    """W215 for each (what, where, route) that crosses a failing `requires:`."""
    if not any(s.requires is not None for s in story.scenes.values()):
        return []
    out = []
    for what, pos, route in routes:
        crossed = requires_crossed(story, route)
        if crossed is None:
            continue
        step, sid = crossed
        requires = story.scenes[sid].requires
        assert requires is not None
        d = _place(pos).diagnostic(
            "W215",
            f"{what} enters scene `{sid}` after {step} choice(s) while its `requires: "
            f"{requires.source}` fails",
            "the route plays, but breaks what the scene requires: fix the route or the scene",
        )
        out.append(_with_route(d, route[:step]))
    return out
