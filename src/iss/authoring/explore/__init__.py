"""The explorer: find every ending with a real path, and prove what cannot happen.

    from iss.authoring.explore import Budget, explore
    result = explore(story, Budget(max_states=200_000, time_limit=10))
    result.endings["home"].path     # choice ids that reach it, replayed by the engine

This `__init__` is the room's public face: the CLI, the lint room, the bench
and the tests import from here. The modules inside are the room's own:

    search.py       the breadth-first search over real game states (`explore`)
    proof.py        the proof pass: what no playthrough can reach (`prove`)
    proof_result.py what the proof pass found (`Proof`)
    boxes.py        sets of values per name, and the engine's steps run on them
    box_data.py     boxes as plain dicts: joined, narrowed, written; a state as a box
    box_time.py     time passing on a box (the timers run down, clocks expire)
    memo.py         what the box runners of one story remember (shared by every pass)
    points.py       one combination of values, read as a state by conditions
    bounds.py       saturation: numbers past every threshold behave the same
    relevance.py    which names can still be read from a scene (state merging)
    witness.py      seeded walks that confirm what the proof says may be reached
    claims.py       properties and checks: proved, or refuted with a shortest route
    find.py         the shortest route to a scene, a choice or an ending (`--to`)
    ways_in.py      what can differ on arriving in a scene, by way in (`--ways-in`)
    paragraphs.py   what differs among the plays that read each paragraph (`--paragraphs`)
    traps.py        loops with no way out
    mattered.py     which choices of one playthrough closed off other endings
    way_here.py     which choices of one playthrough kept its ending in reach
    allowance.py    how much work weighing one playthrough may do (counted)
    random_play.py  random playthroughs (`play_randomly`)
    results.py      the plain data the explorer reports
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from iss.authoring.explore.bounds import is_update, sharing_reach, target_name
from iss.authoring.explore.claims import (
    ALWAYS,
    POSSIBLE,
    Claim,
    ClaimResult,
    check_claims,
)
from iss.authoring.explore.keys import KeyFunction, StateKey
from iss.authoring.explore.latches import latches
from iss.authoring.explore.proof import prove
from iss.authoring.explore.proof_result import Proof
from iss.authoring.explore.random_play import MAX_STEPS as MAX_RANDOM_STEPS
from iss.authoring.explore.random_play import RandomReport, play_randomly
from iss.authoring.explore.relevance import Relevance
from iss.authoring.explore.results import (
    CLAIMS_BUDGET,
    EXPLORE_BUDGET,
    MAX_STATES,
    TIME_LIMIT,
    WAYS_IN_PLAYS,
    Budget,
    EndingResult,
    Exploration,
    Path,
    PathTree,
    ProofSummary,
    Stuck,
    Work,
    search_budgets,
)
from iss.authoring.explore.search import explore, replay_path
from iss.authoring.explore.traps import components

if TYPE_CHECKING:
    from iss.authoring.explore.find import FoundRoute, UnknownTarget, find_route
    from iss.authoring.explore.mattered import (
        Mattered,
        Told,
        Turn,
        described,
        run_states,
        what_mattered,
    )
    from iss.authoring.explore.paragraphs import (
        FactSpread,
        Paragraph,
        ParagraphFacts,
        paragraph_facts,
    )
    from iss.authoring.explore.way_here import Kept, led_here, steps_to, what_led_here
    from iss.authoring.explore.ways_in import Differs, Side, WaysIn, ways_in
    from iss.authoring.explore.wording import WAYS_HEADING, quoted_choice, you_chose

_ON_DEMAND = {
    **dict.fromkeys(("FoundRoute", "UnknownTarget", "find_route"), "find"),
    **dict.fromkeys(
        (
            "Mattered",
            "Told",
            "Turn",
            "described",
            "run_states",
            "what_mattered",
        ),
        "mattered",
    ),
    **dict.fromkeys(("Kept", "led_here", "steps_to", "what_led_here"), "way_here"),
    **dict.fromkeys(("Differs", "Side", "WaysIn", "ways_in"), "ways_in"),
    **dict.fromkeys(("FactSpread", "Paragraph", "ParagraphFacts", "paragraph_facts"), "paragraphs"),
    **dict.fromkeys(("WAYS_HEADING", "quoted_choice", "you_chose"), "wording"),
}
"""What `--to`, `--ways-in` and the ending screen use, imported when first asked for
(PEP 562): `iss explore` and `iss check` without them skip find, mattered, ways_in,
arrival_names and graph (about 1% of `iss explore story`)."""


def __getattr__(name: str) -> object:
    module = _ON_DEMAND.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "ALWAYS",
    "CLAIMS_BUDGET",
    "EXPLORE_BUDGET",
    "MAX_RANDOM_STEPS",
    "MAX_STATES",
    "POSSIBLE",
    "TIME_LIMIT",
    "WAYS_HEADING",
    "WAYS_IN_PLAYS",
    "Budget",
    "Claim",
    "ClaimResult",
    "Differs",
    "EndingResult",
    "Exploration",
    "FactSpread",
    "FoundRoute",
    "Kept",
    "KeyFunction",
    "Mattered",
    "Paragraph",
    "ParagraphFacts",
    "Path",
    "PathTree",
    "Proof",
    "ProofSummary",
    "RandomReport",
    "Relevance",
    "Side",
    "StateKey",
    "Stuck",
    "Told",
    "Turn",
    "UnknownTarget",
    "WaysIn",
    "Work",
    "check_claims",
    "components",
    "described",
    "explore",
    "find_route",
    "is_update",
    "latches",
    "led_here",
    "paragraph_facts",
    "play_randomly",
    "prove",
    "quoted_choice",
    "replay_path",
    "run_states",
    "search_budgets",
    "sharing_reach",
    "steps_to",
    "target_name",
    "ways_in",
    "what_led_here",
    "what_mattered",
    "you_chose",
]
