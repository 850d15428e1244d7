"""Start-up: `iss play` to its title screen against a bare Textual app (issue 15).

    .venv/bin/python -m bench.bench_startup [--rounds 9]

Each round starts both in a fresh pseudo-terminal of 80x24, in turn (so a
busy machine slows both alike), and times from the start of the process to
the first frame that shows its screen: "New game" on the title for the game,
"Bare app ready" for an App that composes one Static. It prints the median
of each and their ratio (the goal is at most 1.2). Not a test: timings live
here and in docs/performance.md.
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


def time_to_marker(argv: list[str], marker: bytes, cwd: Path, limit: float = 60.0) -> float:
    """Seconds from starting `argv` in an 80x24 pseudo-terminal until `marker` shows."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24"}
    env.pop("NO_COLOR", None)
    start = time.perf_counter()
    process = subprocess.Popen(
        argv, stdin=slave, stdout=slave, stderr=slave, cwd=cwd, env=env, start_new_session=True
    )
    os.close(slave)
    seen = b""
    try:
        while time.perf_counter() - start < limit:
            ready, _, _ = select.select([master], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            seen = (seen + chunk)[-200_000:]
            if marker in CONTROL.sub(b"", seen):
                return time.perf_counter() - start
        raise RuntimeError(f"{argv[-1]} never showed {marker!r}: {seen[-400:]!r}")
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        os.close(master)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    args = parser.parse_args(argv)
    root = Path(__file__).resolve().parent.parent
    game: list[float] = []
    bare: list[float] = []
    with tempfile.TemporaryDirectory() as saves:
        iss = [sys.executable, "-m", "iss", "play", "--saves", saves]
        plain = [sys.executable, "-c", BARE_APP]
        time_to_marker(iss, b"New game", root)  # warm the file cache for both
        time_to_marker(plain, b"Bare app ready", root)
        for _ in range(args.rounds):
            game.append(time_to_marker(iss, b"New game", root))
            bare.append(time_to_marker(plain, b"Bare app ready", root))
    g, b = statistics.median(game), statistics.median(bare)
    print(f"Python {sys.version.split()[0]}, {args.rounds} rounds, medians:")
    print(f"  bare Textual app   {b:6.3f} s   (min {min(bare):.3f})")
    print(f"  iss play (title)   {g:6.3f} s   (min {min(game):.3f})")
    print(f"  ratio              {g / b:6.2f}x   (of the minimums {min(game) / min(bare):.2f}x)")


if __name__ == "__main__":
    main()
