"""Choice impact: which endings a choice still allows, against those open before it.

    impacts = exact_impact(story, graph, values)          # from the whole state graph
    impacts = bounded_impact(story, proof, sample.walks)   # when the graph is too big

Exact: `before` is every ending reachable from some state where the choice
is available, `after` every ending reachable from where taking it leads.
When the state graph is too big, `after` and `before` come from the proof
pass (`iss.authoring.explore.prove`), scene by scene: what it cannot reach is out of
reach, but what it keeps may not really be reachable; `shown_after` then
lists the endings random playthroughs really reached after the choice.

A choice is *cosmetic* when its scene offers at least one other choice and
every choice of the scene goes to the same place (the same routes) without
changing anything the story reads later: no condition, route, timer, effect
or text reads what their `do:` writes, nor reads `taken.SCENE.CHOICE` of any
of them (a line that answers the choice is what the issue asks of a choice
that goes where its siblings go), and their `time:` does not matter because no
clock is read or can run out. (When a sibling does change
something, picking this choice instead of it matters too.) The crew and kit
panels of the game show trust and items whatever the story reads.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from iss.authoring.explore import Proof, target_name
from iss.authoring.report.chain import Vector
from iss.authoring.report.pacing import Walk
from iss.authoring.report.states import StateGraph
from iss.engine.model import Choice, Scene, Story


@dataclass(frozen=True, slots=True)
class ChoiceImpact:
    """One choice: the endings open before and after it, and whether it is cosmetic."""

    scene: str
    choice: str
    before: tuple[str, ...]
    after: tuple[str, ...]
    cosmetic: bool
    exact: bool
    shown_after: tuple[str, ...] | None = None
    """Not exact: the endings some random playthrough reached after taking it."""

    @property
    def closes(self) -> tuple[str, ...]:
        """Endings open before the choice and out of reach after it."""
        return tuple(e for e in self.before if e not in self.after)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "scene": self.scene,
            "choice": self.choice,
            "before": list(self.before),
            "after": list(self.after),
            "closes": list(self.closes),
            "cosmetic": self.cosmetic,
            "exact": self.exact,
        }
        if self.shown_after is not None:
            out["shown_after"] = list(self.shown_after)
        return out


@dataclass(frozen=True, slots=True)
class CosmeticShare:
    """How many choices of a scene (or of the story) are cosmetic."""

    cosmetic: int
    choices: int

    @property
    def share(self) -> float:
        return self.cosmetic / self.choices if self.choices else 0.0

    def to_json(self) -> dict[str, Any]:
        return {"cosmetic": self.cosmetic, "choices": self.choices, "share": round(self.share, 4)}


def exact_impact(story: Story, graph: StateGraph, values: Sequence[Vector]) -> list[ChoiceImpact]:
    """Impact from the whole state graph and the chain's odds at every node."""
    before: dict[tuple[str, str], set[str]] = {}
    after: dict[tuple[str, str], set[str]] = {}
    for node, edges in enumerate(graph.edges):
        scene = graph.scene[node]
        for choice_id, target in edges:
            key = (scene, choice_id)
            before.setdefault(key, set()).update(values[node])
            after.setdefault(key, set()).update(values[target])
    return _impacts(story, before, after, exact=True)


def bounded_impact(story: Story, proof: Proof, walks: Sequence[Walk]) -> list[ChoiceImpact]:
    """Impact from the proof pass's scene graph, with what random playthroughs showed."""
    reach = _scene_reach(story, proof)
    before: dict[tuple[str, str], set[str]] = {}
    after: dict[tuple[str, str], set[str]] = {}
    for (scene, choice_id), targets in proof.targets.items():
        before[(scene, choice_id)] = set(reach.get(scene, ()))
        after[(scene, choice_id)] = set().union(*(reach.get(t, set()) for t in targets))
    shown: dict[tuple[str, str], set[str]] = {}
    for walk in walks:
        if walk.ending is not None:
            for key in walk.taken:
                shown.setdefault(key, set()).add(walk.ending)
    return _impacts(story, before, after, exact=False, shown=shown)


