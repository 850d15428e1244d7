"""The story model: immutable, compiled once by `iss.authoring`, shared by everyone.

A `Story` holds content only. Everything that changes during play lives in
`GameState` (see `state.py`), so a save is the state alone.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple, TypeVar, dataclass_transform

if TYPE_CHECKING:
    from iss.engine.state import Draft, StateView
    from iss.engine.text import Template

Value = int | bool | str
Reader = Callable[["StateView"], Value]
Apply = Callable[["Draft"], None]

_T = TypeVar("_T")


@dataclass_transform(frozen_default=True)
def record(cls: type[_T]) -> type[_T]:
    """`@dataclass(frozen=True, slots=True)` for what a load builds by the hundred thousand.

    mypy treats a record as frozen and refuses assignments to its fields, so it
    is immutable as far as any checked code can tell. At run time it is a plain
    slotted dataclass: a frozen one sets every field through `object.__setattr__`,
    which makes building a `Choice` three times slower. Equality and hashing are
    the same as a frozen dataclass's.
    """
    return dataclass(slots=True, unsafe_hash=True)(cls)


STATUSES = ("aboard", "outside", "missing", "dead")
"""What Kira can know of a crew member's whereabouts."""
PRONOUNS = ("he", "she", "they")
"""What a character's `pronoun:` may be (`Character.pronoun`)."""
NAME_TITLES = frozenset({"Dr", "Commander", "Cmdr", "Captain"})
"""Words of a full name that are a title, not a name the text calls anyone by."""

RETURN = "return"
"""The target `go: return` / `next: return`: back to where the last `call:` resumes."""


@record
class Position:
    """Where something was written: file, 1-based line and column."""

    file: str
    line: int
    col: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


@record
class Condition:
    """A compiled condition. `clauses` are and-ed; each carries a readable reason."""

    source: str
    clauses: tuple[tuple[Reader, str], ...]
    names: frozenset[str]
    parts: tuple[str, ...] = ()
    """The conditions it and-s together, when written as a list of `when:` entries
    (their sources joined are not always the same condition: `a or b` and `c`)."""

    def failing_reason(self, state: StateView) -> str | None:
        """None when the condition holds, else the reason of the first failing clause."""
        for test, reason in self.clauses:
            if not test(state):
                return reason
        return None


class Write(NamedTuple):
    """What an effect writes, for a step that applies it its own way (`walk.py`).

    `what` is "trust", "crew_trust", "flag", "item", "status" or "variable";
    `name` the crew member, pair key, flag, item, character or variable; `sign`
    0 for `=`, 1 for `+=` and -1 for `-=`; the value is `const` when constant,
    else what `read` gives.
    """

    what: str
    name: str
    sign: int
    const: Value | None
    read: Reader


@record
class Effect:
    """A compiled effect statement, such as `trust.alexey += 1`."""

    source: str
    apply: Apply
    target: str
    reads: frozenset[str]
    write: Write | None = None


@record
class Route:
    """One branch of a choice's target: go to `scene` when `when` holds (or always)."""

    scene: str
    when: Condition | None = None


@record
class Choice:
    """An option in a scene."""

    id: str
    text: Template
    routes: tuple[Route, ...]
    when: Condition | None = None
    reason: Template | None = None
    """What the player is told while `when` fails, a template like `text` (rendered for
    the state it is shown in); None when the author wrote none and the engine guesses."""
    reason_pos: Position | None = None
    """Where the reason's first character is written (lints about the reason point there)."""
    hidden: bool = False
    effects: tuple[Effect, ...] = ()
    minutes: int = 0
    pos: Position | None = None
    origin: str = ""
    """The file that added this choice (differs from the scene's for `extend:`)."""
    once: bool = False
    """Removed once it has been taken in this playthrough (sticky when False)."""
    fallback: bool = False
    """Never offered: taken by itself when no other choice of the scene is available.
    A scene's fallback is always its last choice."""
    call: str | None = None
    """A sub-scene to run first; its `go: return` resumes at this choice's target."""
    quiet: bool = False
    """No trust line follows it: the moves it makes show in the crew panel only. For a
    choice whose weight a bookkeeping line would break ("trusts you far more than
    before" after letting a man die)."""
    key: str = ""
    """`home.id`: its scene (or choice group) and id, as `taken.home.id` names it."""
    named: bool = False
    """True when its `id:` is written out (not derived from its text)."""

    @property
    def returns(self) -> bool:
        """True for `go: return`: back to the target of the last `call:`."""
        return self.routes[0].scene == RETURN


@record
class Scene:
    """A scene: text, then choices or an ending."""

    id: str
    title: str
    text: Template
    choices: tuple[Choice, ...] = ()
    ending: str | None = None
    location: str = ""
    tags: tuple[str, ...] = ()
    beat: str | None = None
    effects: tuple[Effect, ...] = ()
    minutes: int = 0
    pos: Position | None = None
    words: int = 0
    choice_index: Mapping[str, Choice] = field(default_factory=dict)
    requires: Condition | None = None
    """Must hold in every reachable state on entering (an `always:` property here)."""
    mentions_absent: tuple[str, ...] = ()
    """Characters this scene may name while they are dead or missing, on purpose."""
    mentions_unknown: tuple[str, ...] = ()
    """Facts whose phrases this scene may show while they are not known, on purpose."""
    text_pos: Position | None = None
    """Where the text's first character is written (for lint to point into it)."""
    text_breaks: tuple[int, ...] = ()
    """Offsets in the text where a block scalar's lines break (the template joins them)."""
    titles: tuple[str, ...] = ()
    """When `title:` varies with the visit, each visit's title in order (the first is `title`)."""
    titles_cycle: bool = False
    """True when those titles go round (`{cycle: ...}`) instead of keeping the last."""
    time_labels_always: bool = False
    """`time_labels: always`: every choice says what it costs on every route, not only
    where this route's choices differ in time (`notices.time_costs`)."""

    def title_on_visit(self, visit: int) -> str:
        """The title shown on the scene's `visit`-th visit (1 for the first)."""
        if visit <= 1 or not self.titles:
            return self.title
        count = len(self.titles)
        return self.titles[(visit - 1) % count if self.titles_cycle else min(visit, count) - 1]

    def title_in(self, visits: Mapping[str, int]) -> str:
        """The title shown in a state with these visit counts (`title_on_visit`)."""
        return self.title_on_visit(visits.get(self.id, 1))


