"""Pilot tests: play from the title screen to an ending, pressing keys as a player."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console
from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList, Static

from iss.notices import PAIR_WARMER, WARMER
from iss.settings import Settings
from iss.ui.messages import StepTaken
from iss.ui.screens.ending import EndingScreen
from iss.ui.screens.endings import EndingsScreen
from iss.ui.screens.journal import JournalScreen
from iss.ui.screens.play import PlayScreen
from iss.ui.screens.title import TitleScreen
from iss.ui.widgets.choice_list import ChoiceList
from iss.ui.widgets.scene_text import SceneText
from iss.ui.widgets.station_header import StationHeader
from tests.conftest import ROOT
from tests.ui.conftest import SIZE, TINY, MakeApp

PASSING = ROOT / "tests" / "fixtures" / "passing"


def shown(widget: object) -> str:
    """The plain text a Static currently shows, as a wide terminal would print it."""
    assert isinstance(widget, Static)
    console = Console(width=200, record=True, file=io.StringIO(), color_system=None)
    console.print(widget.content)
    return " ".join(console.export_text().split())


async def test_tiny_story_from_title_to_ending(app_for: MakeApp) -> None:
    app = app_for(TINY)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, TitleScreen)
        await pilot.press("enter")  # "New game" is highlighted
        assert isinstance(app.screen, PlayScreen)
        header = shown(app.screen.query_one(StationHeader))
        assert "The Hatch" in header and "Node 1" in header and "2h to reentry" in header
        assert "Alexey is waiting." in shown(app.screen.query_one(SceneText))
        await pilot.press("1")  # Knock and ask
        assert app.playthrough is not None
        assert app.playthrough.state.scene == "the_key"
        assert "1h 50m to reentry" in shown(app.screen.query_one(StationHeader))
        await pilot.press("enter")  # the highlighted first choice: Take the key
        await pilot.pause()
        assert isinstance(app.screen, EndingScreen)
        epilogue = shown(app.screen.query_one("#epilogue"))
        assert "You fall toward the ocean" in epilogue
        summary = shown(app.screen.query_one("#found"))
        assert summary == "Endings found: 1 of 2, this one new"
        await pilot.press("e")
        assert isinstance(app.screen, EndingsScreen)
        await pilot.press("escape", "enter")
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)


async def test_arrow_keys_and_enter_pick_a_choice(app_for: MakeApp) -> None:
    app = app_for(TINY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "down", "enter")
        assert app.playthrough is not None
        assert app.playthrough.state.history == ("wait",)


async def test_clicking_a_choice_takes_it(app_for: MakeApp) -> None:
    app = app_for(TINY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.click(ChoiceList, offset=(6, 2))  # row 0 is the border, 1 the first choice
        await pilot.pause()
        assert app.playthrough is not None
        assert app.playthrough.state.history == ("wait",)


async def test_locked_choices_are_dimmed_with_reason_and_cannot_be_taken(
    app_for: MakeApp,
) -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        choices = app.screen.query_one(ChoiceList)
        locked = choices.get_option("call_gordon")
        assert locked.disabled
        assert "locked: Christian keeps Gordon busy in the lab" in str(locked.prompt)
        # the hidden, unavailable choice is not listed at all
        assert [line.view.id for line in choices.lines] == ["look", "call_gordon"]
        assert [line.number for line in choices.lines] == [1, 2]
        await pilot.press("2")  # the locked choice keeps its number, and says why it is locked
        await pilot.pause()
        assert [n.message for n in app._notifications] == [
            "Choice 2 is locked: Christian keeps Gordon busy in the lab."
        ]
        await pilot.click(ChoiceList, offset=(6, 2))  # the locked line
        await pilot.pause()
        assert app.playthrough is not None
        assert app.playthrough.state.history in ((), ("look",))
        assert "call_gordon" not in app.playthrough.state.history


async def test_trust_notices_sit_above_the_choices_and_never_show_numbers(
    app_for: MakeApp,
) -> None:
    app = app_for(settings=Settings(effect="off", notices="all"))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("n")
        notice = app.screen.query_one("#notice", Static)
        assert not notice.display  # nothing has changed yet
        notices: list[str] = []
        for _ in range(2):
            await pilot.press("1")
            await pilot.pause()
            assert notice.display
            notices.append(str(notice.render()))
        text = "\n".join(notices)
        assert any(warm.format(who="Alexey") in text for warm in WARMER)  # wary to neutral
        # Nika stays neutral: a small move says nothing (only the pair line names her)
        assert all("Gordon" in line for line in text.splitlines() if "Nika" in line)
        assert any(p.format(who="Gordon", other="Nika") in text for p in PAIR_WARMER)
        assert "You now have Weronika's key." in text
        assert not any(ch.isdigit() for ch in text)
        assert not app._notifications  # nothing covers the text


async def test_story_markup_stays_plain_text(app_for: MakeApp) -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        text = app.screen.query_one(SceneText)
        plain = shown(text)
        assert "[@click=app.quit]" in plain
        assert "[link=https://x]click me[/link]" in plain
        content = text.content
        assert isinstance(content, Text)
        assert not any(
            "link" in str(span.style) or "@" in str(span.style) for span in content.spans
        )
        await pilot.click(SceneText, offset=(20, 4))  # where the fake action is
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, PlayScreen)


async def test_air_shows_only_once_life_support_is_cut(app_for: MakeApp) -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "1", "1")
        assert "of air" not in shown(app.screen.query_one(StationHeader))
        await pilot.press("1")  # cut the power
        header = shown(app.screen.query_one(StationHeader))
        assert "1h 30m of air" in header and "to reentry" in header


async def test_journal_lists_scenes_and_choices(app_for: MakeApp) -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "1", "j")
        assert isinstance(app.screen, JournalScreen)
        journal = shown(app.screen.query_one("#journal Static"))
        assert "The Cupola" in journal and "Keep watching the flashes" in journal
        assert "Node 1" in journal and "(you are here)" in journal
        await pilot.press("escape")
        assert isinstance(app.screen, PlayScreen)


async def test_rewind_returns_to_an_earlier_choice(app_for: MakeApp) -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "1", "1", "r")
        points = app.screen.query_one("#points", OptionList)
        assert points.option_count == 2
        await pilot.press("up", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert app.playthrough is not None
        assert app.playthrough.state.history == ()
        assert app.playthrough.state.scene == "cupola"


async def test_layout_survives_resizing(app_for: MakeApp) -> None:
    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        side = app.screen.query_one("#side")
        assert side.display
        for size in ((60, 20), (80, 24), (200, 60), (40, 12), (120, 40)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert isinstance(app.screen, PlayScreen)
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        assert not side.display
        await pilot.press("c")
        assert "Alexey Pulov" in shown(app.screen.query_one("VerticalScroll Static"))


async def test_no_color_is_respected_and_nothing_relies_on_colour(
    app_for: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        assert app.no_color
        await pilot.press("n")
        locked = app.screen.query_one(ChoiceList).get_option("call_gordon")
        assert "locked:" in str(locked.prompt)
        await pilot.press("c")
        crew = shown(app.screen.query_one("VerticalScroll Static"))
        assert "trust ███████░░░ trusting" in crew


async def test_each_choice_posts_a_step_to_the_app(app_for: MakeApp) -> None:
    steps: list[StepTaken] = []

    def hook(message: Message) -> None:
        if isinstance(message, StepTaken) and all(message is not s for s in steps):
            steps.append(message)  # the hook sees it at the screen and again at the app

    app = app_for(TINY)
    async with app.run_test(size=SIZE, message_hook=hook) as pilot:
        await pilot.press("n", "1", "1")
        await pilot.pause()
    assert [s.choice_id for s in steps] == ["ask_him", "take_the_key"]
    assert steps[0].previous.scene == "hatch"
    assert any(type(e).__name__ == "TrustChanged" for e in steps[0].events)


async def test_play_time_stops_while_paused(app_for: MakeApp) -> None:
    now = [0.0]
    app = app_for(TINY, clock=lambda: now[0])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        now[0] = 10.0
        await pilot.press("escape")  # the pause menu: the clock stops
        now[0] = 500.0
        await pilot.press("escape")
        now[0] = 520.0
        await pilot.press("1", "1")
        await pilot.pause()
        assert isinstance(app.screen, EndingScreen)
        assert app.playthrough is not None
        assert app.playthrough.play_seconds == 30
        assert "Play time 30s" in shown(app.screen.query_one("#summary"))


async def test_page_keys_scroll_a_long_scene(app_for: MakeApp, tmp_path: Path) -> None:
    story = tmp_path / "long"
    story.mkdir()
    (story / "story.yaml").write_text((TINY / "story.yaml").read_text(encoding="utf-8"))
    long_text = "\n\n".join(f"      Paragraph {n} of a long scene." for n in range(40))
    scenes = (TINY / "scenes.yaml").read_text(encoding="utf-8")
    scenes = scenes.replace("      *waiting*.\n", "      *waiting*.\n\n" + long_text + "\n")
    (story / "scenes.yaml").write_text(scenes, encoding="utf-8")
    app = app_for(story)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        scene = app.screen.query_one("#scene")
        assert scene.scroll_y == 0
        await pilot.press("pagedown")
        await pilot.pause()
        assert scene.scroll_y > 0
        await pilot.press("pageup")
        await pilot.pause()
        assert scene.scroll_y == 0


async def test_a_new_game_shows_the_scene_the_start_passed_through(
    app_for: MakeApp, tmp_path: Path
) -> None:
    """The start scene's fallback is taken at once; its text was never shown in the UI."""
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "story.yaml").write_text(
        "title: Intro\nstart: intro\ncharacters:\n"
        "  kira: {name: Dr. Kira Foster, side: US, player: true}\n"
        "endings:\n  good: {title: Good, kind: good, canonical: true}\n",
        encoding="utf-8",
    )
    (folder / "scenes.yaml").write_text(
        "scenes:\n"
        "  intro:\n    text: The station wakes around you, one module at a time.\n"
        "    choices:\n      - {fallback: true, go: hatch}\n"
        "  hatch:\n    text: You stand at the hatch, and it is closed for now.\n"
        "    choices:\n      - {id: open, text: Open it, go: home}\n"
        "  home: {text: You are home at last and the air is sweet., ending: good}\n",
        encoding="utf-8",
    )
    app = app_for(folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # New game
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert "closed for now" in shown(app.screen.query_one(SceneText))
        assert "one module at a time" in shown(app.screen.query_one("#notice"))


async def test_a_new_game_after_the_first_draws_a_fresh_seed(app_for: MakeApp) -> None:
    """`iss play` without `--seed`: the session's first game takes the seed the command
    drew, and every new game after it (a replay from the ending or the title) draws
    another, so its `{shuffle}` text is not the last run's. Before, every game of a
    session reused the first seed."""
    seeds = iter([11, 12])
    app = app_for(TINY, seed=5, next_seed=lambda: next(seeds))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # "New game"
        assert app.playthrough is not None and app.playthrough.state.seed == 5
        await pilot.press("1", "enter")
        await pilot.pause()
        assert isinstance(app.screen, EndingScreen)
        app.start_new_game()  # what "New game" on the title and in the palette call
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert app.playthrough.state.seed == 11
        app.start_new_game()
        await pilot.pause()
        assert app.playthrough.state.seed == 12


async def test_a_seed_asked_for_holds_for_every_game_of_the_session(app_for: MakeApp) -> None:
    """`iss play --seed N` (and every test): no `next_seed`, so each new game takes N."""
    app = app_for(TINY, seed=5)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        app.start_new_game()
        await pilot.pause()
        assert app.playthrough is not None and app.playthrough.state.seed == 5


async def test_the_ending_shows_the_scenes_its_last_step_passed_through(
    app_for: MakeApp,
) -> None:
    """`undock` has only its fallback: the step passes through it into the ending, and
    the ending screen is the only place its text can be read."""
    app = app_for(PASSING)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "2")
        await pilot.pause()
        assert isinstance(app.screen, EndingScreen)
        assert shown(app.screen.query_one("#passed-0")) == "The hooks let go, one after another."
        assert shown(app.screen.query_one("#epilogue")) == "Home, under a parachute in the steppe."


async def test_a_refresh_after_the_ending_replaced_the_play_screen_is_harmless(
    app_for: MakeApp,
) -> None:
    """Keys typed fast while the typewriter ran: the play screen's follow-up after a
    refresh (keep the newest line in sight, "more text below") ran once the ending had
    replaced the screen, and the app died on NoMatches."""
    app = app_for(TINY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        play = app.screen
        assert isinstance(play, PlayScreen)
        await pilot.press("1", "enter")
        await pilot.pause()
        assert isinstance(app.screen, EndingScreen)
        play.following = True
        play._keep_up()
        play._more_below()
