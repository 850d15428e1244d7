"""Benchmark `iss report`, and check its odds against many random playthroughs.

    python bench/bench_report.py                   # time the report on the bundled story
    python bench/bench_report.py --check 100000    # ... and play 100,000 more playthroughs

The check plays playthroughs with another seed than the report's, so they
are independent of its sample, and says for each ending whether their share
lies inside the report's interval (exact odds have a zero-width interval:
then the share must be within the playthroughs' own 99.9% margin). The
report's intervals hold together with 95% confidence, so a check that
passes most of the time is the expected result; an ending outside by far is
a bug. Numbers go in docs/performance.md.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):
    # Run as a script, the folder above is not on the path: put it there so `bench.*`
    # and the checkout's sources import as they do under `python -m`.
    sys.path.insert(0, str(ROOT))

from bench.ratios import record
from iss.authoring.explore import play_randomly
from iss.authoring.loader import load_story
from iss.authoring.report import Report, ReportOptions, build_report
from iss.engine.model import Story
from iss.paths import bundled_story_dir


def check(story: Story, report: Report, runs: int, seed: int) -> bool:
    """Play `runs` random playthroughs and compare each ending's share with the report."""
    started = time.perf_counter()
    played = play_randomly(story, runs, seed)
    seconds = time.perf_counter() - started
    print(f"check: {runs:,} random playthroughs (seed {seed}) in {seconds:.1f} s")
    ok = True
    for eid, chance in report.odds.endings.items():
        share = played.endings[eid] / runs
        margin = 3.3 * math.sqrt(max(share * (1 - share), 1 / runs) / runs)
        inside = chance.low - margin <= share <= chance.high + margin
        if not report.odds.exact:
            inside = chance.low <= share <= chance.high
        ok = ok and inside
        print(
            f"  {eid:<16} report {chance.p:.4f} [{chance.low:.4f}, {chance.high:.4f}]  "
            f"played {share:.4f}  {'inside' if inside else 'OUTSIDE'}"
        )
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("story", nargs="?", type=Path, default=None)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--check", type=int, default=0, metavar="N")
    parser.add_argument("--check-seed", type=int, default=1)
    args = parser.parse_args()
    result = load_story(args.story or bundled_story_dir())
    assert result.story is not None, [str(d) for d in result.errors[:5]]
    story = result.story
    best_wall = best_cpu = float("inf")
    report = None
    for _ in range(args.rounds):
        wall, cpu = time.perf_counter(), time.process_time()
        report = build_report(story, ReportOptions())
        best_wall = min(best_wall, time.perf_counter() - wall)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    assert report is not None
    print(
        f"{report.title}: report best of {args.rounds}: {best_wall:.2f} s wall, "
        f"{best_cpu:.2f} s CPU; {report.odds.method}"
    )
    if args.story is None:
        record("report: iss report, bundled story (CPU s)", best_cpu, "< 5 s", " s")
    if args.check:
        return 0 if check(story, report, args.check, args.check_seed) else 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
