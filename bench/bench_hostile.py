"""Benchmark: `iss check` on the slow-path stories of issue #12, each a subprocess.

Wall time includes the interpreter's start and whatever else the shared
machine is doing; the child's CPU time (user + system) is the steadier figure.

    .venv/bin/python -m bench.bench_hostile [--rounds R] [--only NAME]

Each case writes a small story with one hostile part blown up and times a
whole `iss check` run (interpreter start included), best of R rounds. The
target is under 2 s each on the project's 2-core machine; the figures go in
docs/performance.md. Tests never time anything: tests/hostile checks that
the same stories get the right diagnostics.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from iss.engine.limits import MAX_EXPRESSION_DEPTH, MAX_FRAGMENT_DEPTH

MANIFEST = """\
title: Bench
start: a
characters:
  kira: {name: Dr. Kira Foster, side: US, player: true}
  alexey: {name: Alexey Pulov, side: RU, trust: 4}
variables:
  fuel: {type: int, default: 2}
flags:
  met: You met Alexey.
endings:
  good: {title: Good, kind: good, canonical: true}
"""

END = "  b:\n    text: The hatch closes behind you both.\n    ending: good\n"


def broken_targets(count: int) -> dict[str, str]:
    """`count` scenes, each with `next:` naming a misspelt scene (`room_12` as `rooom_12`)."""
    lines = ["scenes:", "  a:", "    text: Alexey waits by the hatch.", "    next: room_0"]
    for n in range(count):
        lines += [f"  room_{n}:", f"    text: Room {n}.", f"    next: rooom_{n + 1}"]
    return {"scenes.yaml": "\n".join(lines) + "\n" + END}


def and_clauses(count: int) -> dict[str, str]:
    """One condition of `count` clauses joined by `and`."""
    condition = " and ".join(f"fuel > {n % 7}" for n in range(count))
    return {
        "scenes.yaml": "scenes:\n  a:\n    text: Alexey waits by the hatch.\n    choices:\n"
        f"      - id: go\n        text: Go\n        when: {condition}\n        go: b\n"
        "      - {id: out, text: Leave, go: b}\n" + END
    }


def long_walkthrough(steps: int, effect: str = "fuel += 1") -> dict[str, str]:
    """A loop scene and a walkthrough that goes round it `steps` times."""
    choices = ", ".join(["again"] * steps + ["out"])
    return {
        "story.yaml": MANIFEST
        + f"walkthroughs:\n  canonical: {{ending: good, choices: [{choices}]}}\n",
        "scenes.yaml": "scenes:\n  a:\n    text: Alexey waits by the hatch.\n    choices:\n"
        f"      - {{id: again, text: Again, do: '{effect}', go: a}}\n"
        "      - {id: out, text: Leave, go: b}\n" + END,
    }


def name_fragments(megabytes: float) -> dict[str, str]:
    """A scene text of `megabytes` MB made of `{alexey}` fragments."""
    count = int(megabytes * 1_000_000) // len("{alexey} ")
    return {
        "scenes.yaml": 'scenes:\n  a:\n    text: "' + "{alexey} " * count + '"\n'
        "    choices:\n      - {id: out, text: Leave, go: b}\n" + END
    }


def nested(depth: int) -> dict[str, str]:
    """A condition nested `depth` deep, and a text with `{if}` fragments nested as deep
    as the format allows: the parsers' depth limits, met and passed."""
    condition = "not " * depth + "fuel > 0"
    text = "{if fuel > 0: " * MAX_FRAGMENT_DEPTH + "x" + "}" * MAX_FRAGMENT_DEPTH
    return {
        "scenes.yaml": f'scenes:\n  a:\n    text: "{text}"\n    choices:\n'
        f'      - id: go\n        text: Go\n        when: "{condition}"\n        go: b\n'
        "      - {id: out, text: Leave, go: b}\n" + END
    }


def variations(items: int, depth: int = 1) -> dict[str, str]:
    """A `{shuffle: ...}` of `items` items, inside `depth` nested `{sequence: ...}`."""
    text = "{sequence: " * (depth - 1) + "{shuffle: " + " | ".join(["x"] * items) + "}"
    return {
        "scenes.yaml": f'scenes:\n  a:\n    text: "{text + "}" * (depth - 1)}"\n'
        "    choices:\n      - {id: out, text: Leave, go: b}\n" + END
    }


def huge_numbers() -> dict[str, str]:
    """5,000-digit and 3,000-hex-digit numbers in a duration, a condition and a default."""
    digits = "9" * 5_000
    return {
        "story.yaml": MANIFEST.replace("default: 2", f"default: 0x{'f' * 3_000}"),
        "scenes.yaml": "scenes:\n  a:\n    text: Alexey waits by the hatch.\n"
        f"    time: {digits}m\n    choices:\n"
        f"      - {{id: go, text: Go, when: 'fuel > {digits}', go: b}}\n" + END,
    }


CASES: dict[str, Callable[[], dict[str, str]]] = {
    "2,000 broken next targets": lambda: broken_targets(2_000),
    "20,000 broken next targets": lambda: broken_targets(20_000),
    "1,000 and clauses": lambda: and_clauses(1_000),
    "5,000 and clauses": lambda: and_clauses(5_000),
    "60,000-step walkthrough": lambda: long_walkthrough(60_000),
    "9,999-step walkthrough (the limit is 10,000)": lambda: long_walkthrough(9_999),
    "walkthrough squaring a variable 40 times": lambda: long_walkthrough(40, "fuel = fuel * fuel"),
    "2 MB of {alexey} fragments": lambda: name_fragments(2.0),
    "{alexey} fragments up to the 100,000-character limit": lambda: name_fragments(0.099),
    "nesting: 95-deep condition, 20-deep {if} (under the limits)": lambda: nested(
        MAX_EXPRESSION_DEPTH - 5
    ),
    "nesting: 5,000-deep condition": lambda: nested(5_000),
    "5,000-digit and 3,000-hex-digit numbers": huge_numbers,
    "a {shuffle:} of 24,000 items (under the 100,000-character limit)": lambda: variations(24_000),
    "variations nested 600 deep": lambda: variations(2, 600),
}


def write(folder: Path, files: dict[str, str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    files = {"story.yaml": MANIFEST, **files}
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")


def check_seconds(folder: Path) -> tuple[float, float, int, str]:
    """(wall seconds, CPU seconds of the child, exit code, last line) of one `iss check`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-m", "iss", "check", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    last = (out.stdout + out.stderr).strip().splitlines()
    return elapsed, cpu, out.returncode, last[-1][:70] if last else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--only", default="")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for n, (name, build) in enumerate(CASES.items()):
            if args.only and args.only not in name:
                continue
            folder = Path(tmp) / f"case{n}"
            write(folder, build())
            runs = [check_seconds(folder) for _ in range(args.rounds)]
            wall, cpu = min(r[0] for r in runs), min(r[1] for r in runs)
            _, _, code, last = runs[0]
            print(f"{name:44} {wall:6.2f} s wall {cpu:6.2f} s CPU  exit {code}  {last}")


if __name__ == "__main__":
    main()
