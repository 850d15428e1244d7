"""Start-up: `iss play` to its title screen against a bare Textual app (issue 15).

    .venv/bin/python -m bench.bench_startup [--rounds 9] [--baseline SRC] [--from-source]

Each round starts both in a fresh pseudo-terminal of 80x24, in turn (so a
busy machine slows both alike), and times from the start of the process to
the first frame that shows its screen: "New game" on the title for the game,
"Bare app ready" for an App that composes one Static. It prints the median
of each and their ratio (the goal is at most 1.2), in wall time and in the
child's CPU time when it handed that frame to Textual's driver (a probe in
the children's sitecustomize; steadier than wall time on a shared machine).
Not a test: timings live here and in docs/performance.md.

`iss play` shows its title before the story is read (in a thread); the time
until the title's menu is ready ("Continue (no autosave yet)": the saves
folder is new) is printed too. `--baseline SRC` also times `iss play` from
another checkout's src/ folder in the same rounds (a before-and-after).

Both start from compiled bytecode, as an installed game and a checkout that
has run once do: the children write and read it in a fresh cache folder of
this run (PYTHONPYCACHEPREFIX), filled by the first, untimed start of each.
Without it, where PYTHONDONTWRITEBYTECODE is set (as in some sandboxes),
every start compiled the game's modules from source while Textual's came
from the bytecode pip wrote: that timed the compiler, not the start-up.
`--from-source` times it that way anyway.

Both ratios are kept for `make bench`'s table (`bench.ratios`).
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import math
import os
import pty
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path
from typing import NamedTuple

from bench.ratios import record

GOAL = 1.2
"""Issue 15: `iss play` to its title in at most 1.2 times a bare Textual app's start."""

BARE_APP = """
from textual.app import App
from textual.widgets import Static

class Bare(App[None]):
    def compose(self):
        yield Static("Bare app ready")

Bare().run()
"""

CONTROL = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[@-_]")
"""Escape sequences, removed before looking for the marker."""


def _own_terminal() -> None:
    """In the child: a session of its own with the pseudo-terminal as its controlling
    terminal, as a terminal emulator gives (the game quits when it loses it)."""
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


PROBE = """
import os, time
if os.environ.get("BENCH_CPU_FILE"):
    import textual.drivers.linux_driver as driver

    markers = os.environ["BENCH_MARKERS"].split("|")
    write = driver.LinuxDriver.write

    def probe(self, data):
        for marker in [m for m in markers if m in data]:
            markers.remove(marker)
            with open(os.environ["BENCH_CPU_FILE"], "a", encoding="utf-8") as out:
                out.write(f"{marker}\\t{time.process_time()}\\n")
        write(self, data)

    driver.LinuxDriver.write = probe
"""
"""The children's sitecustomize: the process's CPU time when Textual's driver is
handed the first frame with each marker (the same for the game and the bare app)."""


def cpu_at_markers(path: Path, markers: list[bytes]) -> dict[bytes, float]:
    """What the probe wrote (NaN for a marker it never saw)."""
    found: dict[bytes, float] = {}
    deadline = time.perf_counter() + 2.0
    while len(found) < len(markers) and time.perf_counter() < deadline:
        with contextlib.suppress(OSError):
            for line in path.read_text(encoding="utf-8").splitlines():
                marker, cpu = line.split("\t")
                found[marker.encode()] = float(cpu)
        time.sleep(0.01)
    return {marker: found.get(marker, math.nan) for marker in markers}


class Seen(NamedTuple):
    """When a marker first showed: seconds since the start, and the child's CPU seconds
    when it wrote it."""

    wall: float
    cpu: float


