"""`iss report`: the odds of each ending, which choices matter, and the pacing."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from iss.authoring.report import (
    LONG_SCENE,
    MAX_STATES,
    RUNS,
    SEAM_RUNS,
    Chance,
    Pacing,
    Report,
    ReportOptions,
    build_report,
)
from iss.cli.options import add_story_argument, load_or_report
from iss.engine.terminal_safety import json_escape_controls, safe_line
from iss.paths import bundled_story_dir

NAME = "report"


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        NAME,
        help="odds of each ending, the impact of each choice, and pacing",
        description=(
            "Report how likely each ending is when every available choice is picked at "
            "random (exact when the story's states fit the budget, otherwise estimated from "
            "random playthroughs), which endings each choice rules out, which choices are "
            "cosmetic, and how much a playthrough reads."
        ),
    )
    add_story_argument(p)
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument(
        "--runs", type=int, default=RUNS, help="random playthroughs for pacing and estimates"
    )
    p.add_argument("--seed", type=int, default=0, help="the seed of the random playthroughs")
    p.add_argument(
        "--seam-runs",
        type=int,
        default=SEAM_RUNS,
        help="random playthroughs rendered to find where text joins badly (0: none)",
    )
    p.add_argument(
        "--max-states",
        type=int,
        default=MAX_STATES,
        help="largest state graph solved exactly; past it the odds are estimated",
    )
    p.add_argument(
        "--time-limit",
        type=float,
        default=None,
        help="seconds for the exact graph, and twice that for the search for routes "
        "(default: counted, --max-states states and `iss explore`'s counted search, so "
        "every machine gives the same report)",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if (
        args.runs < 1
        or args.seam_runs < 0
        or args.max_states < 1
        or (args.time_limit is not None and args.time_limit <= 0)
    ):
        print(
            "iss report: --runs, --max-states and --time-limit must be positive,"
            " and --seam-runs 0 or more",
            file=sys.stderr,
        )
        return 2
    root: Path = args.story or bundled_story_dir()
    story = load_or_report(root)
    if story is None:
        return 1
    options = ReportOptions(
        args.runs, args.seed, args.max_states, args.time_limit, seam_runs=args.seam_runs
    )
    report = build_report(story, options)
    if args.json:
        print(json_escape_controls(json.dumps(report.to_json(), indent=2, ensure_ascii=False)))
    else:
        print_report(report)
    return 0


def _percent(value: float) -> str:
    return f"{100 * value:5.1f}%"


def _chance(chance: Chance, exact: bool) -> str:
    if exact:
        fraction = f"  ({chance.fraction})" if chance.fraction not in (None, 0, 1) else ""
        return f"{_percent(chance.p)}{fraction}"
    return (
        f"{_percent(chance.p)}  ({_percent(chance.low).strip()} to {_percent(chance.high).strip()})"
    )


def print_report(report: Report) -> None:
    odds = report.odds
    print(f"{safe_line(report.title)}: report in {report.seconds:.2f} s")
    print("\nOdds of each ending when every available choice is picked at random")
    print(f"  {odds.method}")
    width = max([len(e) for e in odds.endings] + [12])
    for eid, chance in sorted(odds.endings.items(), key=lambda kv: -kv[1].p):
        print(f"  {eid:<{width}} {_chance(chance, odds.exact)}")
    if odds.trapped.high > 0:
        label = "never ends (dead end or loop)"
        print(f"  {label:<{width}} {_chance(odds.trapped, odds.exact)}")
    _print_choices(report)
    _print_pacing(report)
    _print_seams(report)
    _print_uneven_time_labels(report)
    _print_moving_numbers(report)


def _print_choices(report: Report) -> None:
    exact = all(c.exact for c in report.choices)
    note = "" if exact else " (may still reach: from the proof pass; not proved reachable)"
    print(f"\nChoices that rule endings out{note}")
    closing = [c for c in report.choices if c.closes and c.after]
    for impact in closing:
        shown = ", ".join(impact.closes)
        print(
            f"  {impact.scene}.{impact.choice}: {len(impact.after)} of {len(impact.before)} "
            f"endings still open; rules out {shown}"
        )
    if not closing:
        print("  none")
    total = report.cosmetic
    print(
        f"\nCosmetic choices (same place as every sibling, changing nothing the story reads): "
        f"{total.cosmetic} of {total.choices} ({100 * total.share:.0f}%)"
    )
    for sid, share in report.cosmetic_by_scene.items():
        if share.cosmetic:
            print(f"  {sid}: {share.cosmetic} of {share.choices}")


def _print_pacing(report: Report) -> None:
    print(f"\nPacing (the story has {report.story_words:,} words, every text variant once)")
    routes = report.routes
    kind = "shortest routes" if routes.shortest else "shortest routes found"
    print(f"  {kind} to the {len(routes.routes)} reachable endings:")
    _print_spread(routes.summary)
    print(f"  random play ({report.random.playthroughs:,} playthroughs):")
    _print_spread(report.random)
    _print_scene_lengths(report.random)
    print("\n  ending                     words  share  choices  longest run without a decision")
    for eid, (_, walk) in routes.routes.items():
        print(
            f"  {eid:<24} {walk.words:>8,} {100 * walk.share:5.1f}% {walk.choices:>8} "
            f"{walk.longest_run:>8,} words"
        )


def _print_sampled_heading(report: Report, title: str, what: str, found: int) -> None:
    """The heading of a list found in the report's rendered random playthroughs."""
    print(f"\n{title} ({what}, from {report.seam_runs:,} random playthroughs): {found or 'none'}")


