"""Benchmark: what one visitor of `iss serve --public` costs (issue 17).

    .venv/bin/python -m bench.bench_serve [--visitors 1 4 8] [--story story]

Starts `iss serve --public` on a free local port, then for each count N
opens N websockets at once, as N browsers would, and measures for each
visitor's game process:

- **start**: from opening the websocket to the first frame of the title
  screen, and to the screen settling (no output for half a second);
- **memory**: the resident size (VmRSS) of the visitor's game process once
  the title screen has settled, read from /proc.

Prints the median and the largest of each per N. Wall time on a shared
machine: compare figures from the same run only.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

from iss.engine.save_codes import new_code

ROOT = Path(__file__).resolve().parent.parent
QUIET = 0.5


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def wait_for(port: int) -> None:
    for _ in range(300):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("the server did not start")


def rss_of(code: str) -> int:
    """VmRSS in KiB of the game process started with `--save-code code`."""
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes().split(b"\0")
            if code.encode() not in cmdline or b"play" not in cmdline:
                continue
            for line in (proc / "status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        except OSError:
            continue
    return 0


async def visit(session: aiohttp.ClientSession, url: str) -> tuple[float, float, int]:
    code = new_code()
    start = time.perf_counter()
    first = settled = 0.0
    async with session.ws_connect(f"{url}/ws/{code}?width=80&height=24") as ws:
        while True:
            try:
                message = await ws.receive(timeout=QUIET if first else 60)
            except TimeoutError:
                break
            if message.type in (aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                break
            now = time.perf_counter() - start
            if message.type == aiohttp.WSMsgType.BINARY:
                first = first or now
                settled = now
        rss = rss_of(code)
    return first, settled, rss


async def wave(url: str, count: int) -> list[tuple[float, float, int]]:
    async with aiohttp.ClientSession() as session:
        return list(await asyncio.gather(*(visit(session, url) for _ in range(count))))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--visitors", type=int, nargs="+", default=[1, 4, 8])
    parser.add_argument("--story", type=Path, default=ROOT / "story")
    args = parser.parse_args()
    port = free_port()
    with tempfile.TemporaryDirectory() as saves:
        server = subprocess.Popen(
            [
                *(sys.executable, "-m", "iss", "serve", "--story", str(args.story)),
                *("--saves", saves, "--port", str(port), "--public"),
                *("--max-players", str(max(args.visitors))),
            ],
            env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            wait_for(port)
            load = os.getloadavg()[0]
            print(
                f"iss serve --public, story {args.story.name}, 80x24, "
                f"{os.cpu_count()} cores, load average {load:.1f}"
            )
            print("visitors  first frame s (median / max)  settled s (median / max)  RSS MiB")
            for count in args.visitors:
                results = asyncio.run(wave(url, count))
                firsts = [r[0] for r in results]
                settled = [r[1] for r in results]
                rss = [r[2] / 1024 for r in results]
                print(
                    f"{count:>8}  {statistics.median(firsts):>12.2f} / {max(firsts):<12.2f}"
                    f"  {statistics.median(settled):>9.2f} / {max(settled):<12.2f}"
                    f"  {statistics.median(rss):.0f} (max {max(rss):.0f})"
                )
                time.sleep(1)
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()


if __name__ == "__main__":
    main()
