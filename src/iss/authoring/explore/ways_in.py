"""Ways into a scene: what can differ on arrival, and by which way in.

    found = ways_in(story, "module_sealed", CLAIMS_BUDGET, plays=6_000)
    found.ways      # each (scene, choice) whose `go:` can land here, with its arrivals
    found.differs   # facts seen both ways on arrival, each side with a real route
    found.always, found.never, found.unproved

Used by `iss explore --ways-in`. A scene several routes reach must read true
on each; this lists what can differ when the player gets there. The candidate
facts are every flag, item, character's status, variable, trust, clock, and
`seen.` of every other scene and `taken.` of every tracked choice (the only
ones a state records: `once:` choices and those a condition reads).

Seeded random plays (the same runs as `iss explore --random`, through the
engine's walker) record each name's value on every arrival. A name seen
with two values *differs by route*: each side is a real route that replays
in the engine. A name seen with one value is put to `check_claims` as a
POSSIBLE claim of any other value at the scene: "impossible" proves the one
value on every arrival (always, or never for a yes/no that is false); a route
found is a witness of another value (the name differs); what neither settles
is *unproved*, never shown as always. For a name seen with several values but
not yes/no, the same claim says whether other values are proved impossible.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from iss.authoring.explore.arrival_names import Name, candidate_names, other_than, story_names
from iss.authoring.explore.arrivals import START, ArrivalSample, check_scene
from iss.authoring.explore.claims import POSSIBLE, Claim, check_claims
from iss.authoring.explore.find import find_route
from iss.authoring.explore.results import WAYS_IN_PLAYS, Budget
from iss.authoring.graph import label
from iss.engine.expressions import compile_condition
from iss.engine.model import Story, Value

FULL = 10_000
"""A way's label is its choice's whole text (front ends cut it to their width)."""


@dataclass(frozen=True, slots=True)
class Way:
    """A way in: `key` is "scene.choice"; `by_go` False when no `go:` leads here from it
    (a clock ran out, or a `go: return` came back); `arrivals` counts sampled arrivals."""

    key: str
    label: str
    arrivals: int
    by_go: bool = True


@dataclass(frozen=True, slots=True)
class Side:
    """One value of a name on arrival: how many sampled arrivals had it and by which
    way in, and the shortest route found to one (`via` its way in, `by` who found it)."""

    value: Value
    arrivals: int
    ways: tuple[tuple[str, int], ...]
    route: tuple[str, ...]
    via: str
    by: str


@dataclass(frozen=True, slots=True)
class Differs:
    """A name seen on arrival with two values or more. `complete` is True when no
    other value is possible (proved, or a yes/no); for an int only its lowest and
    highest sides are kept, and `values` counts those seen."""

    name: Name
    sides: tuple[Side, ...]
    complete: bool
    values: int

    def to_json(self) -> dict[str, object]:
        name = self.name
        sides = [
            {"value": s.value, "shown": name.shown(s.value), "arrivals": s.arrivals}
            | {"ways_in": dict(s.ways), "route": list(s.route), "via": s.via, "by": s.by}
            for s in self.sides
        ]
        return {"fact": name.expr, "family": name.family, "complete": self.complete} | {
            "values_seen": self.values,
            "sides": sides,
        }


@dataclass
class WaysIn:
    """What `ways_in` found. `status`: "reached", "unreachable" (proved, `by`) or
    "unproved" (no arrival found within the budget)."""

    scene: str
    plays: int
    seed: int
    status: str = "reached"
    by: str = ""
    arrivals: int = 0
    ways: list[Way] = field(default_factory=list)
    always: list[Name] = field(default_factory=list)
    never: list[Name] = field(default_factory=list)
    differs: list[Differs] = field(default_factory=list)
    unproved: list[tuple[Name, Value]] = field(default_factory=list)
    """Names seen with one value on every arrival, but not proved to keep it."""
    fixed: dict[Name, Value] = field(default_factory=dict)
    """The value of each name proved always (`always` and `never`)."""

    def to_json(self) -> dict[str, object]:
        return {
            "scene": self.scene,
            "status": self.status,
            **({"by": self.by} if self.by else {}),
            "plays": self.plays,
            "seed": self.seed,
            "arrivals": self.arrivals,
            "ways_in": [
                {"way": w.key, "text": w.label, "arrivals": w.arrivals, "by_go": w.by_go}
                for w in self.ways
            ],
            "always": [n.holds(self.fixed[n]) for n in self.always],
            "never": [n.expr for n in self.never],
            "differs": [d.to_json() for d in self.differs],
            "unproved": [n.holds(v) for n, v in self.unproved],
        }


def ways_in(
    story: Story,
    scene: str,
    budget: Budget | None = None,
    plays: int = WAYS_IN_PLAYS,
    seed: int = 0,
) -> WaysIn:
    """What can differ on arriving in `scene` (see the module docstring). Raises
    `UnknownTarget` for a scene the story lacks, or one its fallback passes through."""
    check_scene(story, scene)
    names = candidate_names(story, scene)
    sample = ArrivalSample(story, scene, names)
    sample.play(plays, seed)
    found = WaysIn(scene, plays, seed, arrivals=sample.arrivals)
    if not sample.arrivals:
        route = find_route(story, scene, budget)
        if route.status != "found":
            found.status, found.by = route.status, route.by
            found.ways = _ways(story, scene, sample.ways)
            return found
        sample.replay(route.route, "claim search")
    _settle(story, scene, names, sample, found, budget)
    found.ways = _ways(story, scene, sample.ways)
    return found


def _settle(
    story: Story,
    scene: str,
    names: list[Name],
    sample: ArrivalSample,
    found: WaysIn,
    budget: Budget | None,
) -> None:
    """Put each name's other values to `check_claims`, then sort the names into `found`."""
    compile_names = story_names(story)
    asked: list[int] = []
    claims: list[Claim] = []
    for i, name in enumerate(names):
        seen = sample.values[i]
        if name.kind == "bool" and len(seen) > 1:
            continue
        source = other_than(name, list(seen))
        claims.append(
            Claim(name.expr, POSSIBLE, compile_condition(source, compile_names), frozenset({scene}))
        )
        asked.append(i)
    proved: set[int] = set()
    for i, result in zip(asked, check_claims(story, claims, budget), strict=True):
        if result.status == "impossible":
            proved.add(i)
        elif result.status == "possible" and result.route is not None:
            sample.replay(result.route, result.by)
    for i, name in enumerate(names):
        seen = sample.values[i]
        if len(seen) == 1:
            (value,) = seen
            if i not in proved:
                found.unproved.append((name, value))
            elif name.kind == "bool" and not value:
                found.never.append(name)
                found.fixed[name] = value
            else:
                found.always.append(name)
                found.fixed[name] = value
            continue
        sides = [
            Side(v, t.count, tuple(sorted(t.ways.items())), t.route, t.via, t.by)
            for v, t in sorted(seen.items(), key=lambda kv: kv[0])
        ]
        kept = [sides[0], sides[-1]] if name.kind == "int" else sides
        complete = name.kind == "bool" or i in proved
        found.differs.append(Differs(name, tuple(kept), complete, len(sides)))


def _ways(story: Story, scene: str, arrivals: dict[str, int]) -> list[Way]:
    """Each (scene, choice) whose `go:` (a route, a branch, a call) can land in `scene`, then
    any other way a sampled arrival came (a clock running out, a `go: return`)."""
    names = {c.id: c.short for c in story.characters.values()}
    out: list[Way] = []
    keys: set[str] = set()
    if scene == story.start:
        out.append(Way(START, "", arrivals.get(START, 0)))
        keys.add(START)
    for source in story.scenes.values():
        for choice in source.choices:
            lands = choice.call == scene or (
                choice.call is None and any(r.scene == scene for r in choice.routes)
            )
            if lands:
                key = f"{source.id}.{choice.id}"
                keys.add(key)
                out.append(Way(key, label(choice.text.source, FULL, names), arrivals.get(key, 0)))
    for key, count in sorted(arrivals.items()):
        if key not in keys:
            sid, _, cid = key.partition(".")
            text = "" if key == START else story.scenes[sid].choice_index[cid].text.source
            out.append(Way(key, label(text, FULL, names), count, by_go=False))
    return out
