"""Command-line options shared by several `iss` subcommands."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_story_argument(parser: argparse.ArgumentParser) -> None:
    """The optional STORY folder of the author tools (default: the bundled story)."""
    parser.add_argument(
        "story",
        nargs="?",
        type=Path,
        default=None,
        help="the story folder (default: the bundled story)",
    )
