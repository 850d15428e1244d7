"""The ratios every benchmark measured, in one table: what `make bench` prints last.

    .venv/bin/python -m bench.ratios            # print the table of this run
    .venv/bin/python -m bench.ratios --clear    # start a new run (make bench does)

Each benchmark calls `record(figure, value, goal)` for the ratios it
measures; they are kept in `bench/out/ratios.json` until the next `--clear`.
A benchmark that was skipped (the inkjs comparison without node) records
nothing, and the table says so.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

FILE = Path(__file__).resolve().parent / "out" / "ratios.json"

EXPECTED = {
    "load": "bench_load (load + check against CSafeLoader)",
    "cache": "bench_cache (the compiled cache)",
    "inkjs": "peer_compare (against inkjs; needs node and inkjs)",
    "startup": "bench_startup (iss play to its title against a bare Textual app)",
}
"""The groups the table expects, by the prefix of their figures."""


def record(figure: str, value: float, goal: str = "", unit: str = "x") -> None:
    """Keep one figure of this run: `figure` names it (its group first, as `load: ...`)."""
    FILE.parent.mkdir(parents=True, exist_ok=True)
    figures = _read()
    figures[figure] = {"value": value, "goal": goal, "unit": unit}
    FILE.write_text(json.dumps(figures, indent=1), encoding="utf-8")


def _read() -> dict[str, dict[str, object]]:
    try:
        data = json.loads(FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def table() -> str:
    figures = _read()
    width = max([len(name) for name in figures] + [40])
    lines = [f"{'figure':<{width}}  {'value':>9}  goal", "-" * (width + 24)]
    for name, figure in figures.items():
        value = figure.get("value")
        unit = figure.get("unit", "x")
        shown = f"{value:.2f}{unit}" if isinstance(value, int | float) else str(value)
        lines.append(f"{name:<{width}}  {shown:>9}  {figure.get('goal', '')}")
    for prefix, what in EXPECTED.items():
        if not any(name.startswith(prefix + ":") for name in figures):
            lines.append(f"{prefix + ': not measured':<{width}}  {'-':>9}  {what}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clear", action="store_true", help="forget the figures of the last run")
    args = parser.parse_args()
    if args.clear:
        FILE.unlink(missing_ok=True)
        return
    print("\nFigures of this run (ratios are I.S.S. / the other):")
    print(table())


if __name__ == "__main__":
    main()
