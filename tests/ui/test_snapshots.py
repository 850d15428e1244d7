"""Snapshot tests: one picture per screen at 80x24, the play screen also at 120x40 and 60x20.

Regenerate after a deliberate change with `pytest --snapshot-update tests/ui`
and look at the pictures before committing them. Time, dates and play time
are fixed by the `app_for` fixture, and scene text appears at once.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot

from iss.ui.app import IssApp
from tests.ui.conftest import BROKEN, SIZE, SMALL, WIDE, MakeApp

SnapCompare = Callable[..., bool]


def saved_games(*slots: tuple[str, tuple[str, ...]]) -> Callable[[Pilot[int]], None]:
    """A `run_before` that starts a game and saves it in slots after some choices."""

    def run(pilot: Pilot[int]) -> None:
        app = pilot.app
        assert isinstance(app, IssApp)
        app.start_new_game()
        for slot, choices in slots:
            run = app.playthrough
            assert run is not None
            for choice in choices:
                run.take(choice)
            app.save_to(slot)
        app.clear_notifications()

    return run


# -- title and menus -----------------------------------------------------------


def test_title(snap_compare: SnapCompare, app_for: MakeApp) -> None:
    """The title screen: "I . S . S ." emblem, the story title and its subtitle, and the
    menu with New game highlighted, Continue dimmed (no autosave yet), Load, Endings,
    Settings and Quit; the footer lists n c l e s q and f1."""
    assert snap_compare(app_for(), terminal_size=SIZE)


def test_help(snap_compare: SnapCompare, app_for: MakeApp) -> None:
    """The help dialog over the title: keys for playing (1-9, arrows, e, c, t, i, j, r, F5/F9,
    Esc), anywhere (ctrl+p, F1, ctrl+r, ctrl+q), the title screen and the story map
    (scrolled out of view); "m" is "a flowchart of the scenes seen, to jump to"."""
    assert snap_compare(app_for(), press=["f1"], terminal_size=SIZE)


def test_settings(snap_compare: SnapCompare, app_for: MakeApp) -> None:
    """Settings: text effect off (as the tests set it), speed "normal · a scene in about
    2 s", seen scenes shown at once, read text dimmed, trust notices "first and big
    changes", theme station; the first line highlighted; the note under them says c and
    t show every change in trust."""
    assert snap_compare(app_for(), press=["s"], terminal_size=SIZE)


def test_endings_gallery_empty(snap_compare: SnapCompare, app_for: MakeApp) -> None:
    """The endings gallery before any ending is found: three locked lines, each with its
    hint (e.g. "Two of you, one capsule, no flag."), and "found 0 of 3" in the frame."""
    assert snap_compare(app_for(), press=["e"], terminal_size=SIZE)


# -- the play screen at three sizes ----------------------------------------------


def test_play_80x24(snap_compare: SnapCompare, app_for: MakeApp) -> None:
    """The first scene at 80x24: header "The Cupola · Cupola" and "6h to reentry"; the text
    with **stars** bold, *flashes* italic and the literal `[@click=app.quit]` and
    `[link=...]` text; choice 1 highlighted and the locked choice dimmed with "locked:
    Christian keeps Gordon busy in the lab"; no side panels; keys in the footer."""
    assert snap_compare(app_for(), press=["n"], terminal_size=SIZE)


def test_play_120x40(snap_compare: SnapCompare, app_for: MakeApp) -> None:
    """At 120x40 after cutting life support: the header shows "5h to reentry" and
    "1h 30m of air"; the Crew panel (Gordon outside, Nicholai dead, bars with words) and
    the Kit & knowledge panel (two items, two known facts) sit beside the story; above the
    choices the quiet line "◦ You now have Alexey's research." (muted, after its mark)."""
    assert snap_compare(app_for(), press=["n", "1", "1", "1"], terminal_size=WIDE)


