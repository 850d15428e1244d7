"""Compiling effect statements: `trust.alexey += 1`, `flag.x = true`, `has.key = false`.

An effect is parsed with the same whitelisted `ast` compiler as conditions,
type-checked against its target, and compiled into one closure that writes
to a step's `Draft`. Constant effects, most of what stories write, get a
single direct closure each; the engine runs them on every step.
"""

from __future__ import annotations

import ast
from collections.abc import Callable

from iss.engine.errors import ExpressionError
from iss.engine.expressions import ExpressionCompiler, Names, Typed, parse_source
from iss.engine.model import STATUSES, Apply, Effect, Value, Write, pair_key
from iss.engine.named_conditions import expand
from iss.engine.reasons import dotted_name
from iss.engine.state import Draft


def compile_effect(source: str, names: Names) -> Effect:
    """Compile one effect statement: `target = value`, `target += n` or `target -= n`.

    As with conditions, named conditions are spelled out in what is compiled and kept,
    and a mistake is reported at its column in the text the author wrote."""
    spelled = expand(source, names.named)
    if spelled == source:
        return _effect(source, names)
    _check_target(source, names)
    try:
        return _effect(spelled, names)
    except ExpressionError:
        _effect(source, names)
        raise


def _check_target(source: str, names: Names) -> None:
    """A named condition on the left of `=` is refused before it is spelled out."""
    tree = parse_source(source, "exec")
    stmt = tree.body[0] if isinstance(tree, ast.Module) and len(tree.body) == 1 else None
    target = stmt.targets[0] if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 else None
    if isinstance(stmt, ast.AugAssign):
        target = stmt.target
    if isinstance(target, ast.Name) and target.id in names.named:
        raise ExpressionError(
            "E143",
            f"`{target.id}` is a named condition: it is worked out, never set",
            target.col_offset,
            f"set a flag to it instead, as in `flag.{target.id} = {target.id}`",
        )


def _effect(source: str, names: Names) -> Effect:
    tree = parse_source(source, "exec")
    assert isinstance(tree, ast.Module)
    if len(tree.body) != 1 or not isinstance(tree.body[0], ast.Assign | ast.AugAssign):
        raise ExpressionError(
            "E143",
            f"`{source.strip()}` is not an effect",
            0,
            "effects look like `trust.alexey += 1`, `flag.gordon_dead = true` or `has.nika_key = false`",
        )
    stmt = tree.body[0]
    compiler = ExpressionCompiler(names)
    if isinstance(stmt, ast.Assign):
        if len(stmt.targets) != 1:
            raise compiler.fail(stmt, "E143", "assign one thing at a time")
        target_node, op = stmt.targets[0], None
    else:
        target_node, op = stmt.target, stmt.op
        if not isinstance(op, ast.Add | ast.Sub):
            raise compiler.fail(stmt, "E143", "effects can only use =, += and -=")
    if not isinstance(target_node, ast.Name | ast.Attribute):
        raise compiler.fail(target_node, "E143", "only a name can be changed")
    current = compiler.name(target_node)
    value = compiler.expect(stmt.value, current.type)
    if op is not None and current.type != "int":
        raise compiler.fail(
            stmt, "E142", f"`+=` and `-=` need a number, but {ast.unparse(target_node)} is not one"
        )
    parts = dotted_name(target_node) or []
    what, name = _written(parts, compiler, target_node)
    setter = _SETTERS[what](name)
    _check_allowed_value(parts, value, compiler, stmt)
    sign = 0 if op is None else (1 if isinstance(op, ast.Add) else -1)
    read_value, const = value.read, value.const
    current_in_draft = _draft_reader(parts) if sign else None

    def general(draft: Draft) -> None:
        new: Value = const if const is not None else read_value(draft.view())
        if current_in_draft is not None:
            new = current_in_draft(draft) + sign * new  # type: ignore[operator]
        setter(draft, new)

    fast = None if const is None else _constant_apply(parts, sign, const, compiler.names)
    apply: Apply = fast or general

    target = ".".join(parts)
    return Effect(
        source.strip(),
        apply,
        target,
        value.names | (current.names if sign else frozenset()),
        Write(what, name, sign, const, read_value),
    )