def cosmetic_shares(
    story: Story, impacts: Sequence[ChoiceImpact]
) -> tuple[CosmeticShare, dict[str, CosmeticShare]]:
    """The share of cosmetic choices in the whole story, and per scene (scenes with choices)."""
    per_scene: dict[str, list[int]] = {}
    for impact in impacts:
        counts = per_scene.setdefault(impact.scene, [0, 0])
        counts[0] += impact.cosmetic
        counts[1] += 1
    scenes = {sid: CosmeticShare(c, n) for sid, (c, n) in per_scene.items()}
    total = CosmeticShare(sum(s.cosmetic for s in scenes.values()), len(impacts))
    return total, scenes


def cosmetic_choices(story: Story) -> set[tuple[str, str]]:
    """(scene, choice) for every cosmetic choice (see the module docstring)."""
    read = _names_read(story)
    time_matters = any(t.expires for t in story.timers.values()) or any(
        n.startswith("clock.") for n in read
    )

    def changes_nothing(scene: Scene, choice: Choice) -> bool:
        if (choice.minutes > 0 and time_matters) or f"taken.{scene.id}.{choice.id}" in read:
            return False
        return all(target_name(e.target) not in read for e in choice.effects)

    out: set[tuple[str, str]] = set()
    for scene in story.scenes.values():
        if len(scene.choices) < 2:
            continue
        routes = {_routes(c) for c in scene.choices}
        if len(routes) == 1 and all(changes_nothing(scene, c) for c in scene.choices):
            out |= {(scene.id, c.id) for c in scene.choices}
    return out


def _routes(choice: Choice) -> tuple[tuple[str, str | None], ...]:
    return tuple((r.scene, r.when.source if r.when else None) for r in choice.routes)


def _names_read(story: Story) -> set[str]:
    """Every name some condition, route, timer, effect or text of the story reads."""
    read: set[str] = set()
    for timer in story.timers.values():
        if timer.running is not None:
            read |= timer.running.names
    for scene in story.scenes.values():
        read |= scene.text.names
        read |= _effect_reads(scene)
        for choice in scene.choices:
            read |= choice.text.names
            if choice.reason is not None:
                read |= choice.reason.names
            if choice.when is not None:
                read |= choice.when.names
            for route in choice.routes:
                if route.when is not None:
                    read |= route.when.names
            for effect in choice.effects:
                read |= effect.reads - {target_name(effect.target)}
    return read


def _effect_reads(scene: Scene) -> set[str]:
    out: set[str] = set()
    for effect in scene.effects:
        out |= effect.reads - {target_name(effect.target)}
    return out


def _scene_reach(story: Story, proof: Proof) -> dict[str, set[str]]:
    """Scene -> the endings the proof pass's scene graph may lead to from there."""
    reach: dict[str, set[str]] = {
        sid: {story.scenes[sid].ending or ""} - {""} for sid in proof.scenes
    }
    grew = True
    while grew:
        grew = False
        for (scene, _), targets in proof.targets.items():
            found = reach.setdefault(scene, set())
            size = len(found)
            for target in targets:
                found |= reach.get(target, set())
            grew = grew or len(found) > size
    return reach


def _impacts(
    story: Story,
    before: dict[tuple[str, str], set[str]],
    after: dict[tuple[str, str], set[str]],
    exact: bool,
    shown: dict[tuple[str, str], set[str]] | None = None,
) -> list[ChoiceImpact]:
    order = {eid: i for i, eid in enumerate(story.endings)}
    cosmetic = cosmetic_choices(story)

    def ordered(names: set[str]) -> tuple[str, ...]:
        return tuple(sorted(names, key=lambda e: order.get(e, len(order))))

    out = []
    for scene in story.scenes.values():
        for choice in scene.choices:
            key = (scene.id, choice.id)
            out.append(
                ChoiceImpact(
                    scene.id,
                    choice.id,
                    ordered(before.get(key, set())),
                    ordered(after.get(key, set())),
                    key in cosmetic,
                    exact,
                    None if shown is None else ordered(shown.get(key, set())),
                )
            )
    return out
