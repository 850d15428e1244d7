"""`iss explore` on the bundled story, as a command: its phases and its whole run (issue 16).

    .venv/bin/python -m bench.bench_explore_cmd [--rounds 5] [--baseline SRC] [--from-source]
        [--story DIR] [--time-limit S]

(or `python bench/bench_explore_cmd.py`; `python -m bench.bench_explore` runs it too.)

Each round starts fresh processes, in turn for this checkout and, with
`--baseline SRC`, another checkout's src/ folder (a before-and-after in the
same minutes, so a busy machine slows both alike):

- `python -m iss explore story --json` under a probe that times, in CPU
  seconds of that process, the imports of the command, the story's load (from
  the compiled cache, filled by an untimed first run), the explore pass, the
  properties (`check_claims`), the JSON written, and all of the command after
  its imports ("in process");
- `python -m iss explore story` as it is, timed from outside: the child's user
  and system CPU and the wall time ("whole command").

It prints the medians (and ranges) of each, says whether every run of a
build printed the same report as its first, but for its seconds (the JSON
byte for byte, the text line for line), and whether the baseline's first
reports are the same as this checkout's. (A loaded machine can cut a run short at the
explorer's wall-clock time limit; `--time-limit 60` keeps every run whole.) As `bench_startup`, the children read the game's
bytecode from a cache folder of this run (PYTHONPYCACHEPREFIX); with
`--from-source` every start compiles the modules (PYTHONDONTWRITEBYTECODE=1).
Not a test: timings live here and in docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.ratios import record

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import contextlib, io, json, sys, time
started = time.process_time()
import iss.cli
import iss.cli.explore_cmd as command
imported = time.process_time()
spent = {}
def timed(label, function):
    def run(*args, **kwargs):
        at = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent[label] = spent.get(label, 0.0) + time.process_time() - at
    return run
for label, name in [("load", "load_or_report"), ("explore", "explore"),
                    ("claims", "check_claims"), ("json", "_dump")]:
    setattr(command, name, timed(label, getattr(command, name)))
out = io.StringIO()
with contextlib.redirect_stdout(out):
    code = iss.cli.main(["explore", *sys.argv[1:], "--json"])
done = time.process_time()
print(json.dumps({"python": started, "imports": imported - started, **spent,
                  "in process": done - imported, "code": code, "report": out.getvalue()}))
"""

PHASES = ["python", "imports", "load", "explore", "claims", "json", "in process"]
SECONDS = re.compile(r"\d+\.\d+ s\b")


def _strip_seconds(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _strip_seconds(v) for k, v in data.items() if k != "seconds"}
    if isinstance(data, list):
        return [_strip_seconds(v) for v in data]
    return data


def phases(env: dict[str, str], args: list[str]) -> tuple[dict[str, float], Any]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(done.stdout)
    report = _strip_seconds(json.loads(data.pop("report")))
    return {k: v for k, v in data.items() if k in PHASES}, report


def whole(env: dict[str, str], args: list[str]) -> tuple[float, float, str]:
    """(user + system CPU, wall) of `python -m iss explore ARGS...`, and its text."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "iss", "explore", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return cpu, wall, SECONDS.sub("_ s", done.stdout)


def _summary(values: list[float]) -> str:
    return f"{statistics.median(values):6.3f} ({min(values):.3f}-{max(values):.3f})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--story", type=Path, default=ROOT / "story")
    parser.add_argument("--baseline", type=Path, default=None, help="another src/, timed alike")
    parser.add_argument("--from-source", action="store_true", help="no bytecode (compile)")
    parser.add_argument(
        "--time-limit", default=None, help="passed on to iss explore (its default: 5 s)"
    )
    args = parser.parse_args(argv)
    command = [str(args.story)]
    if args.time_limit:
        command += ["--time-limit", args.time_limit]
    builds = {"this": ROOT / "src"}
    if args.baseline:
        builds["baseline"] = args.baseline.resolve()
    figures: dict[str, dict[str, list[float]]] = {name: {} for name in builds}
    reports: dict[tuple[str, str], Any] = {}
    differs: set[str] = set()
    with tempfile.TemporaryDirectory() as cache, tempfile.TemporaryDirectory() as pycache:
        code = {"PYTHONPYCACHEPREFIX": pycache, "PYTHONDONTWRITEBYTECODE": ""}
        if args.from_source:
            code = {"PYTHONDONTWRITEBYTECODE": "1"}
        envs = {
            name: {**os.environ, **code, "ISS_CACHE_DIR": f"{cache}/{name}", "PYTHONPATH": str(src)}
            for name, src in builds.items()
        }
        for name in builds:  # untimed: fills the story cache and the bytecode
            whole(envs[name], command)
        for _ in range(args.rounds):
            for name in builds:
                timed, report = phases(envs[name], command)
                cpu, wall, text = whole(envs[name], command)
                for label, seconds in [*timed.items(), ("whole: CPU", cpu), ("whole: wall", wall)]:
                    figures[name].setdefault(label, []).append(seconds)
                for kind, printed in (("json", report), ("text", text)):
                    first = reports.setdefault((name, kind), printed)
                    if printed != first:
                        differs.add(f"{name}'s {kind}")
    load = ", ".join(f"{n:.1f}" for n in os.getloadavg())
    source = "compiled from source" if args.from_source else "from bytecode"
    print(f"iss explore {args.story.name}: {args.rounds} rounds, {source}, load {load}")
    print("CPU seconds, median (range)")
    for what in sorted(differs):  # the explorer's witness walks are timed: they can vary
        print(f"  NOTE: {what} report was not the same in every run")
    if args.baseline:
        same = all(reports["this", k] == reports["baseline", k] for k in ("json", "text"))
        print(f"  (the baseline's reports are {'the same' if same else 'NOT the same'})")
    for name in builds:
        print(f"  {name} ({builds[name]}):")
        for label, values in figures[name].items():
            print(f"    {label:12} {_summary(values)}")
    if not args.from_source and args.story == ROOT / "story" and not args.time_limit:
        cpu = statistics.median(figures["this"]["in process"])
        record("explore: iss explore story, in process (CPU s)", cpu, "< 1", "s")
        cpu = statistics.median(figures["this"]["whole: CPU"])
        record("explore: iss explore story, whole command (CPU s)", cpu, "< 1", "s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
