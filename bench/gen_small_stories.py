"""Generate small random stories (3 to 19 scenes) for the explorer's speed check.

    folder = write_small_story(Path("/tmp/s7"), random.Random(7))

Each story has a reentry clock that ends it, two crew trusts, a counter,
flags that are often set together (which the proof pass cannot keep
together, so it may think a scene reachable that is not), conditions on
choices and routes, and loops back to earlier scenes. The same seed gives
the same story.
"""

from __future__ import annotations

import random
from pathlib import Path

MANIFEST = """\
title: Small {seed}
start: s0
characters:
  kira: {{name: Dr. Kira Foster, side: US, player: true}}
  alexey: {{name: Alexey Pulov, side: RU, trust: 4}}
  gordon: {{name: Gordon Barrett, side: US, trust: 5}}
variables:
  n: {{type: int, min: 0, max: 6}}
flags:
  a: A.
  b: B.
  c: C.
items:
  key: {{name: A key}}
clock:
  t: {{label: to reentry, start: {hours}h, expires: late_end}}
endings:
  good: {{title: Good, kind: good, canonical: true}}
  bad: {{title: Bad, kind: failure}}
  late: {{title: Late, kind: failure}}
  burn: {{title: Burn, kind: failure}}
"""

CONDITIONS = [
    "trust.alexey >= 6",
    "flag.a",
    "flag.a and not flag.b",
    "not flag.c",
    "n >= 3",
    "has.key",
    "clock.t < 2h",
    "trust.gordon <= 3 or flag.c",
    "seen.s1",
]
EFFECTS = [
    "trust.alexey += 1",
    "trust.alexey -= 1",
    "trust.gordon -= 2",
    "[flag.a = true, flag.b = true]",
    "flag.c = true",
    "n += 1",
    "has.key = true",
]
ENDS = ["good_end", "bad_end", "burn_end"]


def write_small_story(folder: Path, rng: random.Random, scenes: int | None = None) -> Path:
    """Write a story folder and return it."""
    count = scenes or rng.randint(3, 19)
    folder.mkdir(parents=True, exist_ok=True)
    manifest = MANIFEST.format(seed=folder.name, hours=rng.choice([2, 4, 8]))
    (folder / "story.yaml").write_text(manifest, encoding="utf-8")
    lines = ["scenes:"]
    for i in range(count):
        lines += [f"  s{i}:", f"    text: Scene number {i} of a small story.", "    choices:"]
        for j in range(rng.randint(1 if i else 2, 3)):
            lines += [f"      - id: c{i}_{j}", f"        text: Choice {j} of scene {i}"]
            if j and rng.random() < 0.4:  # the first choice is always open: few dead ends
                lines.append(f"        when: {rng.choice(CONDITIONS)}")
            if rng.random() < 0.5:
                effect = rng.choice(EFFECTS)
                lines.append(f"        do: {effect}")
            lines.append(f"        time: {rng.choice([0, 10, 30, 60])}m")
            target = _target(rng, i, count)
            if rng.random() < 0.25:
                lines += [
                    "        go:",
                    f"          - when: {rng.choice(CONDITIONS)}",
                    f"            go: {_target(rng, i, count)}",
                    f"          - {target}",
                ]
            else:
                lines.append(f"        go: {target}")
    for end, ending in [("good_end", "good"), ("bad_end", "bad"), ("burn_end", "burn")]:
        lines.append(f"  {end}: {{text: The story ends here for everyone., ending: {ending}}}")
    lines.append("  late_end: {text: The clock ran out before anyone moved., ending: late}")
    (folder / "scenes.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def _target(rng: random.Random, index: int, count: int) -> str:
    """Mostly forward, sometimes back, sometimes an ending."""
    roll = rng.random()
    if roll < 0.15 or index == count - 1:
        return rng.choice(ENDS)
    if roll < 0.3:
        return f"s{rng.randint(0, index)}"
    return f"s{rng.randint(index + 1, min(count - 1, index + 3))}"