def times_to_markers(
    argv: list[str],
    markers: list[bytes],
    cwd: Path,
    limit: float = 60.0,
    env_extra: dict[str, str] | None = None,
) -> list[Seen]:
    """When each of `markers` first shows, from starting `argv` in an 80x24
    pseudo-terminal."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24"}
    env.pop("NO_COLOR", None)
    env.update(env_extra or {})
    probe = Path(tempfile.mkdtemp(prefix="bench-startup-"))
    (probe / "sitecustomize.py").write_text(PROBE, encoding="utf-8")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(probe), env.get("PYTHONPATH")]))
    env["BENCH_CPU_FILE"] = str(probe / "cpu.txt")
    env["BENCH_MARKERS"] = "|".join(marker.decode() for marker in markers)
    start = time.perf_counter()
    process = subprocess.Popen(
        argv, stdin=slave, stdout=slave, stderr=slave, cwd=cwd, env=env, preexec_fn=_own_terminal
    )
    os.close(slave)
    seen = b""
    found: dict[bytes, float] = {}
    try:
        while time.perf_counter() - start < limit:
            ready, _, _ = select.select([master], [], [], 0.01)
            if not ready:
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            seen = (seen + chunk)[-200_000:]
            shown = CONTROL.sub(b"", seen)
            for marker in markers:
                if marker not in found and marker in shown:
                    found[marker] = time.perf_counter() - start
            if len(found) == len(markers):
                cpu = cpu_at_markers(probe / "cpu.txt", markers)
                return [Seen(found[marker], cpu[marker]) for marker in markers]
        missing = [marker for marker in markers if marker not in found]
        raise RuntimeError(f"{argv[-1]} never showed {missing!r}: {seen[-400:]!r}")
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        os.close(master)
        shutil.rmtree(probe, ignore_errors=True)


def time_to_marker(
    argv: list[str], marker: bytes, cwd: Path, env_extra: dict[str, str] | None = None
) -> Seen:
    """When `marker` first shows, from starting `argv` in an 80x24 pseudo-terminal."""
    return times_to_markers(argv, [marker], cwd, env_extra=env_extra)[0]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument(
        "--baseline", type=Path, default=None, help="another checkout's src/, timed alike"
    )
    parser.add_argument(
        "--from-source",
        action="store_true",
        help="the game's modules compiled at each start (PYTHONDONTWRITEBYTECODE=1)",
    )
    args = parser.parse_args(argv)
    root = Path(__file__).resolve().parent.parent
    times: dict[str, list[Seen]] = {"bare": [], "title": [], "ready": [], "baseline": []}
    with tempfile.TemporaryDirectory() as saves, tempfile.TemporaryDirectory() as pycache:
        iss = [sys.executable, "-m", "iss", "play", "--saves", saves]
        plain = [sys.executable, "-c", BARE_APP]
        # An empty PYTHONDONTWRITEBYTECODE counts as unset.
        code = {"PYTHONPYCACHEPREFIX": pycache, "PYTHONDONTWRITEBYTECODE": ""}
        if args.from_source:
            code = {"PYTHONDONTWRITEBYTECODE": "1"}
        baseline = {**code, "PYTHONPATH": str(args.baseline.resolve())} if args.baseline else None
        game_markers = [b"New game", b"no autosave yet"]
        # Untimed: warms the file cache, and writes the bytecode.
        times_to_markers(iss, game_markers, root, env_extra=code)
        time_to_marker(plain, b"Bare app ready", root, env_extra=code)
        if baseline:
            times_to_markers(iss, [b"New game"], root, env_extra=baseline)
        for _ in range(args.rounds):
            title, ready = times_to_markers(iss, game_markers, root, env_extra=code)
            times["title"].append(title)
            times["ready"].append(ready)
            times["bare"].append(time_to_marker(plain, b"Bare app ready", root, env_extra=code))
            if baseline:
                times["baseline"] += times_to_markers(iss, [b"New game"], root, env_extra=baseline)
    report(times, args)


def report(times: dict[str, list[Seen]], args: argparse.Namespace) -> None:
    """Medians, and their ratios to the bare app's, of wall time and of CPU time."""
    source = ", compiled from source" if args.from_source else ""
    load = ", ".join(f"{n:.1f}" for n in os.getloadavg())
    print(f"Python {sys.version.split()[0]}, {args.rounds} rounds{source}, load {load}.")
    print("Medians (wall: since the start; CPU: the process's when it wrote the frame):")
    bare_wall = statistics.median(seen.wall for seen in times["bare"])
    bare_cpu = statistics.median(seen.cpu for seen in times["bare"])
    rows = [("bare", "bare Textual app"), ("title", "iss play, title shown")]
    rows.append(("ready", "iss play, menu ready"))
    if args.baseline:
        rows.append(("baseline", f"baseline {args.baseline}, title"))
    for key, label in rows:
        wall = statistics.median(seen.wall for seen in times[key])
        cpu = statistics.median(seen.cpu for seen in times[key])
        print(
            f"  {label:34} wall {wall:6.3f} s ({wall / bare_wall:4.2f}x)"
            f"   CPU {cpu:6.3f} s ({cpu / bare_cpu:4.2f}x)"
        )
    if not args.from_source:
        wall = statistics.median(seen.wall for seen in times["title"])
        cpu = statistics.median(seen.cpu for seen in times["title"])
        goal = f"<= {GOAL}x"
        record("startup: iss play to its title / a bare Textual app (wall)", wall / bare_wall, goal)
        record("startup: the same, CPU time", cpu / bare_cpu, goal)


if __name__ == "__main__":
    main()
