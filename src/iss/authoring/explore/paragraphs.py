"""Each paragraph a scene shows, and what differs among the plays that read it.

    found = paragraph_facts(story, "standoff", plays=6_000)
    for paragraph in found.paragraphs:
        paragraph.text, paragraph.reads       # its words, and how many arrivals read it
        for fact in paragraph.differs:        # each fact seen with two values or more
            fact.name.expr, fact.values, fact.named

Used by `iss explore --ways-in SCENE --paragraphs`. `--ways-in` says what can
differ on arriving in a scene; a scene's `if:` fragments then show different
paragraphs on different routes. What an author must check is narrower: every
fact that still differs among the arrivals that read *this* paragraph is one
the paragraph must not assume (Kira gave the order, saw the Cupola, someone is
still aboard). Facts the paragraph's own gates decide are the same on all of
them, so they drop out.

The plays are the seeded random plays of `--ways-in` (the same runs as
`iss explore --random`); the facts are its candidate names. A fact is *named*
by a paragraph when one of its words (of its id, and of the scene's title for
a `seen.` fact) starts a word of the paragraph, five letters compared; cast
members' names count only for their status, since nearly every paragraph names
someone. Named facts come first: a reading aid, not a proof. The sample says
what happened in its plays, nothing more: a value no play reached is not shown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from iss.authoring.explore.arrival_names import Name, candidate_names
from iss.authoring.explore.arrivals import ArrivalSample, check_scene
from iss.authoring.explore.find import UnknownTarget
from iss.authoring.explore.results import WAYS_IN_PLAYS
from iss.engine.model import Story, Value
from iss.engine.runner import scene_text
from iss.engine.walk import Walk

STEM = 5
"""Letters of a word compared when a fact's words are looked for in a paragraph."""
SHORTEST = 4
"""Shorter words of ids and titles (`two`, `the`, `arm`) match too much prose to count."""
PLAIN_WORDS = frozenset(
    [
        "seen",
        "taken",
        "flag",
        "status",
        "trust",
        "clock",
        "with",
        "your",
        "into",
        "onto",
        "from",
        "them",
        "they",
        "their",
        "there",
        "what",
        "that",
        "this",
        "when",
        "then",
        "have",
        "been",
        "after",
        "before",
        "again",
        "still",
        "over",
        "back",
        "down",
    ]
)
"""Words of ids and titles that name nothing by themselves."""


@dataclass(frozen=True, slots=True)
class FactSpread:
    """A fact seen with two values or more among a paragraph's readers: each value with
    how many arrivals had it, most first; `named` when the paragraph names it."""

    name: Name
    values: tuple[tuple[Value, int], ...]
    named: bool

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.name.expr,
            "family": self.name.family,
            "named": self.named,
            "values": [{"value": v, "arrivals": n} for v, n in self.values],
        }


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph as it renders, the arrivals that read it, and what differs among them
    (named facts first, then in `candidate_names`' order)."""

    text: str
    reads: int
    differs: tuple[FactSpread, ...]

    def to_json(self) -> dict[str, object]:
        return {
            "text": self.text,
            "reads": self.reads,
            "differs": [d.to_json() for d in self.differs],
        }


@dataclass(slots=True)
class ParagraphFacts:
    """What `paragraph_facts` found: the paragraphs in the order plays first read them."""

    scene: str
    plays: int
    seed: int
    arrivals: int = 0
    paragraphs: list[Paragraph] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {
            "scene": self.scene,
            "plays": self.plays,
            "seed": self.seed,
            "arrivals": self.arrivals,
            "paragraphs": [p.to_json() for p in self.paragraphs],
        }


class _Readings(ArrivalSample):
    """Arrivals in a scene, each rendered: per paragraph, the facts' values on each
    arrival that read it (as counts of identical rows)."""

    def __init__(self, story: Story, scene: str, names: list[Name]) -> None:
        super().__init__(story, scene, names)
        self.read: dict[str, dict[tuple[Value, ...], int]] = {}

    def arrive(self, walk: Walk, way: str) -> None:
        self.arrivals += 1
        values = tuple(name.read(walk) for name in self.names)
        text = "".join(span.text for span in scene_text(self.story, walk.freeze()))
        for paragraph in filter(None, (p.strip() for p in text.split("\n\n"))):
            rows = self.read.setdefault(paragraph, {})
            rows[values] = rows.get(values, 0) + 1


def paragraph_facts(
    story: Story, scene: str, plays: int = WAYS_IN_PLAYS, seed: int = 0
) -> ParagraphFacts:
    """Each paragraph `scene` shows in `plays` seeded random plays, with the facts that
    differ among the arrivals that read it. Raises `UnknownTarget` as `ways_in` does."""
    check_scene(story, scene)
    names = candidate_names(story, scene)
    sample = _Readings(story, scene, names)
    sample.play(plays, seed)
    found = ParagraphFacts(scene, plays, seed, arrivals=sample.arrivals)
    words = _NameWords(story)
    for text, rows in sample.read.items():
        stems = {w[:STEM] for w in re.findall(r"[a-z]+", text.lower())}
        spreads = []
        for i, name in enumerate(names):
            counts: dict[Value, int] = {}
            for row, n in rows.items():
                counts[row[i]] = counts.get(row[i], 0) + n
            if len(counts) > 1:
                values = tuple(sorted(counts.items(), key=lambda vn: (-vn[1], str(vn[0]))))
                spreads.append(FactSpread(name, values, bool(words.of(name) & stems)))
        spreads.sort(key=lambda s: not s.named)  # stable: candidate order within each
        found.paragraphs.append(Paragraph(text, sum(rows.values()), tuple(spreads)))
    return found


class _NameWords:
    """The stems a fact is named by in prose (see the module docstring)."""

    def __init__(self, story: Story) -> None:
        self.story = story
        self.cast = {c.lower() for c in story.characters}

    def of(self, name: Name) -> set[str]:
        words = re.findall(r"[a-z]+", name.expr.lower())
        if name.family == "seen":
            scene = self.story.scenes.get(name.expr.removeprefix("seen."))
            if scene is not None:
                words += re.findall(r"[a-z]+", scene.title.lower())
        cast = set() if name.family == "status" else self.cast
        return {w[:STEM] for w in words if len(w) >= SHORTEST and w not in PLAIN_WORDS | cast}


__all__ = ["FactSpread", "Paragraph", "ParagraphFacts", "UnknownTarget", "paragraph_facts"]
