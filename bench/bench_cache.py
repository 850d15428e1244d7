"""Benchmark: loading a story from the compiled cache, against compiling it.

    .venv/bin/python -m bench.bench_cache [--scenes 10000] [--rounds 5]
    .venv/bin/python bench/bench_cache.py [--scenes 10000] [--rounds 5]

For the bundled story and a generated story of `--scenes` scenes (bench_load's
generator), each round runs, in fresh processes and alternating:

- **compile**: `load_story(folder, cache=False)`, what every load did before;
- **hit**: `load_story(folder)` with the story already in the cache;
- **hit + all**: the same, then every scene looked up (a hit decodes a scene
  when it is first looked up; this is the whole story built).

Times are measured inside the process around the call (imports left out, as
the peer's `new Story` is measured), CPU and wall. The cache is a temporary
folder of this run, never the user's.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.gen_story import generate
from bench.ratios import record
from iss.paths import bundled_story_dir

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "generated"

MODES = ("compile", "hit", "hit+all")

_CODE = """
import json, sys, time
from pathlib import Path
from iss.authoring.loader import load_story
from iss.authoring.story_data import LazyScenes
root, mode = Path(sys.argv[1]), sys.argv[2]
cpu, wall = time.process_time(), time.perf_counter()
result = load_story(root, cache=mode != "compile")
if mode == "hit+all":
    scenes = list(result.story.scenes.values())
cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
lazy = isinstance(result.story.scenes, LazyScenes)
print(json.dumps({"cpu": cpu, "wall": wall, "hit": lazy}))
"""


def timed_load(folder: Path, mode: str, cache: Path) -> dict[str, float]:
    """One load in a fresh process: {"cpu", "wall", "hit"}; the cache folder is `cache`."""
    env = {**os.environ, "ISS_CACHE_DIR": str(cache), "PYTHONPATH": str(ROOT / "src")}
    out = subprocess.run(
        [sys.executable, "-c", _CODE, str(folder), mode],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        cwd=ROOT,
    ).stdout
    result: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    if mode != "compile" and not result["hit"]:
        raise SystemExit(f"{folder}: expected a cache hit")
    return result


def warm(folder: Path, cache: Path) -> None:
    """Compile the story once into `cache`, and read it back once."""
    env = {**os.environ, "ISS_CACHE_DIR": str(cache), "PYTHONPATH": str(ROOT / "src")}
    for mode in ("hit", "hit+all"):  # the first writes the cache, the second reads it
        subprocess.run(
            [sys.executable, "-c", _CODE, str(folder), mode],
            check=True,
            env=env,
            cwd=ROOT,
            capture_output=True,
        )


def ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:.1f} ms ({min(values) * 1000:.1f}-{max(values) * 1000:.1f})"


def measure(name: str, folder: Path, rounds: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="iss-bench-cache-") as tmp:
        cache = Path(tmp)
        warm(folder, cache)
        times: dict[str, list[dict[str, float]]] = {mode: [] for mode in MODES}
        for _ in range(rounds):
            for mode in MODES:
                times[mode].append(timed_load(folder, mode, cache))
    print(f"\n{name}: median (range) of {rounds} fresh processes, CPU | wall")
    for mode in MODES:
        cpu = [t["cpu"] for t in times[mode]]
        wall = [t["wall"] for t in times[mode]]
        print(f"  {mode:<8} {ms(cpu):>28} | {ms(wall)}")
    hit = statistics.median(t["cpu"] for t in times["hit"])
    compiled = statistics.median(t["cpu"] for t in times["compile"])
    print(f"  hit / compile (CPU): {hit / compiled:.3f}")
    return {mode: statistics.median(t["cpu"] for t in times[mode]) for mode in MODES}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scenes", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    bundled = measure("bundled story", bundled_story_dir(), args.rounds)
    record("cache: bundled story from the cache (CPU ms)", bundled["hit"] * 1000, "< 30 ms", " ms")
    folder = generate(OUT, args.scenes)
    big = measure(f"generated story, {args.scenes:,} scenes", folder, args.rounds)
    record(f"cache: {args.scenes:,} scenes, from the cache / compiled", big["hit"] / big["compile"])


if __name__ == "__main__":
    main()
