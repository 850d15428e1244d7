"""Reasons a player can read when a choice is locked, guessed from the condition's shape.

`trust.alexey >= 6` fails as "Alexey doesn't trust you enough"; `has.nika_key`
as "You need Weronika's key". Authors override the guess with `reason:`.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from iss.engine.expressions import Names


def dotted_name(node: ast.expr) -> list[str] | None:
    """`trust.alexey.nicholai` as ["trust", "alexey", "nicholai"]; None if not a name."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return parts[::-1]
    return None


def reason_for(node: ast.expr, names: Names) -> str:
    """A reason a player can read for a failing clause, guessed from its shape."""
    negated = isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not)
    inner = node.operand if isinstance(node, ast.UnaryOp) else node
    target = inner.left if isinstance(inner, ast.Compare) else inner
    parts = dotted_name(target) or []
    if len(parts) >= 2:
        head, who = parts[0], parts[1]
        short = names.characters.get(who, who)
        if head == "trust" and isinstance(inner, ast.Compare):
            wants_more = isinstance(inner.ops[0], ast.Gt | ast.GtE)
            if len(parts) == 3:
                other = names.characters.get(parts[2], parts[2])
                if wants_more:
                    return f"{short} and {other} are not close enough"
                return f"{short} and {other} are too close for this"
            return (
                f"{short} doesn't trust you enough"
                if wants_more
                else f"{short} trusts you too much"
            )
        if head == "has":
            item = names.items.get(who, who)
            return f"You no longer need {item}" if negated else f"You need {item}"
        if head == "clock":
            return "There isn't time"
        if head == "alive":
            return f"{short} is alive" if negated else f"{short} is gone"
        if head == "dead":
            return f"{short} is gone" if negated else f"{short} is alive"
    return "Not possible now"
