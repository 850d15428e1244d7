"""Snapshots of a replay: paragraphs read in an earlier playthrough dimmed, or folded.

Regenerate after a deliberate change with
`pytest --snapshot-update tests/ui/test_snapshots_read_text.py` and look at the pictures.
"""

from __future__ import annotations

from iss.settings import Settings
from tests.ui.conftest import SIZE, MakeApp
from tests.ui.test_read_text import REPLAY, play_once_then_replay
from tests.ui.test_snapshots import SnapCompare


def test_replay_dimmed(snap_compare: SnapCompare, app_for: MakeApp) -> None:
    """The Hatch on a second playthrough that knocked: "The hatch is cold...", "Gordon
    puts his helmet..." and "The light above the hatch..." in the muted grey of read
    text; "Someone knocks back from the other side, twice." at full strength between
    them. The choice "Open the hatch" is marked ✓ taken before; no Unfold key."""
    assert snap_compare(app_for(REPLAY), run_before=play_once_then_replay, terminal_size=SIZE)


def test_replay_folded(snap_compare: SnapCompare, app_for: MakeApp) -> None:
    """The same with Read text folded: one fold line for the scene's two folded runs,
    "⋯ 2 paragraphs read, here and below · e shows them", muted and italic,
    then the new paragraph at full strength, then the scene's last paragraph, "The
    light above the hatch turns from red to amber.", muted: read, but kept, since the
    choices answer it; the footer shows "e Unfold" after f1."""
    app = app_for(REPLAY, settings=Settings(effect="off", read_text="folded"))
    assert snap_compare(app, run_before=play_once_then_replay, terminal_size=SIZE)
