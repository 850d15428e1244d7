"""Scene text templates: interpolation, conditional fragments and emphasis.

    Alexey looks at you. {if trust.alexey >= 6: He nods. | He looks away.}
    *Italic* and **bold** are the only styles. {alexey} is a name;
    {clock.reentry} reads as hours and minutes. Write \\{ or \\* for the
    characters themselves.

Variations pick one of their items by the visit of the scene (ink's
sequences, cycles, once-only lists and shuffles):

    {sequence: The hatch is shut. | Still shut. | Shut.}   stops on the last
    {cycle: Tick. | Tock.}                                 goes round
    {once: A smell of ozone. | It lingers.}                blank when used up
    {shuffle: Sparks. | Smoke. | Frost.}                   a fresh order each round

A template renders to a tuple of `Span`s: plain strings with a style name.
Front ends turn spans into styled text directly, never through a markup
parser, so nothing in a story file can become a link or an action.

This module is the language's front door (`compile_template`, and
`place_template` for where each piece stands in the source); the reader itself
is `template_parser.py`, a compiled `Template`, its pieces and rendering are in
`template.py`, styled runs and whitespace in `spans.py`. `Span`, `Template`,
`format_minutes`, `count_key`, `tidy` and `tidy_text` are importable from here too.
"""

from __future__ import annotations

import re

from iss.engine.expressions import Names, Typed
from iss.engine.model import Condition
from iss.engine.spans import Span, tidy, tidy_text
from iss.engine.template import (
    VARIATIONS,
    Piece,
    Template,
    format_minutes,
    has_style,
)
from iss.engine.template_keys import count_key
from iss.engine.template_parser import (
    ConditionCompiler,
    Fragments,
    Placed,
    TemplateParser,
    ValueCompiler,
)

__all__ = [
    "VARIATIONS",
    "Fragments",
    "Placed",
    "Span",
    "Template",
    "compile_template",
    "count_key",
    "count_words",
    "format_minutes",
    "has_markup",
    "join_lines",
    "place_template",
    "static_template",
    "tidy",
    "tidy_text",
]

CONDITION_HEAD = re.compile(r"\{(?:if\s[^:{}]*|\s*(?:sequence|cycle|once|shuffle)\s*):")
"""The head of an `{if ...:` fragment or a variation, which `count_words` does not count."""


def compile_template(
    source: str,
    names: Names,
    condition: ConditionCompiler | None = None,
    value: ValueCompiler | None = None,
    fragments: Fragments | None = None,
) -> Template:
    """Compile story text. Raises `ExpressionError` (with a column offset) on a mistake.

    Single line breaks join lines into one paragraph; blank lines separate
    paragraphs (the replacement keeps every offset, for diagnostics).
    `fragments`, when given, keeps each simple top-level fragment compiled by its text
    (`{alexey}`, `{if trust.alexey >= 5: A nod. | Nothing.}`) for the next template
    that writes the same: a load passes one table for all its templates.
    """
    source = join_lines(source.rstrip())
    if not has_markup(source):
        return static_template(source)
    if fragments:
        known = _of_known_fragments(source, fragments)
        if known is not None:
            return known
    parser = TemplateParser(source, names, condition, value, fragments)
    pieces = parser.sequence(top=True)
    compiled = tuple(pieces)
    dynamic = not all(isinstance(p, str) for p in compiled)
    return Template(
        source, compiled, frozenset(parser.names), has_style(compiled), dynamic, parser.per_visit
    )


def _of_known_fragments(source: str, fragments: Fragments) -> Template | None:
    """`compile_template` of a text made of plain prose and fragments that `fragments`
    holds, each read as the parser reads them (`TemplateParser.shared_brace`), without
    the parser's walk over the text; None for any other text (a fragment not yet
    compiled, emphasis, an escape, a stray `}`), which the parser then reads.

    Between fragments the parser keeps everything but `{ } * \\` as it is, a `|`
    too; a fragment in the table holds no `{`, `*` or variation, so the template
    is dynamic, unstyled, and the same on every visit."""
    if "*" in source or "\\" in source:
        return None
    pieces: list[Piece] = []
    read: set[str] = set()
    at = 0
    start = source.find("{")
    while start >= 0:
        close = source.find("}", start + 1)
        found = fragments.get(source[start : close + 1]) if close > 0 else None
        if found is None:
            return None
        if start > at:
            pieces.append(source[at:start])
        pieces.append(found[0])
        read |= found[1]
        at = close + 1
        start = source.find("{", at)
    if at < len(source):
        pieces.append(source[at:])
    if any(piece.__class__ is str and "}" in piece for piece in pieces):
        return None  # the parser reports it
    return Template(source, tuple(pieces), frozenset(read), False, True, False)


def place_template(
    source: str,
    names: Names | None = None,
    condition: ConditionCompiler | None = None,
    value: ValueCompiler | None = None,
) -> tuple[Template, tuple[Placed, ...]]:
    """`compile_template(source, ...)`, and where each of its pieces stands, piece for
    piece (`Template.pieces`, a branch's `then` and `otherwise`, a variation's items).

    Offsets count in `join_lines(source.rstrip())` (the same as in `source`). Without
    `names`, conditions and values are not compiled, only read: the template holds
    the same pieces, but its fragments and values are blind (for a reader of the
    text's shape, such as a lint). Raises `ExpressionError` as `compile_template`.
    """
    source = join_lines(source.rstrip())
    if names is None:
        names = Names()
        condition = _blind_condition
        value = _blind_value
    if not has_markup(source):
        template = static_template(source)
        return template, (Placed(0, len(source)),) if template.pieces else ()
    parser = TemplateParser(source, names, condition, value, placing=True)
    compiled = tuple(parser.sequence(top=True))
    dynamic = not all(isinstance(p, str) for p in compiled)
    template = Template(
        source, compiled, frozenset(), has_style(compiled), dynamic, parser.per_visit
    )
    return template, parser.placed


def _blind_condition(text: str) -> Condition:
    return Condition(text, (), frozenset())


def _blind_value(text: str) -> Typed:
    return Typed(lambda state: "", "str", frozenset())


def static_template(source: str) -> Template:
    """Text with no markup: tidied once here, so rendering it costs nothing."""
    text = tidy_text(source)
    return Template(source, (text,) if text else ())


def has_markup(source: str) -> bool:
    """Whether text has anything a template must parse (fragments, emphasis, escapes)."""
    return "{" in source or "}" in source or "*" in source or "\\" in source


def join_lines(source: str) -> str:
    """Single line breaks become spaces; blank lines stay (offsets are kept)."""
    if "\n" not in source:
        return source
    if "\n\n" not in source:
        return source.replace("\n", " ")
    return "\n\n".join([part.replace("\n", " ") for part in source.split("\n\n")])


_WORD_SHAPE = bytes(0x20 if chr(c).isspace() else 0x78 for c in range(256))
"""Each byte as `str.split` sees it in ASCII text: a space where it splits, else `x`."""


def count_words(source: str) -> int:
    """Words of prose in a template source, counting every branch once."""
    if "{" in source:
        source = CONDITION_HEAD.sub(" ", source)
    if source.isascii():
        # What `len(source.split())` counts, without making a string per word: a word
        # starts the text or follows a space (about twice as fast on a scene's prose).
        shape = source.encode().translate(_WORD_SHAPE)
        words = shape.count(b" x") + shape.startswith(b"x")
    else:
        words = len(source.split())
    return words - source.count(" | ")
