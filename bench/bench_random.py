"""Random playthroughs per CPU-second, alone: `python -m bench.bench_random [--story DIR]
[--runs N] [--seeds K]`.

Times `play_randomly(story, runs, seed=s)` (the call `bench_explore` and `iss report`
make) with `time.process_time` for seeds 0..K-1 and prints one JSON line: each seed's
playthroughs per CPU-second, the mean choices a playthrough and the load average.
Run it in turn against two checkouts (`PYTHONPATH=<other>/src python -m
bench.bench_random --story <the same folder>`) to compare them in the same minutes;
docs/performance.md has the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from iss.authoring.explore import play_randomly
from iss.authoring.loader import load_story
from iss.paths import bundled_story_dir


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--story", type=Path, default=bundled_story_dir())
    parser.add_argument("--runs", type=int, default=2_000)
    parser.add_argument("--seeds", type=int, default=3)
    args = parser.parse_args()
    story = load_story(args.story, cache=False).story
    assert story is not None, f"{args.story} does not load"
    rates, lengths = [], []
    for seed in range(args.seeds):
        cpu = time.process_time()
        report = play_randomly(story, args.runs, seed=seed)
        cpu = time.process_time() - cpu
        rates.append(round(args.runs / cpu))
        lengths.append(sum(report.lengths) / max(len(report.lengths), 1))
    print(
        json.dumps(
            {
                "per_cpu_second": rates,
                "best": max(rates),
                "choices": round(sum(lengths) / len(lengths), 2),
                "load": round(os.getloadavg()[0], 1),
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
