"""The expression language of conditions and effects.

Source is parsed once, at load time, with Python's `ast` module and only a
whitelist of node types is accepted; the tree is type-checked against the
story's declared names and compiled into closures. Nothing is ever passed to
`eval` or `exec`.

Names an author can use:

    trust.alexey            alexey's trust in Kira (int)
    trust.alexey.nicholai   crew-to-crew trust, either order (int)
    flag.gordon_dead        a flag (bool)
    has.nika_key            an item Kira carries (bool)
    clock.reentry           minutes left on a timer (int); write 90m, 2h, 1h30m
    status.gordon           aboard, outside, missing or dead (text)
    alive.gordon, dead.gordon
    seen.cupola             whether a scene has been visited (bool)
    visits.cupola           how many times a scene has been entered (int)
    taken.cupola.look_out   whether a choice of a scene (or choice group) was taken (bool)
    allegiance              a declared variable, by its bare name
    air_gone                a named condition (`conditions:`), by its bare name (bool)

Reading the source (durations, parsing under a depth limit, messages for
habits from other languages) is `expression_source.py`; its
`duration_minutes`, `DURATION_HINT`, `parse_source` and `shorten` are
importable from here too.
"""

from __future__ import annotations

import ast
import operator
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from iss.engine.errors import ExpressionError
from iss.engine.expression_names import NAMESPACES, Names
from iss.engine.expression_source import DURATION_HINT, duration_minutes, parse_source, shorten
from iss.engine.limits import INT_LIMIT, bound_text, clamp
from iss.engine.model import STATUSES, Condition, Reader, Value, pair_key
from iss.engine.named_conditions import expand
from iss.engine.names import closest_name
from iss.engine.reasons import dotted_name, reason_for
from iss.engine.state import StateView

__all__ = [
    "DURATION_HINT",
    "NAMESPACES",
    "ExpressionCompiler",
    "Names",
    "Typed",
    "compile_condition",
    "compile_value",
    "duration_minutes",
    "every_holds",
    "parse_source",
    "shorten",
]

_COMPARE: dict[type[ast.cmpop], Callable[[Value, Value], bool]] = {
    # The `operator` module's functions: built-in calls, cheaper than lambdas in every step.
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
}
_ARITH: dict[type[ast.operator], Callable[[int, int], int]] = {
    ast.Add: lambda a, b: clamp(a + b),
    ast.Sub: lambda a, b: clamp(a - b),
    ast.Mult: lambda a, b: clamp(a * b),
}
"""Arithmetic is clamped to ±INT_LIMIT: a number never grows past what a story may hold."""


@dataclass(frozen=True, slots=True)
class Typed:
    """A compiled sub-expression: its reader, type, the names it reads, its value if constant."""

    read: Reader
    type: str
    names: frozenset[str]
    const: Value | None = None


