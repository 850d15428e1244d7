"""Find a route: the shortest way from the start to a scene, a choice or an ending.

    found = find_route(story, "galley_fight")          # a scene
    found = find_route(story, "galley.hide_the_key")   # a choice: the route ends by taking it
    found = find_route(story, "the_fall")              # an ending
    found.route, found.shortest, found.status

Used by `iss explore --to` and `iss play --at`. It asks `claims.py`
whether it is *possible* to stand in the target scene (with the choice
available), so the proof pass can show a target unreachable outright, and
the breadth-first search returns a shortest route when it finds one. When
the search runs out of budget first, a guided walk may still find a real
route; then `shortest` is False and `at_least` says what is proved. If
neither finds one, the story's walkthroughs are played: the shortest prefix
of one that stands in the target is the route (`by` names the walkthrough).
"""

from __future__ import annotations

from dataclasses import dataclass

from iss.authoring.explore.claims import POSSIBLE, Claim, check_claims
from iss.authoring.explore.results import Budget
from iss.authoring.explore.search import explore, replay_path
from iss.engine.errors import EngineError
from iss.engine.model import Condition, Story
from iss.engine.runner import can_take, choose, new_game

_ANYWHERE = Condition("true", ((lambda state: True, ""),), frozenset())


class UnknownTarget(ValueError):
    """The target names no scene, choice or ending; the message says what exists."""


@dataclass(frozen=True, slots=True)
class FoundRoute:
    """What `find_route` found. `status`: "found", "unreachable" (proved) or "unproved"."""

    target: str
    kind: str
    """"scene", "choice" or "ending"."""
    status: str
    route: tuple[str, ...] = ()
    shortest: bool = False
    at_least: int = 0
    by: str = ""

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"to": self.target, "kind": self.kind, "status": self.status}
        if self.status == "found":
            out.update(route=list(self.route), choices=len(self.route), shortest=self.shortest)
            if not self.shortest:
                out["at_least"] = self.at_least
        else:
            out["by"] = self.by
        return out

    def describe(self) -> str:
        """One line a newcomer can read: what was found and what is proved about it."""
        if self.status == "unreachable":
            return f"{self.kind} `{self.target}` cannot be reached (proved by the {self.by})"
        if self.status == "unproved":
            return (
                f"no route to {self.kind} `{self.target}` found within the budget "
                f"(none has fewer than {self.at_least} choices); try a larger --time-limit"
            )
        n = len(self.route)
        if self.shortest:
            length = f"{n} choices, the shortest (no route has fewer)"
        else:
            length = f"{n} choices; none has fewer than {self.at_least}, a shorter one may exist"
        return f"{self.kind} `{self.target}`: {length}"


def find_route(story: Story, target: str, budget: Budget | None = None) -> FoundRoute:
    """The shortest route to `target` (see the module docstring). Raises `UnknownTarget`."""
    scene_id, _, choice_id = target.partition(".")
    if choice_id:
        scene = story.scenes.get(scene_id)
        if scene is None or choice_id not in scene.choice_index:
            raise UnknownTarget(f"no choice `{target}` (write SCENE.CHOICE with real ids)")
        choice = scene.choice_index[choice_id]
        kind, scenes, condition = "choice", {scene_id}, choice.when or _ANYWHERE
    elif target in story.scenes:
        kind, scenes, condition = "scene", {target}, _ANYWHERE
    elif target in story.endings:
        kind, condition = "ending", _ANYWHERE
        scenes = {s.id for s in story.scenes.values() if s.ending == target}
    else:
        raise UnknownTarget(f"`{target}` is not a scene, a SCENE.CHOICE or an ending of this story")
    if not scenes:
        return FoundRoute(target, kind, "unreachable", by="story: no scene ends with it")
    (result,) = check_claims(story, [Claim(target, POSSIBLE, condition, frozenset(scenes))], budget)
    if result.status == "impossible":
        return FoundRoute(target, kind, "unreachable", by=result.by)
    step = (choice_id,) if choice_id else ()
    route = None if result.route is None else result.route + step
    at_least = result.at_least + len(step)
    if not result.shortest:  # the explorer's quick search often finds a shorter one
        quick = _quick_route(story, scenes, choice_id, budget)
        if quick is not None and (route is None or len(quick) < len(route)):
            route = quick
    if route is None or route != (result.route or ()) + step:
        # the explorer starts from the walkthroughs, and past the searches' budget an
        # author's walkthrough may still pass there: say which one a route came from
        walked = _walkthrough_route(story, scenes, choice_id)
        if route is None:
            route, by = walked or (None, "")
        else:
            by = walked[1] if walked is not None and walked[0] == route else "quick search"
    else:
        by = result.by
    if route is None:
        return FoundRoute(target, kind, "unproved", at_least=at_least)
    shortest = result.shortest or len(route) <= at_least
    return FoundRoute(target, kind, "found", route, shortest, at_least, by)


def _walkthrough_route(
    story: Story, scenes: set[str], choice_id: str
) -> tuple[tuple[str, ...], str] | None:
    """The shortest prefix of a walkthrough that stands in `scenes` (with `choice_id`
    available), played through the engine, and which walkthrough it came from."""
    best: tuple[tuple[str, ...], str] | None = None
    for walk in story.walkthroughs:
        state = new_game(story).state
        for taken in range(len(walk.choices) + 1):
            if state.scene in scenes and (
                not choice_id or can_take(story.scenes[state.scene].choice_index[choice_id], state)
            ):
                route = (*walk.choices[:taken], *((choice_id,) if choice_id else ()))
                if best is None or len(route) < len(best[0]):
                    best = (route, f"walkthrough `{walk.name}`")
                break
            if taken == len(walk.choices):
                break
            try:
                state = choose(story, state, walk.choices[taken]).state
            except EngineError:
                break  # a broken walkthrough (E160) shows nothing
    return best


def _quick_route(
    story: Story, scenes: set[str], choice_id: str, budget: Budget | None
) -> tuple[str, ...] | None:
    """The shortest route the explorer's searches found into `scenes` (then `choice_id`)."""
    found = explore(story, budget)
    best: tuple[str, ...] | None = None
    for sid in sorted(scenes):
        path = found.path_to_scene(sid)
        if path is None:
            continue
        route = path.choices
        if choice_id:
            state = replay_path(story, route)
            choice = story.scenes[sid].choice_index[choice_id]
            if not can_take(choice, state):
                continue
            route = (*route, choice_id)
        if best is None or len(route) < len(best):
            best = route
    return best
