"""Pilot tests: what mattered on the ending screen, rereading a found ending, and deleting
and renaming saves from the load screen (each asks first)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, OptionList, Static

from iss.ui.screens.confirm import ConfirmScreen
from iss.ui.screens.ending import EndingScreen
from iss.ui.screens.endings import EndingsScreen, EpilogueScreen
from iss.ui.screens.play import PlayScreen
from iss.ui.screens.saves import LoadScreen, RenameScreen
from iss.ui.screens.title import TitleScreen
from tests.ui.conftest import SIZE, TINY, MakeApp
from tests.ui.test_ending_moments import keys
from tests.ui.test_play_flow import shown

THE_FALL = ("n", "1", "1", "1", "1")
"""From the title to the station fixture's ending The Fall."""


async def test_what_mattered_names_the_choices_that_closed_endings(app_for: MakeApp) -> None:
    """The player's own choices and the other ways; the endings those ways led to only
    on `w` (named at once, they read as a checklist: blind reader R18)."""
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await keys(pilot, *THE_FALL)
        screen = app.screen
        assert isinstance(screen, EndingScreen)
        mattered = shown(screen.query_one("#mattered"))
        assert mattered.startswith("What mattered 1 The Lab You chose")
        assert (
            '"Cut the life support and see who comes." Instead, "Give your seat to Nika" could have led'
            " elsewhere." in mattered
        )
        assert "ending" not in mattered.replace("which endings those ways", "")
        assert mattered.endswith(
            "1-2 go back to that choice to choose again · w shows which endings those ways"
            " could have led to"
        )
        assert screen.check_action("ways", ()) is True  # "w Ways" in the footer
        await pilot.press("w")
        await pilot.pause()
        ways = shown(screen.query_one("#mattered"))
        assert '"Give your seat to Nika" could have led to an ending you have not found' in ways
        assert "Float" not in ways and "Reentry" not in ways  # not found: not named
        # As plain mode's :ways says: only the endings the choice turned away from.
        assert ways.startswith("Where the other ways led, of the endings your choice turned")
        assert mattered.startswith("What mattered")
        assert ways.endswith("choose again · w hides where those ways led")
        await pilot.press("w")
        await pilot.pause()
        assert shown(screen.query_one("#mattered")) == mattered


async def test_a_number_at_the_ending_goes_back_to_that_choice(app_for: MakeApp) -> None:
    """Each choice What mattered tells has a number; its key goes back to just before it,
    to choose again (replaying to another ending starts where the run turned, not at
    the start: blind reader R102 #10). A number with no choice does nothing."""
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await keys(pilot, *THE_FALL)
        ending = app.screen
        assert isinstance(ending, EndingScreen)
        soyuz = ending.numbered[1]
        await keys(pilot, "9")
        assert app.screen is ending
        assert soyuz.scene == "The Soyuz"
        await keys(pilot, "2")
        assert isinstance(app.screen, PlayScreen)
        run = app.playthrough
        assert run is not None and run.state.ending is None
        assert len(run.state.history) == soyuz.index
        assert run.story.scenes[run.state.scene].title == "The Soyuz"


async def test_what_mattered_is_weighed_in_a_thread(app_for: MakeApp) -> None:
    app = app_for(TINY)
    app.mattered_in_thread = True
    async with app.run_test(size=SIZE) as pilot:
        await keys(pilot, "n", "2", "2")  # wait, keep waiting: the burn
        assert isinstance(app.screen, EndingScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        mattered = shown(app.screen.query_one("#mattered"))
        assert 'The Hatch You chose "Wait for him to come to you."' in mattered
        assert '"Knock and ask what the order said" could have led elsewhere.' in mattered


async def test_out_of_time_the_ending_says_so(app_for: MakeApp) -> None:
    app = app_for(TINY)
    app.mattered_seconds = 0.0
    async with app.run_test(size=SIZE) as pilot:
        await keys(pilot, "n", "2", "2")
        mattered = shown(app.screen.query_one("#mattered"))
        assert mattered == ("What mattered There was no time to weigh your choices.")
        assert app.screen.check_action("ways", ()) is False  # nothing to show: no key


async def test_a_found_ending_reads_again_from_the_gallery(app_for: MakeApp) -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await keys(pilot, *THE_FALL, "e")
        assert isinstance(app.screen, EndingsScreen)
        endings = app.screen.query_one(OptionList)
        assert [endings.get_option_at_index(n).disabled for n in range(3)] == [False, True, True]
        await keys(pilot, "enter")
        assert isinstance(app.screen, EpilogueScreen)
        assert shown(app.screen.query_one("#reread-title")) == "The Fall"
        assert shown(app.screen.query_one("#reread-text")).startswith("The Soyuz drops away.")
        assert shown(app.screen.query_one("#reread-seen")) == "As you last read it, 2026-03-14."
        await keys(pilot, "escape")
        assert isinstance(app.screen, EndingsScreen)


async def test_an_ending_found_before_epilogues_were_kept_says_so(
    app_for: MakeApp, saves: Path
) -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await keys(pilot, *THE_FALL)
        assert app.records is not None
        app.records.record.epilogues.clear()  # as a record from an older version
        await keys(pilot, "e", "enter")
        assert isinstance(app.screen, EpilogueScreen)
        assert "reach it again to keep them" in shown(app.screen.query_one("#reread-text"))


async def test_delete_asks_first_and_no_keeps_the_save(app_for: MakeApp) -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        app.start_new_game()
        assert app.playthrough is not None
        app.playthrough.take("look")
        app.save_to("galley")
        app.save_to("lab")
        app.back_to_title()
        await keys(pilot, "l", "d")
        assert isinstance(app.screen, ConfirmScreen)
        assert "Delete the save “lab”?" in shown(app.screen.query_one(Static))
        await keys(pilot, "n")
        assert isinstance(app.screen, LoadScreen)
        assert app.records is not None
        assert {e.slot for e in app.records.named()} == {"galley", "lab"}
        await keys(pilot, "d", "y")
        assert isinstance(app.screen, LoadScreen)
        assert {e.slot for e in app.records.named()} == {"galley"}
        assert shown(app.screen.query_one("#said")) == "Deleted “lab”."
        slots = app.screen.query_one(OptionList)
        assert slots.get_option_at_index(slots.highlighted or 0).id == "galley"


async def test_rename_refuses_a_bad_name_then_renames(app_for: MakeApp) -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        app.start_new_game()
        app.save_to("galley")
        app.back_to_title()
        await keys(pilot, "l", "r")
        assert isinstance(app.screen, RenameScreen)
        field = app.screen.query_one(Input)
        assert field.value == "galley"
        field.value = "../up"
        await keys(pilot, "enter")
        assert isinstance(app.screen, RenameScreen)  # still open, with the reason
        assert "not “.” “/”" in shown(app.screen.query_one("#rules"))
        field.value = "Before the Hatch"
        await keys(pilot, "enter")
        assert isinstance(app.screen, LoadScreen)
        assert app.records is not None
        assert [e.slot for e in app.records.named()] == ["Before the Hatch"]
        slots = app.screen.query_one(OptionList)
        assert slots.get_option_at_index(slots.highlighted or 0).id == "Before the Hatch"
        await keys(pilot, "enter")  # and it loads by its new name
        assert not isinstance(app.screen, (LoadScreen, TitleScreen))
