"""`iss diff OLD NEW`: what a story update changes, and which saves it breaks."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from iss.authoring.diff import (
    EARLIER,
    Change,
    EndingShift,
    PropertyShift,
    RecordLoss,
    RevisionError,
    SaveVerdict,
    WalkthroughShift,
    ending_shifts,
    judge_saves,
    property_shifts,
    story_at_revision,
    story_changes,
    walkthrough_shifts,
)
from iss.authoring.explore import search_budgets
from iss.cli.options import load_or_report
from iss.engine.model import Story
from iss.engine.terminal_safety import safe_line

NAME = "diff"
MAX_STATES = 200_000


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        NAME,
        help="compare two versions of a story, and find the saves an update breaks",
        description=(
            "Compare two versions of a story: the scenes, choices and endings that changed, "
            "the endings and walkthroughs that play differently, and, with --saves, every "
            "save replayed against the new version. OLD is a story folder or a git revision "
            "(then the old version is NEW's folder at that revision: iss diff HEAD~1 story/)."
        ),
    )
    p.add_argument("old", help="the old version: a story folder, or a git revision")
    p.add_argument("new", type=Path, help="the new version's story folder")
    p.add_argument("--saves", type=Path, help="a saves folder whose saves to replay")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument(
        "--time-limit",
        type=float,
        default=None,
        metavar="SECONDS",
        help="how long each version's search for endings may take (default: counted, "
        "as `iss explore`'s and `iss check`'s, so every machine gives the same report)",
    )
    p.add_argument(
        "--fail-on-broken-saves",
        action="store_true",
        help="exit 1 when any save would resume earlier (for a release check)",
    )
    p.set_defaults(run=run)


def _load_old(old: str, new: Path, scratch: Path) -> Story | None:
    folder = Path(old)
    if not folder.is_dir():
        try:
            folder = story_at_revision(old, new, scratch)
        except RevisionError as exc:
            print(f"iss diff: `{safe_line(old)}` is neither a folder nor a revision: {exc}")
            return None
    return load_or_report(folder)


def run(args: argparse.Namespace) -> int:
    if not args.new.is_dir():
        print(f"iss diff: {safe_line(str(args.new))} is not a story folder", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="iss-diff-") as scratch:
        old = _load_old(args.old, args.new, Path(scratch))
    new = load_or_report(args.new)
    if old is None or new is None:
        return 2
    changes = story_changes(old, new)
    seconds = None if args.time_limit is None else max(0.1, min(args.time_limit, 3600.0))
    budget, claims_budget = search_budgets(seconds, None if seconds is None else MAX_STATES)
    endings = ending_shifts(old, new, budget)
    walks = walkthrough_shifts(old, new)
    properties = property_shifts(old, new, claims_budget)
    verdicts: list[SaveVerdict] = []
    losses: list[RecordLoss] = []
    if args.saves is not None:
        verdicts, losses = judge_saves(old, new, args.saves)
    if args.json:
        print(json.dumps(_as_json(changes, endings, walks, properties, verdicts, losses), indent=2))
    else:
        _print_text(changes, endings, walks, properties, verdicts, losses, args.saves)
    broken = any(v.verdict == EARLIER for v in verdicts)
    return 1 if broken and args.fail_on_broken_saves else 0


def _as_json(
    changes: list[Change],
    endings: list[EndingShift],
    walks: list[WalkthroughShift],
    properties: list[PropertyShift],
    verdicts: list[SaveVerdict],
    losses: list[RecordLoss],
) -> dict[str, object]:
    return {
        "version": 1,
        "changes": [c.to_json() for c in changes],
        "endings": [e.to_json() for e in endings],
        "walkthroughs": [w.to_json() for w in walks],
        "properties": [p.to_json() for p in properties],
        "saves": [v.to_json() for v in verdicts],
        "record": [loss.to_json() for loss in losses],
        "broken_saves": sum(v.broken for v in verdicts),
    }


def _print_text(
    changes: list[Change],
    endings: list[EndingShift],
    walks: list[WalkthroughShift],
    properties: list[PropertyShift],
    verdicts: list[SaveVerdict],
    losses: list[RecordLoss],
    saves: Path | None,
) -> None:
    def say(text: str) -> None:
        print(safe_line(text))

    say(f"Changes ({len(changes)}):" if changes else "No scene, choice or ending changed.")
    for change in changes:
        say(f"  {change.describe()}")
    if endings:
        say("Endings:")
        for shift in endings:
            route = ""
            if shift.old_route is not None and shift.new_route is not None:
                route = f" ({len(shift.old_route)} choices, now {len(shift.new_route)})"
            elif shift.new_route is not None:
                route = f" (in {len(shift.new_route)} choices)"
            say(f"  {shift.ending}: {shift.change}{route}")
    if walks:
        say("Walkthroughs of the old story, played on the new one:")
        for walk in walks:
            outcome = "still reaches" if walk.ok_after else "no longer reaches"
            say(f"  {walk.name}: {outcome} `{walk.ending}`; {walk.problem}".rstrip("; "))
    if properties:
        say("Properties:")
        for prop in properties:
            was = prop.old_status or "not stated"
            now = prop.new_status or "no longer stated"
            route = f" (route: {' '.join(prop.route) or '(at the start)'})" if prop.route else ""
            say(f"  {prop.name}: {was}, now {now}{route}")
    if saves is None:
        return
    broken = sum(v.broken for v in verdicts)
    say(f"Saves in {saves}: {len(verdicts)} read, {broken} would resume earlier.")
    for verdict in verdicts:
        where = f" at `{verdict.scene}`" if verdict.scene else ""
        detail = f": {verdict.why}" if verdict.why else ""
        if verdict.verdict == EARLIER:
            detail = f" after {verdict.taken} of {verdict.total} choices{detail}"
        say(f"  {verdict.path}: {verdict.verdict}{where}{detail}")
    for loss in losses:
        gone = [*loss.scenes, *loss.choices]
        say(f"  {loss.path}: the record names {len(gone)} scene(s) or choice(s) now gone")
