"""Random playthroughs of the peer story, as bench.js `play` does for inkjs.

    .venv/bin/python -m bench.peer_play STORY_DIR [--seconds S] [--seed X] [--plain]
    .venv/bin/python -m bench.peer_play STORY_DIR --text 1 [--plain]  # the first playthrough's lines

Picks with mulberry32 (the PRNG in the peer's bench.js) among the visible
choices, so with the same seed both engines take the same paths. For every
choice it renders what a front end shows: the new scene's full text and the
labels of the visible choices. With `--plain` each step goes through the
shipped plain front end's own rendering instead. Prints one JSON line, with
CPU time measured over the playthroughs only (the load is left out, as
bench.js does).

`--text K` prints what the first K playthroughs show, as bench/peer_text.js
prints inkjs's: every line of each scene, then `> label` for each visible
choice. With `--plain` those lines are read back out of the plain front end's
own output (its `== Title ==` lines, blank lines and `ENDING:` lines left out,
`  N) label` read as `> label`; anything else, such as a locked choice's
`  -) label  [reason]`, stays and differs), so bench/peer_compare.py can check
that both of our runs show just what inkjs shows.
"""

from __future__ import annotations

import argparse
import io
import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from iss.authoring.loader import load_story
from iss.engine.model import Story
from iss.engine.runner import choices, choose, new_game, scene_text
from iss.engine.state import GameState
from iss.plain import PlainGame


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


def playthrough(story: Story, pick: Callable[[], float]) -> Iterator[tuple[list[str], list[str]]]:
    """Yield (rendered lines, visible choices' labels) for every scene of one random
    playthrough. A locked choice that is not `hidden:` is shown, so it would be
    rendered and listed here (the peer story has none: see bench/peer_gen.py)."""
    state = new_game(story).state
    while True:
        lines = lines_of(story, state)
        views = [v for v in choices(story, state) if v.available or not v.hidden]
        yield lines, [v.plain for v in views]
        if state.over or not views:
            return
        open_views = [v for v in views if v.available]
        state = choose(story, state, open_views[int(pick() * len(open_views))].id).state


def play(story: Story, seconds: float, seed: int) -> dict[str, object]:
    pick = mulberry32(seed)
    plays = made = rendered = 0
    cpu0, wall0 = time.process_time(), time.perf_counter()
    while time.perf_counter() - wall0 < seconds:
        steps = -1
        for lines, labels in playthrough(story, pick):
            steps += 1
            rendered += sum(map(len, lines)) + sum(map(len, labels))
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


def _nothing() -> None:
    pass


def _walk_plain(
    story: Story,
    pick: Callable[[], float],
    out: io.StringIO,
    after_step: Callable[[], None] = _nothing,
) -> int:
    """One playthrough through the plain front end, writing to `out` and picking with `pick`
    among the available choices it printed; `after_step` runs after each choice. Returns how
    many choices it made."""
    game = PlainGame(story, io.StringIO(), out)
    game.show_scene()
    made = 0
    while not game.state.over:
        # the choices the front end printed (it works them out once per state); asking
        # the engine again here timed a second `choices()` per step that no reader costs
        views = [v for v in game.visible_choices() if v.available]
        if not views:
            break
        game.handle(views[int(pick() * len(views))].id)
        made += 1
        after_step()
    return made


def plain_text(story: Story, plays: int, seed: int) -> list[str]:
    """The first `plays` playthroughs through the plain front end, in peer_text.js's
    lines (see the module's docstring)."""
    pick = mulberry32(seed)
    out = io.StringIO()
    for _ in range(plays):
        _walk_plain(story, pick, out)
    lines = []
    for line in out.getvalue().splitlines():
        if not line or line.startswith("ENDING: ") or (line[:3] == "== " and line[-3:] == " =="):
            continue
        number, sep, label = line.strip().partition(") ")
        lines.append(f"> {label}" if sep and number.isdigit() else line)
    return lines


def play_plain(story: Story, seconds: float, seed: int) -> dict[str, object]:
    """The same walk through the plain front end's own rendering of each step."""
    pick = mulberry32(seed)
    plays = made = 0
    cpu0, wall0 = time.process_time(), time.perf_counter()
    while time.perf_counter() - wall0 < seconds:
        out = io.StringIO()

        def trim(out: io.StringIO = out) -> None:
            if out.tell() > 1 << 20:
                out.seek(0)
                out.truncate()

        made += _walk_plain(story, pick, out, trim)
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
    if args.text and args.plain:
        print("\n".join(plain_text(story, args.text, args.seed)))
        return
    if args.text:
        pick = mulberry32(args.seed)
        for _ in range(args.text):
            for lines, labels in playthrough(story, pick):
                print("\n".join([*lines, *(f"> {label}" for label in labels)]))
        return
    result = (play_plain if args.plain else play)(story, args.seconds, args.seed)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