def _constant_apply(parts: list[str], sign: int, const: Value, names: Names) -> Apply | None:
    """One direct closure for the common effects with a constant value.

    `trust.alexey += 1` is most of what stories do; going through the general
    reader and setter costs four calls per effect on the engine's hot path.
    """
    head, rest = parts[0], parts[1:]
    if head == "trust" and len(rest) == 1:
        who = rest[0]
        if sign:
            delta = sign * int(const)
            return lambda d: d.set_trust(who, d.trust[who] + delta)
        level = int(const)
        return lambda d: d.set_trust(who, level)
    if head == "trust":
        key = pair_key(rest[0], rest[1])
        if sign:
            delta = sign * int(const)
            return lambda d: d.set_crew_trust(key, d.crew_trust[key] + delta)
        level = int(const)
        return lambda d: d.set_crew_trust(key, level)
    if head in ("flag", "has", "status"):
        name = rest[0]
        if head == "flag":
            return lambda d: d.set_flag(name, bool(const))
        if head == "has":
            return lambda d: d.set_item(name, bool(const))
        return lambda d: d.set_status(name, str(const))
    variable = rest[0] if head == "var" else head
    if variable in names.variables:
        if sign:
            delta = sign * int(const)
            return lambda d: d.set_variable(variable, int(d.variables[variable]) + delta)
        return lambda d: d.set_variable(variable, const)
    return None


def _draft_reader(parts: list[str]) -> Callable[[Draft], int]:
    """How `+=` and `-=` read the current number: straight from the draft."""
    head, rest = parts[0], parts[1:]
    if head == "trust" and len(rest) == 1:
        return lambda d: d.trust_of(rest[0])
    if head == "trust":
        key = pair_key(rest[0], rest[1])
        return lambda d: d.crew_trust_of(key)
    name = rest[0] if head == "var" else head
    return lambda d: int(d.variable(name))


def _check_allowed_value(
    parts: list[str], value: Typed, compiler: ExpressionCompiler, node: ast.AST
) -> None:
    """Text targets only take their allowed words: statuses, or a text variable's values."""
    if value.type != "text" or value.const is None:
        return
    if parts[0] == "status" and value.const not in STATUSES:
        raise compiler.fail(
            node, "E142", f"`{value.const}` is not a status", f"use one of: {', '.join(STATUSES)}"
        )
    allowed = compiler.names.variable_values.get(parts[-1], ())
    if parts[0] != "status" and allowed and value.const not in allowed:
        raise compiler.fail(
            node,
            "E142",
            f"`{value.const}` is not a value of `{parts[-1]}`",
            f"use one of: {', '.join(allowed)}",
        )


def _written(parts: list[str], compiler: ExpressionCompiler, node: ast.expr) -> tuple[str, str]:
    """What an effect on the name `parts` writes: (`Write.what`, `Write.name`)."""
    head, rest = parts[0], parts[1:]
    if head in compiler.names.variables and not rest:
        return "variable", head
    if head == "var":
        return "variable", rest[0]
    if head == "trust" and len(rest) == 1:
        return "trust", rest[0]
    if head == "trust":
        return "crew_trust", pair_key(rest[0], rest[1])
    if head == "flag":
        return "flag", rest[0]
    if head == "has":
        return "item", rest[0]
    if head == "status":
        return "status", rest[0]
    raise compiler.fail(
        node,
        "E143",
        f"`{'.'.join(parts)}` cannot be changed by an effect",
        "change trust, flags, items (has.*), status or variables; time passes with `time:`",
    )


_SETTERS: dict[str, Callable[[str], Callable[[Draft, Value], None]]] = {
    "variable": lambda name: lambda d, v: d.set_variable(name, v),
    "trust": lambda who: lambda d, v: d.set_trust(who, int(v)),
    "crew_trust": lambda key: lambda d, v: d.set_crew_trust(key, int(v)),
    "flag": lambda flag: lambda d, v: d.set_flag(flag, bool(v)),
    "item": lambda item: lambda d, v: d.set_item(item, bool(v)),
    "status": lambda who: lambda d, v: d.set_status(who, str(v)),
}
"""`Write.what` -> the setter of a name, writing to a step's `Draft`."""
