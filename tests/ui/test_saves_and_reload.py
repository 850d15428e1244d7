"""Pilot tests: saving, loading, continuing, the record, hot reload and broken stories."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import Input, OptionList

from iss.engine.saves import Loaded
from iss.ui.screens.confirm import ConfirmScreen
from iss.ui.screens.ending import EndingScreen
from iss.ui.screens.endings import EndingsScreen
from iss.ui.screens.journal import JournalScreen
from iss.ui.screens.play import PlayScreen
from iss.ui.screens.saves import AUTOSAVES, LoadScreen, SaveScreen, default_name
from iss.ui.screens.story_errors import StoryErrorsScreen
from iss.ui.screens.title import TitleScreen
from iss.ui.widgets.choice_list import ChoiceList
from iss.ui.widgets.title_menu import TitleMenu
from tests.ui.conftest import BROKEN, SIZE, TINY, MakeApp


def history(app: object) -> tuple[str, ...]:
    run = getattr(app, "playthrough", None)
    assert run is not None
    return tuple(run.state.history)


async def test_save_then_load_from_the_title(app_for: MakeApp) -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "1", "escape")
        await pilot.press("down", "enter")  # Save
        assert isinstance(app.screen, SaveScreen)
        app.screen.query_one("#name", Input).value = "before the key"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        folder = app.save_dir / "station"  # the story's own folder
        assert (folder / "before-the-key.save.json").is_file() or any(
            p.name.startswith("before") for p in folder.iterdir()
        )
        await pilot.press("1")  # move on, then go back to the title and load
        assert history(app) == ("look", "take_key")
        await pilot.press("escape", "end", "up", "enter")  # Back to title (Quit is last)
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        await pilot.press("l")
        assert isinstance(app.screen, LoadScreen)
        slots = app.screen.query_one("#slots", OptionList)
        ids = [slots.get_option_at_index(i).id for i in range(slots.option_count)]
        assert "before the key" in ids
        slots.highlighted = ids.index("before the key")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert history(app) == ("look",)


async def test_saving_over_a_slot_asks_first(app_for: MakeApp) -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        assert app.save_to("mine")
        await pilot.press("1")
        app.open_save()
        await pilot.pause()
        await pilot.press("tab", "enter")  # pick the existing slot
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert isinstance(app.screen, SaveScreen)
        await pilot.press("enter")
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert app.records is not None
        loaded = app.records.load("mine")
        assert isinstance(loaded, Loaded)
        assert loaded.state.history == ("look",)


async def test_continue_resumes_the_newest_autosave(app_for: MakeApp, saves: Path) -> None:
    first = app_for()
    async with first.run_test(size=SIZE) as pilot:
        await pilot.press("n", "1", "1")
    second = app_for()
    async with second.run_test(size=SIZE) as pilot:
        menu = second.screen.query_one("#menu", TitleMenu)
        assert not menu.get_option("continue").disabled
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(second.screen, PlayScreen)
        assert history(second) == ("look", "take_key")


async def test_continue_is_disabled_without_saves(app_for: MakeApp) -> None:
    app = app_for()
    async with app.run_test(size=SIZE):
        menu = app.screen.query_one("#menu", TitleMenu)
        assert menu.get_option("continue").disabled


async def test_quicksave_and_quickload(app_for: MakeApp) -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "1", "f5", "1")
        assert history(app) == ("look", "take_key")
        await pilot.press("f9")  # a choice since the quicksave: F9 asks first
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert history(app) == ("look", "take_key")
        await pilot.press("f9", "y")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert history(app) == ("look",)
        await pilot.press("f9")  # nothing to lose now: no question
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert history(app) == ("look",)


async def test_f9_without_a_quicksave_says_so_and_asks_nothing(app_for: MakeApp) -> None:
    app = app_for()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("n", "1", "f9")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)  # no question, no failed load
        assert history(app) == ("look",)
        assert any("no quicksave yet" in str(line) for line in app.screen.notices)
        assert not app._notifications


async def test_a_broken_save_is_listed_with_its_problem(app_for: MakeApp, saves: Path) -> None:
    (saves / "station").mkdir(parents=True)
    (saves / "station" / "junk.save.json").write_text("{ not json", encoding="utf-8")
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l")
        slots = app.screen.query_one("#slots", OptionList)
        junk = slots.get_option("junk")
        assert junk.disabled
        assert "can't be loaded" in str(junk.prompt)


async def test_choices_taken_before_get_a_mark(app_for: MakeApp) -> None:
    app = app_for(TINY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "1", "1")
        assert isinstance(app.screen, EndingScreen)
        await pilot.press("enter", "n")
        await pilot.pause()
        lines = app.screen.query_one(ChoiceList).lines
        assert [line.taken_before for line in lines] == [True, False]
        assert "✓ taken before" in str(
            app.screen.query_one(ChoiceList).get_option("ask_him").prompt
        )


async def test_a_story_with_errors_shows_its_diagnostics(app_for: MakeApp) -> None:
    app = app_for(BROKEN)
    async with app.run_test(size=SIZE):
        assert isinstance(app.screen, StoryErrorsScreen)
        codes = [d.code for d in app.screen.diagnostics]
        assert codes == ["E141", "E130"]
        assert app.screen.diagnostics[0].line == 5


async def test_hot_reload_resumes_and_reports_errors(app_for: MakeApp, story_copy: Path) -> None:
    app = app_for(story_copy)
    scenes = story_copy / "scenes.yaml"
    good = scenes.read_text(encoding="utf-8")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "1", "1")
        assert history(app) == ("look", "take_key")
        # an edit with a mistake: the errors show, the game keeps the last good story
        scenes.write_text(good.replace("go: soyuz", "go: nowhere"), encoding="utf-8")
        await pilot.press("ctrl+r")
        assert isinstance(app.screen, StoryErrorsScreen)
        assert not app.screen.fatal
        await pilot.press("escape")
        assert isinstance(app.screen, PlayScreen)
        assert history(app) == ("look", "take_key")
        # a clean edit that renames a choice taken: resume before it, and say so
        manifest = story_copy / "story.yaml"
        manifest.write_text(
            manifest.read_text(encoding="utf-8").replace("take_key", "accept_key"),
            encoding="utf-8",
        )
        scenes.write_text(
            good.replace("id: take_key", "id: accept_key").replace(
                "Nika floats by", "Nika drifts by"
            ),
            encoding="utf-8",
        )
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert history(app) == ("look",)
        assert app.playthrough is not None
        assert "Nika drifts by" in "".join(s.text for s in app.playthrough.text())


async def test_command_palette_offers_the_game_commands(app_for: MakeApp) -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Save", "Load", "Journal", "Crew", "Endings", "Settings", "Theme"} <= titles
        assert {"Kit", "Rewind", "Quicksave", "Quickload", "New game", "Back to title"} <= titles
        assert not {"Maximize", "Minimize", "Keys"} & titles  # Textual's, meaningless here


async def test_the_pause_menu_opens_the_journal_and_endings_and_quits(app_for: MakeApp) -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "escape")
        menu = app.screen.query_one(OptionList)
        ids = [menu.get_option_at_index(n).id for n in range(menu.option_count)]
        assert ids[-1] == "quit" and {"journal", "endings"} <= set(ids)
        assert app.screen.query_one(".dialog").size.width < 40  # fits its words, not 64
        menu.highlighted = ids.index("journal")
        await pilot.press("enter")
        assert isinstance(app.screen, JournalScreen)
        await pilot.press("escape", "escape")
        menu = app.screen.query_one(OptionList)
        menu.highlighted = ids.index("endings")
        await pilot.press("enter")
        assert isinstance(app.screen, EndingsScreen)
        await pilot.press("escape", "escape")
        menu = app.screen.query_one(OptionList)
        menu.highlighted = ids.index("quit")
        await pilot.press("enter")
        await pilot.pause()
    assert app.return_code == 0


BUNDLED = Path(__file__).resolve().parents[2] / "story"


async def test_continue_resumes_the_quickload_not_the_branch_undone(
    app_for: MakeApp, saves: Path
) -> None:
    """Issue 12's repro on the real story: 1 1 1, F5, 1 4, F9, quit, relaunch, Continue.
    Continue used to resume the last autosave, made on the branch the F9 undid."""
    first = app_for(BUNDLED)
    async with first.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("1", "1", "1", "f5", "1", "4")
        await pilot.pause()
        await pilot.press("f9", "y")
        await pilot.pause()
        assert first.playthrough is not None
        quickloaded = first.playthrough.state
    second = app_for(BUNDLED)
    async with second.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(second.screen, PlayScreen)
        assert second.playthrough is not None
        assert second.playthrough.state == quickloaded


async def test_continue_resumes_a_loaded_named_save(app_for: MakeApp) -> None:
    first = app_for()
    async with first.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        assert first.save_to("early")
        await pilot.press("1", "1")
        first.load_game("early")
        await pilot.pause()
        assert history(first) == ()
    second = app_for()
    async with second.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(second.screen, PlayScreen)
        assert history(second) == ()


async def test_continue_after_an_ending_offers_the_ending_screen(app_for: MakeApp) -> None:
    first = app_for(TINY)
    async with first.run_test(size=SIZE) as pilot:
        await pilot.press("n", "1", "1")  # ask_him, take_the_key: home
        await pilot.pause()
        assert isinstance(first.screen, EndingScreen)
    second = app_for(TINY)
    async with second.run_test(size=SIZE) as pilot:
        menu = second.screen.query_one("#menu", TitleMenu)
        assert "ended" in str(menu.get_option("continue").prompt)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(second.screen, EndingScreen)  # not the scene before it
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(second.screen, TitleScreen)


async def test_autosaves_sit_in_one_line_under_the_named_saves(app_for: MakeApp) -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "1", "1")  # two choices: two autosaves
        await pilot.pause()
        assert app.save_to("mine")
        app.open_load()
        await pilot.pause()
        assert isinstance(app.screen, LoadScreen)
        slots = app.screen.query_one("#slots", OptionList)
        ids = [slots.get_option_at_index(n).id for n in range(slots.option_count)]
        assert ids == ["mine", AUTOSAVES]  # the autosaves closed
        slots.highlighted = 1
        await pilot.press("enter")
        ids = [slots.get_option_at_index(n).id for n in range(slots.option_count)]
        assert ids[:2] == ["mine", AUTOSAVES] and len(ids) >= 4  # the autosaves, opened
        assert all(slot is not None and slot.startswith("auto-") for slot in ids[2:])
        await pilot.press("enter")  # closes them again
        assert slots.option_count == 2


async def test_a_save_is_offered_a_name_from_the_scene(app_for: MakeApp) -> None:
    assert default_name("Node 1", set()) == "Node 1"
    assert default_name("Node 1", {"node 1"}) == "Node 1 2"
    assert default_name("“The Cupola”!", set()) == "The Cupola"
    assert default_name("???", set()) == "save"
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "1")
        await pilot.pause()
        app.open_save()
        await pilot.pause()
        assert isinstance(app.screen, SaveScreen)
        assert app.screen.query_one("#name", Input).value == "Node 1"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert app.records is not None
        assert "Node 1" in {entry.slot for entry in app.records.named()}


async def test_a_choice_reworded_by_the_route_is_not_marked(
    app_for: MakeApp, tmp_path: Path
) -> None:
    """The ✓ follows the words taken (`iss.engine.choice_labels`), not the id alone."""
    story = tmp_path / "tiny"
    shutil.copytree(TINY, story)
    scenes = story / "scenes.yaml"
    text = scenes.read_text(encoding="utf-8")
    old = "        text: Keep waiting\n"
    assert old in text
    new = '        text: "{if flag.asked_alexey: Keep waiting, key or no key | Keep waiting}"\n'
    scenes.write_text(text.replace(old, new), encoding="utf-8")
    app = app_for(story)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "2", "2")  # wait, then "Keep waiting" until the station burns
        assert isinstance(app.screen, EndingScreen)
        await pilot.press("enter", "n", "1")  # ask him: the same choice, in other words
        await pilot.pause()
        lines = app.screen.query_one(ChoiceList).lines
        assert [line.taken_before for line in lines] == [False, False]
