"""GameState: everything that changes during play, in one frozen object.

Effects do not mutate a state. `choose()` opens a `Draft` (a copy-on-write
workspace), applies effects to it, and builds a new `GameState` from it
(`runner._enter`).
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import field
from typing import Any, Protocol

from iss.engine.events import (
    Event,
    FlagSet,
    ItemGained,
    ItemLost,
    StatusChanged,
    TrustChanged,
    VariableChanged,
)
from iss.engine.limits import INT_LIMIT
from iss.engine.model import Story, Value, pair_members, record


@record
class GameState:
    """One moment of a playthrough.

    A `record`: mypy --strict refuses any assignment to its fields, as for a
    frozen dataclass, with the same equality and hash; at run time it is built
    with plain stores (a frozen dataclass's `object.__setattr__` per field made
    building one a tenth of a random playthrough's step).

    `trust` is each crew member's trust in Kira; `crew_trust` holds the
    crew-to-crew pairs keyed by `pair_key(a, b)`. `clock` holds the minutes
    left on each timer and `elapsed` the minutes played in story time.
    `history` is the choice ids taken since the start: replaying them from
    the start with the same `seed` rebuilds this state exactly. `visits`
    counts how often each counted scene was entered (`Story.counted`),
    `taken` holds the keys of tracked choices taken (`Story.tracked`), and
    `calls` is the stack of scenes where `go: return` resumes.
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
    visits: Mapping[str, int] = field(default_factory=dict)
    taken: frozenset[str] = frozenset()
    calls: tuple[str, ...] = ()

    @property
    def over(self) -> bool:
        """True once an ending has been reached."""
        return self.ending is not None

    @property
    def living_ties(self) -> dict[str, int]:
        """`crew_trust` without the pairs where either one is dead: "Christian and
        Weronika: wary" under `:trust` after she died read as a feeling still held
        (blind reader R247). The values stay in the state; only what is shown drops them."""
        return {
            key: value
            for key, value in self.crew_trust.items()
            if all(self.status.get(who) != "dead" for who in pair_members(key))
        }

    @property
    def living_trust(self) -> dict[str, int]:
        """`trust` (each crew member's in Kira) without the dead: a level word such as
        "loyal" beside a man Kira held the hatch on read as a feeling he still had
        (blind reader R323 #2). `:trust`, the crew panel, the Crew screen and the ending
        all show the dead as dead, with no bar and no level."""
        return {who: value for who, value in self.trust.items() if self.status.get(who) != "dead"}

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
            "visits": dict(self.visits),
            "taken": sorted(self.taken),
            "calls": list(self.calls),
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


class StateView(Protocol):
    """What conditions and text read: a `GameState`, or a step's `Draft` in progress."""

    @property
    def trust(self) -> Mapping[str, int]: ...
    @property
    def crew_trust(self) -> Mapping[str, int]: ...
    @property
    def flags(self) -> AbstractSet[str]: ...
    @property
    def items(self) -> AbstractSet[str]: ...
    @property
    def variables(self) -> Mapping[str, Value]: ...
    @property
    def status(self) -> Mapping[str, str]: ...
    @property
    def clock(self) -> Mapping[str, int]: ...
    @property
    def visited(self) -> AbstractSet[str]: ...
    @property
    def visits(self) -> Mapping[str, int]: ...
    @property
    def taken(self) -> AbstractSet[str]: ...
    @property
    def scene(self) -> str: ...
    @property
    def seed(self) -> int: ...
    @property
    def calls(self) -> tuple[str, ...]: ...


class Draft:
    """A copy-on-write workspace for one step. Effects write here and record events.

    Until something is written, each field is the base state's own (shared,
    never mutated); the first write copies it (a field that is still the base's
    own object has not been written). A draft is itself a
    `StateView`, so conditions read the step's writes without any snapshot.
    """

    __slots__ = (
        "base",
        "calls",
        "clock",
        "crew_trust",
        "events",
        "flags",
        "items",
        "scene",
        "seed",
        "status",
        "story",
        "taken",
        "trust",
        "variables",
        "visited",
        "visits",
    )

    def __init__(self, story: Story, base: GameState) -> None:
        self.story = story
        self.base = base
        self.events: list[Event] = []
        self.trust: Mapping[str, int] = base.trust
        self.crew_trust: Mapping[str, int] = base.crew_trust
        self.flags: AbstractSet[str] = base.flags
        self.items: AbstractSet[str] = base.items
        self.variables: Mapping[str, Value] = base.variables
        self.status: Mapping[str, str] = base.status
        self.clock: Mapping[str, int] = base.clock
        self.visited: AbstractSet[str] = base.visited
        self.visits: Mapping[str, int] = base.visits
        self.taken: AbstractSet[str] = base.taken
        self.scene = base.scene
        self.seed = base.seed
        self.calls = base.calls

    def view(self) -> StateView:
        """The state as effects have left it so far."""
        return self

    def trust_of(self, who: str) -> int:
        return self.trust[who]

    def crew_trust_of(self, key: str) -> int:
        return self.crew_trust[key]

    def variable(self, name: str) -> Value:
        return self.variables[name]

    def set_trust(self, who: str, value: int) -> None:
        value = self.story.clamp_trust(value)
        old = self.trust[who]
        if old != value:
            if self.trust is self.base.trust:
                self.trust = dict(self.trust)
            self.trust[who] = value  # type: ignore[index]
            self.events.append(TrustChanged(who, None, old, value))

    def set_crew_trust(self, key: str, value: int) -> None:
        value = self.story.clamp_trust(value)
        old = self.crew_trust[key]
        if old != value:
            if self.crew_trust is self.base.crew_trust:
                self.crew_trust = dict(self.crew_trust)
            self.crew_trust[key] = value  # type: ignore[index]
            self.events.append(TrustChanged(*pair_members(key), old, value))

    def set_flag(self, flag: str, value: bool) -> None:
        if (flag in self.flags) != value:
            if self.flags is self.base.flags:
                self.flags = set(self.flags)
            flags: set[str] = self.flags  # type: ignore[assignment]
            if value:
                flags.add(flag)
            else:
                flags.discard(flag)
            self.events.append(FlagSet(flag, value))

    def set_item(self, item: str, value: bool) -> None:
        if (item in self.items) != value:
            if self.items is self.base.items:
                self.items = set(self.items)
            items: set[str] = self.items  # type: ignore[assignment]
            if value:
                items.add(item)
                self.events.append(ItemGained(item))
            else:
                items.discard(item)
                self.events.append(ItemLost(item))

    def set_variable(self, name: str, value: Value) -> None:
        var = self.story.variables[name]
        if isinstance(value, int) and not isinstance(value, bool):
            # Without a declared range a variable still stays within ±INT_LIMIT.
            value = max(-INT_LIMIT if var.min is None else var.min, value)
            value = min(INT_LIMIT if var.max is None else var.max, value)
        old = self.variables[name]
        if old != value:
            if self.variables is self.base.variables:
                self.variables = dict(self.variables)
            self.variables[name] = value  # type: ignore[index]
            self.events.append(VariableChanged(name, old, value))

    def set_status(self, who: str, value: str) -> None:
        old = self.status[who]
        if old != value:
            if self.status is self.base.status:
                self.status = dict(self.status)
            self.status[who] = value  # type: ignore[index]
            self.events.append(StatusChanged(who, old, value))
