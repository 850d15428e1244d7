"""Lint W206: conditions that can never be true given the declared ranges.

Each condition is read again (with `ast`, never run) and every number in it
is given the range it can take: trust between the trust min and max, a
timer between 0 and its start, a variable within its `min`/`max`. A
comparison that no values in those ranges can satisfy, such as
`trust.alexey > 10` when trust tops out at 10, can never hold; nor can a
text comparison with a word the name can never take.
"""

from __future__ import annotations

import ast
import re

from iss.authoring.diagnostics import Diagnostic
from iss.authoring.lint.usage import bare_conditions, conditions
from iss.engine.expressions import duration_minutes
from iss.engine.limits import INT_LIMIT
from iss.engine.model import STATUSES, Story
from iss.engine.reasons import dotted_name

Interval = tuple[float, float]
_DURATION = re.compile(r"\b(?:\d+h(?:\d+m)?|\d+m)\b")
_INF = float("inf")


def _clamped(interval: Interval) -> Interval:
    """Arithmetic stops at ±INT_LIMIT in play, so its range does too (and never overflows)."""
    return (max(interval[0], -INT_LIMIT), min(interval[1], INT_LIMIT))


class _Ranges:
    def __init__(self, story: Story) -> None:
        self.story = story

    def name(self, node: ast.expr) -> tuple[str, str] | None:
        """(kind, canonical name) of a dotted name, kind being int, text or bool."""
        parts = dotted_name(node)
        if parts is None:
            return None
        story = self.story
        head, rest = parts[0], parts[1:]
        if not rest and head in story.variables:
            return story.variables[head].type, f"var.{head}"
        if head == "var" and len(rest) == 1 and rest[0] in story.variables:
            return story.variables[rest[0]].type, f"var.{rest[0]}"
        if head in ("trust", "clock"):
            return "int", ".".join(parts)
        if head == "status":
            return "text", ".".join(parts)
        return None

    def interval(self, node: ast.expr) -> Interval | None:
        """The values a number expression can take, or None when unknown."""
        if isinstance(node, ast.Constant) and type(node.value) is int:
            return (node.value, node.value)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            inner = self.interval(node.operand)
            return None if inner is None else (-inner[1], -inner[0])
        if isinstance(node, ast.BinOp):
            a, b = self.interval(node.left), self.interval(node.right)
            if a is None or b is None:
                return None
            if isinstance(node.op, ast.Add):
                return _clamped((a[0] + b[0], a[1] + b[1]))
            if isinstance(node.op, ast.Sub):
                return _clamped((a[0] - b[1], a[1] - b[0]))
            if isinstance(node.op, ast.Mult):
                if not (_finite(a) and _finite(b)):
                    return None
                corners = [x * y for x in a for y in b]
                return _clamped((min(corners), max(corners)))
            return None
        named = self.name(node) if isinstance(node, ast.Name | ast.Attribute) else None
        if named is None or named[0] != "int":
            return None
        return self.bounds(named[1])

    def bounds(self, name: str) -> Interval:
        story = self.story
        head, _, rest = name.partition(".")
        if head == "trust":
            return (story.trust_min, story.trust_max)
        if head == "clock":
            timer = story.timers.get(rest)
            return (0, timer.start) if timer is not None else (0, _INF)
        var = story.variables.get(rest)
        if var is None:
            return (-_INF, _INF)
        low = -_INF if var.min is None else var.min
        high = _INF if var.max is None else var.max
        return (low, high)

    def words(self, node: ast.expr) -> set[str] | None:
        """The words a text expression can be, or None when unknown."""
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return {node.value}
        if (
            isinstance(node, ast.Name)
            and node.id in STATUSES
            and node.id not in self.story.variables
        ):
            return {node.id}
        named = self.name(node) if isinstance(node, ast.Name | ast.Attribute) else None
        if named is None or named[0] != "text":
            return None
        if named[1].startswith("status."):
            return set(STATUSES)
        var = self.story.variables.get(named[1].partition(".")[2])
        return set(var.values) if var is not None and var.values else None

    def compare(self, op: ast.cmpop, left: ast.expr, right: ast.expr) -> tuple[bool, bool]:
        """(can be true, can be false) of one comparison."""
        a, b = self.interval(left), self.interval(right)
        if a is not None and b is not None:
            return _compare_intervals(op, a, b)
        wa, wb = self.words(left), self.words(right)
        if wa is not None and wb is not None and isinstance(op, ast.Eq | ast.NotEq):
            overlap = bool(wa & wb)
            always_equal = len(wa) == 1 and wa == wb
            if isinstance(op, ast.Eq):
                return overlap, not always_equal
            return not always_equal, overlap
        return True, True

    def truth(self, node: ast.expr) -> tuple[bool, bool]:
        """(can be true, can be false) of a condition."""
        if isinstance(node, ast.BoolOp):
            parts = [self.truth(v) for v in node.values]
            if isinstance(node.op, ast.And):
                return all(t for t, _ in parts), any(f for _, f in parts)
            return any(t for t, _ in parts), all(f for _, f in parts)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            can_true, can_false = self.truth(node.operand)
            return can_false, can_true
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            can_true, can_false = True, False
            for op, left, right in zip(node.ops, operands, operands[1:], strict=False):
                t, f = self.compare(op, left, right)
                can_true = can_true and t
                can_false = can_false or f
            return can_true, can_false
        if isinstance(node, ast.Constant) and isinstance(node.value, bool):
            return node.value, not node.value
        if isinstance(node, ast.Name) and node.id in ("true", "false", "True", "False"):
            value = node.id.lower() == "true"
            return value, not value
        return True, True


