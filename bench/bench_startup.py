"""Start-up: `iss play` to its title screen against a bare Textual app (issue 15).

    .venv/bin/python -m bench.bench_startup [--rounds 9]

Each round starts both in a fresh pseudo-terminal of 80x24, in turn (so a
busy machine slows both alike), and times from the start of the process to
the first frame that shows its screen: "New game" on the title for the game,
"Bare app ready" for an App that composes one Static. It prints the median
of each and their ratio (the goal is at most 1.2). Not a test: timings live
here and in docs/performance.md.

`iss play` shows its title before the story is read (in a thread); the time
until the title's menu is ready ("Continue (no autosave yet)": the saves
folder is new) is printed too. `--baseline SRC` also times `iss play` from
another checkout's src/ folder in the same rounds (a before-and-after).
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import re
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

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


def times_to_markers(
    argv: list[str],
    markers: list[bytes],
    cwd: Path,
    limit: float = 60.0,
    env_extra: dict[str, str] | None = None,
) -> list[float]:
    """Seconds from starting `argv` in an 80x24 pseudo-terminal until each of
    `markers` first shows."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24"}
    env.update(env_extra or {})
    env.pop("NO_COLOR", None)
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
                return [found[marker] for marker in markers]
        missing = [marker for marker in markers if marker not in found]
        raise RuntimeError(f"{argv[-1]} never showed {missing!r}: {seen[-400:]!r}")
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        os.close(master)


def time_to_marker(argv: list[str], marker: bytes, cwd: Path, limit: float = 60.0) -> float:
    """Seconds from starting `argv` in an 80x24 pseudo-terminal until `marker` shows."""
    return times_to_markers(argv, [marker], cwd, limit)[0]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument(
        "--baseline", type=Path, default=None, help="another checkout's src/, timed alike"
    )
    args = parser.parse_args(argv)
    root = Path(__file__).resolve().parent.parent
    times: dict[str, list[float]] = {"bare": [], "title": [], "ready": [], "baseline": []}
    with tempfile.TemporaryDirectory() as saves:
        iss = [sys.executable, "-m", "iss", "play", "--saves", saves]
        plain = [sys.executable, "-c", BARE_APP]
        baseline = {"PYTHONPATH": str(args.baseline.resolve())} if args.baseline else None
        game_markers = [b"New game", b"no autosave yet"]
        times_to_markers(iss, game_markers, root)  # warm the file cache for all
        time_to_marker(plain, b"Bare app ready", root)
        if baseline:
            times_to_markers(iss, [b"New game"], root, env_extra=baseline)
        for _ in range(args.rounds):
            title, ready = times_to_markers(iss, game_markers, root)
            times["title"].append(title)
            times["ready"].append(ready)
            times["bare"].append(time_to_marker(plain, b"Bare app ready", root))
            if baseline:
                times["baseline"] += times_to_markers(iss, [b"New game"], root, env_extra=baseline)
    b = statistics.median(times["bare"])
    print(f"Python {sys.version.split()[0]}, {args.rounds} rounds, medians:")
    print(f"  bare Textual app          {b:6.3f} s   (min {min(times['bare']):.3f})")
    rows = [("title", "iss play, title shown"), ("ready", "iss play, menu ready")]
    if baseline:
        rows.append(("baseline", f"baseline {args.baseline}, title"))
    for key, label in rows:
        got = times[key]
        print(f"  {label:24} {statistics.median(got):6.3f} s   (min {min(got):.3f})")
        print(f"    ratio to bare           {statistics.median(got) / b:6.2f}x")


if __name__ == "__main__":
    main()
