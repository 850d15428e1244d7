"""Benchmark: how trust notices read over random playthroughs, and what wording them costs.

    .venv/bin/python bench/bench_notices.py [STORY] [--runs 500] [--rounds 7] [--level big]

Plays RUNS seeded random playthroughs of the story (the bundled one by
default), tells each step's notices with a `Teller` as the front ends do (at the
player's setting LEVEL: all, big or off; default all), and
prints per route: notices told (and per 40 choices), how often the most used phrase came back,
back-to-back repeats of one phrase, and one phrase within three choices
(names taken out: "X softens toward you." is one phrase for everyone). Then
the CPU time of the wording alone, per step, on the recorded steps (the best
of ROUNDS passes; the engine's steps are not counted).
"""

from __future__ import annotations

import argparse
import itertools
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from iss.authoring.loader import load_story
from iss.engine.model import Story
from iss.engine.runner import Step, choices, choose, new_game
from iss.engine.state import GameState
from iss.notices import NOTICE_LEVELS, Teller, said_lines

ROOT = Path(__file__).resolve().parent.parent

Played = list[tuple[GameState, str, Step]]


def play(story: Story, seed: int) -> Played:
    pick = random.Random(f"notices:{seed}")
    step = new_game(story, seed)
    steps: Played = []
    while not step.state.over and len(steps) < 500:
        open_ = [v.id for v in choices(story, step.state) if v.available]
        if not open_:
            break
        before, choice = step.state, pick.choice(open_)
        step = choose(story, before, choice)
        steps.append((before, choice, step))
    return steps


def phrase(story: Story, line: str) -> str:
    for character in story.characters.values():
        line = line.replace(character.short, "X")
    return line


def tell_all(story: Story, plays: list[Played], level: str = "all") -> list[list[tuple[int, str]]]:
    routes = []
    for steps in plays:
        teller = Teller(story, level)
        told = []
        for n, (before, choice, step) in enumerate(steps):
            for line in said_lines(teller.tell(before, choice, step)):
                if not line.startswith(("You now have", "You no longer have")):
                    told.append((n, phrase(story, line)))
        routes.append(told)
    return routes


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("story", nargs="?", type=Path, default=ROOT / "story")
    parser.add_argument("--runs", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--level", choices=NOTICE_LEVELS, default="all")
    args = parser.parse_args()
    story = load_story(args.story, cache=False).story
    assert story is not None, f"{args.story} does not load"
    plays = [play(story, seed) for seed in range(args.runs)]
    routes = tell_all(story, plays, args.level)
    told = [len(r) for r in routes]
    most = [max(Counter(p for _, p in r).values(), default=0) for r in routes]
    back = sum(a[1] == b[1] for r in routes for a, b in itertools.pairwise(r))
    near = sum(
        p == q for r in routes for i, (n, p) in enumerate(r) for m, q in r[i + 1 :] if m - n <= 3
    )
    runs = len(routes)
    print(f"{runs} random playthroughs of {story.id}, {sum(map(len, plays)):,} choices")
    print(
        f"  notices per route ({args.level}): median {statistics.median(told)},"
        f" mean {statistics.mean(told):.1f}; per 40 choices"
        f" {40 * sum(told) / sum(map(len, plays)):.1f}"
    )
    print(f"  most used phrase per route: mean {statistics.mean(most):.2f}, max {max(most)}")
    print(f"  back-to-back repeats per route {back / runs:.2f}, within 3 choices {near / runs:.2f}")
    steps = sum(map(len, plays))
    best = float("inf")
    for _ in range(args.rounds):
        cpu = time.process_time()
        tell_all(story, plays, args.level)
        best = min(best, time.process_time() - cpu)
    print(f"  wording: {best / steps * 1e6:.1f} us CPU per step (best of {args.rounds})")


if __name__ == "__main__":
    main()