class ExpressionCompiler:
    def __init__(self, names: Names) -> None:
        self.names = names

    def fail(self, node: ast.AST, code: str, message: str, hint: str = "") -> ExpressionError:
        return ExpressionError(code, message, getattr(node, "col_offset", 0), hint)

    def unknown(self, node: ast.AST, what: str, name: str, known: Iterable[str]) -> ExpressionError:
        close = closest_name(name, known)
        hint = f"did you mean `{close}`?" if close else f"declare the {what} in story.yaml"
        return self.fail(node, "E141", f"unknown {what} `{name}`", hint)

    def expr(self, node: ast.expr) -> Typed:
        if isinstance(node, ast.Constant):
            value = node.value
            if type(value) is int and not -INT_LIMIT <= value <= INT_LIMIT:
                raise self.fail(
                    node,
                    "E113",
                    f"this number is out of range: numbers in a story lie within "
                    f"{bound_text(-INT_LIMIT, INT_LIMIT)}",
                    "use a smaller number; arithmetic stops at the same bound",
                )
            if isinstance(value, bool | int | str) and value is not None:
                kind = (
                    "bool"
                    if isinstance(value, bool)
                    else "int"
                    if isinstance(value, int)
                    else "text"
                )
                return _constant(value, kind)
            raise self.fail(node, "E143", f"`{value!r}` is not a value this language has")
        if isinstance(node, ast.Name | ast.Attribute):
            return self.name(node)
        if isinstance(node, ast.BoolOp):
            parts = [self.expect(v, "bool") for v in node.values]
            reads = [p.read for p in parts]
            names = frozenset().union(*(p.names for p in parts))
            if len(reads) == 2:  # most are: `all` and `any` written out, as booleans
                a, b = reads
                if isinstance(node.op, ast.And):
                    return Typed(lambda s: True if a(s) and b(s) else False, "bool", names)  # noqa: SIM210
                return Typed(lambda s: True if a(s) or b(s) else False, "bool", names)  # noqa: SIM210
            return Typed(
                every_holds(reads) if isinstance(node.op, ast.And) else _some(reads), "bool", names
            )
        if isinstance(node, ast.UnaryOp):
            if isinstance(node.op, ast.Not):
                inner = self.expect(node.operand, "bool")
                r = inner.read
                return Typed(lambda s: not r(s), "bool", inner.names)
            if isinstance(node.op, ast.USub | ast.UAdd):
                inner = self.expect(node.operand, "int")
                r = inner.read
                if inner.const is not None:
                    v = -int(inner.const) if isinstance(node.op, ast.USub) else int(inner.const)
                    return Typed(lambda s: v, "int", frozenset(), v)
                sign = -1 if isinstance(node.op, ast.USub) else 1
                return Typed(lambda s: sign * r(s), "int", inner.names)
        if isinstance(node, ast.BinOp) and type(node.op) in _ARITH:
            left, right = self.expect(node.left, "int"), self.expect(node.right, "int")
            op, lr, rr = _ARITH[type(node.op)], left.read, right.read
            return Typed(lambda s: op(lr(s), rr(s)), "int", left.names | right.names)  # type: ignore[arg-type]
        if isinstance(node, ast.Compare):
            return self.compare(node)
        if isinstance(node, ast.Tuple):
            raise self.fail(
                node,
                "E143",
                "a comma does not join conditions",
                "join them with `and`, as in `flag.met and trust.alexey >= 3` "
                "(under `when:` you can also list them)",
            )
        raise self.fail(
            node,
            "E143",
            f"`{type(node).__name__}` is not allowed in story expressions",
            "use names, numbers, comparisons, `and`, `or`, `not`, `+`, `-` and `*`",
        )

    def expect(self, node: ast.expr, kind: str) -> Typed:
        typed = self.expr(node)
        if typed.type != kind:
            raise self.fail(
                node,
                "E142",
                f"`{ast.unparse(node)}` is {_article(typed.type)}, but {_article(kind)} is needed here",
            )
        return typed

    def compare(self, node: ast.Compare) -> Typed:
        operands = [self.expr(node.left), *(self.expr(c) for c in node.comparators)]
        checks: list[tuple[Callable[[Value, Value], bool], Reader, Reader]] = []
        for op, left, right, right_node in zip(
            node.ops, operands, operands[1:], node.comparators, strict=False
        ):
            if type(op) not in _COMPARE:
                raise self.fail(node, "E143", "only ==, !=, <, <=, > and >= compare values")
            if left.type != right.type:
                raise self.fail(
                    right_node,
                    "E142",
                    f"cannot compare {_article(left.type)} with {_article(right.type)}",
                )
            if left.type != "int" and not isinstance(op, ast.Eq | ast.NotEq):
                raise self.fail(
                    node, "E142", f"{left.type} values can only be compared with == or !="
                )
            checks.append((_COMPARE[type(op)], left.read, right.read))
        names = frozenset().union(*(o.names for o in operands))
        if len(checks) == 1:
            cmp, lr, rr = checks[0]
            const = operands[1].const
            if const is not None:  # most compare a name with a number: no reader for it
                return Typed(lambda s: cmp(lr(s), const), "bool", names)
            return Typed(lambda s: cmp(lr(s), rr(s)), "bool", names)
        return Typed(lambda s: all(c(a(s), b(s)) for c, a, b in checks), "bool", names)

    def name(self, node: ast.Name | ast.Attribute) -> Typed:
        parts = dotted_name(node)
        if parts is None:
            raise self.fail(
                node, "E143", "only plain dotted names such as `trust.alexey` are allowed"
            )
        head, rest = parts[0], parts[1:]
        n = self.names
        if not rest:
            if head in ("true", "false", "True", "False"):
                return _constant(head.lower() == "true", "bool")
            if head in n.variables:
                return self.variable(head)
            if head in n.named:
                return self.named(node, head)
            if head in STATUSES:
                return _constant(head, "text")
            if head in n.characters:
                return _constant(n.characters[head], "text")
            if head in NAMESPACES:
                raise self.fail(
                    node, "E141", f"`{head}` needs a name after it, as in `{head}.<id>`"
                )
            raise self.unknown(
                node, "name", head, [*n.variables, *n.named, *n.characters, *NAMESPACES]
            )
        if head == "var" and len(rest) == 1:
            if rest[0] not in n.variables:
                raise self.unknown(node, "variable", rest[0], n.variables)
            return self.variable(rest[0])
        if head == "trust" and len(rest) in (1, 2):
            for who in rest:
                if who in n.characters and who not in n.crew:
                    raise self.fail(
                        node,
                        "E141",
                        f"`{who}` is the player character: the player has no trust to read or change",
                        "trust is what a crew member feels for the player: "
                        "write `trust.<crew member>`",
                    )
                if who not in n.crew:
                    raise self.unknown(node, "crew member", who, n.crew)
            if len(rest) == 1:
                who = rest[0]
                return Typed(lambda s: s.trust[who], "int", frozenset({f"trust.{who}"}))
            key = pair_key(rest[0], rest[1])
            if key not in n.pairs:
                raise self.fail(
                    node,
                    "E141",
                    f"no crew trust is declared between `{rest[0]}` and `{rest[1]}`",
                    f"add `{key}: <start>` under crew_trust in story.yaml",
                )
            return Typed(lambda s: s.crew_trust[key], "int", frozenset({f"trust.{key}"}))
        if head == "taken":
            return self.taken(node, rest)
        if len(rest) != 1:
            raise self.fail(node, "E141", f"`{'.'.join(parts)}` has too many parts")
        name = rest[0]
        if head == "flag":
            if name not in n.flags:
                raise self.unknown(node, "flag", name, n.flags)
            return Typed(lambda s: name in s.flags, "bool", frozenset({f"flag.{name}"}))
        if head == "has":
            if name not in n.items:
                raise self.unknown(node, "item", name, n.items)
            return Typed(lambda s: name in s.items, "bool", frozenset({f"has.{name}"}))
        if head == "clock":
            if name not in n.timers:
                raise self.unknown(node, "timer", name, n.timers)
            return Typed(lambda s: s.clock[name], "int", frozenset({f"clock.{name}"}))
        if head == "seen":
            if name not in n.scenes:
                raise self.unknown(node, "scene", name, n.scenes)
            return Typed(lambda s: name in s.visited, "bool", frozenset({f"seen.{name}"}))
        if head == "visits":
            if name not in n.scenes:
                raise self.unknown(node, "scene", name, n.scenes)
            return Typed(lambda s: s.visits.get(name, 0), "int", frozenset({f"visits.{name}"}))
        if head in ("status", "alive", "dead"):
            if name not in n.characters:
                raise self.unknown(node, "character", name, n.characters)
            reads = frozenset({f"status.{name}"})
            if head == "status":
                return Typed(lambda s: s.status[name], "text", reads)
            if head == "alive":
                return Typed(lambda s: s.status[name] != "dead", "bool", reads)
            return Typed(lambda s: s.status[name] == "dead", "bool", reads)
        raise self.unknown(node, "name", head, NAMESPACES)

    def taken(self, node: ast.expr, rest: list[str]) -> Typed:
        """`taken.home.choice`: whether that choice was taken in this playthrough."""
        if len(rest) != 2:
            raise self.fail(
                node,
                "E141",
                f"`taken.{'.'.join(rest)}` needs a scene and a choice id",
                "write `taken.<scene>.<choice id>`, as in `taken.galley.eat_something`",
            )
        key = ".".join(rest)
        if key not in self.names.choice_keys:
            raise self.unknown(node, "choice", key, self.names.choice_keys)
        return Typed(lambda s: key in s.taken, "bool", frozenset({f"taken.{key}"}))

    def named(self, node: ast.expr, name: str) -> Typed:
        """A named condition, read afresh each time: its spelled-out condition, compiled."""
        tree = parse_source(self.names.named[name], "eval")
        assert isinstance(tree, ast.Expression)
        try:
            return self.expect(tree.body, "bool")
        except ExpressionError as exc:  # the manifest's check reports it at the definition
            raise self.fail(
                node, exc.code, f"the named condition `{name}`: {exc.message}"
            ) from None

    def variable(self, name: str) -> Typed:
        kind = self.names.variables[name]
        return Typed(lambda s: s.variables[name], kind, frozenset({f"var.{name}"}))