@record
class Character:
    """A member of the crew. The player character has `player=True` and no trust."""

    id: str
    name: str
    short: str
    side: str
    trust: int = 0
    player: bool = False
    pos: Position | None = None
    pronoun: str | None = None
    """`he`, `she` or `they`, as the text calls the character: a replay that folds
    what was read before keeps "she" pointing at the one it meant
    (`iss.engine.leaning`). None: not said."""


@record
class Variable:
    """A named story variable with a type, an optional range and a default."""

    name: str
    type: str
    default: Value
    min: int | None = None
    max: int | None = None
    values: tuple[str, ...] = ()
    pos: Position | None = None


@record
class Flag:
    """A yes/no fact. `known` is the line the UI lists under what Kira knows."""

    name: str
    known: str = ""
    pos: Position | None = None


@record
class Item:
    """Something Kira can carry."""

    id: str
    name: str
    description: str = ""
    pos: Position | None = None


@record
class Timer:
    """A countdown in minutes. It ticks while `running` holds (always when None)."""

    id: str
    label: str
    start: int
    expires: str | None = None
    running: Condition | None = None
    pos: Position | None = None
    shown: Condition | None = None
    """Front ends show the timer only while this holds (always when None); it counts
    down all the same. The reentry clock runs from the flashes, but no one aboard
    knows it until Gordon works out the decay (blind readers R203, R204, R206)."""


@record
class Ending:
    """An ending of the story."""

    id: str
    title: str
    kind: str
    canonical: bool = False
    hint: str = ""
    pos: Position | None = None


@record
class Property:
    """What an author says must be true on entering `scenes` (every scene when empty):
    `kind` "always" (in every reachable state) or "possible" (in at least one)."""

    name: str
    kind: str
    condition: Condition
    scenes: tuple[str, ...] = ()
    pos: Position | None = None


@record
class Fact:
    """Something the player learns. Text that shows one of `phrases` assumes it, so
    `known` must hold wherever such text shows (the knowledge lint, W219)."""

    name: str
    phrases: tuple[str, ...]
    known: Condition
    hint: str = ""
    pos: Position | None = None


@record
class Walkthrough:
    """A named golden path: from the start, these choice ids reach `ending`."""

    name: str
    ending: str
    choices: tuple[str, ...]
    pos: Position | None = None


@record
class Story:
    """A whole compiled story."""

    id: str
    title: str
    start: str
    scenes: Mapping[str, Scene]
    characters: Mapping[str, Character]
    crew_trust: Mapping[str, int]
    variables: Mapping[str, Variable]
    flags: Mapping[str, Flag]
    items: Mapping[str, Item]
    timers: Mapping[str, Timer]
    endings: Mapping[str, Ending]
    walkthroughs: tuple[Walkthrough, ...] = ()
    properties: tuple[Property, ...] = ()
    facts: tuple[Fact, ...] = ()
    beats: tuple[str, ...] = ()
    trust_min: int = 0
    trust_max: int = 10
    trust_levels: tuple[str, ...] = ("hostile", "wary", "neutral", "trusting", "loyal")
    subtitle: str = ""
    content_hash: str = ""
    counted: frozenset[str] = frozenset()
    """Scenes whose visits are counted in `GameState.visits` (read by `visits.x` or a
    text variation); counting only these keeps a step cheap."""
    tracked: frozenset[str] = frozenset()
    """Choice keys (`home.id`) recorded in `GameState.taken` when taken: `once:`
    choices and those some `taken.home.id` reads."""
    named_conditions: Mapping[str, str] = field(default_factory=dict)
    """`conditions:` by name, each spelled out (`iss.engine.named_conditions`)."""

    @property
    def crew(self) -> tuple[Character, ...]:
        """The characters other than the player, in manifest order."""
        return tuple(c for c in self.characters.values() if not c.player)

    @property
    def canonical_ending(self) -> Ending | None:
        return next((e for e in self.endings.values() if e.canonical), None)

    def clamp_trust(self, value: int) -> int:
        """`value` held within the story's trust range."""
        return self.trust_min if value < self.trust_min else min(value, self.trust_max)

    def trust_level(self, value: int) -> str:
        """The word for a trust value: the range split evenly across `trust_levels`."""
        span = self.trust_max - self.trust_min + 1
        index = (value - self.trust_min) * len(self.trust_levels) // span
        return self.trust_levels[max(0, min(index, len(self.trust_levels) - 1))]


def pair_key(a: str, b: str) -> str:
    """The key of the crew-to-crew trust between `a` and `b`, in either order."""
    return f"{a}-{b}" if a <= b else f"{b}-{a}"


def pair_members(key: str) -> tuple[str, str]:
    """The two crew members of a `pair_key` ("christian-gordon" -> both ids)."""
    a, _, b = key.partition("-")
    return a, b
