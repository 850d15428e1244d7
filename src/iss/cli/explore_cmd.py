"""`iss explore`: prove a story works by searching every reachable state, or play it randomly."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from iss.authoring.explore import (
    EXPLORE_BUDGET,
    MAX_STATES,
    WAYS_IN_PLAYS,
    Budget,
    ClaimResult,
    Exploration,
    RandomReport,
    check_claims,
    explore,
    play_randomly,
    search_budgets,
    sharing_reach,
)
from iss.authoring.gc_pause import gc_paused, no_collection_at_exit
from iss.authoring.stated import describe_route, stated_claims
from iss.cli.options import add_story_argument, load_or_report
from iss.engine.model import Story
from iss.engine.terminal_safety import json_escape_controls, safe_line
from iss.paths import bundled_story_dir

NAME = "explore"


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        NAME,
        help="search every reachable state: endings, dead ends, coverage",
        description=(
            "Search the story's reachable states breadth-first and report every ending with "
            "the shortest choices that reach it, dead ends, loops with no way out, and coverage. "
            "With --random N, play N seeded random playthroughs instead. With --to, print "
            "the shortest route to one place; with --ways-in SCENE, list the choices that "
            "lead into a scene and what can differ on arrival by the way the player came."
        ),
    )
    add_story_argument(p)
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument(
        "--max-states",
        type=int,
        default=None,
        help=f"stop after this many states (default: {EXPLORE_BUDGET.max_states:,}, "
        f"or {MAX_STATES:,} with --time-limit)",
    )
    p.add_argument(
        "--time-limit",
        type=float,
        default=None,
        help="stop after this many seconds, sharing them out between the searches "
        "(default: a counted budget, so every machine gives the same report)",
    )
    p.add_argument(
        "--text",
        action="store_true",
        help="also tell states apart by what scene text reads (covers every text variant)",
    )
    p.add_argument(
        "--to",
        metavar="ID",
        default=None,
        help="print the shortest route to a scene, a SCENE.CHOICE or an ending, and stop",
    )
    p.add_argument(
        "--ways-in",
        metavar="SCENE",
        default=None,
        help="list the choices that lead into SCENE and what can differ on arrival: facts "
        "proved always or never true there, facts that differ by route (each side with a "
        f"real route, from {WAYS_IN_PLAYS:,} random plays or --random N), and what is unproved",
    )
    p.add_argument(
        "--routes",
        action="store_true",
        help="with --ways-in: print the shortest route found to each side, as choice ids",
    )
    p.add_argument(
        "--paragraphs",
        action="store_true",
        help="with --ways-in: each paragraph the scene shows in the sampled plays, and the "
        "facts that differ among the plays that read it (what it must not assume)",
    )
    p.add_argument(
        "--all",
        action="store_true",
        help="with --ways-in: list every seen. and taken. fact in full (by default only "
        "those that differ, in short); with --paragraphs: every fact that differs",
    )
    p.add_argument(
        "--random",
        type=int,
        default=0,
        metavar="N",
        help=f"play N random playthroughs (with --ways-in: the plays to sample, {WAYS_IN_PLAYS:,} unless given)",
    )
    p.add_argument("--seed", type=int, default=0, help="the seed of the random playthroughs")
    p.set_defaults(run=run)


@gc_paused(keep_as_old=True)
def run(args: argparse.Namespace) -> int:
    """The command. The cyclic GC stays paused for all of it: the searches and proof
    passes make few cycles, and the collection that followed each pause scanned all
    they had built as young objects (about 0.03 s); what is left is filed as old."""
    root: Path = args.story or bundled_story_dir()
    budget, claims_budget = search_budgets(args.time_limit, args.max_states)
    if budget.max_states < 1 or budget.time_limit <= 0 or args.random < 0:
        print(
            "iss explore: --max-states, --time-limit and --random must be positive",
            file=sys.stderr,
        )
        return 2
    loaded = load_or_report(root)
    if loaded is None:
        return 1
    story = loaded
    no_collection_at_exit()
    if args.to is not None:
        return _route_to(story, args.to, budget, args.json)
    if args.ways_in is not None:
        return _ways_in(story, args, claims_budget)
    if args.random:
        report = play_randomly(story, args.random, args.seed)
        if args.json:
            _dump(report.to_json())
        else:
            print_random(story, report)
        return 1 if report.dead_ends else 0
    with sharing_reach():  # the exploration and the properties analyse the same numbers
        found = explore(story, budget, text=args.text)
        stated = stated_claims(story, continuity=False)
        claims = check_claims(story, [s.claim for s in stated], claims_budget)
    if args.json:
        data = found.to_json()
        data["properties"] = {r.claim.name: r.to_json() for r in claims}
        _dump(data)
    else:
        print_exploration(story, found)
        print_properties(claims)
    unreached = [e for e in found.endings.values() if not e.reachable]
    problems = found.dead_ends or found.trap_loops or (found.complete and unreached)
    return 1 if problems else 0


def _route_to(story: Story, target: str, budget: Budget, as_json: bool) -> int:
    """`--to`: 0 with the route, 1 when it is unreachable or not found, 2 for a bad id."""
    from iss.authoring.explore import UnknownTarget, find_route  # only `--to` needs them

    try:
        found = find_route(story, target, budget)
    except UnknownTarget as exc:
        print(f"iss explore: {safe_line(str(exc))}", file=sys.stderr)
        return 2
    if as_json:
        _dump(found.to_json())
    else:
        print(safe_line(found.describe()))
        if found.status == "found":
            print(f"  {' '.join(found.route) or '(at the start: no choice needed)'}")
    return 0 if found.status == "found" else 1


def _ways_in(story: Story, args: argparse.Namespace, budget: Budget) -> int:
    """`--ways-in` (with `--paragraphs`, each paragraph's facts instead): 0 when the scene
    is reached (by a sampled play, for `--paragraphs`), 1 when it is not, 2 for a bad id."""
    from iss.authoring.explore import UnknownTarget, paragraph_facts, ways_in  # on demand
    from iss.cli.paragraphs_text import paragraph_lines
    from iss.cli.ways_in_text import ways_in_lines

    plays = args.random or WAYS_IN_PLAYS
    try:
        if args.paragraphs:
            read = paragraph_facts(story, args.ways_in, plays, args.seed)
            data, reached = read.to_json(), bool(read.arrivals)
            lines = paragraph_lines(read, every=args.all)
        else:
            found = ways_in(story, args.ways_in, budget, plays, args.seed)
            data, reached = found.to_json(), found.status == "reached"
            lines = ways_in_lines(found, routes=args.routes, every=args.all)
    except UnknownTarget as exc:
        print(f"iss explore: {safe_line(str(exc))}", file=sys.stderr)
        return 2
    if args.json:
        _dump(data)
    else:
        for line in lines:
            print(safe_line(line))
    return 0 if reached else 1


def _dump(data: dict[str, Any]) -> None:
    print(json_escape_controls(json.dumps(data, indent=2, ensure_ascii=False)))


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part // whole if whole else 100}%)"


def print_exploration(story: Story, found: Exploration) -> None:
    status = "complete" if found.complete else f"INCOMPLETE: {found.cut_reason}"
    print(f"{safe_line(story.title)}: explored in {found.seconds:.2f} s ({status})")
    print(f"  states searched: {found.quick_states:,} quick, {found.exact_states:,} exact")
    if found.proof is not None:
        proof = found.proof
        print(
            f"  proof pass: {proof.seconds:.2f} s, {proof.scene_visits:,} scene visits; "
            f"{proof.witnesses} playthrough(s) to confirm what it found"
        )
    reached = sum(e.reachable for e in found.endings.values())
    print(f"\nEndings: {reached} of {len(found.endings)} reached")
    for ending in found.endings.values():
        tags = ", ".join(dict.fromkeys([ending.kind, *(["canonical"] if ending.canonical else [])]))
        if ending.path is None:
            why = "unreachable" if found.complete else "not found (search incomplete)"
            print(f"  x {ending.id} [{tags}]: {why}")
        else:
            steps = len(ending.path.choices)
            if ending.shortest:
                note = " (shortest)"
            elif ending.fewest is not None:
                note = f" (shortest found; any route needs at least {ending.fewest})"
            else:
                note = ""
            print(f"  + {ending.id} [{tags}]: {steps} choices{note}")
            print(f"      {' '.join(ending.path.choices) or '(the start scene ends the story)'}")
    print("\nDead ends:" + ("" if found.dead_ends else " none"))
    for stuck in found.dead_ends:
        print(f"  {stuck.scene}: no choice is available; reached by")
        print(f"      {_route(stuck.path.choices)}")
    print("\nLoops with no way out:" + ("" if found.trap_loops else " none"))
    for stuck in found.trap_loops:
        print(f"  {' -> '.join(stuck.loop)}: entered at {stuck.scene} by")
        print(f"      {_route(stuck.path.choices)}")
    unreachable = found.unreachable_scenes
    label = "Unreachable scenes" if found.complete else "Scenes not reached (incomplete)"
    print(f"\n{label}: {', '.join(unreachable) if unreachable else 'none'}")
    print(
        f"\nCoverage: scenes {_share(len(found.scenes_reached), len(found.all_scenes))}, "
        f"choices {_share(len(found.choices_taken), len(found.all_choices))}"
    )
    never = found.choices_never_taken
    if never and found.complete:
        shown = ", ".join(f"{s}.{c}" for s, c in never[:20])
        more = f" and {len(never) - 20} more" if len(never) > 20 else ""
        print(f"  choices never available: {shown}{more}")


def _route(choices: tuple[str, ...]) -> str:
    """A route's choice ids, or a note when it is empty (the start scene itself)."""
    return " ".join(choices) or "(at the start, before any choice)"


def print_properties(results: list[ClaimResult]) -> None:
    """Each property and `requires:`: holds, broken (with its route), or unproved."""
    if not results:
        return
    print("\nProperties:")
    for result in results:
        line = f"  {result.claim.name}: {result.status}"
        if result.by:
            line += f" ({result.by})"
        print(safe_line(line))
        if result.route is not None:
            print(f"      {describe_route(result)}")
    print(
        "  (holds / impossible: proved; violated / possible: shown by the route; "
        "unproved: the budget ran out first)"
    )


def print_random(story: Story, report: RandomReport) -> None:
    data = report.to_json()
    print(
        f"{safe_line(story.title)}: {report.runs} random playthroughs (seed {report.seed}) in "
        f"{report.seconds:.2f} s, {report.per_second:.0f} per second"
    )
    print("\nEndings:")
    for eid, count in sorted(report.endings.items(), key=lambda kv: -kv[1]):
        print(f"  {eid:<24} {count:>7}  {100 * count / max(report.runs, 1):5.1f}%")
    if report.dead_ends:
        print("\nStopped at a dead end:")
        for sid, count in sorted(report.dead_ends.items()):
            print(f"  {sid:<24} {count:>7}")
    if report.too_long:
        print(f"\nStill going after the step limit: {report.too_long}")
    lengths = data["lengths"]
    print(
        f"\nLength in choices: min {lengths['min']}, median {lengths['median']}, "
        f"mean {lengths['mean']}, max {lengths['max']}"
    )
    print(
        f"Coverage: scenes {_share(len(report.scenes_seen), report.total_scenes)}, "
        f"choices {_share(len(report.choices_taken), report.total_choices)}"
    )
