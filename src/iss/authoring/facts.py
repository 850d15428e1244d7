"""Facts: what the player learns, and the phrases of text that assume it, from `facts:` tables.

    facts:
      affair:
        says: [affair, "you and Gordon"]   # phrases, case-insensitive, whole words
        known: flag.knows_affair           # must hold wherever such text shows
        hint: set flag.knows_affair where Kira learns of it

A `facts:` table may stand in story.yaml and in any scene file, so a branch
brings its own. The knowledge lint (`iss.authoring.lint.facts`, W219 and
W220) turns each place a phrase shows into a claim that `known` holds there;
a scene's `mentions_unknown: [affair]` drops the claims of its text, for a
line that names the fact without assuming it ("Is there an affair?").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from iss.authoring.diagnostics import Report
from iss.authoring.fields import Fields
from iss.authoring.scenes import PendingScene, SceneCompiler
from iss.authoring.suggestions import suggest
from iss.authoring.yaml_tree import Pos, YList
from iss.engine.model import Fact

FACT_KEYS = ("says", "known", "hint")

_WORD = re.compile(r"\w")
_MARKUP = re.compile(r"[{}*]")
"""Template markup: a phrase holding it can never match the text as it reads."""


def compile_facts(
    f: Fields, compiler: SceneCompiler, table: object, pos: Pos, seen: dict[str, str]
) -> list[Fact]:
    """The facts of one `facts:` table; `seen` maps each fact already declared (in any
    file) to where, so a name declared twice is reported (E120)."""
    m = f.mapping(table, pos, "`facts`")
    if m is None:
        return []
    out = []
    for name, body in m.items():
        where = m.key_pos[name]
        if not f.check_id(name, where, "fact"):
            continue
        if name in seen:
            f.error(
                "E120",
                where,
                f"fact `{name}` is declared twice (also in {seen[name]})",
                "rename one of them, or join their `says:` lists",
            )
            continue
        seen[name] = f"{f.file}:{where[0]}"
        fm = f.mapping(body, m.val_pos[name], f"fact `{name}`")
        if fm is None:
            continue
        f.keys(fm, FACT_KEYS, f"fact `{name}`")
        if not (
            f.require(fm, "says", f"fact `{name}`") and f.require(fm, "known", f"fact `{name}`")
        ):
            continue
        phrases = []
        said = f.strings(fm, "says")
        if not said and isinstance(fm["says"], YList):
            f.error(
                "E113",
                fm.val_pos["says"],
                f"fact `{name}` says nothing: its `says:` list is empty",
                "list the words or phrases that assume the fact, such as `[affair]`",
            )
        for phrase, at in said:
            if _WORD.search(phrase) is None:
                f.error(
                    "E113",
                    at,
                    f"fact `{name}` says {phrase!r}, which holds no word to look for",
                    "write the words or phrase that assume the fact, such as `affair`",
                )
            elif _MARKUP.search(phrase) is not None:
                f.error(
                    "E113",
                    at,
                    f"fact `{name}` says {phrase!r}, which no text shows: phrases are looked "
                    "for in the words as they read, where `{alexey}` reads as his name and "
                    "`*` marks no word",
                    "write the words as the player reads them, such as `Alexey's key`",
                )
            else:
                phrases.append(" ".join(phrase.split()))
        known = compiler.condition(fm, "known", None)
        if known is not None and phrases:
            hint = f.text(fm, "hint")
            out.append(Fact(name, tuple(phrases), known, hint, f.position(where)))
    return out


def check_fact_refs(
    report: Report, scenes: Iterable[PendingScene], declared: Iterable[str]
) -> None:
    """E141 for each `mentions_unknown:` entry that names no declared fact. A fact with
    a mistake of its own is declared all the same: its own error says what is wrong."""
    names = sorted(declared)
    for pending in scenes:
        for name, pos, file in pending.fact_refs:
            if name not in names:
                report.add(
                    "E141",
                    file,
                    pos[0],
                    pos[1],
                    f"`mentions_unknown` of scene `{pending.scene.id}` names `{name}`, "
                    "which is no fact",
                    suggest(name, names) or "list fact names from a `facts:` table",
                )