def every_holds(reads: list[Reader]) -> Reader:
    """`all(r(s) for r in reads)`, without a generator."""

    def every(state: StateView) -> bool:
        for read in reads:  # noqa: SIM110 (a loop: `all` would build a generator each time)
            if not read(state):
                return False
        return True

    return every


def _some(reads: list[Reader]) -> Reader:
    """`any(r(s) for r in reads)`, without a generator."""

    def some(state: StateView) -> bool:
        for read in reads:  # noqa: SIM110 (a loop: `any` would build a generator each time)
            if read(state):
                return True
        return False

    return some


def _constant(value: Value, kind: str) -> Typed:
    def read(state: StateView) -> Value:
        return value

    return Typed(read, kind, frozenset(), value)


def _article(kind: str) -> str:
    return {"int": "a number", "bool": "a yes/no value", "text": "text"}.get(kind, kind)


def compile_condition(source: str, names: Names, reason: str | None = None) -> Condition:
    """Compile a condition. Each top-level `and` clause gets its own readable reason.

    Named conditions are spelled out first (`named_conditions.expand`), so the condition's
    source and clauses are those of the written-out text; a mistake is still reported at
    its column in the text the author wrote."""
    spelled = expand(source, names.named)
    if spelled == source:
        return _condition(source, names, reason)
    try:
        return _condition(spelled, names, reason)
    except ExpressionError:
        _condition(source, names, reason)  # raises where the author wrote the mistake
        raise


def _condition(source: str, names: Names, reason: str | None) -> Condition:
    tree = parse_source(source, "eval")
    assert isinstance(tree, ast.Expression)
    body = tree.body
    compiler = ExpressionCompiler(names)
    parts = body.values if isinstance(body, ast.BoolOp) and isinstance(body.op, ast.And) else [body]
    clauses: list[tuple[Reader, str]] = []
    all_names: set[str] = set()
    for part in parts:
        typed = compiler.expect(part, "bool")
        all_names |= typed.names
        clauses.append((typed.read, reason or reason_for(part, names)))
    return Condition(source.strip(), tuple(clauses), frozenset(all_names))


def compile_value(source: str, names: Names) -> Typed:
    """Compile an expression of any type (used for text interpolation)."""
    tree = parse_source(source, "eval")
    assert isinstance(tree, ast.Expression)
    return ExpressionCompiler(names).expr(tree.body)
