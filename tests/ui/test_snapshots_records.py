"""Snapshots of what the player's record shows: "what mattered" on the ending screen,
a found ending read again, and deleting and renaming saves (each asks first).

Regenerate after a deliberate change with
`pytest --snapshot-update tests/ui/test_snapshots_records.py` and look at the pictures.
"""

from __future__ import annotations

from textual.pilot import Pilot

from iss.ui.app import IssApp
from tests.ui.conftest import SIZE, SMALL, WIDE, MakeApp
from tests.ui.test_snapshots import SnapCompare

THE_FALL = ["n", "1", "1", "1", "1"]


async def two_saves_then_title(pilot: Pilot[int]) -> None:
    app = pilot.app
    assert isinstance(app, IssApp)
    app.start_new_game()
    assert app.playthrough is not None
    app.playthrough.take("look")
    app.save_to("galley")
    app.playthrough.take("take_key")
    app.save_to("lab")
    app.back_to_title()
    await pilot.pause()


def test_what_mattered_120x40(snap_compare: SnapCompare, app_for: MakeApp) -> None:
    """The Fall's ending screen at 120x40, whole: below the crew summary, "What mattered"
    with The Lab ("Cut the life support and see who comes") and The Soyuz ("Take the
    research down with Alexey"), each saying which other choice "could have led
    elsewhere", then "w shows which endings those ways could have led to" in dim; the
    footer has "w Ways"."""
    assert snap_compare(app_for(), press=THE_FALL, terminal_size=WIDE)


def test_what_mattered_ways_120x40(snap_compare: SnapCompare, app_for: MakeApp) -> None:
    """After w: each line says which other choice "could have led to an ending you have
    not found" (no ending the player has not found is named), then "w hides where those
    ways led"."""
    assert snap_compare(app_for(), press=[*THE_FALL, "w"], terminal_size=WIDE)


def test_what_mattered_60x20(snap_compare: SnapCompare, app_for: MakeApp) -> None:
    """The same at 60x20, scrolled to the end: each line wraps under its indent."""
    assert snap_compare(app_for(), press=[*THE_FALL, "end"], terminal_size=SMALL)


def test_reread_an_ending(snap_compare: SnapCompare, app_for: MakeApp) -> None:
    """From the gallery, Enter on The Fall: CANONICAL, The Fall, its epilogue ("The Soyuz
    drops away...") and "As you last read it, 2026-03-14."; Esc goes back."""
    assert snap_compare(app_for(), press=[*THE_FALL, "e", "enter"], terminal_size=SIZE)


def test_delete_asks_first(snap_compare: SnapCompare, app_for: MakeApp) -> None:
    """On the load screen, d over "lab": "Delete the save “lab”? It cannot be brought
    back." with Yes (y) and No (n), No focused."""
    assert snap_compare(
        app_for(), run_before=two_saves_then_title, press=["l", "d"], terminal_size=SIZE
    )


def test_after_a_delete(snap_compare: SnapCompare, app_for: MakeApp) -> None:
    """After y: "Deleted “lab”." above the list, galley highlighted, the autosaves line."""
    assert snap_compare(
        app_for(), run_before=two_saves_then_title, press=["l", "d", "y"], terminal_size=SIZE
    )


def test_rename(snap_compare: SnapCompare, app_for: MakeApp) -> None:
    """r over "lab": a dialog "Rename “lab”" with the name in the field and the name
    rules in one sentence below it; Enter renames, Esc keeps it."""
    assert snap_compare(
        app_for(), run_before=two_saves_then_title, press=["l", "r"], terminal_size=SIZE
    )
