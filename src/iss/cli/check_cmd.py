"""`iss check`: load a story and report every problem, as text or JSON."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from iss.authoring.codes import CODES
from iss.authoring.gc_pause import gc_paused, left_to_exit
from iss.authoring.lint import lint
from iss.authoring.loader import LoadResult, load_story
from iss.authoring.sarif import to_sarif
from iss.authoring.walkthroughs import play_walkthrough
from iss.cli.indented_json import dumps_indented
from iss.cli.options import add_story_argument
from iss.engine.terminal_safety import json_escape_controls, safe_line
from iss.paths import bundled_story_dir

NAME = "check"


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        NAME,
        help="check a story for mistakes",
        description="Check a story folder and report problems with file:line:col.",
    )
    add_story_argument(p)
    p.add_argument(
        "--format",
        choices=("text", "json", "sarif"),
        default="text",
        help="output format: text, json, or sarif (for editors and CI code scanning)",
    )
    p.add_argument("--strict", action="store_true", help="count warnings as errors")
    p.add_argument("--codes", action="store_true", help="list every diagnostic code and exit")
    p.set_defaults(run=run)


@gc_paused(keep_as_old=True)
def run(args: argparse.Namespace) -> int:
    """The command. The cyclic GC stays paused for all of it (as for `iss explore`): the
    load, the lint and the report make few cycles; the story is left for the process's
    end to free, and its last collection skipped (`left_to_exit`)."""
    if args.codes:
        for code in CODES.values():
            print(f"{code.code}  {code.severity:<7}  {code.title:<22}  {code.description}")
        return 0
    root: Path = args.story or bundled_story_dir()
    result = load_story(root, cache=False)  # a check always reads the files themselves
    left_to_exit(result)
    diagnostics = result.diagnostics
    if result.story is not None:
        diagnostics = sorted([*diagnostics, *lint(result.story)], key=lambda d: d.sort_key())
        result = LoadResult(result.story, diagnostics, result.files)
    failed = bool(result.errors) or (args.strict and bool(result.warnings))
    if args.format in ("json", "sarif"):
        data = to_json(result) if args.format == "json" else to_sarif(diagnostics, args.strict)
        # json escapes C0 controls itself; the rest that a terminal acts on is escaped too.
        print(json_escape_controls(dumps_indented(data)))
    else:
        for diagnostic in diagnostics:
            print(diagnostic)
        print(_summary(result, args.strict))  # on stdout, pass or fail: the exit code tells
    return 1 if failed else 0


def _summary(result: LoadResult, strict: bool = False) -> str:
    errors, warnings = len(result.errors), len(result.warnings)
    counts = f"{errors} error(s), {warnings} warning(s)"
    if strict and warnings:
        counts += f" ({warnings} counted as errors by --strict)"
    if result.notes:
        counts += f", {len(result.notes)} note(s) on what the check did not cover"
    if result.story is None:
        return f"{counts}: the story does not load"
    story = result.story
    words = sum(s.words for s in story.scenes.values())
    choices = sum(len(s.choices) for s in story.scenes.values())
    return (
        f"{safe_line(story.title)}: {len(story.scenes)} scenes, {choices} choices, {len(story.endings)} endings, "
        f"{words} words; {counts}"
    )


def to_json(result: LoadResult) -> dict[str, Any]:
    story = result.story
    out: dict[str, Any] = {
        "errors": [d.to_json() for d in result.errors],
        "warnings": [d.to_json() for d in result.warnings],
        **({"notes": [d.to_json() for d in result.notes]} if result.notes else {}),
        "stats": {"scenes": 0, "choices": 0, "endings": 0, "words": 0},
        "scenes": [],
        "endings": [],
        "walkthroughs": [],
    }
    if story is None:
        return out
    scenes = list(story.scenes.values())
    out["stats"] = {
        "scenes": len(scenes),
        "choices": sum(len(s.choices) for s in scenes),
        "endings": len(story.endings),
        "words": sum(s.words for s in scenes),
    }
    out["scenes"] = [
        {
            "id": s.id,
            "title": s.title,
            "file": s.pos.file if s.pos else "",
            "line": s.pos.line if s.pos else 0,
            "words": s.words,
            "beat": s.beat,
            "tags": list(s.tags),
        }
        for s in scenes
    ]
    out["endings"] = [
        {"id": e.id, "title": e.title, "kind": e.kind, "canonical": e.canonical}
        for e in story.endings.values()
    ]
    out["walkthroughs"] = [
        {
            "name": w.name,
            "ending": w.ending,
            "choices": list(w.choices),
            "ok": play_walkthrough(story, w).ok,
        }
        for w in story.walkthroughs
    ]
    return out
