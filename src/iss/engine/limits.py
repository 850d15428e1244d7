"""The bounds on every number a story holds, in one place.

Python's integers have no size limit, so without these a story could ask for
a number with thousands of digits (`0xfff…`, `9999…m`) that crashes whoever
prints it, or a walkthrough could square a variable until one step takes
forever. The loader refuses a number beyond its bound with a diagnostic that
states the bound; at play time arithmetic is clamped to `INT_LIMIT`, and an
int variable without a declared `min`/`max` stays within ±`INT_LIMIT`.
docs/story-format.md lists these for authors.
"""

from __future__ import annotations

INT_LIMIT = 1_000_000_000
"""Whole numbers (variables, numbers in expressions, results of arithmetic) stay within ±this."""

TRUST_LIMIT = 1_000
"""Trust `min` and `max`, and so every trust value, lie within ±this."""

MAX_MINUTES = 100_000
"""The longest duration (about 69 days): a `time:`, a timer's `start`, a duration in an expression."""

MAX_EXPRESSION_DEPTH = 100
"""How deeply an expression may nest: each `not`, `+`, `-`, `*`, comparison or bracket is a level."""

MAX_FRAGMENT_DEPTH = 20
"""How deeply `{if …}` fragments and variations (`{cycle: …}`) may nest inside one another."""

MAX_TEXT_CHARS = 100_000
"""The longest text of one scene (all of the I.S.S. story's files hold about 220,000)."""

MAX_LINE_CHARS = 2_000
"""The longest one-line text: a choice's text or lock reason, an ending's or fact's `hint:`.
The game lays such a line out whole every time it draws it; near `MAX_TEXT_CHARS` that took
half a minute. (The I.S.S. story's longest is a reason of about 260 characters.)"""

MAX_NAME_CHARS = 500
"""The longest title or name: the story's `title:`/`subtitle:`, a scene's `title:` and
`location:`, an ending's title, a character's `name:`/`short:`, an item's name, a fact's
phrase. (The I.S.S. story's longest is a location of about 40 characters; a save keeps
titles within `save_format.MAX_TEXT`, 1,000.)"""

MAX_WALKTHROUGH_CHOICES = 10_000
"""The most choices one walkthrough may list."""

MAX_ID_CHARS = 200
"""The longest id (of a scene, choice, flag, ...) and story id. Saves hold ids, and a
save refuses any string over 1,000 characters (`save_format.MAX_TEXT`): a longer id
would make every save of the story unloadable."""

MAX_SAVE_INT = 2**63 - 1
"""The largest magnitude of any number in a save (trust, clocks, variables, seed...).
Here, not only in `save_format` (which re-exports it), so `iss play` can draw a seed
before its title screen without importing the engine."""


def clamp(value: int) -> int:
    """`value` held within ±INT_LIMIT."""
    return INT_LIMIT if value > INT_LIMIT else -INT_LIMIT if value < -INT_LIMIT else value


def bound_text(low: int, high: int) -> str:
    """`-1,000,000,000..1,000,000,000`, as diagnostics state a bound."""
    return f"{low:,}..{high:,}"
