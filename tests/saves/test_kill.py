"""Kill a writer with SIGKILL at random moments while it saves: the slot always loads.

A helper process (writer_process.py) loads the story once and forks a writer
for each round, so a round costs a fork, not a Python start. Each writer tells
when its first save is done and how long it took; the test then kills it after
a random delay of 0 to 3 such saves, and loads the slot: it must hold state A
or state B, never garbage, and never be listed as broken. The delays scale
with the machine's speed, so the test checks no timing.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from iss.engine.saves import SaveInfo, SaveStore
from tests.saves.conftest import FIXTURES, play, station
from tests.saves.writer_process import STATE_A, STATE_B

ROUNDS = 200


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL")
def test_a_killed_writer_never_leaves_a_broken_save(tmp_path: Path) -> None:
    story = station()
    good = [play(story, STATE_A), play(story, STATE_B)]
    script = Path(__file__).with_name("writer_process.py")
    child = subprocess.Popen(
        [sys.executable, str(script), str(tmp_path), str(FIXTURES / "station")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert child.stdin is not None and child.stdout is not None
    rng = random.Random(20250301)
    store = SaveStore(tmp_path)
    try:
        assert child.stdout.readline().strip() == "ready"
        for round_ in range(1, ROUNDS + 1):
            child.stdin.write(f"go {round_}\n")
            child.stdin.flush()
            pid, took = child.stdout.readline().split()
            time.sleep(rng.uniform(0, 3 * float(took)))
            os.kill(int(pid), signal.SIGKILL)
            child.stdin.write("reap\n")
            child.stdin.flush()
            assert child.stdout.readline().strip() == "reaped"
            loaded = store.load("slot", story)  # raises SaveError on garbage
            assert loaded.state in good and loaded.notice is None
            [entry] = store.list(story)
            assert isinstance(entry, SaveInfo)
            assert loaded.info.play_seconds // 1000 == round_  # this round's writer wrote
    finally:
        child.stdin.close()
        child.wait(timeout=30)
    # The test proves something only if some kills landed mid-write
    # (a kill between mkstemp and os.replace leaves its temporary file behind).
    assert list(tmp_path.glob(".slot.save.json.*.tmp"))