def test_play_60x20(snap_compare: SnapCompare, app_for: MakeApp) -> None:
    """At 60x20 in the galley: text wraps, the two choices are visible, panels are hidden
    behind keys (c, t, i) listed in the footer; no notice line (the tie between Gordon and
    Nika is not told at the default level, first and big changes)."""
    assert snap_compare(app_for(), press=["n", "1"], terminal_size=SMALL)


# -- dialogs over the play screen ------------------------------------------------


def test_pause(snap_compare: SnapCompare, app_for: MakeApp) -> None:
    """The pause menu over the play screen: Resume, Save, Load, Settings, Help, Back to title."""
    assert snap_compare(app_for(), press=["n", "escape"], terminal_size=SIZE)


def test_crew(snap_compare: SnapCompare, app_for: MakeApp) -> None:
    """The crew dialog after taking the key: five crew, each with side, status and a trust
    bar with its word (Nicholai hostile); no numbers; under a trust that moved, where it
    last did (Weronika rose at The Cupola, Nicholai fell at Node 1)."""
    assert snap_compare(app_for(), press=["n", "1", "1", "c"], terminal_size=SIZE)


def test_crew_ties(snap_compare: SnapCompare, app_for: MakeApp) -> None:
    """Crew ties: Alexey and Nicholai loyal, Christian and Gordon trusting, Gordon and Nika
    loyal, each with a bar and a word, and "last rose at The Cupola" under Gordon and Nika;
    the footer offers esc Close and c Crew."""
    assert snap_compare(app_for(), press=["n", "1", "t"], terminal_size=SIZE)


def test_kit(snap_compare: SnapCompare, app_for: MakeApp) -> None:
    """Kit & knowledge after taking the key: carrying Weronika's key; known: the flashes."""
    assert snap_compare(app_for(), press=["n", "1", "1", "i"], terminal_size=SIZE)


def test_backlog_80x24(snap_compare: SnapCompare, app_for: MakeApp) -> None:
    """The backlog after two choices, at its newest page: The Lab "(you are here)" at the
    bottom, Node 1 above it with "→ Take the key she offers" and "You now have Weronika's
    key."; the frame says how to scroll, find and close."""
    assert snap_compare(app_for(), press=["n", "1", "1", "b"], terminal_size=SIZE)


def test_backlog_find_120x40(snap_compare: SnapCompare, app_for: MakeApp) -> None:
    """The backlog at 120x40 searching "key": the find line on top says "Match 2 of 3",
    every "key" marked, the current one (Take the key she offers) in black on yellow."""
    assert snap_compare(
        app_for(), press=["n", "1", "1", "b", "slash", *"key", "enter", "enter"], terminal_size=WIDE
    )


def played_to_the_float_ending(pilot: Pilot[int]) -> None:
    """A `run_before`: one run to the Float ending (the record keeps it), then a new game."""
    app = pilot.app
    assert isinstance(app, IssApp)
    app.start_new_game()
    run = app.playthrough
    assert run is not None
    for choice in ("look", "stay", "take_key", "give_seat"):
        previous = run.state
        run.take(choice)
        app.after_step(previous)
    app.start_new_game()
    app.clear_notifications()


def test_story_map_80x24(snap_compare: SnapCompare, app_for: MakeApp) -> None:
    """The story map's flowchart after a run to Float and a new game in the Lab: The Lab
    picked and centred in a double border with "◉ you are here" (also named in words
    above the chart), the heavy ━▶ line from Node 1's ✓ Take the key she offers into
    it, ✓ Give your seat to Nika drawn on towards the endings' column, the locked
    ◌ Cut the life support … ▷ ? (never seen where it leads), the act band's title
    "━━ Scenes" kept on the top line; never a word of the Soyuz scene."""
    assert snap_compare(
        app_for(),
        press=["1", "1", "m"],
        run_before=played_to_the_float_ending,
        terminal_size=SIZE,
    )


