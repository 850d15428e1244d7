"""Replays show what is new: paragraphs read in an earlier playthrough are dimmed, or
folded behind one line per scene that `e` or a click unfolds (the "Read text" setting),
and the typewriter types only the new ones."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from rich.console import Console
from rich.style import Style
from rich.text import Text
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widgets import OptionList

from iss.engine.read_text import digests, read_paragraphs
from iss.engine.runner import new_game, scene_text
from iss.engine.spans import Span
from iss.settings import Settings, load_settings, save_settings
from iss.ui.app import IssApp
from iss.ui.read_text import FOLD_ROOM, ReadStyles, fold_line, passed_fold_line, scene_shown
from iss.ui.screens.play import PlayScreen
from iss.ui.widgets.scene_text import SceneText, typed_to
from tests.ui.conftest import ROOT, SIZE, MakeApp
from tests.ui.test_play_flow import shown

REPLAY = ROOT / "tests" / "fixtures" / "replay"
PASSING = ROOT / "tests" / "fixtures" / "replay_passing"
"""The start, and the locker's choices, pass through a scene by its fallback."""

KNOCKED = "Someone knocks back from the other side, twice."
COLD = "The hatch is cold under your glove, and the gauge needle shivers."
AMBER = "The light above the hatch turns from red to amber."
"""The hatch's last paragraph: what the choice answers, shown even when read."""


async def play_once_then_replay(pilot: Pilot[int], first: str = "wait") -> None:
    """A first playthrough (`first`, then open), then a new one that knocks: the hatch
    then has one new paragraph between read ones."""
    app = pilot.app
    assert isinstance(app, IssApp)
    for choice in (first, "knock"):
        app.start_new_game()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlayScreen)
        screen.take(choice)
        await pilot.pause()
        if choice == first:
            screen.take("open")
            await pilot.pause()
    await pilot.pause()


def colour_at(text: Text, offset: int) -> str | None:
    """The colour of the character at `offset` (None: the widget's own)."""
    color = text.get_style_at_offset(Console(), offset).color
    return None if color is None else color.name


def text_of(app: IssApp) -> SceneText:
    return app.screen.query_one(SceneText)


def test_the_reveal_skips_the_ranges_that_come_at_once() -> None:
    ranges = [(0, 10), (15, 30)]
    assert typed_to(0, ranges, 40) == 10  # the first range at once
    assert typed_to(3, ranges, 40) == 13  # then typing
    assert typed_to(5, ranges, 40) == 30  # reaching a range shows it whole
    assert typed_to(7, ranges, 40) == 32
    assert typed_to(99, ranges, 40) == 40
    assert typed_to(4, [], 40) == 4


async def test_a_replay_dims_what_was_read_and_the_first_run_dims_nothing(
    app_for: MakeApp,
) -> None:
    app = app_for(REPLAY)
    async with app.run_test(size=SIZE) as pilot:
        app.start_new_game()
        await pilot.pause()
        first = text_of(app).full_text
        assert all(colour_at(first, n) is None for n in range(len(first)))
        await play_once_then_replay(pilot)
        widget = text_of(app)
        full = widget.full_text
        muted = widget.get_component_rich_style("scene-text--read").color
        assert muted is not None
        paragraphs = full.plain.split("\n\n")
        assert paragraphs[:2] == [COLD, KNOCKED]
        starts = [full.plain.index(p) for p in paragraphs]
        assert [colour_at(full, s) for s in starts] == [muted.name, None, *[muted.name] * 3]
        assert isinstance(app.screen, PlayScreen) and app.screen.folds == ()


async def test_folded_runs_unfold_by_key_or_by_click(app_for: MakeApp) -> None:
    """Two runs folded, one line for both (blind reader R18 read a line per run as
    clutter), where the first sat; a click on it, or `e`, unfolds them all. The
    scene's last paragraph, what the choices answer, is shown (dimmed, as read)."""
    app = app_for(REPLAY, settings=Settings(effect="off", read_text="folded"))
    async with app.run_test(size=SIZE) as pilot:
        await play_once_then_replay(pilot)
        screen = app.screen
        assert isinstance(screen, PlayScreen)
        widget = text_of(app)
        assert shown(widget) == (
            f"⋯ 3 paragraphs read, here and below · e shows them {KNOCKED} {AMBER}"
        )
        assert list(screen.folds) == [0, 2]
        full = widget.full_text
        muted = widget.get_component_rich_style("scene-text--read").color
        assert muted is not None
        assert colour_at(full, full.plain.index(AMBER)) == muted.name
        assert colour_at(full, full.plain.index(KNOCKED)) is None
        assert screen.check_action("unfold", ()) is True  # "e Unfold" in the footer
        await pilot.click(SceneText, offset=(4, 1))  # the fold line
        await pilot.pause()
        assert shown(widget).startswith(f"{COLD} {KNOCKED} Gordon puts his helmet")
        assert screen.folds == () and screen.check_action("unfold", ()) is False
        app.start_new_game()  # the locker, read whole before: all but its last fold
        await pilot.pause()
        screen, widget = app.screen, text_of(app)
        assert isinstance(screen, PlayScreen)
        gloves = "Gordon checks his gloves twice, then a third time."
        assert shown(widget) == f"⋯ 1 paragraph read before · e shows it {gloves}"
        await pilot.press("e")
        await pilot.pause()
        assert "read before" not in shown(widget) and "The suits hang" in shown(widget)
        assert screen.folds == () and screen.check_action("unfold", ()) is False


