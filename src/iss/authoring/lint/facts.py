"""Knowledge: where text says what a fact's phrases say, and the claim that it is known there.

    for assumption in assumptions(story): ...
    claim = assumption.claim()   # always: known, or the text does not show

The knowledge lint generalises the continuity lint (`continuity.py`) from
"this crew member is alive" to any fact the story declares under `facts:`
(`iss.authoring.facts`): a line that says "the affair" assumes the player
learned of it. A phrase inside `{if COND: ...}` shows only when COND holds
(in the `| ...` part only when it fails), a scene's `requires:` counts as
one more such condition, and a hidden choice's text shows only while its
`when:` holds; so the claim is that on entering the scene the fact's
`known:` condition holds *while the text around the phrase shows*. A
scene's `mentions_unknown: [affair]` drops its claims about that fact. The
claims are settled with every other claim by `check_claims` (W219 broken,
W220 unproved).

Phrases are matched case-insensitively, as whole words, with any run of
spaces or line breaks between their words, inside one run of text: plain
text, emphasis and `{name}` interpolations (read as the character's short
name) join into one run; a fragment or a variation starts another.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from iss.authoring.diagnostics import Diagnostic
from iss.authoring.explore import Claim, ClaimResult
from iss.authoring.lint.continuity import Guard, choice_guards, guarded_claim
from iss.authoring.lint.usage import Place
from iss.engine.model import Condition, Fact, Position, Scene, Story
from iss.engine.template import Branch, Interpolation, Mark, Piece, Variation
from iss.engine.text import Template


@dataclass(frozen=True, slots=True)
class Assumption:
    """Text of a scene (or one of its choices) that says a phrase of a fact."""

    scene: str
    fact: Fact
    said: str
    """The words as the text writes them."""
    guards: tuple[Guard, ...]
    pos: Position | None
    where: str
    """"the text of `galley`" or "choice `x` of `galley`"."""

    def claim(self) -> Claim:
        known = self.fact.known
        return guarded_claim(
            f"{self.fact.name} in {self.where}",
            self.scene,
            lambda state: known.failing_reason(state) is None,
            Condition(known.source, (), known.names),
            f"`{self.fact.name}` may not be known",
            self.guards,
        )


def phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """Any of `phrases` as whole words, ignoring case, with any spaces between words."""
    words = sorted(phrases, key=len, reverse=True)
    alternatives = "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in words)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def assumptions(story: Story) -> list[Assumption]:
    """Every (scene, fact, guards, place) where text says a phrase of a fact, once each."""
    if not story.facts:
        return []
    patterns = [(fact, phrase_pattern(fact.phrases)) for fact in story.facts]
    any_phrase = phrase_pattern(tuple(p for fact in story.facts for p in fact.phrases))
    shorts = {c.id: c.short for c in story.characters.values()}
    out: dict[tuple[str, str, tuple[Guard, ...], str], Assumption] = {}
    for scene in story.scenes.values():
        base: tuple[Guard, ...] = ((scene.requires, True),) if scene.requires else ()
        places = [(scene.text, base, scene.pos, f"the text of `{scene.id}`")]
        places += [
            (
                c.text,
                choice_guards(c, base),
                c.pos or scene.pos,
                f"choice `{c.id}` of `{scene.id}`",
            )
            for c in scene.choices
        ]
        places += [  # a lock reason shows while `when` fails
            (
                c.reason,
                (*base, (c.when, False)),
                c.reason_pos or c.pos or scene.pos,
                f"the reason of choice `{c.id}` of `{scene.id}`",
            )
            for c in scene.choices
            if c.reason is not None and c.when is not None and not c.hidden
        ]
        for template, guards_in, pos, where in places:
            for text, guards, floor in _located_runs(template, guards_in, shorts):
                if any_phrase.search(text) is None:
                    continue  # most runs say none of the phrases: one search tells
                for fact, pattern in patterns:
                    if fact.name in scene.mentions_unknown:
                        continue
                    found = pattern.search(text)
                    if found is not None:
                        # A scene's `requires:` is a claim of its own (E170) that holds on
                        # every route, so it is needed as a guard only when it reads what
                        # `known:` reads; left out, the claim reads fewer names, and the
                        # split proof pass that may settle it is smaller.
                        shown = guards
                        if base and not base[0][0].names & fact.known.names:
                            shown = guards[1:]
                        key = (scene.id, fact.name, shown, where)
                        if key in out:
                            continue
                        said = " ".join(found.group().split())
                        at = pos
                        if template is scene.text:
                            at = _line_of(scene, text, found, floor) or pos
                        out[key] = Assumption(scene.id, fact, said, shown, at, where)
    return list(out.values())


def _line_of(scene: Scene, run: str, found: re.Match[str], floor: int) -> Position | None:
    """Where the scene's text says what `found` found in `run`, one of its runs, written
    at or after `floor`: the place in its source where the words and those before them
    in the run are written (or, when nothing before them is written as in the run, the
    first place the words are from `floor` on)."""
    start, source = scene.text_pos, scene.text.source
    if start is None:
        return None
    offset = -1
    for before in (40, 20, 8, 0):
        context = run[max(0, found.start() - before) : found.end()]
        at = source.find(context, floor)
        if at >= 0:
            offset = at + len(context) - len(found.group())
            break
    if offset < 0:
        first = phrase_pattern((found.group(),)).search(source, floor)
        if first is None:
            return None
        offset = first.start()
    line = bisect_left(scene.text_breaks, offset)
    if line == 0:
        return Position(start.file, start.line, start.col + offset)
    line_start = scene.text_breaks[line - 1] + 1
    return Position(start.file, start.line + line, start.col + offset - line_start)


def runs(
    template: Template, base: tuple[Guard, ...], shorts: dict[str, str]
) -> list[tuple[str, tuple[Guard, ...]]]:
    """Each run of text that shows as one (see the module docstring), with its guards."""
    return [(text, guards) for text, guards, _ in _located_runs(template, base, shorts)]


_CUT = re.compile(r"[{}*\\|]")
"""Where a piece of text stops being written as it reads (markup and escapes)."""


def _located_runs(
    template: Template, base: tuple[Guard, ...], shorts: dict[str, str]
) -> list[tuple[str, tuple[Guard, ...], int]]:
    """`runs`, in the order they are written, each with an offset in the template's
    source that it starts at or after: where the same words also stand earlier in the
    text (outside this run's fragment), the search for them starts there."""
    source = template.source
    out: list[tuple[str, tuple[Guard, ...], int]] = []
    cursor = 0  # never past the next piece's place in `source` (see `locate`)

    def locate(piece: str) -> None:
        # The piece is written as it reads up to its first markup character; the first
        # place that prefix stands from `cursor` on is at or before the piece's own, so
        # the cursor stays at or before every piece still to come.
        nonlocal cursor
        prefix = _CUT.split(piece, 1)[0]
        if prefix.strip():
            found = source.find(prefix, cursor)
            if found >= 0:
                cursor = found + len(prefix)

    def walk(pieces: tuple[Piece, ...], guards: tuple[Guard, ...]) -> None:
        run: list[str] = []
        floor = cursor
        for piece in pieces:
            if isinstance(piece, str):
                if not run:
                    floor = cursor
                locate(piece)
                run.append(piece)
            elif isinstance(piece, Interpolation):
                run.append(shorts.get(piece.source, " "))
            elif not isinstance(piece, Mark):
                out.append(("".join(run), guards, floor))
                run = []
                if isinstance(piece, Variation):  # any of its items may show
                    for item in piece.items:
                        walk(item, guards)
                elif isinstance(piece, Branch):
                    walk(piece.then, (*guards, (piece.when, True)))
                    walk(piece.otherwise, (*guards, (piece.when, False)))
                floor = cursor
        out.append(("".join(run), guards, floor))

    walk(template.pieces, base)
    return [(text, guards, floor) for text, guards, floor in out if text.strip()]


def assumption_diagnostic(found: Assumption, result: ClaimResult, route_words: str) -> Diagnostic:
    """W219 (broken, `route_words` describes the route) or W220 (unproved)."""
    fact = found.fact
    place = Place(found.pos, "")
    said = f'{found.where} says "{found.said}", which assumes the fact `{fact.name}`'
    known = fact.known.source
    gate = f"gate the words with `{{if {known}: ...}}` or the scene's `requires:`"
    if found.where.startswith("choice"):
        gate = f"give the choice `when: {known}` and `hidden: true`, or {gate[0].lower()}{gate[1:]}"
    gate = (
        f"or {gate}; or list `{fact.name}` under the scene's `mentions_unknown:` if the words "
        "only name the fact"
    )
    told = f"{fact.hint}; " if fact.hint else ""
    if result.status == "violated":
        d = place.diagnostic(
            "W219",
            f"{said}, but it can show where `{fact.known.source}` fails, on entering "
            f"`{found.scene}`",
            f"{route_words}; {told}{gate}",
        )
        return Diagnostic(d.code, d.file, d.line, d.col, d.message, d.hint, result.route or ())
    return place.diagnostic(
        "W220",
        f"{said}, and `{fact.known.source}` is not proved wherever it shows on entering "
        f"`{found.scene}`; no route that breaks it was found within the budget",
        f"neither proved nor broken (a route would take at least {result.at_least} "
        f"choices); {told}{gate}",
    )
