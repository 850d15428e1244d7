"""Put a report together: odds, choice impact and pacing, exact when the story is small enough.

1. Build the exact state graph (`states`) within `max_states`. When it fits,
   solve it as a Markov chain (`chain`): exact odds, exact impact, and the
   shortest route to each ending from the breadth-first tree.
2. Otherwise explore the story (`iss explore`'s search) for routes to the
   endings, run the proof pass for the endings each choice may still
   reach, and estimate the odds from the random playthroughs.
3. Random playthroughs (`sampling`) are played either way: they give the
   pacing of random play.
4. Fewer random playthroughs render every scene and choice they meet, for the
   places where text joins badly (`seams`).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from iss.authoring.explore import EXPLORE_BUDGET, Budget, Relevance, explore, prove
from iss.authoring.report.chain import solve_chain
from iss.authoring.report.impact import (
    ChoiceImpact,
    CosmeticShare,
    bounded_impact,
    cosmetic_shares,
    exact_impact,
)
from iss.authoring.report.moving_numbers import MovingNumber, moving_numbers
from iss.authoring.report.odds import Odds, estimated_odds, exact_odds
from iss.authoring.report.pacing import Pacing, RoutePacing, follow
from iss.authoring.report.sampling import play_and_read
from iss.authoring.report.seams import SEAM_RUNS, Seam, find_seams
from iss.authoring.report.states import build_state_graph
from iss.authoring.report.time_labels import UnevenLabels, uneven_time_labels
from iss.engine.model import Story
from iss.engine.state import GameState
from iss.engine.walk import Walker

RUNS = 2_000
MAX_STATES = 10_000
SAFETY_NET = EXPLORE_BUDGET.time_limit
"""Seconds after which a counted report's graph and search stop whatever their counts."""


@dataclass(frozen=True, slots=True)
class ReportOptions:
    """How hard to try: the exact graph's size and time, and the random playthroughs."""

    runs: int = RUNS
    seed: int = 0
    max_states: int = MAX_STATES
    """States the exact graph may have; past it, odds are estimated."""
    time_limit: float | None = None
    """Seconds the exact graph may take; the search for routes may take twice this.
    None (the default): counted, so every machine gives the same report: the graph
    stops only at `max_states` states, the search within `iss explore`'s counted
    `EXPLORE_BUDGET` (with `SAFETY_NET` seconds as a safety net for both)."""
    seam_runs: int = SEAM_RUNS
    """Random playthroughs rendered to look for seams (`find_seams`); 0: none."""


@dataclass
class Report:
    """What `iss report` says about a story."""

    title: str
    story_words: int
    odds: Odds
    choices: list[ChoiceImpact]
    cosmetic: CosmeticShare
    cosmetic_by_scene: dict[str, CosmeticShare]
    routes: RoutePacing
    random: Pacing
    seconds: float
    seams: list[Seam] = field(default_factory=list)
    """Where rendered text joins badly (`find_seams`)."""
    seam_runs: int = 0
    """The random playthroughs rendered to find `seams`."""
    uneven_time_labels: list[UnevenLabels] = field(default_factory=list)
    """Decisions those playthroughs met with time labels on some visits and not on
    others (`uneven_time_labels`)."""
    moving_numbers: list[MovingNumber] = field(default_factory=list)
    """Choices those playthroughs met under more than one number (`moving_numbers`)."""

    def to_json(self) -> dict[str, Any]:
        return {
            "story": self.title,
            "odds": self.odds.to_json(),
            "choices": [c.to_json() for c in self.choices],
            "cosmetic": {
                "total": self.cosmetic.to_json(),
                "scenes": {sid: s.to_json() for sid, s in self.cosmetic_by_scene.items()},
            },
            "pacing": {
                "story_words": self.story_words,
                "shortest_routes": self.routes.to_json(),
                "random_play": self.random.to_json(),
            },
            "seam_runs": self.seam_runs,
            "seams": [
                {"scene": s.scene, "choice": s.choice or None, "kind": s.kind, "text": s.excerpt}
                for s in self.seams
            ],
            "uneven_time_labels": [
                {"scene": u.scene, "told": u.told, "untold": u.untold}
                for u in self.uneven_time_labels
            ],
            "moving_numbers": [
                {
                    "scene": m.scene,
                    "choice": m.choice,
                    "numbers": {str(n): visits for n, visits in m.numbers.items()},
                }
                for m in self.moving_numbers
            ],
            "seconds": round(self.seconds, 3),
        }


def build_report(story: Story, options: ReportOptions | None = None) -> Report:
    """The report for `story` (see the module docstring)."""
    options = options or ReportOptions()
    started = time.perf_counter()
    if options.time_limit is None:
        graph_by, budget = started + SAFETY_NET, EXPLORE_BUDGET
    else:
        graph_by, budget = started + options.time_limit, Budget(time_limit=2 * options.time_limit)
    graph = build_state_graph(story, options.max_states, graph_by)
    values = solve_chain(graph) if graph is not None else None
    hopeless = None
    if graph is not None and values is not None:
        known_graph, known_values = graph, values

        def hopeless(state: GameState) -> bool:
            node = known_graph.node_of(state)
            return node is not None and not known_values[node]

    sample = play_and_read(story, options.runs, options.seed, hopeless=hopeless)
    routes = RoutePacing()
    walker = Walker(story)  # one compile for every ending's route
    if graph is not None and values is not None:
        odds = exact_odds(story, values[0], len(graph))
        impacts = exact_impact(story, graph, values)
        for node, ending in enumerate(graph.ending):  # breadth-first: the first is closest
            if ending is not None and ending not in routes.routes:
                route = graph.route_to(node)
                routes.routes[ending] = (route, follow(story, route, walker))
    else:
        found = explore(story, budget)
        unreachable = frozenset(
            eid for eid, e in found.endings.items() if found.complete and not e.reachable
        )
        odds = estimated_odds(
            story, sample.counts, sample.trapped, sample.runs, sample.seed, unreachable
        )
        impacts = bounded_impact(story, prove(story, Relevance(story)), sample.walks)
        for eid, result in found.endings.items():
            if result.path is not None:
                routes.routes[eid] = (
                    result.path.choices,
                    follow(story, result.path.choices, walker),
                )
                routes.shortest = routes.shortest and result.shortest
    routes.routes = {eid: routes.routes[eid] for eid in story.endings if eid in routes.routes}
    total, by_scene = cosmetic_shares(story, impacts)
    return Report(
        title=story.title,
        story_words=sum(s.words for s in story.scenes.values()),
        odds=odds,
        choices=impacts,
        cosmetic=total,
        cosmetic_by_scene=by_scene,
        routes=routes,
        random=Pacing.of(sample.walks),
        seconds=time.perf_counter() - started,
        seams=find_seams(story, options.seam_runs, options.seed) if options.seam_runs else [],
        seam_runs=options.seam_runs,
        uneven_time_labels=(
            uneven_time_labels(story, options.seam_runs, options.seed) if options.seam_runs else []
        ),
        moving_numbers=(
            moving_numbers(story, options.seam_runs, options.seed) if options.seam_runs else []
        ),
    )
