"""Reading an expression's source before it is compiled.

    parse_source("trust.alexey >= 3 and clock.reentry < 1h30m", "eval")

Durations (`90m`, `2h`, `1h30m`) become minutes, padded so every column
offset stays where the author wrote it; the text is parsed with Python's
`ast` under a nesting limit; and a habit from another language (`&&`, `!`,
a single `=` in a condition) gets its own message instead of Python's.
`iss.engine.expressions` compiles what this returns.
"""

from __future__ import annotations

import ast
import re

from iss.engine.errors import ExpressionError
from iss.engine.limits import INT_LIMIT, MAX_EXPRESSION_DEPTH, MAX_MINUTES, bound_text

_DURATION = re.compile(r"\b(?:(\d+)h(?:(\d+)m)?|(\d+)m)\b", re.ASCII)

DURATION_HINT = (
    f"write 45m, 2h, 1h30m or a number of minutes, at most {MAX_MINUTES:,} minutes (about 69 days)"
)


def duration_minutes(text: str) -> int | None:
    """`90m`, `2h`, `1h30m` or a bare number of minutes; None when it is not a duration,
    or is longer than `MAX_MINUTES`. Only ASCII digits count (`²` is not a number)."""
    text = text.strip()
    if len(text) > 16:
        return None  # no duration up to MAX_MINUTES is written this long
    if text.isascii() and text.isdigit():
        minutes = int(text)
    else:
        m = _DURATION.fullmatch(text)
        if not m:
            return None
        if m.group(3) is not None:
            minutes = int(m.group(3))
        else:
            minutes = int(m.group(1)) * 60 + int(m.group(2) or 0)
    return minutes if minutes <= MAX_MINUTES else None


def _replace_durations(source: str) -> str:
    def minutes(m: re.Match[str]) -> str:
        value = duration_minutes(m.group(0))
        if value is None:
            raise ExpressionError(
                "E190", f"`{shorten(m.group(0))}` is not a duration", m.start(), DURATION_HINT
            )
        return str(value).ljust(len(m.group(0)))

    return _DURATION.sub(minutes, source)


def shorten(source: str, limit: int = 60) -> str:
    """At most `limit` characters of an expression, for a message that quotes it."""
    source = " ".join(source.split())
    return source if len(source) <= limit else source[: limit - 1] + "…"


def parse_source(source: str, mode: str) -> ast.AST:
    """Parse an expression or effect, refusing what nests deeper than `MAX_EXPRESSION_DEPTH`."""
    try:
        tree = ast.parse(_replace_durations(source).strip(), mode=mode)
    except SyntaxError as exc:
        if "Exceeds the limit" in str(exc.msg):  # a decimal literal of thousands of digits
            raise ExpressionError(
                "E113",
                f"a number is out of range: numbers in a story lie within "
                f"{bound_text(-INT_LIMIT, INT_LIMIT)}",
                max(0, (exc.offset or 1) - 1),
            ) from None
        known = _known_mistake(source, mode)
        if known is not None:
            raise known from None
        raise ExpressionError(
            "E140",
            f"cannot read `{shorten(source.strip())}`: {exc.msg}",
            max(0, (exc.offset or 1) - 1),
            "write conditions like `trust.alexey >= 3 and not flag.gordon_dead`",
        ) from None
    except (RecursionError, MemoryError, ValueError):
        raise _too_deep(0) from None
    _check_depth(tree)
    return tree


_OTHER_LANGUAGES = (
    (
        re.compile(r"&&"),
        "`&&` is not a story operator",
        "use `and`, as in `flag.met and trust.alexey >= 3`",
    ),
    (
        re.compile(r"\|\|"),
        "`||` is not a story operator",
        "use `or`, as in `flag.met or flag.warned`",
    ),
    (re.compile(r"!(?!=)"), "`!` is not a story operator", "use `not`, as in `not flag.met`"),
)
_SINGLE_EQUALS = re.compile(r"(?<![=!<>+\-*/])=(?!=)")


def _known_mistake(source: str, mode: str) -> ExpressionError | None:
    """A precise message for a habit from other languages (`&&`, `=` in a condition)."""
    stripped = source.strip()
    lead = len(source) - len(source.lstrip())
    for pattern, message, hint in _OTHER_LANGUAGES:
        found = pattern.search(stripped)
        if found:
            return ExpressionError("E140", message, lead + found.start(), hint)
    if mode == "eval":
        found = _SINGLE_EQUALS.search(stripped)
        if found:
            return ExpressionError(
                "E140",
                "a single `=` sets a value; a condition compares",
                lead + found.start(),
                "use `==` to compare, as in `status.gordon == outside`",
            )
    return None


def _too_deep(offset: int) -> ExpressionError:
    return ExpressionError(
        "E140",
        f"the expression nests more than {MAX_EXPRESSION_DEPTH} levels deep",
        offset,
        "write it more simply: fewer nested `not`, brackets, sums and products",
    )


def _check_depth(tree: ast.AST) -> None:
    """Walk the tree without recursion; the compiler and lint then recurse safely.

    Each node's children are those `ast.iter_child_nodes` gives, in its order (so the
    first node found too deep is the same), read here without its generators: a story's
    load checks every condition and effect (about a sixth of decoding a scene)."""
    stack: list[tuple[ast.AST, int]] = [(tree, 0)]
    pop, push, node_type = stack.pop, stack.append, ast.AST
    while stack:
        node, depth = pop()
        if depth > MAX_EXPRESSION_DEPTH:
            raise _too_deep(getattr(node, "col_offset", 0))
        depth += 1
        for name in node._fields:
            field = getattr(node, name, None)  # a field left unset has no child
            if isinstance(field, node_type):
                push((field, depth))
            elif isinstance(field, list):
                for item in field:
                    if isinstance(item, node_type):
                        push((item, depth))
