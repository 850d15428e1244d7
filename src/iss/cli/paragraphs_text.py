"""`iss explore --ways-in SCENE --paragraphs` as text: each paragraph, then what differs
among the arrivals that read it.

Every line is story text or ids; the caller prints each through `safe_line`.
"""

from __future__ import annotations

import textwrap

from iss.authoring.explore import FactSpread, ParagraphFacts
from iss.cli.ways_in_text import counted, percent

WIDTH = 100
ALWAYS_SHOWN = ("status", "item")
"""Families listed even when the paragraph does not name them: who is where, what Kira
carries. The rest unnamed are counted, or listed with `--all`."""
VALUES_SHOWN = 4


def paragraph_lines(found: ParagraphFacts, every: bool = False) -> list[str]:
    """The report; `every` lists every fact that differs, named or not."""
    out = [
        f"Paragraphs of `{found.scene}`: {counted(len(found.paragraphs), 'distinct paragraph')}, "
        f"{counted(found.arrivals, 'arrival')} in {counted(found.plays, 'random play')} "
        f"(seed {found.seed})",
        "Under each: the facts that differ among the arrivals that read it. It must not assume",
        "any of them; those it names (a word of the fact is in it) come first, marked *.",
    ]
    if not found.arrivals:
        out.append("No sampled play reached it; `iss explore --to` finds a route.")
    for number, paragraph in enumerate(found.paragraphs, start=1):
        out.append("")
        out.append(
            f"¶ {number}: read on {paragraph.reads:,} of {found.arrivals:,} arrivals "
            f"({percent(paragraph.reads, found.arrivals)})"
        )
        out += textwrap.wrap(paragraph.text, WIDTH, initial_indent="    ", subsequent_indent="    ")
        listed = [d for d in paragraph.differs if every or d.named or d.name.family in ALWAYS_SHOWN]
        for spread in listed:
            mark = "*" if spread.named else " "
            out.append(f"  {mark} {spread.name.expr}: {_values(spread, paragraph.reads)}")
        rest = len(paragraph.differs) - len(listed)
        if not paragraph.differs:
            out.append("    nothing differs among them")
        elif rest:
            out.append(f"    and {counted(rest, 'other fact')} (--all lists them)")
    return out


def _values(spread: FactSpread, reads: int) -> str:
    name = spread.name
    shown = [f"{name.shown(v)} {percent(n, reads)}" for v, n in spread.values[:VALUES_SHOWN]]
    more = len(spread.values) - VALUES_SHOWN
    return ", ".join(shown) + (f", and {more} more values" if more > 0 else "")
