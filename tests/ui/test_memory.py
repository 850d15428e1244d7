"""Live object counts stay flat: dialogs opened and closed, and whole playthroughs.

Counts, not RSS (RSS is noisy and belongs in bench/bench_memory.py). Each test
warms up first, counts, repeats the cycle many times, and counts again."""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Awaitable, Callable

from textual.pilot import Pilot
from textual.strip import Strip
from textual.widget import Widget

from iss.ui.app import IssApp
from iss.ui.screens.play import PlayScreen
from tests.conftest import PROFILE
from tests.ui.conftest import SIZE, TINY, MakeApp

DIALOG_CYCLES = 300 if PROFILE == "fuzz" else 96
"""Dialogs opened and closed: 12 rounds in `make test` (a leak of one object a round
is 12, past `SLACK`); `make fuzz` runs 300, which took minutes on a loaded machine."""
PLAYTHROUGHS = 20
SLACK = 10
"""Objects a count may grow by without a leak (a timer, a pending message)."""
DIALOG_KEYS = ("c", "t", "i", "j", "r", "escape")
"""Crew, ties, kit, journal, rewind and the pause menu: each opened and closed once a round."""


def live_counts() -> Counter[str]:
    """Live widgets by class, and live Strips, after a full collection."""
    gc.collect()
    counts: Counter[str] = Counter()
    for obj in gc.get_objects():
        if isinstance(obj, Widget):
            counts[type(obj).__name__] += 1
            counts["widgets"] += 1
        elif isinstance(obj, Strip):
            counts["strips"] += 1
    return counts


async def grows_by(
    pilot: Pilot[int], cycle: Callable[[Pilot[int]], Awaitable[None]], times: int
) -> Counter[str]:
    """How much each count grew over `times` cycles (after two warm-up cycles)."""
    for _ in range(2):
        await cycle(pilot)
    before = live_counts()
    for _ in range(times):
        await cycle(pilot)
    after = live_counts()
    after.subtract(before)
    return Counter({name: n for name, n in after.items() if n > 0})


async def open_and_close_dialogs(pilot: Pilot[int]) -> None:
    """One round: each dialog opened and closed once (and help over the last)."""
    for key in DIALOG_KEYS:
        await pilot.press(key, "escape")
    await pilot.press("escape", "f1", "escape", "escape")


async def test_dialogs_opened_and_closed_leave_nothing_behind(app_for: MakeApp) -> None:
    app = app_for(TINY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        assert isinstance(app.screen, PlayScreen)
        rounds = DIALOG_CYCLES // (len(DIALOG_KEYS) + 2)
        grown = await grows_by(pilot, open_and_close_dialogs, rounds)
        assert isinstance(app.screen, PlayScreen)
    assert grown["FooterKey"] <= SLACK, grown
    assert grown["widgets"] <= SLACK, grown
    assert grown["strips"] <= 5 * SLACK, grown


async def play_to_an_ending(pilot: Pilot[int]) -> None:
    app = pilot.app
    assert isinstance(app, IssApp)
    await pilot.press("escape")  # the ending screen goes back to the title
    await pilot.pause()
    await play_tiny(pilot)
    assert app.playthrough is not None and app.playthrough.state.over


async def play_tiny(pilot: Pilot[int]) -> None:
    """New game, then the first choice twice: one key at a time, each let settle
    (on a loaded machine a key pressed before the next scene is drawn is lost)."""
    for key in ("n", "1", "1"):
        await pilot.press(key)
        await pilot.pause()


async def test_playthroughs_leave_nothing_behind(app_for: MakeApp) -> None:
    app = app_for(TINY)
    async with app.run_test(size=SIZE) as pilot:
        await play_tiny(pilot)
        grown = await grows_by(pilot, play_to_an_ending, PLAYTHROUGHS)
    assert grown["FooterKey"] <= SLACK, grown
    assert grown["widgets"] <= SLACK, grown
    assert grown["strips"] <= 5 * SLACK, grown


async def open_and_close_backlog_and_map(pilot: Pilot[int]) -> None:
    """The two screens rebuilt from the history and the record each time they open."""
    await pilot.press("b", "slash", "a", "enter", "escape", "m", "up", "escape")
    await pilot.pause()


async def test_backlog_and_map_opened_and_closed_leave_nothing_behind(app_for: MakeApp) -> None:
    app = app_for(TINY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "1")
        assert isinstance(app.screen, PlayScreen)
        grown = await grows_by(pilot, open_and_close_backlog_and_map, 20)
        assert isinstance(app.screen, PlayScreen)
    assert grown["widgets"] <= SLACK, grown
    assert grown["strips"] <= 5 * SLACK, grown
