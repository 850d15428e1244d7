"""Uneven time labels: decisions whose choices say their time on one route and not another.

    uneven = uneven_time_labels(story, runs=300, seed=0)
    uneven[0].scene, uneven[0].told, uneven[0].untold
    # ('cupola_tour', 202, 65)

A decision labels its choices' time where they differ by half an hour or more on
the route that reached it, or one spends half an hour or more with the clock on screen
(`notices.time_costs`). Where the scenes its choices lead
to depend on the route, so does that: Seven Windows' "Stay at the window through a
sunrise" read "· 1h" after the cargo module and bare after the Cupola, and four blind
readers (R207, R212, R214, R215) read it as time signposted unevenly. The fix is the
scene's `time_labels: always`; this finds the scenes that need it, the way a reader
finds them: seeded random playthroughs (drawn as `iss report` draws them) weigh every
decision they meet. A decision labelled because time is short is neither told nor
untold here: that label comes and goes with the clock, on purpose.

Pure: no Textual, no printing; `iss report` shows them.
"""

from __future__ import annotations

from dataclasses import dataclass

from iss.authoring.explore import MAX_RANDOM_STEPS
from iss.authoring.report.sampling import random_decisions
from iss.engine.clocks import deadline, time_spent
from iss.engine.model import Story
from iss.notices import costs_differ, spends, time_is_short


@dataclass(frozen=True, slots=True)
class UnevenLabels:
    """One decision whose time labels come and go with the route."""

    scene: str
    told: int
    """Visits where its choices were labelled: they differed in time by half an hour or
    more, or one spent half an hour or more with the clock on screen."""
    untold: int
    """Visits where they did not, and time was not short (no label)."""


def uneven_time_labels(
    story: Story, runs: int, seed: int = 0, max_steps: int = MAX_RANDOM_STEPS
) -> list[UnevenLabels]:
    """The decisions `runs` seeded random playthroughs met both labelled and not, by
    whether their choices' costs differed (scenes with `time_labels: always` are
    always labelled, so never listed), most evenly split first. Run i draws with
    `random.Random(f"{seed}:{i}")`, as `iss report` does."""
    if not story.timers:
        return []
    tally: dict[str, list[int]] = {}
    for walk, options in random_decisions(story, runs, seed, max_steps):
        scene = story.scenes[walk.scene]
        if len(options) > 1 and not scene.time_labels_always:
            state = walk.freeze()
            spent = {o.pair[1]: time_spent(story, state, o.pair[1]) for o in options}
            first = deadline(story, state)
            if not time_is_short(spent, None if first is None else first.minutes):
                counts = tally.setdefault(scene.id, [0, 0])
                counts[0 if costs_differ(spent) or spends(spent, first) else 1] += 1
    uneven = [UnevenLabels(sid, told, untold) for sid, (told, untold) in tally.items()]
    return sorted(
        (u for u in uneven if u.told and u.untold),
        key=lambda u: (-min(u.told, u.untold), u.scene),
    )


__all__ = ["UnevenLabels", "uneven_time_labels"]
