"""Benchmark the explorer: `python -m bench.bench_explore [--scenes N] [--time-limit S]`.

(or `python bench/bench_explore.py`, from anywhere.)

Measures, for the bundled story (when it loads) and the generated story of
bench/gen_story.py: the exhaustive search (states, seconds, complete or not)
and random playthroughs per second. Numbers go in docs/performance.md.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    # Run as a script (`python bench/bench_explore.py`), the folder above is not on the
    # path: put it there so `bench.gen_story` imports as it does under `python -m`.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.gen_story import generate
from bench.ratios import record
from iss.authoring.explore import Budget, explore, play_randomly
from iss.authoring.loader import load_story
from iss.engine.model import Story
from iss.paths import bundled_story_dir


def measure(name: str, story: Story, budget: Budget, runs: int) -> None:
    found = explore(story, budget)
    reached = sum(e.reachable for e in found.endings.values())
    status = "complete" if found.complete else f"incomplete: {found.cut_reason}"
    proof = found.proof
    proved = (
        f"proof pass {proof.seconds:.2f} s, {proof.scene_visits:,} scene visits" if proof else ""
    )
    print(
        f"{name}: explore {found.seconds:.2f} s, {status}; "
        f"{found.quick_states:,} quick + {found.exact_states:,} exact states; {proved}; "
        f"endings {reached}/{len(found.endings)}, "
        f"scenes {len(found.scenes_reached)}/{len(found.all_scenes)}, "
        f"choices {len(found.choices_taken)}/{len(found.all_choices)}"
    )
    started, cpu = time.perf_counter(), time.process_time()
    report = play_randomly(story, runs, seed=1)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    mean = sum(report.lengths) / max(len(report.lengths), 1)
    print(
        f"{name}: {runs:,} random playthroughs in {seconds:.2f} s = {runs / seconds:,.0f}/s, "
        f"{runs / cpu:,.0f} per CPU-second (mean length {mean:.1f} choices)"
    )
    if name == "bundled story":
        record("explore: random playthroughs, bundled story", runs / cpu, ">= 5,000", "/CPU-s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scenes", type=int, default=10_000)
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument("--runs", type=int, default=5_000)
    args = parser.parse_args()
    bundled = load_story(bundled_story_dir(), cache=False)
    if bundled.story is not None:
        measure("bundled story", bundled.story, Budget(), args.runs)
    else:
        print("bundled story: does not load yet, skipped")
    with tempfile.TemporaryDirectory() as tmp:
        folder = generate(Path(tmp) / "generated", scenes=args.scenes)
        result = load_story(folder, run_walkthroughs=False, cache=False)
        assert result.story is not None, [str(d) for d in result.errors[:5]]
        budget = Budget(max_states=10_000_000, time_limit=args.time_limit)
        measure(f"generated {args.scenes:,} scenes", result.story, budget, max(args.runs // 100, 1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
