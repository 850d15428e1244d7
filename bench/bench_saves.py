"""Benchmark: load a save whose history holds many choices (issue 12: it was quadratic).

    .venv/bin/python bench/bench_saves.py [--choices 1000 10000 100000] [--rounds 3]

Writes a save of the tests' station story with N choices (the lab's
`call_home`, a loop) and times `SaveStore.load` on it, once with the story
unchanged (decode, replay, compare) and once after a text edit (decode and
rebuild). The best of R rounds is kept; wall and CPU time are both shown.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.ratios import record
from iss.authoring.loader import load_story
from iss.engine.model import Story
from iss.engine.runner import replay
from iss.engine.saves import SaveStore

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "saves" / "fixtures"


def station(variant: str) -> Story:
    story = load_story(FIXTURES / variant, cache=False).story
    assert story is not None
    return story


def time_load(store: SaveStore, story: Story, rounds: int) -> tuple[float, float]:
    best = (float("inf"), float("inf"))
    for _ in range(rounds):
        start, cpu = time.perf_counter(), time.process_time()
        loaded = store.load("long", story)
        elapsed = time.perf_counter() - start, time.process_time() - cpu
        assert loaded.state.scene == "lab"
        best = min(best, elapsed)
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--choices", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    story, edited = station("station"), station("station_text")
    print(f"{'choices':>8}  {'replay':>8}  {'load (same story)':>18}  {'load (edited)':>14}")
    for count in args.choices:
        history = ["greet", *["call_home"] * (count - 1)]
        start = time.perf_counter()
        state = replay(story, history).state
        replay_s = time.perf_counter() - start
        with tempfile.TemporaryDirectory() as folder:
            store = SaveStore(Path(folder))
            store.save("long", story, state)
            same = time_load(store, story, args.rounds)
            changed = time_load(store, edited, args.rounds)
        if count == 100_000:
            record("saves: load a 100,000-choice save (CPU s)", same[1], "<= 1 s", " s")
        print(
            f"{count:>8}  {replay_s:>7.2f}s  {same[0]:>6.2f}s ({same[1]:.2f} cpu)  "
            f"{changed[0]:>5.2f}s ({changed[1]:.2f} cpu)"
        )


if __name__ == "__main__":
    main()
