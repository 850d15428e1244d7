"""`iss graph`: the story's scenes and choices as a Graphviz or Mermaid graph."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from iss.authoring.explore import EXPLORE_BUDGET, explore
from iss.authoring.graph import GROUPS, story_graph, to_dot, to_mermaid
from iss.cli.options import add_story_argument, load_or_report
from iss.engine.terminal_safety import safe_for_terminal
from iss.paths import bundled_story_dir

NAME = "graph"


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        NAME,
        help="draw the story as a graph (Graphviz DOT or Mermaid)",
        description=(
            "Print the story's scenes as a graph: grouped by file (or act tag), choices as "
            "labelled edges (dashed when conditional), endings marked, the canonical "
            "walkthrough in red, unreachable scenes greyed out."
        ),
    )
    add_story_argument(p)
    p.add_argument("--format", choices=("dot", "mermaid"), default="dot", help="output format")
    p.add_argument("--group", choices=GROUPS, default="file", help="how to group scenes")
    p.add_argument(
        "--static",
        action="store_true",
        help="mark scenes unreachable by the choices alone, without exploring conditions",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    root: Path = args.story or bundled_story_dir()
    loaded = load_or_report(root)
    if loaded is None:
        return 1
    story = loaded
    reachable = None
    if not args.static:
        found = explore(story, EXPLORE_BUDGET)  # counted: the same graph on any machine
        if found.complete:
            reachable = found.scenes_reached
    graph = story_graph(story, args.group, reachable)
    text = to_dot(graph) if args.format == "dot" else to_mermaid(graph)
    sys.stdout.write(safe_for_terminal(text))  # titles are story text (bidi is only a warning)
    return 0
