"""The `iss` command: play the game, and the author's tools.

Each subcommand lives in its own module with `add_parser()` and `run()`;
`iss` alone is `iss play`, and `iss FOLDER` is `iss play FOLDER`.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType

from iss import __version__

COMMANDS: dict[str, str] = {
    "play": "iss.cli.play_cmd",
    "serve": "iss.cli.serve_cmd",
    "check": "iss.cli.check_cmd",
    "explore": "iss.cli.explore_cmd",
    "report": "iss.cli.report_cmd",
    "graph": "iss.cli.graph_cmd",
    "diff": "iss.cli.diff_cmd",
    "schema": "iss.cli.schema_cmd",
    "init": "iss.cli.init_cmd",
}
"""Each command's module, imported only when it runs (or for `iss --help`): a
player's `iss play` never loads the author tools."""


def command_module(name: str) -> ModuleType:
    return importlib.import_module(COMMANDS[name])


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or of `only` that one."""
    parser = argparse.ArgumentParser(
        prog="iss",
        description="I.S.S.: a branching story aboard the International Space Station, and its story tools.",
    )
    parser.add_argument("--version", action="version", version=f"iss {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        if only is None or name == only:
            command_module(name).add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    known = set(COMMANDS)
    for_all = ("-h", "--help", "--version")
    if not args_list or (args_list[0].startswith("-") and args_list[0] not in for_all):
        args_list.insert(0, "play")
    elif Path(args_list[0]).is_dir() and args_list[0] not in known:
        args_list.insert(0, "play")  # `iss my-story/` plays that story
    elif args_list[0] not in known and args_list[0] not in for_all:
        build_parser(only="play").error(
            f"unknown command `{args_list[0]}` (commands: {', '.join(sorted(known))})"
        )
    parser = build_parser(only=args_list[0] if args_list[0] in known else None)
    args = parser.parse_args(args_list)
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        return run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
