"""Saves are ordered by the sequence number they carry, never by clocks or file times."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

from iss.engine.model import Story
from iss.engine.saves import SaveInfo, SaveStore
from tests.saves.conftest import play

NOON = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def newest_auto(store: SaveStore, story: Story) -> SaveInfo:
    return next(e for e in store.list(story) if isinstance(e, SaveInfo) and e.kind == "auto")


def test_fast_saves_in_the_same_second_keep_their_order(tmp_path: Path, story: Story) -> None:
    """A coarse clock: every save has the same date, and file times may tie too."""
    store = SaveStore(tmp_path, now=lambda: NOON)
    states = [play(story, ["greet", *["call_home"] * n]) for n in range(5)]
    for state in states:
        store.autosave(story, state)
    for path in tmp_path.glob("auto-*.save.json"):
        os.utime(path, ns=(1_700_000_000 * 10**9, 1_700_000_000 * 10**9))
    assert newest_auto(store, story).choices == 5
    restarted = SaveStore(tmp_path, now=lambda: NOON)
    assert restarted.load(newest_auto(restarted, story).slot, story).state == states[-1]
    assert restarted.autosave(story, states[0]).info.slot == "auto-6"


def test_a_clock_stepped_back_does_not_reorder_the_ring(tmp_path: Path, story: Story) -> None:
    """Nine autosaves at 13:00, then the wall clock steps back an hour for the next session."""
    late = SaveStore(tmp_path, now=lambda: NOON + timedelta(hours=1))
    for n in range(9):
        late.autosave(story, play(story, ["greet", *["call_home"] * n]))
    early = SaveStore(tmp_path, now=lambda: NOON)
    newest = newest_auto(early, story)
    assert (newest.slot, newest.choices) == ("auto-9", 9)
    saved = early.autosave(story, play(story, ["ignore"]))
    assert saved.info.slot == "auto-10"  # not over auto-9, the newest save
    assert newest_auto(early, story).slot == "auto-10"
    assert [e.slot for e in early.list(story)][:2] == ["auto-10", "auto-9"]


def test_every_write_takes_the_next_number(tmp_path: Path, story: Story) -> None:
    store = SaveStore(tmp_path, now=lambda: NOON)
    a = store.autosave(story, play(story, ["greet"]))
    b = store.save("mine", story, play(story, ["greet"]))
    c = SaveStore(tmp_path, now=lambda: NOON).quicksave(story, play(story, []))
    assert (a.info.sequence, b.info.sequence, c.info.sequence) == (1, 2, 3)
    assert [e.slot for e in store.list(story)] == ["quicksave", "mine", "auto-1"]