async def test_the_unfold_key_hides_when_nothing_is_folded(app_for: MakeApp) -> None:
    app = app_for(REPLAY, settings=Settings(effect="off", read_text="folded"))
    async with app.run_test(size=SIZE) as pilot:
        app.start_new_game()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlayScreen)
        assert screen.check_action("unfold", ()) is False
        await pilot.press("e")  # nothing folded: nothing happens
        assert screen.folds == ()


async def test_shown_as_new_looks_like_new_text(app_for: MakeApp) -> None:
    app = app_for(REPLAY, settings=Settings(effect="off", read_text="new"))
    async with app.run_test(size=SIZE) as pilot:
        await play_once_then_replay(pilot)
        full = text_of(app).full_text
        assert all(colour_at(full, n) is None for n in range(len(full)))
        assert full.plain.split("\n\n")[1] == KNOCKED


async def test_the_typewriter_types_only_new_paragraphs(app_for: MakeApp) -> None:
    now = [0.0]
    settings = Settings(effect="typewriter", speed="slow")  # 270 characters a second
    app = app_for(REPLAY, settings=settings, clock=lambda: now[0])
    async with app.run_test(size=SIZE) as pilot:
        await play_once_then_replay(pilot)
        widget = text_of(app)
        assert widget.revealing
        assert widget.shown_chars == len(COLD)  # read: at once
        now[0] = 0.1  # 27 characters typed: into the new paragraph
        widget.tick()
        assert widget.shown_chars == len(COLD) + 27 and widget.revealing
        now[0] = 0.2  # the new paragraph typed; the read ones after it come at once
        widget.tick()
        assert not widget.revealing
        assert widget.shown_chars == len(widget.full_text.plain)


async def test_a_scene_read_whole_appears_at_once_with_the_typewriter(app_for: MakeApp) -> None:
    now = [0.0]
    app = app_for(REPLAY, settings=Settings(effect="typewriter"), clock=lambda: now[0])
    async with app.run_test(size=SIZE) as pilot:
        await play_once_then_replay(pilot)
        app.start_new_game()  # the locker, read whole before
        await pilot.pause()
        assert not text_of(app).revealing


async def test_changing_the_setting_redraws_the_scene_behind_the_menu(app_for: MakeApp) -> None:
    app = app_for(REPLAY)
    async with app.run_test(size=SIZE) as pilot:
        await play_once_then_replay(pilot)
        await pilot.press("escape")
        app.settings.read_text = "folded"
        await pilot.press("escape")
        await pilot.pause()
        assert shown(text_of(app)).startswith("⋯ 3 paragraphs read, here and below")


async def test_the_setting_cycles_in_settings_and_is_kept(app_for: MakeApp, saves: Path) -> None:
    app = app_for(REPLAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "down", "down", "down")
        await pilot.press("enter")
        assert app.settings.read_text == "folded"
        await pilot.press("enter")
        assert app.settings.read_text == "new"
        prompt = app.screen.query_one(OptionList).get_option("read").prompt
        assert str(prompt) == "Read text       shown as new"
    assert load_settings(saves).read_text == "new"
    save_settings(Settings(read_text="bogus"), saves)
    assert load_settings(saves).read_text == "dimmed"  # an unknown value: the default


async def test_the_scenes_a_fallback_passed_through_are_noted_as_read(app_for: MakeApp) -> None:
    """Shown in the notice above the choices, they were read as much as the scene itself."""
    app = app_for(PASSING)
    async with app.run_test(size=SIZE) as pilot:
        app.start_new_game()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlayScreen)
        screen.take("knock")
        await pilot.pause()
        assert app.records is not None
        read = app.records.record.read
        story = app.story_or_fail()
        for scene in ("wake", "corridor"):
            text = scene_text(story, replace(new_game(story).state, scene=scene))
            assert len(digests(text)) == 2 and set(digests(text)) <= read, scene


