"""A process that saves in a loop until it is killed (for test_kill.py).

Run as `python writer_process.py SAVES_DIR STORY_DIR`. It saves state A in
slot `slot`, prints `ready`, then for each line `go ROUND` on stdin forks a
writer. The writer saves A and B alternately into `slot` as fast as it can
(with play_seconds ROUND * 1000 + n for its n-th save); after its first save it
prints its pid and how long that save took, in seconds. The test kills that
pid with SIGKILL and sends `reap`; this process waits for the writer and
prints `reaped`. A writer stops by itself after a few seconds, should the
test die first.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from iss.authoring.loader import load_story
from iss.engine.runner import replay
from iss.engine.saves import SaveStore

STATE_A = ("greet", "call_home")
STATE_B = ("ignore", "call_home", "call_home", "to_cupola")


def main(saves: Path, story_dir: Path) -> None:
    story = load_story(story_dir).story
    assert story is not None
    states = (replay(story, STATE_A).state, replay(story, STATE_B).state)
    store = SaveStore(saves)
    store.save("slot", story, states[0])
    print("ready", flush=True)
    pid = 0
    for line in sys.stdin:
        command, _, arg = line.strip().partition(" ")
        if command == "go":
            pid = os.fork()
            if pid == 0:
                start = time.monotonic()
                deadline = start + 5
                n = 0
                while time.monotonic() < deadline:
                    n += 1
                    store.save("slot", story, states[n % 2], play_seconds=int(arg) * 1000 + n)
                    if n == 1:
                        print(os.getpid(), time.monotonic() - start, flush=True)
                os._exit(0)
        elif command == "reap":
            os.waitpid(pid, 0)
            print("reaped", flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
