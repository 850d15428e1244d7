"""Command-line options shared by several `iss` subcommands."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from iss.authoring.loader import load_story
from iss.engine.model import Story
from iss.engine.terminal_safety import safe_line


def add_story_argument(parser: argparse.ArgumentParser) -> None:
    """The optional STORY folder of the author tools (default: the bundled story)."""
    parser.add_argument(
        "story",
        nargs="?",
        type=Path,
        default=None,
        help="the story folder (default: the bundled story)",
    )


def load_or_report(root: Path) -> Story | None:
    """The story in `root`; or None, after printing its errors to stderr."""
    result = load_story(root)
    if result.story is not None and result.errors:
        for diagnostic in result.errors:
            print(diagnostic, file=sys.stderr)
        print(
            f"the story in {root} still plays; `iss check {root}` lists every problem",
            file=sys.stderr,
        )
    if result.story is None:
        for diagnostic in result.errors:
            print(diagnostic, file=sys.stderr)
        shown = safe_line(str(root))  # a folder name unpacked from an archive is input too
        print(
            f"the story in {shown} has errors; run `iss check {shown}` for details",
            file=sys.stderr,
        )
    return result.story