def _print_seams(report: Report) -> None:
    _print_sampled_heading(
        report, "Seams", "rendered text that joins badly where its pieces meet", len(report.seams)
    )
    for seam in report.seams:
        where = f"{seam.scene}.{seam.choice}" if seam.choice else seam.scene
        print(f"  {safe_line(where)}: {seam.kind}: {safe_line(seam.excerpt)}")


def _print_uneven_time_labels(report: Report) -> None:
    uneven = report.uneven_time_labels
    _print_sampled_heading(
        report,
        "Uneven time labels",
        "decisions whose choices say their time on some routes and not on others",
        len(uneven),
    )
    for u in uneven:
        print(f"  {u.scene}: labelled on {u.told:,} visits, bare on {u.untold:,}")
    if uneven:
        print("  (give each `time_labels: always`, or make its choices' costs agree)")


def _print_moving_numbers(report: Report) -> None:
    moving = report.moving_numbers
    _print_sampled_heading(
        report,
        "Moving numbers",
        "choices offered under a different number on different routes",
        len(moving),
    )
    for m in moving:
        said = ", ".join(f"{n} on {visits:,}" for n, visits in m.numbers.items())
        print(f"  {m.scene}.{m.choice}: {said}")
    if moving:
        print(
            "  (a player replaying types the number from memory: write the choices only "
            "some routes offer after the ones every route offers)"
        )


def _line(label: str, low: float, median: float, high: float, fmt: str = ",.0f") -> str:
    return f"    {label:<34} {low:{fmt}} / {median:{fmt}} / {high:{fmt}}"


def _print_spread(pacing: Pacing) -> None:
    print(_line("words read (min / median / max)", *_three(pacing.words)))
    print(_line("share of the story's words", *_three(pacing.share, 100), fmt=".1f") + " %")
    print(_line("choices", *_three(pacing.choices)))
    print(_line("  of them decisions (2+ options)", *_three(pacing.decisions)))
    print(_line("longest run without a decision", *_three(pacing.longest_run)) + " words")


def _print_scene_lengths(pacing: Pacing) -> None:
    print(_line("words a scene visit (medians)", *_three(pacing.visit_words)))
    long = pacing.long_scenes
    print(f"    scenes whose median visit runs past {LONG_SCENE} words: {len(long) or 'none'}")
    for sid, spread in long:
        print(f"      {safe_line(sid)}: {spread.median:,.0f} (up to {spread.high:,.0f})")


def _three(spread: Any, scale: float = 1) -> tuple[float, float, float]:
    return spread.low * scale, spread.median * scale, spread.high * scale
