"""Saturation: numbers beyond every threshold they can still reach behave the same.

A number such as `trust.nicholai` matters to the story only through
comparisons with constants (`trust.nicholai >= 6`). Say the comparisons
downstream of a scene cut the number line at points B, and along any path
from the scene the number can rise by at most D+ in total and fall by at
most D-. Then every value below `min(B) - D+` stays below every cut point
whatever the player does, so all those values are interchangeable; likewise
every value at or above `max(B) + D-`. The explorer clamps a number into
`[min(B) - 1 - D+, max(B) + D-]` before using it in a state key, which
merges states exactly (no path's outcome changes).

Timers work the same way: time only runs down, and a timer that cannot run
out before any ending is as good as full. A number compared with another
name, used in arithmetic, copied by an effect, or set with `=` is left
exact, and so is anything inside a loop that changes it (D is unbounded).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Hashable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, TypeVar

from iss.authoring.explore.traps import components
from iss.engine.errors import ExpressionError
from iss.engine.expressions import duration_minutes, parse_source
from iss.engine.model import Choice, Condition, Effect, Story, pair_key
from iss.engine.reasons import dotted_name

_INF = float("inf")
_STEP = re.compile(r"^\s*([A-Za-z_][\w.]*)\s*([+-])=\s*(\d+)\s*$")
_DURATION = re.compile(r"\b(?:\d+h(?:\d+m)?|\d+m)\b")

Bounds = tuple[float, float]
Reach = tuple[dict[str, dict[str, float]], dict[str, dict[str, float]]]
"""For each scene and number: how far it can still rise, and fall (see `_reach`)."""
Reading = tuple[tuple[str, tuple[int, ...] | None], ...]
"""What reading one condition source finds, in order: a number and the cut points one of
its comparisons adds, or None where it is read some other way (opaque)."""
_Steps = list[tuple[str, tuple[int, ...] | None]]
_T = TypeVar("_T")

_SHARED: ContextVar[dict[tuple[Hashable, ...], tuple[Story, Any]] | None] = ContextVar(
    "_SHARED", default=None
)


@contextmanager
def sharing_reach() -> Iterator[None]:
    """Inside, the analyses of a story share what they work out alike (`shared`): how far
    numbers reach (once per story and names), the comparisons each condition source
    makes, and `Relevance`'s call tops.

    `iss explore` and `iss check` run several analyses of the same story (one for
    the exploration, one for the claims, two for the claims' split passes) whose
    numbers are usually the same; the reach over every scene is most of each one's
    cost. Nothing is kept once the block ends.
    """
    token = _SHARED.set({})
    try:
        yield
    finally:
        _SHARED.reset(token)


def shared(story: Story, key: tuple[Hashable, ...], make: Callable[[], _T]) -> _T:
    """`make()`, made once for `story` and `key` inside a `sharing_reach` block (and
    every time outside one). What it gives is shared: callers must not change it."""
    known = _SHARED.get()
    if known is None:
        return make()
    full = (id(story), *key)
    found = known.get(full)
    if found is None or found[0] is not story:
        found = known[full] = (story, make())
    value: _T = found[1]
    return value


def target_name(target: str) -> str:
    """An effect's target written the way conditions name it (`allegiance` -> `var.allegiance`)."""
    parts = target.split(".")
    if len(parts) == 1:
        return f"var.{parts[0]}"
    if parts[0] == "trust" and len(parts) == 3:
        return f"trust.{pair_key(parts[1], parts[2])}"
    return target


def is_update(effect: Effect) -> bool:
    """True for `+=` and `-=`: the effect reads its target's old value."""
    return "+=" in effect.source or "-=" in effect.source


@dataclass
class _Number:
    cuts: set[int]
    opaque: bool = False


def _int_name(story: Story, node: ast.expr) -> str | None:
    parts = dotted_name(node)
    if parts is None:
        return None
    head, rest = parts[0], parts[1:]
    if not rest:
        var = story.variables.get(head)
        return f"var.{head}" if var is not None and var.type == "int" else None
    if head == "var" and len(rest) == 1:
        var = story.variables.get(rest[0])
        return f"var.{rest[0]}" if var is not None and var.type == "int" else None
    if head == "trust" and len(rest) == 2:
        return f"trust.{pair_key(rest[0], rest[1])}"
    if head in ("trust", "clock", "visits") and len(rest) == 1:
        return f"{head}.{rest[0]}"
    return None


def _constant(node: ast.expr) -> int | None:
    if isinstance(node, ast.Constant) and type(node.value) is int:
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        inner = _constant(node.operand)
        return None if inner is None else -inner
    return None


def _cut_points(op: ast.cmpop, value: int, name_on_left: bool) -> tuple[int, ...]:
    """The points b such that `x >= b` decides the comparison."""
    if not name_on_left:  # c < x is x > c, and so on
        op = {ast.Lt: ast.Gt(), ast.Gt: ast.Lt(), ast.LtE: ast.GtE(), ast.GtE: ast.LtE()}.get(
            type(op), op
        )
    if isinstance(op, ast.GtE | ast.Lt):
        return (value,)
    if isinstance(op, ast.Gt | ast.LtE):
        return (value + 1,)
    return (value, value + 1)


class _Comparisons:
    """Reads every condition once, collecting cut points or marking numbers opaque.

    What a source gives is the same for every analysis of the story (`known`, shared
    by `saturation` calls in a `sharing_reach` block): it is kept as the reading's steps,
    in order, and played onto this reading's numbers."""

    def __init__(self, story: Story, known: dict[str, Reading] | None = None) -> None:
        self.story = story
        self.numbers: dict[str, _Number] = {}
        # Reading a source twice adds nothing (cut points are a set, opaque stays set), and
        # a large story repeats a handful of sources thousands of times: read each once.
        self._read: set[str] = set()
        self._known = {} if known is None else known

    def number(self, name: str) -> _Number:
        return self.numbers.setdefault(name, _Number(set()))

    def condition(self, source: str) -> None:
        if source in self._read:
            return
        self._read.add(source)
        steps = self._known.get(source)
        if steps is None:
            steps = self._known[source] = self.read(source)
        for name, points in steps:
            if points is None:
                self.number(name).opaque = True
            else:
                self.number(name).cuts.update(points)

    def read(self, source: str) -> Reading:
        steps: _Steps = []
        text = _DURATION.sub(lambda m: str(duration_minutes(m.group(0))), source).strip()
        try:
            tree = ast.parse(text, mode="eval")
        except SyntaxError:
            return ()
        self.visit(tree.body, steps)
        return tuple(steps)

    def visit(self, node: ast.expr, steps: _Steps) -> None:
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            for op, left, right in zip(node.ops, operands, operands[1:], strict=False):
                self.compare(op, left, right, steps)
            return
        if isinstance(node, ast.BoolOp):
            for value in node.values:
                self.visit(value, steps)
        elif isinstance(node, ast.UnaryOp):
            self.visit(node.operand, steps)
        else:
            self.opaque_names(node, steps)

    def compare(self, op: ast.cmpop, left: ast.expr, right: ast.expr, steps: _Steps) -> None:
        for name_node, other, on_left in ((left, right, True), (right, left, False)):
            name = _int_name(self.story, name_node)
            value = _constant(other)
            if name is not None and value is not None:
                steps.append((name, _cut_points(op, value, on_left)))
                return
        self.opaque_names(left, steps)
        self.opaque_names(right, steps)

    def opaque_names(self, node: ast.expr, steps: _Steps) -> None:
        for sub in ast.walk(node):
            if isinstance(sub, ast.Name | ast.Attribute):
                name = _int_name(self.story, sub)
                if name is not None:
                    steps.append((name, None))


def constant_cuts(story: Story, source: str, value: bool = False) -> dict[str, tuple[int, ...]]:
    """The numbers a condition (`value`: the value of an effect `flag.x = <value>`) only
    compares with constants, and their sorted cut points (see `classes`): `saturation`'s
    reading, of the tree the engine parses (its durations read as the engine reads them)."""
    try:
        tree = parse_source(source, "exec" if value else "eval")
    except ExpressionError:
        return {}
    node = tree.body if isinstance(tree, ast.Expression) else None
    if isinstance(tree, ast.Module) and len(tree.body) == 1:
        statement = tree.body[0]
        node = statement.value if isinstance(statement, ast.Assign) else None
    if node is None:
        return {}
    steps: _Steps = []
    _Comparisons(story).visit(node, steps)
    opaque = {name for name, points in steps if points is None}
    cuts: dict[str, set[int]] = {}
    for name, points in steps:
        if points is not None and name not in opaque:
            cuts.setdefault(name, set()).update(points)
    return {name: tuple(sorted(points)) for name, points in cuts.items()}


def _step(effect: Effect) -> tuple[str, float, float]:
    """(target, rise, fall) of an effect; `=` or a non-constant step is unbounded both ways."""
    name = target_name(effect.target)
    match = _STEP.match(effect.source)
    if match is None:
        return name, _INF, _INF
    amount = int(match.group(3))
    return (name, amount, 0) if match.group(2) == "+" else (name, 0, amount)


def saturation(
    story: Story, conditions: Iterable[Condition]
) -> tuple[dict[str, dict[str, Bounds]], dict[str, tuple[int, ...]]]:
    """Scene id -> number name -> the (low, high) to clamp it into in that scene's state keys;
    and the sorted cut points of each number only ever compared with constants."""
    reading = _Comparisons(story, shared(story, ("comparisons",), dict))
    for condition in conditions:
        reading.condition(condition.source)
    for timer in story.timers.values():
        if timer.expires:
            reading.number(f"clock.{timer.id}").cuts.add(1)  # 0 is where it expires
    for name, number in shared(story, ("effect reads",), lambda: _effect_reads(story)):
        if number or name in reading.numbers:
            reading.number(name).opaque = True
    names = [n for n, num in reading.numbers.items() if num.cuts and not num.opaque]
    cuts = {n: tuple(sorted(reading.numbers[n].cuts)) for n in names}
    if not names:
        return {}, cuts
    rise, fall = _shared_reach(story, names)
    out: dict[str, dict[str, Bounds]] = {}
    for sid in story.scenes:
        bounds: dict[str, Bounds] = {}
        for name in names:
            points = cuts[name]
            if name.startswith("visits."):  # only ever counts up: past the top cut is all one
                bounds[name] = (-_INF, points[-1])
                continue
            low = points[0] - 1 - rise[sid][name]
            high = points[-1] + fall[sid][name]
            if low > -_INF or high < _INF:
                bounds[name] = (low, high)
        out[sid] = bounds
    return out, cuts


def _effect_reads(story: Story) -> tuple[tuple[str, bool], ...]:
    """Each name every effect reads beside its target, in order (with repeats), and
    whether it names a number (or a variable) whatever the conditions read."""
    return tuple(
        (name, name.startswith(("trust.", "clock.", "var.", "visits.")))
        for s in story.scenes.values()
        for effect in _scene_effects(s.id, story)
        for name in effect.reads - {target_name(effect.target)}
    )


def _shared_reach(story: Story, names: list[str]) -> Reach:
    return shared(story, ("reach", tuple(names)), lambda: _reach(story, names))


def return_targets(story: Story) -> frozenset[str]:
    """Every scene a `go: return` may resume at: the targets of every `call:` choice."""
    return frozenset(
        r.scene
        for s in story.scenes.values()
        for c in s.choices
        if c.call is not None
        for r in c.routes
        if r.scene in story.scenes
    )


def choice_targets(story: Story, choice: Choice, returns: frozenset[str]) -> list[str]:
    """The scenes taking `choice` may enter next (a call: its sub-scene; a return: any
    scene a call resumes at)."""
    if choice.call is not None:  # with `go: return` too: a tail call
        return [choice.call] if choice.call in story.scenes else []
    if choice.returns:
        return sorted(returns)
    return [r.scene for r in choice.routes if r.scene in story.scenes]


def _scene_effects(sid: str, story: Story) -> Iterator[Effect]:
    scene = story.scenes[sid]
    yield from scene.effects
    for choice in scene.choices:
        yield from choice.effects


def _reach(story: Story, names: list[str]) -> Reach:
    """For each scene and number: how far it can still rise and fall along any path."""
    ids = list(story.scenes)
    number = {sid: i for i, sid in enumerate(ids)}
    expiry = [t.expires for t in story.timers.values() if t.expires in story.scenes]
    edges: list[list[int]] = [[] for _ in ids]
    weights: list[list[dict[str, tuple[float, float]]]] = [[] for _ in ids]
    clocks = {n for n in names if n.startswith("clock.")}
    returns = return_targets(story)
    # A large story repeats a few effect lists thousands of times: read each one once.
    steps: dict[int, list[tuple[str, float, float]]] = {}
    for i, sid in enumerate(ids):
        scene = story.scenes[sid]
        if scene.ending is not None:
            continue
        hops = [
            (c.effects, c.minutes, target)
            for c in scene.choices
            for target in choice_targets(story, c, returns)
        ]
        hops += [((), 0, e) for e in expiry if e is not None]
        for effects, minutes, target_id in hops:
            target = story.scenes[target_id]
            step: dict[str, tuple[float, float]] = {}
            for part in (effects, target.effects):
                read = steps.get(id(part))
                if read is None:
                    read = steps[id(part)] = [_step(effect) for effect in part]
                for name, up, down in read:
                    if name in names:
                        old = step.get(name, (0, 0))
                        step[name] = (old[0] + up, old[1] + down)
            spent = minutes + target.minutes
            for clock in clocks:
                step[clock] = (0, step.get(clock, (0, 0))[1] + spent)
            edges[i].append(number[target_id])
            weights[i].append(step)
    rise: dict[str, dict[str, float]] = {sid: {} for sid in ids}
    fall: dict[str, dict[str, float]] = {sid: {} for sid in ids}
    none = (0, 0)
    for members in components(edges, set(range(len(ids)))):  # sinks first
        inside = set(members)
        # The most each number can rise and fall from here: over every edge out of the
        # component, its step plus what lies beyond; unbounded on an edge inside it that
        # moves the number (a loop). Edges first, then names: one pass over the edges.
        best_up = dict.fromkeys(names, 0.0)
        best_down = dict.fromkeys(names, 0.0)
        for m in members:
            for to, step in zip(edges[m], weights[m], strict=True):
                if to in inside:
                    for name in names:
                        up, down = step.get(name, none)
                        if up > 0:
                            best_up[name] = _INF
                        if down > 0:
                            best_down[name] = _INF
                    continue
                rise_to, fall_to = rise[ids[to]], fall[ids[to]]
                for name in names:
                    up, down = step.get(name, none)
                    up += rise_to[name]
                    if up > best_up[name]:
                        best_up[name] = up
                    down += fall_to[name]
                    if down > best_down[name]:
                        best_down[name] = down
        for m in members:
            rise[ids[m]] = dict(best_up)
            fall[ids[m]] = dict(best_down)
    return rise, fall
