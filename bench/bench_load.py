"""Benchmark: load + check of a 10,000-scene story against a plain yaml.load, and choose() speed.

    .venv/bin/python -m bench.bench_load [--scenes N] [--rounds R]
    .venv/bin/python bench/bench_load.py [--scenes N] [--rounds R]

Both loads are measured in the same run, alternating, and the best of R
rounds is kept for each, so the ratio is robust on a noisy shared machine.
Wall time and this process's CPU time are both reported: on a shared host
the CPU time is the steadier of the two (it leaves out time the host gives
to others).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    # Run as a script (`python bench/bench_load.py`), the folder above is not on the
    # path: put it there so `bench.gen_story` imports as it does under `python -m`.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import yaml

from bench.gen_story import generate
from bench.ratios import record
from iss.authoring.lint import lint
from iss.authoring.loader import load_story
from iss.engine.runner import choices, choose, new_game

OUT = Path(__file__).resolve().parent / "out" / "generated"


Times = tuple[float, float]
"""(wall seconds, CPU seconds of this process)."""


def plain_load(folder: Path) -> Times:
    """Load every file and keep the documents, as any story loader must."""
    start, cpu = time.perf_counter(), time.process_time()
    documents = [
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        for path in sorted(folder.glob("*.yaml"))
    ]
    elapsed = time.perf_counter() - start, time.process_time() - cpu
    assert len(documents) > 1
    return elapsed


def iss_load(folder: Path) -> Times:
    start, cpu = time.perf_counter(), time.process_time()
    result = load_story(folder, cache=False)
    elapsed = time.perf_counter() - start, time.process_time() - cpu
    assert result.story is not None, result.diagnostics[:3]
    return elapsed


def choose_rate(folder: Path, steps: int = 200_000, length: int = 40) -> float:
    """Steps per second over playthroughs of `length` choices (a typical playthrough)."""
    story = load_story(folder, cache=False).story
    assert story is not None
    start_step = new_game(story)
    plan: list[str] = []
    state = start_step.state
    while not state.over and len(plan) < length:
        option = next(v for v in choices(story, state) if v.available)
        plan.append(option.id)
        state = choose(story, state, option.id).state
    done = 0
    start = time.perf_counter()
    while done < steps:
        state = start_step.state
        for choice_id in plan:
            state = choose(story, state, choice_id).state
            done += 1
    return done / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scenes", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    folder = generate(OUT, args.scenes)
    size = sum(p.stat().st_size for p in folder.glob("*.yaml")) / 1e6
    plain: list[Times] = []
    ours: list[Times] = []
    for _ in range(args.rounds):
        plain.append(plain_load(folder))
        ours.append(iss_load(folder))
    print(f"story: {args.scenes} scenes, {size:.1f} MB of YAML")
    for label, which in (("wall", 0), ("CPU", 1)):
        best_plain = min(t[which] for t in plain)
        best_ours = min(t[which] for t in ours)
        print(f"{label} time, best of {args.rounds}:")
        print(f"  plain yaml.load (CSafeLoader): {best_plain:.2f}s")
        print(f"  iss load + check:              {best_ours:.2f}s")
        print(f"  ratio (iss / plain):           {best_ours / best_plain:.2f}  (floor: <= 0.60)")
        if label == "CPU":
            record(
                "load: load + check / CSafeLoader (CPU, best)", best_ours / best_plain, "<= 0.60"
            )
    print(f"choose() steps per second:     {choose_rate(folder):,.0f}  (floor: >= 50,000)")
    wall, cpu = check_time(folder)
    print(f"iss check (load + lint):       {wall:.2f}s wall, {cpu:.2f}s CPU  (goal: < 3 s)")
    record(f"check: iss check, {args.scenes:,} scenes (CPU s)", cpu, "< 3 s", " s")


def check_time(folder: Path) -> Times:
    """What `iss check` does: compile from source, then lint (which explores within a budget)."""
    start, cpu = time.perf_counter(), time.process_time()
    result = load_story(folder, cache=False)
    assert result.story is not None
    lint(result.story)
    return time.perf_counter() - start, time.process_time() - cpu


if __name__ == "__main__":
    main()
