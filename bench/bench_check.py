"""`iss check` on the generated 10,000-scene story and on the bundled one (issue 16).

    .venv/bin/python -m bench.bench_check [--scenes 10000] [--rounds 3] [--baseline SRC] [--from-source]

Each round runs `iss check STORY --format json` in a fresh process (the
compiled cache off: `iss check` always compiles from source) on the
generated story (`bench/gen_story.py`, written to `bench/out/generated`) and
on the bundled story, and reads the child's user + system CPU time and its
wall time. `--baseline SRC` also runs another checkout's `src/` folder in
the same rounds, alternating, and compares the JSON each prints (the same
bytes, or not). As `bench_explore_cmd` and `bench_startup`, the children read
the game's bytecode from a cache folder of this run (PYTHONPYCACHEPREFIX,
filled by one untimed check per build), as an installed `iss` does; with
`--from-source` every start compiles the modules (PYTHONDONTWRITEBYTECODE=1,
which the shells of this project's machine set). The goal: the generated
story's check under 3 s.
Not a test: timings live here and in docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    # Run as `python bench/bench_check.py`, the script's folder is first on the import
    # path: put the repository root there so `bench.gen_story` imports as under `-m`.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.gen_story import generate
from bench.ratios import record

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "generated"
GOAL = 3.0


def run_check(story: Path, src: Path | None, code: dict[str, str]) -> tuple[float, float, bytes]:
    """(CPU seconds, wall seconds, stdout) of one `iss check --format json` in a fresh process
    (`code`: how it gets its bytecode)."""
    env = dict(os.environ, **code, ISS_CACHE_DIR="")
    if src is not None:
        env["PYTHONPATH"] = str(src)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "iss", "check", str(story), "--format", "json"],
        env=env,
        capture_output=True,
        check=False,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scenes", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--baseline", type=Path, help="another checkout's src/ folder")
    parser.add_argument("--from-source", action="store_true", help="no bytecode (compile)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as pycache:
        code = {"PYTHONPYCACHEPREFIX": pycache, "PYTHONDONTWRITEBYTECODE": ""}
        if args.from_source:
            code = {"PYTHONDONTWRITEBYTECODE": "1"}
        measure(args, code)


def measure(args: argparse.Namespace, code: dict[str, str]) -> None:
    generated = generate(OUT, args.scenes)
    stories = {"generated": generated, "bundled": ROOT / "story"}
    builds: dict[str, Path | None] = {"this": ROOT / "src"}
    if args.baseline is not None:
        builds = {"baseline": args.baseline.resolve(), **builds}
    times: dict[tuple[str, str], list[tuple[float, float]]] = {}
    outputs: dict[tuple[str, str], set[bytes]] = {}
    for src in builds.values():  # untimed: fills the bytecode cache
        run_check(ROOT / "story", src, code)
    source = "compiled from source" if args.from_source else "from bytecode"
    print(f"load average at the start: {os.getloadavg()[0]:.1f}; modules {source}")
    for _ in range(args.rounds):
        for story_name, story in stories.items():
            for build, src in builds.items():
                cpu, wall, out = run_check(story, src, code)
                times.setdefault((story_name, build), []).append((cpu, wall))
                outputs.setdefault((story_name, build), set()).add(out)
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")
    print(f"{'story':<10} {'build':<9} {'CPU s median (range)':<24} {'wall s median (range)'}")
    for (story_name, build), runs in times.items():
        cpus = [c for c, _ in runs]
        walls = [w for _, w in runs]
        print(
            f"{story_name:<10} {build:<9} "
            f"{statistics.median(cpus):.2f} ({min(cpus):.2f}-{max(cpus):.2f}){'':<8} "
            f"{statistics.median(walls):.2f} ({min(walls):.2f}-{max(walls):.2f})"
        )
    for story_name in stories:
        steady = {b: len(outputs[(story_name, b)]) == 1 for b in builds}
        for build, same in steady.items():
            said = "the same bytes in every run" if same else "CHANGED between runs"
            print(f"{story_name}, {build}: output {said}")
        if len(builds) > 1 and all(steady.values()):
            alike = len({next(iter(outputs[(story_name, b)])) for b in builds}) == 1
            print(f"{story_name}: the builds print {'the same' if alike else 'different'} output")
    cpu_this = statistics.median(c for c, _ in times[("generated", "this")])
    print(f"iss check, {args.scenes:,} scenes: {cpu_this:.2f} s CPU (goal: < {GOAL:g} s)")
    label = f"check: iss check, {args.scenes:,} scenes (CPU s{', from source' if args.from_source else ''})"
    record(label, cpu_this, f"< {GOAL:g} s", " s")


if __name__ == "__main__":
    main()