def _finite(a: Interval) -> bool:
    return all(abs(x) != _INF for x in a)


def _compare_intervals(op: ast.cmpop, a: Interval, b: Interval) -> tuple[bool, bool]:
    (lo1, hi1), (lo2, hi2) = a, b
    if isinstance(op, ast.Gt):
        return hi1 > lo2, lo1 <= hi2
    if isinstance(op, ast.GtE):
        return hi1 >= lo2, lo1 < hi2
    if isinstance(op, ast.Lt):
        return lo1 < hi2, hi1 >= lo2
    if isinstance(op, ast.LtE):
        return lo1 <= hi2, hi1 > lo2
    overlap = lo1 <= hi2 and lo2 <= hi1
    single = lo1 == hi1 == lo2 == hi2
    if isinstance(op, ast.Eq):
        return overlap, not single
    return not single, overlap


def _clauses(source: str) -> list[tuple[str, ast.expr]]:
    text = _DURATION.sub(lambda m: str(duration_minutes(m.group(0))), source)
    try:
        body = ast.parse(text.strip(), mode="eval").body
    except SyntaxError:
        return []
    parts = body.values if isinstance(body, ast.BoolOp) and isinstance(body.op, ast.And) else [body]
    return [(_segment(text.strip(), p), p) for p in parts]


def _segment(text: str, node: ast.expr) -> str:
    """The source of `node`. `ast.get_source_segment` splits the whole text on every
    call, which made a condition of 5,000 clauses take minutes."""
    if node.lineno == node.end_lineno == 1 and "\n" not in text:
        return text[node.col_offset : node.end_col_offset]
    return ast.get_source_segment(text, node) or ast.unparse(node)


def check_ranges(story: Story) -> list[Diagnostic]:
    """W206 for each condition with a clause that no declared values can satisfy."""
    ranges = _Ranges(story)
    out: list[Diagnostic] = []
    seen: set[tuple[str, str]] = set()
    # The first clause of a source that can never be true depends on the source and the
    # story only; a large story repeats a handful of sources thousands of times.
    never: dict[str, str | None] = {}
    for cond in bare_conditions(story):
        if cond.source not in never:
            never[cond.source] = next(
                (text for text, clause in _clauses(cond.source) if not ranges.truth(clause)[0]),
                None,
            )
    if all(text is None for text in never.values()):
        return out  # the usual case: no place to build for any condition
    for cond, place in conditions(story):
        text = never[cond.source]
        if text is None or (cond.source, place.what) in seen:
            continue
        seen.add((cond.source, place.what))
        out.append(
            place.diagnostic(
                "W206",
                f"`{text}` in {place.what} can never be true",
                _range_hint(story),
            )
        )
    return out


def _range_hint(story: Story) -> str:
    return (
        f"trust runs from {story.trust_min} to {story.trust_max}, a timer from its start down "
        "to 0, a variable within its min and max; compare within those ranges"
    )