def test_story_map_120x40(snap_compare: SnapCompare, app_for: MakeApp) -> None:
    """The same map at 120x40 with wider boxes and The Cupola picked (Home): its title
    row reversed, ✓ Keep watching the flashes heavy into Node 1, the dashed ◌ Call Gordon
    joining it, the hidden panel a bare "◌ ?", Node 1's loop "↩ Node 1"; the chart is
    panned to the start, the endings out of view to the right."""
    assert snap_compare(
        app_for(),
        press=["1", "1", "m", "home"],
        run_before=played_to_the_float_ending,
        terminal_size=WIDE,
    )


def test_journal(snap_compare: SnapCompare, app_for: MakeApp) -> None:
    """The journal after two choices: The Cupola → Keep watching the flashes, Node 1 → Take
    the key she offers, and The Lab (you are here)."""
    assert snap_compare(app_for(), press=["n", "1", "1", "j"], terminal_size=SIZE)


def test_rewind(snap_compare: SnapCompare, app_for: MakeApp) -> None:
    """The rewind list: the two choices taken, the last one highlighted."""
    assert snap_compare(app_for(), press=["n", "1", "1", "r"], terminal_size=SIZE)


def test_save(snap_compare: SnapCompare, app_for: MakeApp) -> None:
    """The save dialog: an empty name field with its placeholder, and below it the slot
    "galley" (Node 1, dated 2026-03-14 09:30, 0s played, with an excerpt)."""
    before = saved_games(("galley", ("look",)))
    assert snap_compare(
        app_for(), run_before=before, press=["escape", "down", "enter"], terminal_size=SIZE
    )


def test_load(snap_compare: SnapCompare, app_for: MakeApp, saves: Path) -> None:
    """The load dialog from the title: "lab" and "galley" saves, newest first order by
    date (same fixed date, then by name), and an unreadable "junk" save dimmed with its
    problem; "d deletes · r renames" in the frame and the footer."""
    (saves / "station").mkdir(parents=True)
    (saves / "station" / "junk.save.json").write_text("{ not json", encoding="utf-8")

    async def before(pilot: Pilot[int]) -> None:
        saved_games(("galley", ("look",)), ("lab", ("take_key",)))(pilot)
        app = pilot.app
        assert isinstance(app, IssApp)
        app.back_to_title()
        await pilot.pause()

    assert snap_compare(app_for(), run_before=before, press=["l"], terminal_size=SIZE)


def test_overwrite_confirmation(snap_compare: SnapCompare, app_for: MakeApp) -> None:
    """Saving over "galley" asks "Write over the save “galley”?" with Yes (y) and No (n),
    No focused."""
    before = saved_games(("galley", ("look",)))
    assert snap_compare(
        app_for(),
        run_before=before,
        press=["escape", "down", "enter", "tab", "enter"],
        terminal_size=SIZE,
    )


# -- endings and errors ------------------------------------------------------------


def test_ending(snap_compare: SnapCompare, app_for: MakeApp) -> None:
    """The ending screen for The Fall: kind CANONICAL, the title, the epilogue, the crew
    summary (who lived or died, trust bars and words), 4 choices made, play time 0s, and
    below the fold "What mattered" and "Endings found: 1 of 3"."""
    assert snap_compare(app_for(), press=["n", "1", "1", "1", "1"], terminal_size=SIZE)


def test_endings_gallery_after_an_ending(snap_compare: SnapCompare, app_for: MakeApp) -> None:
    """The gallery after reaching The Fall: "✓ The Fall canonical · found 2026-03-14" and
    the two other endings still locked with their hints; "found 1 of 3"."""
    assert snap_compare(app_for(), press=["n", "1", "1", "1", "1", "e"], terminal_size=SIZE)


def test_story_errors(snap_compare: SnapCompare, app_for: MakeApp) -> None:
    """A story that fails to load: "2 problems in the story folder broken", then each
    diagnostic as broken/scenes.yaml:LINE:COL with its code, message and hint."""
    assert snap_compare(app_for(BROKEN), terminal_size=SIZE)
