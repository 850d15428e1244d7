"""GameState: everything that changes during play, in one frozen object.

Effects do not mutate a state. `choose()` opens a `Draft` (a copy-on-write
workspace), applies effects to it, and freezes it into a new `GameState`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from iss.engine.events import (
    Event,
    FlagSet,
    ItemGained,
    ItemLost,
    StatusChanged,
    TrustChanged,
    VariableChanged,
)
from iss.engine.model import Story, Value


@dataclass(frozen=True, slots=True)
class GameState:
    """One moment of a playthrough.

    `trust` is each crew member's trust in Kira; `crew_trust` holds the
    crew-to-crew pairs keyed by `pair_key(a, b)`. `clock` holds the minutes
    left on each timer and `elapsed` the minutes played in story time.
    `history` is the choice ids taken since the start: replaying them from
    the start with the same `seed` rebuilds this state exactly.
    """

    scene: str
    trust: Mapping[str, int] = field(default_factory=dict)
    crew_trust: Mapping[str, int] = field(default_factory=dict)
    flags: frozenset[str] = frozenset()
    items: frozenset[str] = frozenset()
    variables: Mapping[str, Value] = field(default_factory=dict)
    status: Mapping[str, str] = field(default_factory=dict)
    clock: Mapping[str, int] = field(default_factory=dict)
    elapsed: int = 0
    history: tuple[str, ...] = ()
    visited: frozenset[str] = frozenset()
    seed: int = 0
    ending: str | None = None

    @property
    def over(self) -> bool:
        """True once an ending has been reached."""
        return self.ending is not None

    def to_json(self) -> dict[str, Any]:
        """A plain JSON-ready dict (for saves)."""
        return {
            "scene": self.scene,
            "trust": dict(self.trust),
            "crew_trust": dict(self.crew_trust),
            "flags": sorted(self.flags),
            "items": sorted(self.items),
            "variables": dict(self.variables),
            "status": dict(self.status),
            "clock": dict(self.clock),
            "elapsed": self.elapsed,
            "history": list(self.history),
            "visited": sorted(self.visited),
            "seed": self.seed,
            "ending": self.ending,
        }


def initial_state(story: Story, seed: int = 0) -> GameState:
    """The state before the start scene is entered (see `runner.new_game`)."""
    return GameState(
        scene=story.start,
        trust={c.id: c.trust for c in story.crew},
        crew_trust=dict(story.crew_trust),
        variables={v.name: v.default for v in story.variables.values()},
        status={c.id: "aboard" for c in story.characters.values()},
        clock={t.id: t.start for t in story.timers.values()},
        seed=seed,
    )


@dataclass(slots=True)
class Draft:
    """A mutable workspace for one step. Effects write here and record events."""

    story: Story
    base: GameState
    events: list[Event] = field(default_factory=list)
    trust: dict[str, int] | None = None
    crew_trust: dict[str, int] | None = None
    flags: set[str] | None = None
    items: set[str] | None = None
    variables: dict[str, Value] | None = None
    status: dict[str, str] | None = None

    # Reads see the draft's writes, so `a += 1; b = a` behaves as written.
    def trust_of(self, who: str) -> int:
        return (self.base.trust if self.trust is None else self.trust)[who]

    def crew_trust_of(self, key: str) -> int:
        return (self.base.crew_trust if self.crew_trust is None else self.crew_trust)[key]

    def variable(self, name: str) -> Value:
        return (self.base.variables if self.variables is None else self.variables)[name]

    def view(self) -> GameState:
        return self.freeze(self.base.scene, self.base.history, self.base.clock, self.base.elapsed)

    def set_trust(self, who: str, value: int) -> None:
        if self.trust is None:
            self.trust = dict(self.base.trust)
        value = max(self.story.trust_min, min(self.story.trust_max, value))
        old = self.trust[who]
        if old != value:
            self.trust[who] = value
            self.events.append(TrustChanged(who, None, old, value))

    def set_crew_trust(self, key: str, value: int) -> None:
        if self.crew_trust is None:
            self.crew_trust = dict(self.base.crew_trust)
        value = max(self.story.trust_min, min(self.story.trust_max, value))
        old = self.crew_trust[key]
        if old != value:
            self.crew_trust[key] = value
            a, _, b = key.partition("-")
            self.events.append(TrustChanged(a, b, old, value))

    def set_flag(self, flag: str, value: bool) -> None:
        if self.flags is None:
            self.flags = set(self.base.flags)
        if (flag in self.flags) != value:
            if value:
                self.flags.add(flag)
            else:
                self.flags.discard(flag)
            self.events.append(FlagSet(flag, value))

    def set_item(self, item: str, value: bool) -> None:
        if self.items is None:
            self.items = set(self.base.items)
        if (item in self.items) != value:
            if value:
                self.items.add(item)
                self.events.append(ItemGained(item))
            else:
                self.items.discard(item)
                self.events.append(ItemLost(item))

    def set_variable(self, name: str, value: Value) -> None:
        if self.variables is None:
            self.variables = dict(self.base.variables)
        var = self.story.variables[name]
        if isinstance(value, int) and not isinstance(value, bool):
            if var.min is not None:
                value = max(var.min, value)
            if var.max is not None:
                value = min(var.max, value)
        old = self.variables[name]
        if old != value:
            self.variables[name] = value
            self.events.append(VariableChanged(name, old, value))

    def set_status(self, who: str, value: str) -> None:
        if self.status is None:
            self.status = dict(self.base.status)
        old = self.status[who]
        if old != value:
            self.status[who] = value
            self.events.append(StatusChanged(who, old, value))

    def freeze(
        self,
        scene: str,
        history: tuple[str, ...],
        clock: Mapping[str, int],
        elapsed: int,
        visited: frozenset[str] | None = None,
        ending: str | None = None,
    ) -> GameState:
        base = self.base
        return GameState(
            scene=scene,
            trust=base.trust if self.trust is None else self.trust,
            crew_trust=base.crew_trust if self.crew_trust is None else self.crew_trust,
            flags=base.flags if self.flags is None else frozenset(self.flags),
            items=base.items if self.items is None else frozenset(self.items),
            variables=base.variables if self.variables is None else self.variables,
            status=base.status if self.status is None else self.status,
            clock=clock,
            elapsed=elapsed,
            history=history,
            visited=base.visited if visited is None else visited,
            seed=base.seed,
            ending=ending,
        )
