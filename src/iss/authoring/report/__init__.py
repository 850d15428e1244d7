"""`iss report`: the odds of each ending, what each choice changes, and the story's pacing.

    report = build_report(story, ReportOptions(runs=2000, seed=0))
    report.odds.endings["home"].p      # the chance random play reaches it
    report.odds.exact                  # True: solved exactly; False: estimated
    report.choices                     # one ChoiceImpact per choice
    report.routes, report.random       # pacing of the shortest routes, of random play
    report.seams                       # where rendered text joins badly ("by now.""And")
    report.uneven_time_labels          # decisions whose time labels come and go by route
    report.moving_numbers              # choices whose number in the list moves by route
    report.to_json()

Odds are those of a player who picks every available choice with the same
probability, as `iss explore --random` does: exact (an absorbing Markov
chain over every reachable state, loops included) when the state graph
fits the budget, otherwise estimated from random playthroughs with 95%
intervals.
"""

from iss.authoring.report.assemble import (
    MAX_STATES,
    RUNS,
    Report,
    ReportOptions,
    build_report,
)
from iss.authoring.report.coverage import TextCoverage
from iss.authoring.report.impact import ChoiceImpact, CosmeticShare, cosmetic_choices
from iss.authoring.report.moving_numbers import MovingNumber, moving_numbers
from iss.authoring.report.odds import Chance, Odds
from iss.authoring.report.pacing import LONG_SCENE, Pacing, RoutePacing, Spread, Walk
from iss.authoring.report.seams import KINDS, SEAM_RUNS, Seam, find_seams, seams_in
from iss.authoring.report.time_labels import UnevenLabels, uneven_time_labels

__all__ = [
    "KINDS",
    "LONG_SCENE",
    "MAX_STATES",
    "RUNS",
    "SEAM_RUNS",
    "Chance",
    "ChoiceImpact",
    "CosmeticShare",
    "MovingNumber",
    "Odds",
    "Pacing",
    "Report",
    "ReportOptions",
    "RoutePacing",
    "Seam",
    "Spread",
    "TextCoverage",
    "UnevenLabels",
    "Walk",
    "build_report",
    "cosmetic_choices",
    "find_seams",
    "moving_numbers",
    "seams_in",
    "uneven_time_labels",
]
