"""`iss explore --ways-in` as text: the ways in, then what is proved, what differs, what is open.

Every line is story text or ids; the caller prints each through `safe_line`.
"""

from __future__ import annotations

import textwrap

from iss.authoring.explore import Differs, Side, WaysIn, quoted_choice
from iss.engine.terminal_safety import clipped_line

WIDTH = 100
COMPACT = ("seen", "taken")
"""Families shown in short unless `--all`: there is one per scene or tracked choice."""


def ways_in_lines(found: WaysIn, routes: bool = False, every: bool = False) -> list[str]:
    """The report; `routes` adds each side's route, `every` lists `seen.`/`taken.` in full."""
    out = _ways(found)
    if found.status != "reached":
        if found.status == "unreachable":
            out.append(f"No route reaches `{found.scene}` (proved by the {found.by}).")
        else:
            out.append(
                f"No route to `{found.scene}` found within the budget; try a larger --time-limit."
            )
        return out

    def shown(names: list[str], family: list[str]) -> list[str]:
        return [n for n, f in zip(names, family, strict=True) if every or f not in COMPACT]

    always = [n.holds(found.fixed[n]) for n in found.always]
    out += _paragraph(
        "Always true on arrival (proved):", shown(always, [n.family for n in found.always])
    )
    never = [n.expr for n in found.never]
    out += _paragraph(
        "Never true on arrival (proved):", shown(never, [n.family for n in found.never])
    )
    hidden = sum(n.family in COMPACT for n in (*found.always, *found.never))
    if hidden and not every:
        out.append(
            f"  and {counted(hidden, 'seen./taken. fact')} proved always or never true "
            "(--all lists them)"
        )
    out.append("Differs by route (each side seen on arrival through a real route;")
    out.append(
        "  a side not seen through every way in says which"
        + ("):" if routes else "; --routes prints the routes):")
    )
    brief = [d for d in found.differs if not every and d.name.family in COMPACT]
    for differs in found.differs:  # in `candidate_names`' order: who is where comes first
        if differs in brief:
            if differs is brief[0]:
                out += _paragraph(
                    "  seen. and taken. that differ, with the share of arrivals where true "
                    "(--all: in full):",
                    [f"{d.name.expr} {_true_share(d, found.arrivals)}" for d in brief],
                )
            continue
        out.append(f"  {differs.name.expr}: {_sides(differs, found)}")
        if routes:
            for side in differs.sides:
                out.append(
                    f"      {differs.name.shown(side.value)}: {counted(len(side.route), 'choice')}, "
                    f"via {side.via} (found by {_by(side)}): "
                    f"{' '.join(side.route) or '(at the start)'}"
                )
    if not found.differs:
        out.append("  nothing")
    unproved = [(n.holds(v), n.family) for n, v in found.unproved]
    out += _paragraph(
        "Unproved within the budget (the same on every sampled arrival, not proved):",
        shown([u for u, _ in unproved], [f for _, f in unproved]),
    )
    more = sum(f in COMPACT for _, f in unproved)
    if more and not every:
        out.append(f"  and {counted(more, 'seen./taken. fact')} (--all lists them)")
    return out


def _ways(found: WaysIn) -> list[str]:
    out = [
        f"Ways into `{found.scene}`: {counted(len(found.ways), 'way')} in; "
        f"{counted(found.arrivals, 'arrival')} in {counted(found.plays, 'random play')} "
        f"(seed {found.seed})"
    ]
    width = max((len(w.key) for w in found.ways), default=0)
    for way in found.ways:
        quoted = quoted_choice(clipped_line(way.label, 40)) if way.label else ""
        if way.arrivals:
            share = f"{percent(way.arrivals, found.arrivals)} of arrivals"
        else:
            share = "no sampled play came this way"
        how = "" if way.by_go else " (no go: leads here: a clock ran out, or a return)"
        out.append(f"  {way.key:<{width}}  {quoted:<44} {share}{how}")
    return out


def _sides(differs: Differs, found: WaysIn) -> str:
    name = differs.name
    parts = [f"{name.shown(s.value)} {_side_share(s, found)}" for s in differs.sides]
    if name.kind == "int":
        low, high = (name.shown(s.value) for s in (differs.sides[0], differs.sides[-1]))
        text = f"{low} to {high} ({differs.values} values seen): " + "; ".join(parts)
    else:
        text = "; ".join(parts)
    if name.kind == "int":
        text += "; none outside (proved)" if differs.complete else "; others outside unproved"
    elif name.kind != "bool":
        text += "; no other value (proved)" if differs.complete else "; other values unproved"
    return text


def _side_share(side: Side, found: WaysIn) -> str:
    if not side.arrivals:
        return f"on no sampled arrival, but on a route found by {_by(side)} (via {side.via})"
    only = [w for w, n in side.ways if n]
    missing = [w.key for w in found.ways if w.arrivals and w.key not in only]
    share = f"on {percent(side.arrivals, found.arrivals)}"
    if not missing:
        return share
    if len(missing) < len(only):
        return f"{share}, never via {', '.join(missing)}"
    return f"{share} only via {', '.join(only)}"


def _true_share(differs: Differs, arrivals: int) -> str:
    sides = {s.value: s for s in differs.sides}
    true, false = sides[True], sides[False]
    if not true.arrivals:
        return "0% (true on a found route)"
    if not false.arrivals:
        return "100% (false on a found route)"
    return percent(true.arrivals, arrivals)


def _by(side: Side) -> str:
    return {"random play": "random play", "walk": "the claims' walks"}.get(
        side.by, f"the {side.by}"
    )


def counted(n: int, thing: str) -> str:
    """`3 ways`, `1 way`, `6,000 random plays`: said as a person would."""
    return f"{n:,} {thing}" if n == 1 else f"{n:,} {thing}s"


def percent(part: int, whole: int) -> str:
    share = 100 * part / whole if whole else 0
    return f"{share:.0f}%" if share >= 1 or not part else "<1%"


def _paragraph(title: str, items: list[str]) -> list[str]:
    """`title` and the items, wrapped between items only (`a == "b"` stays on one line)."""
    whole = [item.replace(" ", "\0") for item in items] or ["none"]
    text = f"{title} {', '.join(whole)}"
    lines = textwrap.wrap(text, width=WIDTH, subsequent_indent="    ", break_on_hyphens=False)
    return [line.replace("\0", " ") for line in lines]
