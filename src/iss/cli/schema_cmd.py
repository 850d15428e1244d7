"""`iss schema`: print the JSON Schema of story files, for editors."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from iss.authoring.loader import story_files
from iss.authoring.scaffold import SCHEMA_FILE, point_at_schema
from iss.authoring.schema import schema_text
from iss.engine.terminal_safety import safe_line

NAME = "schema"


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        NAME,
        help="print the JSON Schema of story files (for editors)",
        description=(
            "Print the JSON Schema of story files. Point your editor at it with a first line "
            "`# yaml-language-server: $schema=<path>/story.schema.json`, or let "
            "`--write DIR` do both: it writes DIR/story.schema.json and points the first-line "
            "schema comment of every story file in DIR at it (after copying a story, say)."
        ),
    )
    where = p.add_mutually_exclusive_group()
    where.add_argument("--output", "-o", type=Path, default=None, help="write it to this file")
    where.add_argument(
        "--write",
        type=Path,
        default=None,
        metavar="DIR",
        help="write DIR/story.schema.json and point DIR's story files at it",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    text = schema_text()
    if args.write is not None:
        return write_into(args.write, text)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        args.output.write_text(text, encoding="utf-8")
    except OSError as exc:
        shown = safe_line(str(args.output))
        print(f"iss schema: cannot write {shown}: {exc.strerror}", file=sys.stderr)
        return 1
    return 0


def write_into(folder: Path, text: str) -> int:
    """Write the schema into the story folder and re-point its files' schema comments.

    A story folder may come from anyone: a `story.schema.json` that is a link (to
    ~/.bashrc, say) is replaced, not written through, and story files are rewritten
    only when they are files inside the folder, as the loader reads them.
    """
    shown = safe_line(str(folder))  # a folder name is input too: no escape reaches the terminal
    if not folder.is_dir():
        print(f"iss schema: {shown} is not a folder", file=sys.stderr)
        return 1
    schema = folder / SCHEMA_FILE
    inside = folder.resolve()
    pointed = []
    try:
        if schema.is_symlink():
            schema.unlink()
        schema.write_text(text, encoding="utf-8")
        for path in story_files(folder):
            if not path.is_file() or path.is_symlink() or not path.resolve().is_relative_to(inside):
                continue
            try:
                old = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue  # not a story file `iss check` would read (E101): left alone
            new = point_at_schema(old, os.path.relpath(schema, path.parent).replace(os.sep, "/"))
            if new is not None and new != old:
                path.write_text(new, encoding="utf-8")
                pointed.append(safe_line(path.name))
    except OSError as exc:
        print(f"iss schema: cannot write into {shown}: {exc.strerror}", file=sys.stderr)
        return 1
    print(f"Wrote {safe_line(str(schema))}.")
    if pointed:
        print(f"Pointed the schema comment of {len(pointed)} file(s) at it: {', '.join(pointed)}.")
    return 0
