"""Random playthroughs of the peer story, as bench.js `play` does for inkjs.

    .venv/bin/python -m bench.peer_play STORY_DIR [--seconds S] [--seed X] [--plain]
    .venv/bin/python -m bench.peer_play STORY_DIR --text 1     # the first playthrough's lines

Picks with mulberry32 (the PRNG in the peer's bench.js) among the visible
choices, so with the same seed both engines take the same paths. For every
choice it renders what a front end shows: the new scene's full text and the
labels of the visible choices. With `--plain` each step goes through the
shipped plain front end's own rendering instead. Prints one JSON line, with
CPU time measured over the playthroughs only (the load is left out, as
bench.js does).
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from iss.authoring.loader import load_story
from iss.engine.model import Story
from iss.engine.runner import choices, choose, new_game, scene_text
from iss.engine.state import GameState


def mulberry32(seed: int) -> Callable[[], float]:
    """The peer's PRNG: floats in [0, 1), the same sequence as bench.js for the same seed."""
    a = seed & 0xFFFFFFFF

    def imul(x: int, y: int) -> int:
        return (x * y) & 0xFFFFFFFF

    def next_float() -> float:
        nonlocal a
        a = (a + 0x6D2B79F5) & 0xFFFFFFFF
        t = imul(a ^ (a >> 15), 1 | a)
        t = ((t + imul(t ^ (t >> 7), 61 | t)) & 0xFFFFFFFF) ^ t
        return ((t ^ (t >> 14)) & 0xFFFFFFFF) / 4294967296

    return next_float


def lines_of(story: Story, state: GameState) -> list[str]:
    """The scene's paragraphs, as ink prints them: one line each."""
    text = "".join(span.text for span in scene_text(story, state))
    return [p for p in text.split("\n\n") if p]


def playthrough(story: Story, pick: Callable[[], float]) -> Iterator[tuple[list[str], int]]:
    """Yield (rendered lines, characters) for every scene of one random playthrough."""
    state = new_game(story).state
    while True:
        lines = lines_of(story, state)
        views = [v for v in choices(story, state) if v.available and not v.hidden]
        labels = sum(len(v.plain) for v in views)
        yield lines, sum(map(len, lines)) + labels
        if state.over or not views:
            return
        state = choose(story, state, views[int(pick() * len(views))].id).state


def play(story: Story, seconds: float, seed: int) -> dict[str, object]:
    pick = mulberry32(seed)
    plays = made = rendered = 0
    cpu0, wall0 = time.process_time(), time.perf_counter()
    while time.perf_counter() - wall0 < seconds:
        steps = -1
        for _, chars in playthrough(story, pick):
            steps += 1
            rendered += chars
        made += steps
        plays += 1
    cpu = time.process_time() - cpu0
    return {
        "engine": "iss",
        "seed": seed,
        "playthroughs": plays,
        "choices": made,
        "chars": rendered,
        "cpu_seconds": cpu,
        "choices_per_cpu_s": made / cpu,
        "playthroughs_per_cpu_s": plays / cpu,
    }


def play_plain(story: Story, seconds: float, seed: int) -> dict[str, object]:
    """The same walk through the plain front end's own rendering of each step."""
    import io

    from iss.plain import PlainGame

    pick = mulberry32(seed)
    plays = made = 0
    cpu0, wall0 = time.process_time(), time.perf_counter()
    while time.perf_counter() - wall0 < seconds:
        out = io.StringIO()
        game = PlainGame(story, io.StringIO(), out)
        game.show_scene()
        while not game.state.over:
            # the choices the front end printed (it works them out once per state); asking
            # the engine again here timed a second `choices()` per step that no reader costs
            views = [v for v in game.visible_choices() if v.available and not v.hidden]
            if not views:
                break
            game.handle(views[int(pick() * len(views))].id)
            made += 1
            if out.tell() > 1 << 20:
                out.seek(0)
                out.truncate()
        plays += 1
    cpu = time.process_time() - cpu0
    return {
        "engine": "iss-plain",
        "seed": seed,
        "playthroughs": plays,
        "choices": made,
        "cpu_seconds": cpu,
        "choices_per_cpu_s": made / cpu,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("story", type=Path)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--seed", type=int, default=12345)
    parser.add_argument("--plain", action="store_true")
    parser.add_argument("--text", type=int, default=0, help="print this many playthroughs' lines")
    args = parser.parse_args()
    story = load_story(args.story, run_walkthroughs=False, cache=False).story
    if story is None:
        raise SystemExit(f"{args.story}: the story does not load; run iss check on it")
    if args.text:
        pick = mulberry32(args.seed)
        for _ in range(args.text):
            for lines, _chars in playthrough(story, pick):
                print("\n".join(lines))
        return
    result = (play_plain if args.plain else play)(story, args.seconds, args.seed)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
