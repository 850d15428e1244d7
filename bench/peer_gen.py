"""Write the inkjs peer story (../shared/peer-inkjs/gen_story.py) in the I.S.S. format.

    .venv/bin/python -m bench.peer_gen N OUT_DIR [--ink FILE]

The peer's generator writes ink; this module runs it and translates what it
wrote, line by line, so both engines hold the same prose, the same targets
and the same endings:

| ink | I.S.S. |
| --- | --- |
| `=== knot_i ===` | scene `knot_i` |
| a line of prose | a paragraph |
| `{knot_j: A|B}` (visit count) | `{if seen.knot_j: A | B}` |
| `{trust}` | `{trust_score}` (`trust` names trust in a character here) |
| `* {trust >= 2} [text]` | a choice with `when: trust_score >= 2` and `hidden: true` |
| `~ trust += 1` | `do: trust_score += 1` |
| `-> knot_k` | `go: knot_k` |
| `-> END` | the scene is an ending |

ink's `*` choices are once-only; the story only ever moves forward, so no
choice is offered twice and sticky choices take the same paths. ink leaves a
conditional choice out while its condition fails; `hidden: true` is our
format's same thing (a locked choice is otherwise shown, with its reason), so
both engines show the same choices and do the same work.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
from pathlib import Path
from types import ModuleType


def _find_peer() -> Path:
    """The peer's folder: $ISS_PEER_DIR, or `shared/peer-inkjs` beside a folder above this one."""
    if named := os.environ.get("ISS_PEER_DIR"):
        return Path(named)
    here = Path(__file__).resolve()
    for folder in here.parents:
        if (folder / "shared" / "peer-inkjs").is_dir():
            return folder / "shared" / "peer-inkjs"
    return here.parents[2] / "shared" / "peer-inkjs"


PEER = _find_peer()

_KNOT = re.compile(r"=== (knot_\d+) ===")
_VISITS = re.compile(r"\{(knot_\d+): ([^|}]*)\|([^}]*)\}")
_CHOICE = re.compile(r"\* (?:\{trust >= (\d+)\} )?\[([^\]]*)\]")
_CHANGE = re.compile(r"~ (trust|supplies) ([+-]=) (\d+)")


def peer_generator() -> ModuleType:
    """The peer's own generator module, loaded from its file."""
    spec = importlib.util.spec_from_file_location("peer_gen_story", PEER / "gen_story.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot find the peer generator in {PEER}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def ink_source(knots: int) -> str:
    source: str = peer_generator().generate(knots)[0]
    return source


def _line(text: str) -> str:
    """One line of ink prose as a line of an I.S.S. template."""
    text = _VISITS.sub(lambda m: f"{{if seen.{m[1]}: {m[2]} | {m[3]}}}", text)
    return text.replace("{trust}", "{trust_score}")


def translate(ink: str) -> tuple[str, str]:
    """(story.yaml, scenes.yaml) for the ink source `ink`."""
    scenes: dict[str, dict[str, object]] = {}
    endings: list[str] = []
    scene: dict[str, object] = {}
    paragraphs: list[str] = []
    choice: dict[str, object] = {}
    for raw in ink.splitlines():
        line = raw.strip()
        if knot := _KNOT.fullmatch(line):
            paragraphs = []
            scene = {"title": knot[1].replace("_", " ").title(), "choices": []}
            scenes[knot[1]] = scene
            scene["paragraphs"] = paragraphs
        elif not scene or not line:
            continue  # the VAR lines and the opening divert: written by hand below
        elif line == "-> END":
            scene["ending"] = f"end_{len(endings)}"
            endings.append(f"end_{len(endings)}")
        elif found := _CHOICE.fullmatch(line):
            choices = scene["choices"]
            assert isinstance(choices, list)
            choice = {"id": f"c{len(choices) + 1}", "text": found[2]}
            if found[1]:
                choice["when"] = f"trust_score >= {found[1]}"
                choice["hidden"] = True  # as ink: left out while its condition fails
            choices.append(choice)
        elif change := _CHANGE.fullmatch(line):
            name = "trust_score" if change[1] == "trust" else "supplies"
            choice["do"] = f"{name} {change[2]} {change[3]}"
        elif line.startswith("-> "):
            choice["go"] = line[3:]
        else:
            paragraphs.append(_line(line))
    manifest = [
        "title: Peer benchmark",
        "id: peer_bench",
        "start: knot_0",
        "characters:",
        "  kira: {name: Kira, side: US, player: true}",
        "variables:",
        "  trust_score: {type: int, min: -100000, max: 100000, default: 0}",
        "  supplies: {type: int, min: -100000, max: 100000, default: 10}",
        "endings:",
    ]
    for n, ending in enumerate(endings):
        canonical = ", canonical: true" if n == len(endings) - 1 else ""
        manifest.append(f"  {ending}: {{title: Ending {n}, kind: quiet{canonical}}}")
    out = ["scenes:"]
    for sid, data in scenes.items():
        out.append(f"  {sid}:")
        out.append(f"    title: {data['title']}")
        if "ending" in data:
            out.append(f"    ending: {data['ending']}")
        out.append("    text: |")
        paragraphs_of = data["paragraphs"]
        assert isinstance(paragraphs_of, list)
        out.append("\n\n".join(f"      {p}" for p in paragraphs_of).replace("\n\n", "\n\n"))
        choices = data["choices"]
        assert isinstance(choices, list)
        if choices:
            out.append("    choices:")
            for c in choices:
                out.append("      - " + json.dumps(c, ensure_ascii=False))
    return "\n".join(manifest) + "\n", "\n".join(out) + "\n"


def write(knots: int, folder: Path) -> Path:
    """Write the N-knot peer story into `folder` and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    manifest, scenes = translate(ink_source(knots))
    (folder / "story.yaml").write_text(manifest, encoding="utf-8")
    (folder / "scenes.yaml").write_text(scenes, encoding="utf-8")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("knots", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--ink", type=Path, help="also write the ink source here")
    args = parser.parse_args()
    write(args.knots, args.out)
    if args.ink:
        args.ink.write_text(ink_source(args.knots), encoding="utf-8")


if __name__ == "__main__":
    main()
