"""What Kira knows, as both front ends list it: the `known` line of each flag that is
set, in manifest order, each line once, with its `*emphasis*` read as in scene text.

    for spans in known_lines(story, state):   # the UI's Known panel, plain `:status`

A `known` line is text, not a template: it may hold `*emphasis*` and `**bold**`
("You wrote *sabotage* into the log"), which showed as raw asterisks, but nothing
that reads the state; a line with anything more (a `{...}`) is shown as written.
"""

from __future__ import annotations

from functools import lru_cache

from iss.engine.errors import ExpressionError
from iss.engine.expressions import Names
from iss.engine.model import Story
from iss.engine.spans import Span
from iss.engine.state import GameState
from iss.engine.text import Template, compile_template, has_markup


def known_lines(story: Story, state: GameState) -> list[tuple[Span, ...]]:
    """The `known` lines of the flags set in `state`; two flags that say the same line
    list it once."""
    said: set[str] = set()
    lines: list[tuple[Span, ...]] = []
    for name, flag in story.flags.items():
        if name in state.flags and flag.known and flag.known not in said:
            said.add(flag.known)
            lines.append(styled_line(flag.known, state))
    return lines


def styled_line(line: str, state: GameState) -> tuple[Span, ...]:
    """`line` as spans: its emphasis styled; anything else it holds, as written."""
    template = _emphasis_template(line)
    return (Span(line),) if template is None else template.render(state)


@lru_cache(maxsize=512)
def _emphasis_template(line: str) -> Template | None:
    """`line` compiled once (the panel asks on every scene), or None when it holds
    no markup, or anything more than emphasis (then it shows as written)."""
    if not has_markup(line):
        return None
    try:
        template = compile_template(line, Names())
    except ExpressionError:
        return None
    if template.names or template.per_visit or "{" in line:
        return None  # not a known line's business: shown as written
    return template
