"""The claims a story states, and a claim's route in words.

    claims = [s.claim for s in stated_claims(story, continuity=False)]

Every property and every scene's `requires:` is a claim; with `continuity`,
so is every place text names a crew member (`lint.continuity`) and every
place it says a declared fact's phrase (`lint.facts`). `iss explore` checks
the properties and `requires:` only, so it imports this module and not the
lint package (whose checks it never runs: about 0.05 s of imports).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from iss.authoring.explore import ALWAYS, Claim, ClaimResult
from iss.engine.model import Property, Scene, Story

if TYPE_CHECKING:
    from iss.authoring.lint import Assumption, Mention


@dataclass(frozen=True, slots=True)
class Stated:
    """A claim and what stated it: a property, a scene's `requires:`, a mention, or text
    that assumes a fact."""

    claim: Claim
    source: Property | Scene | Mention | Assumption


def stated_claims(story: Story, continuity: bool = True) -> list[Stated]:
    """Every claim the story makes, in file order."""
    out = [
        Stated(Claim(p.name, p.kind, p.condition, frozenset(p.scenes)), p) for p in story.properties
    ]
    for scene in story.scenes.values():
        if scene.requires is not None:
            claim = Claim(f"requires of {scene.id}", ALWAYS, scene.requires, frozenset({scene.id}))
            out.append(Stated(claim, scene))
    if continuity:
        # Imported here: only the lint's callers ask for mentions and facts.
        from iss.authoring.lint import assumptions, mentions

        out += [Stated(m.claim(), m) for m in mentions(story)]
        out += [Stated(a.claim(), a) for a in assumptions(story)]
    return out


def show_route(route: Iterable[str]) -> str:
    choices = list(route)
    return " ".join(choices) if choices else "(at the start)"


def describe_route(result: ClaimResult) -> str:
    """The route and what is proved about its length, in words."""
    route = result.route or ()
    if result.shortest:
        return f"shortest route ({choices_in_words(len(route))}): {show_route(route)}"
    return (
        f"a route of {choices_in_words(len(route))} (no route has fewer than "
        f"{result.at_least}; a shorter one may exist): {show_route(route)}"
    )


def choices_in_words(n: int) -> str:
    return f"{n} choice" if n == 1 else f"{n} choices"


__all__ = ["Stated", "choices_in_words", "describe_route", "show_route", "stated_claims"]
