"""The explorer on small stories: each should settle in well under 0.3 s.

    python bench/bench_small_explore.py [--stories 200] [--seed 0]

Explores the stall fixture (tests/authoring/fixtures/stall) and `--stories`
generated stories of 3 to 19 scenes (bench/gen_small_stories.py), and
reports the slowest, the median, and how many took 0.3 s or more, in wall
and CPU time. Numbers go in docs/performance.md.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):
    # Run as a script, the folder above is not on the path: put it there so `bench.*`
    # and the checkout's sources import as they do under `python -m`.
    sys.path.insert(0, str(ROOT))

from bench.gen_small_stories import write_small_story
from bench.ratios import record
from iss.authoring.explore import explore
from iss.authoring.loader import load_story
from iss.engine.model import Story

GOAL = 0.3


def timed(story: Story) -> tuple[float, float, bool, int]:
    """(wall seconds, CPU seconds, complete, states) of one exploration."""
    wall, cpu = time.perf_counter(), time.process_time()
    found = explore(story)
    return time.perf_counter() - wall, time.process_time() - cpu, found.complete, found.states


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--stories", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    stall = load_story(ROOT / "tests" / "authoring" / "fixtures" / "stall").story
    assert stall is not None
    wall, cpu, complete, states = timed(stall)
    print(
        f"stall fixture: {wall:.3f} s wall, {cpu:.3f} s CPU, complete={complete}, {states} states"
    )
    results: list[tuple[float, float, str, bool, int]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for number in range(args.stories):
            seed = args.seed * 100_000 + number
            folder = write_small_story(Path(tmp) / f"small{seed}", random.Random(seed))
            story = load_story(folder, run_walkthroughs=False).story
            assert story is not None, folder
            wall, cpu, complete, states = timed(story)
            results.append(
                (cpu, wall, f"seed {seed}, {len(story.scenes) - 4} scenes", complete, states)
            )
    results.sort(reverse=True)
    cpus = [r[0] for r in results]
    walls = [r[1] for r in results]
    print(
        f"{len(results)} generated stories: CPU median {statistics.median(cpus):.3f} s, "
        f"slowest {cpus[0]:.3f} s; wall median {statistics.median(walls):.3f} s, "
        f"slowest {max(walls):.3f} s; {sum(c >= GOAL for c in cpus)} at or over {GOAL} s CPU, "
        f"{sum(not r[3] for r in results)} incomplete"
    )
    for cpu, wall, name, complete, states in results[:5]:
        print(f"  {name}: {cpu:.3f} s CPU, {wall:.3f} s wall, complete={complete}, {states} states")
    record("explore: slowest small story (CPU s)", cpus[0], f"< {GOAL} s", " s")
    return 0  # a figure to read, not a gate: make bench goes on


if __name__ == "__main__":
    raise SystemExit(main())
