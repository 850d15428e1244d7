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
from collections.abc import Iterable, Mapping

from iss.authoring.diagnostics import Report
from iss.authoring.fields import Fields
from iss.authoring.scenes import PendingScene, SceneCompiler
from iss.authoring.suggestions import suggest
from iss.authoring.yaml_data import Pos, YList
from iss.engine.limits import MAX_LINE_CHARS, MAX_NAME_CHARS
from iss.engine.model import Fact, Scene
from iss.engine.template import Branch, Interpolation, Variation

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
            if not f.check_length(phrase, at, f"phrase of fact `{name}`", MAX_NAME_CHARS):
                continue
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
            hint = f.line(fm, "hint", limit=MAX_LINE_CHARS)
            out.append(Fact(name, tuple(phrases), known, hint, f.position(where)))
    return out


def check_fact_refs(
    report: Report,
    scenes: Iterable[PendingScene],
    declared: Iterable[str],
    facts: Iterable[Fact] = (),
    shorts: Mapping[str, str] | None = None,
) -> None:
    """E141 for each `mentions_unknown:` entry that names no declared fact. A fact with
    a mistake of its own is declared all the same: its own error says what is wrong.
    W222 for an entry that silences nothing: one listed twice, or a fact whose phrases
    none of the scene's text (its choices' and lock reasons' included) says."""
    names = sorted(declared)
    by_name = {fact.name: fact for fact in facts}
    for pending in scenes:
        listed: set[str] = set()
        texts: list[str] | None = None
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
                continue
            if name in listed:
                report.add(
                    "W222",
                    file,
                    pos[0],
                    pos[1],
                    f"`mentions_unknown` of scene `{pending.scene.id}` lists `{name}` twice",
                    "remove the second entry",
                )
                continue
            listed.add(name)
            fact = by_name.get(name)
            if fact is None:
                continue  # the fact has a mistake of its own, reported where it stands
            if texts is None:
                texts = _scene_texts(pending.scene, shorts or {})
            said = _phrases(fact.phrases)
            if not any(said.search(text) for text in texts):
                report.add(
                    "W222",
                    file,
                    pos[0],
                    pos[1],
                    f"`mentions_unknown` of scene `{pending.scene.id}` lists `{name}`, but no "
                    "text of the scene says any of its phrases",
                    "remove the entry, which silences nothing here (the words may have "
                    f"been reworded or moved); the phrases of `{name}` are "
                    + ", ".join(f'"{p}"' for p in fact.phrases),
                )


def _phrases(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """Any of `phrases` as the knowledge lint matches them (`lint.facts.phrase_pattern`)."""
    words = sorted(phrases, key=len, reverse=True)
    alternatives = "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in words)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def _scene_texts(scene: Scene, shorts: Mapping[str, str]) -> list[str]:
    """Each run of the scene's text, its choices' and their reasons', as it may read:
    text, emphasis and names join; each fragment and variation item is a run."""
    out: list[str] = []
    work = [scene.text.pieces]
    for choice in scene.choices:
        work.append(choice.text.pieces)
        if choice.reason is not None:
            work.append(choice.reason.pieces)
    while work:
        run: list[str] = []
        for piece in work.pop():
            if isinstance(piece, str):
                run.append(piece)
            elif isinstance(piece, Interpolation):
                run.append(shorts.get(piece.source, " "))
            elif isinstance(piece, Variation):
                out.append("".join(run))
                run = []
                work.extend(piece.items)
            elif isinstance(piece, Branch):
                out.append("".join(run))
                run = []
                work.extend((piece.then, piece.otherwise))
        out.append("".join(run))
    return out