async def test_a_scene_passed_through_folds_or_dims_in_the_notice_on_a_replay(
    app_for: MakeApp,
) -> None:
    """The text a fallback passed through sits in the notice above the choices; read in
    an earlier playthrough it follows Read text there too (the backlog has it whole)."""
    waking = "The sleeping bag lets go of you one zip at a time."
    for mode in ("folded", "dimmed", "new"):
        app = app_for(PASSING, settings=Settings(effect="off", read_text=mode))
        async with app.run_test(size=SIZE) as pilot:
            for _ in range(2):
                app.start_new_game()
                await pilot.pause()
            screen = app.screen
            assert isinstance(screen, PlayScreen)
            notice = shown(screen.query_one("#notice"))
            [told] = screen.notices
            if mode == "folded":  # the scene's last paragraph is shown, as in a scene
                fold = "⋯ 1 paragraph read before · b, the backlog, shows it"
                assert notice == f"{fold} Somewhere aft a fan changes its note."
            else:
                assert waking in notice
                assert isinstance(told, str) is (mode == "new"), mode  # dimmed: styled


def test_a_read_paragraph_with_a_figure_is_never_folded() -> None:
    """The record reads every digit as 0, so "reads 5h" counts as read when this run's
    board says 3h; folded, a blind reader (R14) lost the run's clock. It is shown
    (dimmed, as read), and the read runs around it fold behind one line."""
    said = [
        "The whiteboard hangs by the hatch.",
        "It reads 5h.",
        "Gordon looks away.",
        "The marker turns on its string.",
        "Go.",
    ]
    read = set(digests([Span("\n\n".join(said))]))
    spans = [Span("\n\n".join([said[0], "It reads 3h.", *said[2:]]))]
    paragraphs = read_paragraphs(spans, read)
    assert [p.read for p in paragraphs] == [True] * 5
    assert [p.foldable for p in paragraphs] == [True, False, True, True, False]
    dim = Style(color="grey50")
    shown_ = scene_shown(paragraphs, "folded", ReadStyles(dim, Style()))
    assert shown_.text.plain.split("\n\n") == [fold_line(3, 2), "It reads 3h.", "Go."]
    assert shown_.folds == (0, 2)
    assert colour_at(shown_.text, shown_.text.plain.index("3h")) == "grey50"


def test_fold_lines_keep_to_the_room_of_the_narrowest_text() -> None:
    for count in (2, 99, 999):
        for runs in (1, 2):
            assert len(fold_line(count, runs)) <= FOLD_ROOM
            assert len(fold_line(count, runs, elsewhere=True)) <= FOLD_ROOM
        assert len(passed_fold_line(count)) <= 58  # the notice, at 100x30
    assert fold_line(1).endswith("· e shows it")
    assert fold_line(12, 3).endswith("· e shows them")
    assert fold_line(2, elsewhere=True) == "⋯ 2 paragraphs read in other scenes · e shows them"


async def test_the_fold_line_fits_one_line_with_its_key_hint(app_for: MakeApp) -> None:
    """At 100x30 (the side panels take 38 columns) and at 80x24, the scene's fold line
    is one line ending in its hint: it wrapped at "· e shows them" at 100x30."""
    for size in ((100, 30), SIZE):
        app = app_for(REPLAY, settings=Settings(effect="off", read_text="folded"))
        async with app.run_test(size=size) as pilot:
            await play_once_then_replay(pilot)
            widget = text_of(app)
            width, height = widget.size
            lines = [
                strip.text.strip() for strip in widget.render_lines(Region(0, 0, width, height))
            ]
            [at] = [n for n, line in enumerate(lines) if line.startswith("⋯")]
            assert lines[at].endswith("read before · e shows them") or lines[at] == fold_line(
                3, 2
            ), size
            assert lines[at + 1] == "", size  # nothing of it wrapped onto the next line


def test_the_answer_to_the_choice_just_made_is_never_read_before() -> None:
    """The play screen folds and dims what `Playthrough.read_before` calls read: the
    paragraph the choice just made changed is never in it (blind reader R186 met a
    question's answer folded away), and after a rewind nothing is an answer."""
    from iss.authoring.loader import load_story
    from iss.ui.session import Playthrough

    story = load_story(REPLAY).story
    assert story is not None
    run = Playthrough.new(story, 0, lambda: 0.0)
    run.take("knock")
    read = frozenset(digests(run.text()))
    answer = {d for d in read if d not in run.read_before(read)}
    assert answer == set(digests((Span(KNOCKED),)))
    run.rewind(0)
    assert run.read_before(read) == read


async def test_the_answer_in_a_scene_passed_through_is_shown_on_a_replay(
    app_for: MakeApp, write_story: Callable[..., Path]
) -> None:
    """The notice that shows a scene passed through folds what was read before, less
    what answers the choice just made, as plain mode does (blind reader R215: the
    village she grew up in, told in a hub passed through, came folded)."""
    from tests.plain.test_plain_skim import CLOCK_MANIFEST, PASSED_SCENES

    folder = write_story(CLOCK_MANIFEST, scenes=PASSED_SCENES)
    app = app_for(folder, settings=Settings(effect="off", read_text="folded"))
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(2):
            app.start_new_game()
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, PlayScreen)
            screen.take("ask")
            await pilot.pause()
        notice = shown(app.screen.query_one("#notice"))
        assert "Eleven houses on the Kama" in notice
        assert "read before" in notice
