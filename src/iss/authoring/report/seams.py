"""Seams: places where text that renders in pieces joins badly.

    seams = find_seams(story, runs=300, seed=0)
    seams[0].scene, seams[0].kind, seams[0].excerpt
    # ('christian_plan', 'quotes touching', '...by now.""And there\\'s Alexey\\'s locker...')

A scene's text is put together from `{if}`, `{sequence}` and the like, and each
piece reads well alone: the seam shows only where two meet on one route, as
`{if a: "...by now." | ...}"And there's..."` gave two quotes with no space between
(blind reader R106 #7). `iss check` reads the source, which has no such seam, so
these are found the way a reader finds them: by playing. Seeded random
playthroughs (drawn as `iss report` draws them) render every scene and choice they
meet, and each rendering is searched for the joins listed in `KINDS`.

Pure: no Textual, no printing; `iss report` shows them.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from iss.authoring.explore import MAX_RANDOM_STEPS
from iss.engine.model import Story
from iss.engine.runner import choices, scene_text
from iss.engine.state import GameState
from iss.engine.walk import Walker

SEAM_RUNS = 300
"""Random playthroughs `iss report` renders to look for seams."""

CONTEXT = 30
"""Characters of text shown on each side of a seam."""

KINDS: dict[str, re.Pattern[str]] = {
    "quotes touching": re.compile(r'""'),
    "no space after a sentence": re.compile(r'[a-z][.!?]"?[A-Z][a-z]'),
    "no space after a closing quote": re.compile(r'[.!?,]"[A-Za-z]'),
    "two spaces": re.compile(r"\S {2,}\S"),
    "space before punctuation": re.compile(r" [,.;:!?](?!\.)"),
    "a paragraph starting in lower case": re.compile(r"(?m)^[a-z]"),
    "the same word twice": re.compile(r"\b(?!(?:had|that) )(\w{2,}) \1\b", re.IGNORECASE),
    "a comma or colon before a stop": re.compile(r"[,;:][.!?,;:]"),
}
"""What counts as a bad join, by name. Each is a mistake in any English text the
story renders; none is a matter of style."""

_IN_LABELS = frozenset(KINDS) - {"a paragraph starting in lower case"}
"""The kinds looked for in choice labels (a label may start in lower case)."""


@dataclass(frozen=True, slots=True)
class Seam:
    """One bad join, as a playthrough rendered it."""

    scene: str
    """The id of the scene whose text (or choice) has it."""
    kind: str
    """Its name in `KINDS`."""
    excerpt: str
    """The text around it, on one line."""
    choice: str = ""
    """The id of the choice whose label has it ("": the scene's text)."""


def seams_in(text: str, kinds: frozenset[str] = frozenset(KINDS)) -> list[tuple[str, str]]:
    """The bad joins in `text`: (kind, the text around it on one line), in order."""
    found = []
    for kind, pattern in KINDS.items():
        if kind not in kinds:
            continue
        for match in pattern.finditer(text):
            start, end = max(0, match.start() - CONTEXT), match.end() + CONTEXT
            excerpt = text[start:end].replace("\n", " ")
            found.append(
                (kind, f"{'...' if start else ''}{excerpt}{'...' if end < len(text) else ''}")
            )
    return found


def find_seams(
    story: Story, runs: int = SEAM_RUNS, seed: int = 0, max_steps: int = MAX_RANDOM_STEPS
) -> list[Seam]:
    """The bad joins `runs` seeded random playthroughs render (each once, in the order
    first met). Run i draws with `random.Random(f"{seed}:{i}")`, as `iss report` does."""
    found: dict[tuple[str, str, str, str], Seam] = {}
    # The engine's step in place (`iss.engine.walk`), drawn as `play_and_read` draws:
    # the same playthroughs the report reads along, each state frozen only to render it.
    walker = Walker(story)

    def read(state: GameState) -> None:
        text = "".join(span.text for span in scene_text(story, state))
        for kind, excerpt in seams_in(text):
            found.setdefault((state.scene, "", kind, excerpt), Seam(state.scene, kind, excerpt))

    for run in range(runs):
        rng = random.Random(f"{seed}:{run}")
        walk = walker.start(run, on_pass=lambda walk: read(walk.freeze()))  # shown too
        for _ in range(max_steps):
            state = walk.freeze()
            read(state)
            if walk.ending is not None:
                break
            for view in choices(story, state):
                if view.available:
                    for kind, excerpt in seams_in(view.plain, _IN_LABELS):
                        key = (state.scene, view.id, kind, excerpt)
                        found.setdefault(key, Seam(state.scene, kind, excerpt, view.id))
            options = walker.options(walk)
            if not options:
                break
            walker.choose(walk, options[0] if len(options) == 1 else rng.choice(options))
    return list(found.values())


__all__ = ["KINDS", "SEAM_RUNS", "Seam", "find_seams", "seams_in"]
