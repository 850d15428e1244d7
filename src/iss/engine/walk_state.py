"""A playthrough's state changed in place, and effects compiled to write it so.

A `Walk` is the state `iss.engine.walk` steps: a `Draft` whose setters write
in place and record no events, with the history, the scenes seen and the
ending kept alongside; `freeze()` gives the `GameState` it stands for.
`in_place(effect, story)` is `effect.apply` for a walk, in one call where the
`Draft` setters take two: the effects a story writes most (a constant into
trust, a flag, an item, a status or a variable; a flag set from a condition)
write the walk's own dicts and sets; any other effect runs its `apply`.
"""

from __future__ import annotations

from collections.abc import Callable

from iss.engine.limits import INT_LIMIT
from iss.engine.model import Effect, Story, Value
from iss.engine.state import Draft, GameState

WalkStep = Callable[["Walk"], None]


class Walk(Draft):
    """One playthrough's state, changed in place (a `Draft` that is never frozen per step).

    Effects write through the `Draft` setters, overridden here to write in
    place and record no events. `followed` lists the (scene, fallback) pairs
    taken by themselves since the caller last cleared it. `on_pass`, when set, is
    called with the walk in each scene a fallback passes through, before the
    fallback is taken: the state `runner` renders that scene's `PassedThrough` text
    in (a reader counts what the player reads there). A fork keeps it.
    """

    __slots__ = ("elapsed", "ending", "followed", "history", "on_pass")

    trust: dict[str, int]
    crew_trust: dict[str, int]
    flags: set[str]
    items: set[str]
    variables: dict[str, Value]
    status: dict[str, str]
    clock: dict[str, int]
    visited: set[str]
    visits: dict[str, int]
    taken: set[str]

    def __init__(self, story: Story, start: GameState) -> None:  # no `Draft` base state
        self.story = story
        self.events = []
        self.scene = start.scene
        self.trust = dict(start.trust)
        self.crew_trust = dict(start.crew_trust)
        self.flags = set(start.flags)
        self.items = set(start.items)
        self.variables = dict(start.variables)
        self.status = dict(start.status)
        self.clock = dict(start.clock)
        self.elapsed = start.elapsed
        self.history: list[str] = list(start.history)
        self.visited = set(start.visited)
        self.seed = start.seed
        self.ending: str | None = start.ending
        self.visits = dict(start.visits)
        self.taken = set(start.taken)
        self.calls = start.calls
        self.followed: list[tuple[str, str]] = []
        self.on_pass: Callable[[Walk], None] | None = None

    def fork(self) -> Walk:
        """A copy to step on its own (the explorer's search tries each choice of a state
        on one): the same state, but an empty history and nothing in `followed`."""
        walk = Walk.__new__(Walk)
        walk.story = self.story
        walk.events = []
        walk.scene = self.scene
        walk.trust = self.trust.copy()
        walk.crew_trust = self.crew_trust.copy()
        walk.flags = self.flags.copy()
        walk.items = self.items.copy()
        walk.variables = self.variables.copy()
        walk.status = self.status.copy()
        walk.clock = self.clock.copy()
        walk.elapsed = self.elapsed
        walk.history = []
        walk.visited = self.visited.copy()
        walk.seed = self.seed
        walk.ending = self.ending
        walk.visits = self.visits.copy()
        walk.taken = self.taken.copy()
        walk.calls = self.calls
        walk.followed = []
        walk.on_pass = self.on_pass
        return walk

    def freeze(self) -> GameState:
        """The state as a `GameState`, as `new_game` and `choose` build it."""
        return GameState(
            self.scene,
            dict(self.trust),
            dict(self.crew_trust),
            frozenset(self.flags),
            frozenset(self.items),
            dict(self.variables),
            dict(self.status),
            dict(self.clock),
            self.elapsed,
            tuple(self.history),
            frozenset(self.visited),
            self.seed,
            self.ending,
            dict(self.visits),
            frozenset(self.taken),
            self.calls,
        )

    def set_trust(self, who: str, value: int) -> None:
        value = self.story.clamp_trust(value)
        self.trust[who] = value

    def set_crew_trust(self, key: str, value: int) -> None:
        value = self.story.clamp_trust(value)
        self.crew_trust[key] = value

    def set_flag(self, flag: str, value: bool) -> None:
        if value:
            self.flags.add(flag)
        else:
            self.flags.discard(flag)

    def set_item(self, item: str, value: bool) -> None:
        if value:
            self.items.add(item)
        else:
            self.items.discard(item)

    def set_variable(self, name: str, value: Value) -> None:
        var = self.story.variables[name]
        if isinstance(value, int) and not isinstance(value, bool):
            value = max(-INT_LIMIT if var.min is None else var.min, value)
            value = min(INT_LIMIT if var.max is None else var.max, value)
        if self.variables[name] != value:
            self.variables[name] = value

    def set_status(self, who: str, value: str) -> None:
        self.status[who] = value


def in_place(effect: Effect, story: Story) -> WalkStep:
    """`effect.apply` for a `Walk`: the same writes, straight into its dicts and sets."""
    write = effect.write
    if write is None:
        return effect.apply
    what, name, sign, const, read = write.what, write.name, write.sign, write.const, write.read
    if const is None:
        if what == "flag" and not sign:
            return _flag_from(name, read)
        return effect.apply
    if what in ("trust", "crew_trust"):
        return _trust(what == "trust", name, sign, int(const), story.trust_min, story.trust_max)
    if what in ("flag", "item"):
        return _member(what == "flag", name, bool(const))
    if what == "status":
        status = str(const)

        def set_status(walk: Walk) -> None:
            walk.status[name] = status

        return set_status
    return _variable(story, name, sign, const)


def _flag_from(flag: str, read: Callable[[Walk], Value]) -> WalkStep:
    def set_flag(walk: Walk) -> None:
        if read(walk):
            walk.flags.add(flag)
        else:
            walk.flags.discard(flag)

    return set_flag


def _trust(personal: bool, who: str, sign: int, value: int, low: int, high: int) -> WalkStep:
    """`Draft.set_trust` (or `set_crew_trust`) of `value`, or of the trust plus `sign * value`."""
    if not sign:
        level = max(low, min(high, value))

        def set_trust(walk: Walk) -> None:
            (walk.trust if personal else walk.crew_trust)[who] = level

        return set_trust
    delta = sign * value

    def add_trust(walk: Walk) -> None:
        trust = walk.trust if personal else walk.crew_trust
        new = trust[who] + delta
        trust[who] = high if new > high else low if new < low else new

    return add_trust


def _member(flag: bool, name: str, value: bool) -> WalkStep:
    """`Draft.set_flag` (or `set_item`) of a constant."""
    if value:

        def add(walk: Walk) -> None:
            (walk.flags if flag else walk.items).add(name)

        return add

    def discard(walk: Walk) -> None:
        (walk.flags if flag else walk.items).discard(name)

    return discard


def _variable(story: Story, name: str, sign: int, const: Value) -> WalkStep:
    """`Draft.set_variable` of a constant, or of the number plus `sign * const`."""
    var = story.variables[name]
    low = -INT_LIMIT if var.min is None else var.min
    high = INT_LIMIT if var.max is None else var.max
    if not sign:
        value = const
        if isinstance(value, int) and not isinstance(value, bool):
            value = min(high, max(low, value))

        def set_variable(walk: Walk) -> None:
            walk.variables[name] = value

        return set_variable
    delta = sign * int(const)

    def add_variable(walk: Walk) -> None:
        variables = walk.variables
        new = int(variables[name]) + delta
        variables[name] = high if new > high else low if new < low else new

    return add_variable
