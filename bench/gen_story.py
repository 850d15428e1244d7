"""Generate a large synthetic story for benchmarks: `generate(folder, scenes=10_000)`.

Every scene has prose with interpolation and a conditional fragment, three
choices with conditions and effects, and routes forward, so loading and
checking exercise the whole compiler. 10,000 scenes is about 14 MB of YAML.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

CREW = ["christian", "gordon", "weronika", "nicholai", "alexey"]
WORDS = [
    "station",
    "hull",
    "oxygen",
    "fans",
    "hum",
    "window",
    "earth",
    "night",
    "panel",
    "velcro",
    "crumbs",
    "drift",
    "module",
    "hatch",
    "light",
    "dark",
    "orbit",
    "cable",
    "glove",
    "visor",
    "radio",
    "static",
    "signal",
    "breath",
    "cold",
    "metal",
    "silence",
]

MANIFEST = """\
title: Generated
start: s0
characters:
  kira: {name: Dr. Kira Foster, side: US, player: true}
  christian: {name: Christian Campbell, side: US, trust: 7}
  gordon: {name: Gordon Barrett, side: US, trust: 6}
  weronika: {name: Weronika Vetrov, side: RU, trust: 5}
  nicholai: {name: Nicholai Pulov, side: RU, trust: 2}
  alexey: {name: Alexey Pulov, side: RU, trust: 4}
crew_trust:
  alexey-nicholai: 8
  gordon-weronika: 8
variables:
  allegiance: {type: int, min: -5, max: 5}
flags:
  f0:
  f1:
  f2:
  f3:
items:
  key: A key
clock:
  reentry: {label: to reentry, start: 900h, expires: burn}
endings:
  home: {title: Home, kind: good, canonical: true}
  burn: {title: Burn, kind: failure}
"""


def _paragraph(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def _scene(index: int, total: int, rng: random.Random) -> str:
    who = rng.choice(CREW)
    flag = f"f{index % 4}"
    body = "\n\n      ".join(_paragraph(rng, 31) for _ in range(4))
    lines = [
        f"  s{index}:",
        f"    title: Scene {index}",
        "    location: Node 1",
        "    text: |",
        f"      {{{who}}} looks at you. {{if trust.{who} >= 5: A nod. | Nothing.}}",
        f"      {body}",
        "    choices:",
    ]
    if index + 3 >= total:
        lines += [
            "      - text: Go home",
            "        go: home",
            "      - text: Burn",
            "        go: burn",
        ]
        return "\n".join(lines)
    for n in range(1, 4):
        target = min(total - 1, index + n)
        lines += [
            f"      - text: Choice {n} toward scene {target} with {who}",
            f"        when: trust.{who} >= {n} or flag.{flag}",
            f"        do: [trust.{who} += {n - 2}, flag.{flag} = true, allegiance -= 1]",
            "        time: 10m",
            f"        go: s{target}",
        ]
    return "\n".join(lines)


def generate(folder: Path, scenes: int = 10_000, per_file: int = 500, seed: int = 1) -> Path:
    """Write a story of `scenes` scenes into `folder` and return the folder."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "story.yaml").write_text(MANIFEST, encoding="utf-8")
    for start in range(0, scenes, per_file):
        chunk = [_scene(i, scenes, rng) for i in range(start, min(scenes, start + per_file))]
        if start == 0:
            chunk += [
                "  home: {title: Home, text: Home at last., ending: home}",
                "  burn: {title: Burn, text: Fire., ending: burn}",
            ]
        (folder / f"part_{start // per_file:03d}.yaml").write_text(
            "scenes:\n" + "\n".join(chunk) + "\n", encoding="utf-8"
        )
    return folder


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "bench/out/generated")
    generate(target)
    size = sum(p.stat().st_size for p in target.glob("*.yaml"))
    print(f"wrote {target}: {size / 1e6:.1f} MB")
