"""`iss schema`: print the JSON Schema of story files, for editors."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from iss.authoring.schema import schema_text

NAME = "schema"


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        NAME,
        help="print the JSON Schema of story files (for editors)",
        description=(
            "Print the JSON Schema of story files. Point your editor at it with a first line "
            "`# yaml-language-server: $schema=<path>/story.schema.json`."
        ),
    )
    p.add_argument("--output", "-o", type=Path, default=None, help="write it to this file")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    text = schema_text()
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        args.output.write_text(text, encoding="utf-8")
    except OSError as exc:
        print(f"iss schema: cannot write {args.output}: {exc.strerror}", file=sys.stderr)
        return 1
    return 0
