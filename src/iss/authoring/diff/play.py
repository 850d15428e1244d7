"""What a story change means for play: endings, shortest routes, walkthroughs and
the properties the story states."""

from __future__ import annotations

from dataclasses import dataclass

from iss.authoring.explore import (
    CLAIMS_BUDGET,
    EXPLORE_BUDGET,
    Budget,
    Exploration,
    check_claims,
    explore,
)
from iss.authoring.lint import stated_claims
from iss.authoring.walkthroughs import play_walkthrough
from iss.engine.model import Story


@dataclass(frozen=True, slots=True)
class EndingShift:
    """An ending whose reachability or shortest route changed."""

    ending: str
    change: str
    """"now reachable", "now unreachable", "route changed", "added", "removed"."""
    old_route: tuple[str, ...] | None
    new_route: tuple[str, ...] | None
    settled: bool
    """Whether both explorations were complete, so reachability is proved both ways."""

    def to_json(self) -> dict[str, object]:
        return {
            "ending": self.ending,
            "change": self.change,
            "old_route": None if self.old_route is None else list(self.old_route),
            "new_route": None if self.new_route is None else list(self.new_route),
            "settled": self.settled,
        }


@dataclass(frozen=True, slots=True)
class WalkthroughShift:
    """A walkthrough of the old story, played on the new one."""

    name: str
    ending: str
    ok_before: bool
    ok_after: bool
    problem: str

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "ending": self.ending,
            "ok_before": self.ok_before,
            "ok_after": self.ok_after,
            "problem": self.problem,
        }


def _route(found: Exploration, ending: str) -> tuple[str, ...] | None:
    result = found.endings.get(ending)
    if result is None or result.path is None:
        return None
    return result.path.choices


def ending_shifts(old: Story, new: Story, budget: Budget = EXPLORE_BUDGET) -> list[EndingShift]:
    """Endings that became reachable or unreachable, and shortest routes that changed
    (each version explored within `budget`: by default counted, as `iss explore`'s)."""
    before, after = explore(old, budget), explore(new, budget)
    settled = before.complete and after.complete
    shifts = []
    for ending in dict.fromkeys([*old.endings, *new.endings]):
        old_route, new_route = _route(before, ending), _route(after, ending)
        if ending not in new.endings:
            change = "removed"
        elif ending not in old.endings:
            change = "added"
        elif (old_route is None) != (new_route is None):
            change = "now reachable" if new_route is not None else "now unreachable"
            if new_route is None and not after.complete:
                change = "not found within the search budget (try a larger --time-limit)"
        elif old_route is not None and new_route is not None and len(old_route) != len(new_route):
            change = "route changed"
        else:
            continue
        shifts.append(EndingShift(ending, change, old_route, new_route, settled))
    return shifts


def _first_difference(before: tuple[str, ...], after: tuple[str, ...]) -> str:
    for step, (was, now) in enumerate(zip(before, after, strict=False)):
        if was != now:
            return f"after {step} choice(s) it reaches `{now}` instead of `{was}`"
    return f"it passes through {len(after)} scenes instead of {len(before)}"


def walkthrough_shifts(old: Story, new: Story) -> list[WalkthroughShift]:
    """Each walkthrough of the old story, replayed on the new one, where the outcome differs."""
    shifts = []
    for walk in old.walkthroughs:
        before, after = play_walkthrough(old, walk), play_walkthrough(new, walk)
        if before.ok != after.ok or before.scenes != after.scenes:
            problem = after.problem or _first_difference(before.scenes, after.scenes)
            shifts.append(WalkthroughShift(walk.name, walk.ending, before.ok, after.ok, problem))
    return shifts


@dataclass(frozen=True, slots=True)
class PropertyShift:
    """A property (or a scene's `requires:`) whose status differs between the versions."""

    name: str
    old_status: str | None
    """"holds", "violated", "possible", "impossible" or "unproved"; None: not stated."""
    new_status: str | None
    route: tuple[str, ...] | None
    """In the new story, the route that refutes or shows it (None when there is none)."""

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "old": self.old_status,
            "new": self.new_status,
            "route": None if self.route is None else list(self.route),
        }


def _statuses(story: Story, budget: Budget) -> dict[str, tuple[str, tuple[str, ...] | None]]:
    claims = [s.claim for s in stated_claims(story, continuity=False)]
    return {r.claim.name: (r.status, r.route) for r in check_claims(story, claims, budget)}


def property_shifts(old: Story, new: Story, budget: Budget = CLAIMS_BUDGET) -> list[PropertyShift]:
    """Properties and `requires:` whose status changed, appeared or went away (each
    version's settled within `budget`: by default counted, as `iss check`'s)."""
    before, after = _statuses(old, budget), _statuses(new, budget)
    shifts = []
    for name in dict.fromkeys([*before, *after]):
        was, now = before.get(name), after.get(name)
        if was is not None and now is not None and was[0] == now[0]:
            continue
        shifts.append(
            PropertyShift(
                name,
                None if was is None else was[0],
                None if now is None else now[0],
                None if now is None else now[1],
            )
        )
    return shifts
