"""`iss diff`: what a new version of a story changes, and which saves it breaks.

- `story_changes`: scenes, choices and endings added, removed, changed or renamed;
- `ending_shifts`, `walkthrough_shifts`, `property_shifts`: what that means for play;
- `judge_saves`, `judge_history`: every save (and walkthrough) replayed on the
  new story, with the same replay the game runs when it loads;
- `story_at_revision`: an older version read out of git.
"""

from iss.authoring.diff.changes import Change, story_changes
from iss.authoring.diff.play import (
    EndingShift,
    PropertyShift,
    WalkthroughShift,
    ending_shifts,
    property_shifts,
    walkthrough_shifts,
)
from iss.authoring.diff.revision import RevisionError, story_at_revision
from iss.authoring.diff.saves import (
    EARLIER,
    ELSEWHERE,
    TEXT_CHANGED,
    UNCHANGED,
    RecordLoss,
    SaveVerdict,
    judge_history,
    judge_saves,
)

__all__ = [
    "EARLIER",
    "ELSEWHERE",
    "TEXT_CHANGED",
    "UNCHANGED",
    "Change",
    "EndingShift",
    "PropertyShift",
    "RecordLoss",
    "RevisionError",
    "SaveVerdict",
    "WalkthroughShift",
    "ending_shifts",
    "judge_history",
    "judge_saves",
    "property_shifts",
    "story_at_revision",
    "story_changes",
    "walkthrough_shifts",
]
