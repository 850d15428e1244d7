"""Memory of the UI over a long session: `python bench/bench_memory.py [--dialogs N] [--runs N]`.

Runs the game headless on the bundled story at 80x24, then reports resident
memory (RSS) and live widget and Strip counts: at the title, after the first
scene, after `--dialogs` dialogs opened and closed (crew, ties, kit, journal,
rewind, pause, in turn), and after `--runs` playthroughs that always take the
first choice. Numbers go in docs/performance.md; tests/ui/test_memory.py
checks the object counts, never RSS.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import sys
import tempfile
from pathlib import Path

from textual.pilot import Pilot
from textual.strip import Strip
from textual.widget import Widget

from iss.paths import bundled_story_dir
from iss.settings import Settings
from iss.ui.app import IssApp, make_app
from iss.ui.screens.play import PlayScreen

DIALOG_KEYS = ("c", "t", "i", "j", "r", "escape")


def rss_mib() -> float:
    """Resident memory of this process, from /proc (Linux)."""
    for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def report(label: str) -> None:
    gc.collect()
    objects = gc.get_objects()
    widgets = sum(isinstance(o, Widget) for o in objects)
    strips = sum(isinstance(o, Strip) for o in objects)
    print(f"{label:<28} {rss_mib():7.1f} MiB  {widgets:6d} widgets  {strips:7d} strips")


async def play_once(pilot: Pilot[int], app: IssApp) -> None:
    """From the title, a new game taking choice 1 until an ending; back to the title."""
    await pilot.press("n")
    while app.playthrough is not None and not app.playthrough.state.over:
        await pilot.press("1")
    await pilot.pause()
    await pilot.press("escape")
    await pilot.pause()


async def session(dialogs: int, runs: int) -> None:
    with tempfile.TemporaryDirectory() as saves:
        app = make_app(bundled_story_dir(), Path(saves), settings=Settings(effect="off"))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            report("title")
            await pilot.press("n")
            report("first scene")
            for n in range(dialogs):
                await pilot.press(DIALOG_KEYS[n % len(DIALOG_KEYS)])
                if not isinstance(app.screen, PlayScreen):  # rewind opens nothing at first
                    await pilot.press("escape")
            report(f"after {dialogs} dialogs")
            app.back_to_title()
            await pilot.pause()
            for n in range(runs):
                await play_once(pilot, app)
                if n + 1 in (1, runs // 2, runs):
                    report(f"after {n + 1} playthroughs")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dialogs", type=int, default=300)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args(argv)
    print(f"Python {sys.version.split()[0]}")
    asyncio.run(session(args.dialogs, args.runs))


if __name__ == "__main__":
    main()
