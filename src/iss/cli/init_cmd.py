"""`iss init DIR`: a new story that passes `iss check --strict`, ready to edit."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from iss.authoring.characters import hidden_character
from iss.authoring.scaffold import SCHEMA_FILE, story_files, story_id_for, title_for
from iss.authoring.schema import schema_text
from iss.engine.terminal_safety import control_name, safe_line

NAME = "init"


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        NAME,
        help="start a new story in a folder",
        description=(
            "Write a new story into DIR: story.yaml (the manifest), scenes.yaml (three "
            "scenes, two endings, a walkthrough for each) and story.schema.json, which the "
            "files' first line points editors at. It passes `iss check --strict` as it stands."
        ),
    )
    p.add_argument("folder", type=Path, metavar="DIR", help="the new story's folder")
    p.add_argument("--title", default=None, help="the story's title (default: from DIR)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    folder: Path = args.folder
    shown = safe_line(str(folder))  # a folder name is input too: no escape reaches the terminal
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        print(
            f"iss init: {shown} already exists and is not an empty folder; pick a new folder name",
            file=sys.stderr,
        )
        return 1
    problem = None if args.title is None else _title_problem(args.title)
    if problem is not None:
        print(
            f"iss init: the title {problem}; the story would not pass `iss check`", file=sys.stderr
        )
        return 2
    name = folder.resolve().name
    files = story_files(story_id_for(name), args.title or title_for(name))
    files[SCHEMA_FILE] = schema_text()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for file_name, text in files.items():
            (folder / file_name).write_text(text, encoding="utf-8")
    except OSError as exc:
        print(f"iss init: cannot write {shown}: {exc.strerror}", file=sys.stderr)
        return 1
    print(f"A new story in {shown}: {', '.join(files)}.")
    print("Next:")
    print(f"  iss check --strict {shown}     every mistake, with file:line and a hint")
    print(f"  iss play --plain --story {shown}")
    print(f"  iss explore {shown}            every ending, and the shortest way there")
    return 0


def _title_problem(title: str) -> str | None:
    """Why `--title` cannot go into a story file as it is, or None."""
    if any("\ud800" <= ch <= "\udfff" for ch in title):
        return "holds bytes that are not UTF-8"
    hidden = hidden_character(title)
    if hidden is not None:
        return f"holds the character {control_name(hidden)}"
    return None
