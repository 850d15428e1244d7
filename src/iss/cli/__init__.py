"""The `iss` command: play the game, and the author's tools.

Each subcommand lives in its own module with `add_parser()` and `run()`;
`iss` alone is `iss play`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from types import ModuleType

from iss import __version__
from iss.cli import (
    check_cmd,
    diff_cmd,
    explore_cmd,
    graph_cmd,
    play_cmd,
    report_cmd,
    schema_cmd,
    serve_cmd,
)

COMMANDS: list[ModuleType] = [
    play_cmd,
    serve_cmd,
    check_cmd,
    explore_cmd,
    report_cmd,
    graph_cmd,
    diff_cmd,
    schema_cmd,
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="iss",
        description="I.S.S.: a branching story aboard the International Space Station, and its story tools.",
    )
    parser.add_argument("--version", action="version", version=f"iss {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS:
        module.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    known = {m.NAME for m in COMMANDS}
    if not args_list or (
        args_list[0].startswith("-") and args_list[0] not in ("-h", "--help", "--version")
    ):
        args_list.insert(0, "play")
    elif args_list[0] not in known and args_list[0] not in ("-h", "--help", "--version"):
        parser.error(f"unknown command `{args_list[0]}` (commands: {', '.join(sorted(known))})")
    args = parser.parse_args(args_list)
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        return run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
