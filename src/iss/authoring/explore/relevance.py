"""Which parts of the game state matter at each scene, so the explorer can merge states.

Two playthroughs standing in the same scene are the same for every purpose
of the explorer when they agree on every name that can still be read from
there on: in a condition (`Condition.names`), by an effect (`Effect.reads`),
in scene or choice text (`Template.names`), or by a timer (`Timer.running`,
and a timer's own minutes when it can expire). This module computes that set
per scene with a backward liveness analysis over the scene graph:

    live(S) = names read at S  ∪  what each choice of S reads before it leaves
    entry(T) = what entering T reads, given live(T)

An assignment `x = ...` kills `x` (its old value no longer matters) and an
effect on a name nobody reads later is a dead store that reads nothing.
Minutes shown in text (`{clock.reentry}`) do not split states: they change
how a line reads, never where the story can go.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from operator import itemgetter
from typing import Any

from iss.authoring.explore.bounds import (
    choice_targets,
    is_update,
    return_targets,
    saturation,
    shared,
    target_name,
)
from iss.authoring.explore.calls import call_tops
from iss.authoring.explore.keys import (
    KeyFunction,
    KeyPairFunction,
    Transform,
    compile_key,
    compile_keys,
)
from iss.engine.model import Choice, Condition, Effect, Scene, Story, Value
from iss.engine.state import StateView


def text_names(names: Iterable[str]) -> set[str]:
    """Names read by text, without the clocks (they only change how time reads)."""
    return {n for n in names if not n.startswith("clock.")}


_Store = tuple[str, bool, frozenset[str]]
"""An effect as the analysis sees it: (target name, reads its old value, names it reads)."""


def _stores(effects: tuple[Effect, ...]) -> tuple[_Store, ...]:
    out = []
    for effect in reversed(effects):
        name = target_name(effect.target)
        update = is_update(effect)
        reads = effect.reads if update else effect.reads - {name}
        out.append((name, update, frozenset(reads)))
    return tuple(out)


class Relevance:
    """The names that matter in each scene of a story (see the module docstring)."""

    def __init__(
        self,
        story: Story,
        text: bool = False,
        reads: Mapping[str, Sequence[Condition]] | None = None,
    ) -> None:
        self.story = story
        self.text = text
        self.reads = dict(reads or {})
        """Scene -> more conditions read on entering it (properties, continuity checks)."""
        self._extra = {
            sid: frozenset().union(*(c.names for c in conds)) for sid, conds in self.reads.items()
        }
        self.live: dict[str, frozenset[str]] = {sid: frozenset() for sid in story.scenes}
        self._stores: dict[int, tuple[_Store, ...]] = shared(story, ("stores",), dict)
        """Effects (by the id of the story's tuple) -> as the analysis sees them: the same
        for every analysis of the story (shared in a `sharing_reach` block)."""
        self._entry: dict[str, frozenset[str]] = {}
        self._time: frozenset[str] | None = None
        self._expiry_scenes = {
            t.expires for t in story.timers.values() if t.expires and t.expires in story.scenes
        }
        self.return_targets = shared(story, ("return_targets",), lambda: return_targets(story))
        self.call_tops = shared(story, ("call_tops",), lambda: call_tops(story))
        """Scene -> where a `go: return` there may resume (`calls`)."""
        self._solve()
        self.bounds, self.cuts = saturation(story, self._conditions())
        self._keys: dict[str, KeyFunction] = {}
        self._coarse_keys: dict[str, KeyFunction] = {}
        self._compiled: dict[tuple[object, ...], Any] = {}
        """Keys by the names and transforms they read: scenes of a chain often keep the
        same names, and share one function (see `_shape`)."""

    # -- transfer functions (backward) -------------------------------------------------

    def effects_before(self, effects: tuple[Effect, ...], after: set[str]) -> set[str]:
        if not effects:
            return after
        stores = self._stores.get(id(effects))
        if stores is None:
            stores = self._stores[id(effects)] = _stores(effects)
        live = set(after)
        for name, update, reads in stores:
            if name not in live:
                continue  # a dead store: nothing later reads what it writes
            if not update:
                live.discard(name)
            live |= reads
        return live

    def _always_on_time(self) -> frozenset[str]:
        """What spending any time reads: expiring timers, their `while:`, their expiry scenes."""
        if self._time is None:
            names: set[str] = set()
            for timer in self.story.timers.values():
                if timer.expires:
                    names.add(f"clock.{timer.id}")
                    if timer.running is not None:
                        names |= timer.running.names
                    if timer.expires in self.story.scenes:
                        names |= self.entry(self.story.scenes[timer.expires], expiry=False)
            self._time = frozenset(names)
        return self._time

    def time_before(self, after: set[str]) -> set[str]:
        """Spending time reads the timers that can expire, and their `while:` conditions."""
        live = after | self._always_on_time()
        for timer in self.story.timers.values():
            if not timer.expires and timer.running is not None and f"clock.{timer.id}" in live:
                live |= timer.running.names
        return live

    def entry(self, scene: Scene, expiry: bool = True) -> set[str]:
        """What entering `scene` reads: its time first, then its effects, then whatever
        it reads itself (as `runner._enter`: a timer running out skips the rest)."""
        cached = self._entry.get(scene.id)
        if cached is None:
            cached = frozenset(self.effects_before(scene.effects, set(self.live[scene.id])))
            self._entry[scene.id] = cached
        if scene.minutes <= 0:
            return set(cached)
        if expiry and scene.ending is None:
            return self.time_before(set(cached))
        return self.ticking_before(set(cached))

    def ticking_before(self, after: set[str]) -> set[str]:
        """Time passing with no expiry possible reads the `while:` of each timer still read."""
        live = set(after)
        for timer in self.story.timers.values():
            if timer.running is not None and f"clock.{timer.id}" in live:
                live |= timer.running.names
        return live

    def choice_reads(self, choice: Choice) -> set[str]:
        """What taking `choice` reads, from the moment it is offered.

        A `call:` enters its sub-scene; where it resumes is read by the sub-scene's
        `go: return` (the call stack, and every scene a return may resume at)."""
        live: set[str] = set()
        scenes = self.story.scenes
        if choice.call is not None and choice.call in scenes:
            live |= self.entry(scenes[choice.call])
            if choice.returns:  # a tail call: the callee returns to our caller
                live.add("calls")
        elif choice.returns:
            live.add("calls")
            for sid in sorted(self.return_targets):
                live |= self.entry(scenes[sid])
        for route in choice.routes:
            target = scenes.get(route.scene)
            if target is not None and choice.call is None:
                live |= self.entry(target)
            if route.when is not None:
                live |= route.when.names
        if choice.once:
            live.add(f"taken.{choice.key}")
        if choice.minutes > 0:
            live = self.time_before(live)
        live = self.effects_before(choice.effects, live)
        if choice.when is not None:
            live |= choice.when.names
        if self.text and choice.text.names:
            live |= text_names(choice.text.names)
        if self.text and choice.reason is not None and choice.when is not None:
            live |= text_names(choice.reason.names)  # shown while `when` fails
        return live

    def scene_reads(self, scene: Scene) -> frozenset[str]:
        extra = self._extra.get(scene.id, frozenset())
        if scene.ending is not None:
            return extra
        live = text_names(scene.text.names) if self.text else set()
        if self.text and (scene.text.per_visit or any(_per_visit(c) for c in scene.choices)):
            live.add(f"visits.{scene.id}")
        for choice in scene.choices:
            live |= self.choice_reads(choice)
        return frozenset(live | extra)

    # -- the fixed point ---------------------------------------------------------------

    def _solve(self) -> None:
        story = self.story
        preds: dict[str, set[str]] = {sid: set() for sid in story.scenes}
        for scene in story.scenes.values():
            for choice in scene.choices:
                for target in choice_targets(story, choice, self.return_targets):
                    preds[target].add(scene.id)
        work = post_order(story)  # successors first, so one pass settles most of it
        work.reverse()
        queued = set(work)
        while work:
            sid = work.pop()
            queued.discard(sid)
            new = self.scene_reads(story.scenes[sid])
            if new == self.live[sid]:
                continue
            self.live[sid] = new
            self._entry.pop(sid, None)
            again = set(preds[sid])
            if sid in self._expiry_scenes:
                self._time = None
                again = set(story.scenes)  # every scene that spends time reads it
            for pred in again:
                if pred not in queued:
                    queued.add(pred)
                    work.append(pred)

    # -- state keys --------------------------------------------------------------------

    def _conditions(self) -> list[Condition]:
        """The conditions that decide where the story goes (and, with `text`, what it says)."""
        story = self.story
        out = [t.running for t in story.timers.values() if t.running is not None]
        out += [c for conds in self.reads.values() for c in conds]
        for scene in story.scenes.values():
            for choice in scene.choices:
                if choice.when is not None:
                    out.append(choice.when)
                out += [r.when for r in choice.routes if r.when is not None]
        if self.text:  # text may show a number as it is: keep those exact
            names = {n for s in story.scenes.values() for n in _all_text_names(s)}
            out.append(
                Condition(" and ".join(f"({n} == {n})" for n in sorted(names)), (), frozenset())
            )
        return out

    def coarse_key_function(self, scene_id: str) -> KeyFunction:
        """A coarser key for the quick first search: numbers by which cut points they pass,
        timers in eighths of their start. Merges states that may differ later: only for
        finding paths fast, never for claims that something cannot happen."""
        known = self._coarse_keys.get(scene_id)
        if known is None:
            known = compile_key(self.live[scene_id], self._coarse(scene_id))
            self._coarse_keys[scene_id] = known
        return known

    def key_function(self, scene_id: str) -> KeyFunction:
        """A function from a state in `scene_id` (a `GameState` or a `Walk`) to a key of
        the values of the names that matter there, each clamped (`keys`)."""
        known = self._keys.get(scene_id)
        if known is None:
            live, fine = self.live[scene_id], self._fine(scene_id)
            shape = _shape("key", live, fine)
            known = self._compiled.get(shape)
            if known is None:
                known = self._compiled[shape] = compile_key(live, fine)
            self._keys[scene_id] = known
        return known

    def key_pair_function(self, scene_id: str) -> KeyPairFunction:
        """Both keys at once, for the quick search: `(key_function(scene_id)(s),
        coarse_key_function(scene_id)(s))`, each name read once."""
        live, fine, coarse = self.live[scene_id], self._fine(scene_id), self._coarse(scene_id)
        shape = _shape("pair", live, fine, coarse)
        known: KeyPairFunction | None = self._compiled.get(shape)
        if known is None:
            known = self._compiled[shape] = compile_keys(live, fine, coarse)
        return known

    def _fine(self, scene_id: str) -> dict[str, Transform]:
        bounds = self.bounds.get(scene_id, {})
        return {n: ("clamp", bounds[n]) for n in self.live[scene_id] if n in bounds}

    def _coarse(self, scene_id: str) -> dict[str, Transform]:
        transforms: dict[str, Transform] = {}
        for name in self.live[scene_id]:
            if name.startswith("clock."):
                timer = self.story.timers.get(name.partition(".")[2])
                transforms[name] = ("scale", max(1, (timer.start if timer else 60) // 8))
            elif name in self.cuts:
                transforms[name] = ("bucket", self.cuts[name])
        return transforms


def _shape(
    kind: str, live: frozenset[str], *transforms: dict[str, Transform]
) -> tuple[object, ...]:
    """What a compiled key depends on: the names it reads and how each is transformed (two
    scenes with the same shape get the same function; each scene keeps its own table)."""
    return (kind, live, *(tuple(sorted(table.items())) for table in transforms))


def post_order(story: Story) -> list[str]:
    """Scene ids in depth-first post-order from the start, then the rest."""
    seen: set[str] = set()
    order: list[str] = []
    roots = [story.start, *story.scenes]
    for root in roots:
        if root in seen or root not in story.scenes:
            continue
        seen.add(root)
        stack = [(root, iter(_successors(story, root)))]
        while stack:
            node, successors = stack[-1]
            for nxt in successors:
                if nxt not in seen and nxt in story.scenes:
                    seen.add(nxt)
                    stack.append((nxt, iter(_successors(story, nxt))))
                    break
            else:
                stack.pop()
                order.append(node)
    return order


def _successors(story: Story, sid: str) -> list[str]:
    return [r.scene for c in story.scenes[sid].choices for r in c.routes] + [
        c.call for c in story.scenes[sid].choices if c.call is not None
    ]


def _all_text_names(scene: Scene) -> Iterator[str]:
    yield from (n for n in scene.text.names if n.partition(".")[0] in ("trust", "clock", "var"))
    for choice in scene.choices:
        names = choice.text.names
        if choice.reason is not None:
            names |= choice.reason.names
        yield from (n for n in names if n.partition(".")[0] in ("trust", "clock", "var"))


def _per_visit(choice: Choice) -> bool:
    """Whether the choice's text (or its reason) holds a variation."""
    return choice.text.per_visit or (choice.reason is not None and choice.reason.per_visit)


def reader(name: str) -> Callable[[StateView], Value]:
    """A fast reader of one named value of a state."""
    head, _, rest = name.partition(".")
    if head == "trust":
        get = itemgetter(rest)
        if "-" in rest:
            return lambda s: get(s.crew_trust)
        return lambda s: get(s.trust)
    if head == "flag":
        return lambda s: rest in s.flags
    if head == "has":
        return lambda s: rest in s.items
    if head == "seen":
        return lambda s: rest in s.visited
    if head == "clock":
        return lambda s: s.clock[rest]
    if head == "visits":
        return lambda s: s.visits.get(rest, 0)
    if head == "taken":
        return lambda s: rest in s.taken
    if head == "calls":
        return lambda s: "/".join(s.calls)
    if head == "status":
        return lambda s: s.status[rest]
    return lambda s: s.variables[rest]
