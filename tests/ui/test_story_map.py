"""The story map: seen scenes only (no spoilers), branches taken and locked, endings at
the leaves, keys to move and pan, and a jump that replays the shortest route."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandList
from textual.pilot import Pilot

from iss.authoring.loader import load_story
from iss.engine.model import Story
from iss.engine.profile import Record
from iss.engine.runner import replay
from iss.engine.saves import SaveInfo
from iss.plain.lookback import map_lines
from iss.story_map import UNSEEN, act_of, story_map
from iss.story_map_layout import header, lay_out
from iss.ui.screens.confirm import ConfirmScreen
from iss.ui.screens.play import PlayScreen
from iss.ui.screens.story_map import StoryMapScreen
from iss.ui.widgets.map_view import MapView
from tests.ui.conftest import FIXED_NOW, ROOT, SIZE, WIDE, MakeApp

STORY = ROOT / "story"


@pytest.fixture(scope="module")
def iss() -> Story:
    story = load_story(STORY).story
    assert story is not None
    return story


def drawn(story: Story, record: Record, here: str | None = None) -> str:
    """All the flowchart shows (its rows, the act bands' titles) and the plain outline."""
    chart = story_map(story, record, here)
    picture = lay_out(chart)
    rows = [picture.text(y) for y in range(picture.height)]
    bands = ["".join(t for _, t, _ in header(picture, band.x0, 200)) for band in picture.bands]
    return "\n".join(rows + bands + map_lines(chart))


def test_a_scene_never_seen_is_never_named_nor_quoted(iss: Story) -> None:
    walk = iss.walkthroughs[0]
    state = replay(iss, walk.choices[:6]).state
    record = Record(scenes=set(state.visited), choices=set())
    shown = drawn(iss, record, state.scene)
    chart = story_map(iss, record, state.scene)
    nodes = {node.scene for act in chart.acts for node in act.nodes}
    assert nodes == set(state.visited)
    targets = {b.target for act in chart.acts for node in act.nodes for b in node.branches}
    assert targets - {None} <= set(state.visited)
    # what the player did see, where an unseen title might occur as words
    allowed = "\n".join(
        [iss.scenes[s].title for s in state.visited]
        + [iss.scenes[s].location for s in state.visited]
        + [c.text.source for s in state.visited for c in iss.scenes[s].choices]
        + [e.hint for e in iss.endings.values()]
    )
    unseen = [s for s in iss.scenes.values() if s.id not in state.visited]
    assert len(unseen) > 90
    for scene in unseen:
        if scene.title not in allowed:
            assert scene.title not in shown, scene.id
        for paragraph in scene.text.source.split("\n\n"):
            line = paragraph.strip().splitlines()[0] if paragraph.strip() else ""
            if len(line) > 30 and "{" not in line:
                assert line not in shown, scene.id
    for ending in iss.endings.values():
        if ending.title not in allowed:
            assert ending.title not in shown  # none found yet: hints only
        if ending.hint:
            assert ending.hint in shown


def test_branches_taken_locked_and_unseen(iss: Story) -> None:
    route = iss.walkthroughs[0].choices[:2]
    state = replay(iss, route).state
    start = iss.scenes[iss.start]
    record = Record(scenes=set(state.visited), choices={(start.id, route[0])})
    chart = story_map(iss, record, state.scene)
    node = chart.node(start.id)
    assert node is not None
    taken = [b for b in node.branches if b.taken]
    assert [b.text for b in taken] == [start.choice_index[route[0]].text.source.strip()]
    assert all(b.target_title != UNSEEN for b in taken)
    second = chart.node(state.scene)
    assert second is not None and second.here
    assert any(b.target_title == UNSEEN for b in second.branches)


def test_acts_come_from_tags_and_endings_close_the_map(iss: Story) -> None:
    found = dict.fromkeys(iss.endings, FIXED_NOW)
    record = Record(endings=found, scenes=set(iss.scenes), choices=set())
    chart = story_map(iss, record)
    assert [act.title for act in chart.acts] == ["Act 1", "Act 2", "Act 3"]
    ending_scenes = {s.id for s in iss.scenes.values() if act_of(s) == "Endings"}
    assert ending_scenes and all(chart.node(s) is None for s in ending_scenes)
    assert all(leaf.found and leaf.scene in ending_scenes for leaf in chart.endings)
    assert chart.seen == chart.total == len(iss.scenes)
    nodes = sum(len(act.nodes) for act in chart.acts)
    boxes = lay_out(chart).boxes
    assert len(boxes) == nodes + len(chart.endings)  # every one can be picked
    assert all(box.scene is not None for box in boxes)  # and jumped to


def test_hidden_choices_never_taken_are_a_question_mark(tmp_path: Path) -> None:
    station = load_story(ROOT / "tests" / "ui" / "fixtures" / "station").story
    assert station is not None
    chart = story_map(station, Record(scenes={"cupola"}), "cupola")
    node = chart.node("cupola")
    assert node is not None
    assert [(b.text, b.target_title) for b in node.branches] == [
        ("Keep watching the flashes", UNSEEN),
        ("Call Gordon to the Cupola", UNSEEN),
        (UNSEEN, UNSEEN),
    ]
    assert "Open the hidden panel" not in drawn(station, Record(scenes={"cupola"}))


async def test_map_keys_move_pan_and_jump(app_for: MakeApp) -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "1", "1", "m")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StoryMapScreen)
        assert screen.selected_scene == "lab"  # where the player is
        view = screen.query_one(MapView)
        await pilot.press("shift+tab")
        assert screen.selected_scene == "node"
        await pilot.press("home")
        assert screen.selected_scene == "cupola"
        await pilot.press("n")
        assert screen.selected_scene == "node"
        await pilot.press("p")
        assert screen.selected_scene == "cupola"
        await pilot.press("tab", "tab")
        assert screen.selected_scene == "lab"
        await pilot.press("end")
        assert screen.selected_scene is None  # an ending not found: nowhere to jump
        await pilot.pause()
        x, y = view.scroll_x, view.scroll_y
        assert x >= 8  # the last column is in view
        await pilot.press("left", "down")
        await pilot.pause()
        assert view.scroll_x == x - 8
        assert view.scroll_y == min(y + 2, view.max_scroll_y)
        await pilot.press("l", "k")
        await pilot.pause()
        assert (view.scroll_x, view.scroll_y) == (x, max(0, min(y + 2, view.max_scroll_y) - 2))
        await pilot.press("home", "n", "enter")
        await pilot.pause()
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        run = app.playthrough
        assert run is not None
        assert run.state.scene == "node"
        assert run.state.history == ("look",)  # the shortest way there
        assert app.records is not None
        slots = [e.scene_title for e in app.records.entries() if isinstance(e, SaveInfo)]
        assert "The Lab" in slots  # the run left behind is kept
        assert app.records.record.taken("cupola", "look")  # the route is this run's


async def test_the_picked_scene_is_named_in_words_and_a_click_picks(app_for: MakeApp) -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "1", "1", "m")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StoryMapScreen)
        named = str(screen.query_one("#map-picked").render())
        assert "The Lab" in named and "you are here" in named
        view = screen.query_one(MapView)
        node = next(b for b in view.picture.boxes if b.scene == "node")
        view.scroll_to(node.x - 2, max(0, node.y - 1), animate=False, immediate=True)
        await pilot.pause()
        offset = (node.x + 2 - int(view.scroll_x), node.y + 2 - int(view.scroll_y) + 1)
        assert 0 <= offset[0] < view.size.width and 1 <= offset[1] < view.size.height
        await pilot.click(MapView, offset=offset)
        assert screen.selected_scene == "node"
        assert "Node 1" in str(screen.query_one("#map-picked").render())
        await pilot.pause()
        offset = (node.x + 2 - int(view.scroll_x), node.y + 2 - int(view.scroll_y) + 1)
        await pilot.click(MapView, offset=offset)  # the picked one again: jump there?
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)


async def chosen_in_palette(pilot: Pilot[int]) -> None:
    """Wait for the palette to list what was typed, then take the first entry."""
    for _ in range(50):
        await pilot.pause(0.1)
        lists = pilot.app.screen.query(CommandList)
        if lists and lists.first().option_count:
            break
    await pilot.press("down", "enter")
    await pilot.pause()


async def test_map_opens_from_the_title_through_the_palette(app_for: MakeApp) -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"story", "space", *"map")
        await chosen_in_palette(pilot)
        await pilot.pause()
        assert isinstance(app.screen, StoryMapScreen)
        assert app.screen.selected_scene is None  # nothing seen yet
        await pilot.press("enter", "escape")
        assert not isinstance(app.screen, StoryMapScreen)


def screen_text(app: object) -> str:
    compositor = app.screen._compositor  # type: ignore[attr-defined]
    return "\n".join(strip.text for strip in compositor.render_strips())


async def test_without_colour_the_map_still_says_everything(
    app_for: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """NO_COLOR: where the player is, in words; taken lines heavy, locked choices marked;
    the picked box's title row reversed (not only tinted)."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = app_for()
    async with app.run_test(size=WIDE) as pilot:
        assert app.no_color
        await pilot.press("n", "1", "1", "m")
        await pilot.pause()
        text = screen_text(app)
        assert text.count("you are here") == 2  # in the box and in the line above the chart
        assert "━▶" in text and "◌ Cut the life support" in text  # taken heavy; locked ◌
        assert "▷ ?" in text  # where the Lab's locked choice leads: never seen
        view = app.screen.query_one(MapView)
        box = view.picked
        assert box is not None and box.here
        title_row = view.row(box.y + 1)
        assert any(s.style and s.style.reverse for s in title_row if "The Lab" in s.text)


async def test_a_big_map_paints_only_the_rows_in_view(app_for: MakeApp, iss: Story) -> None:
    """The whole story seen: the chart is far larger than the screen, and the rows built
    (and kept) are the ones shown, however far the player pans."""
    found = dict.fromkeys(iss.endings, FIXED_NOW)
    record = Record(endings=found, scenes=set(iss.scenes), choices=set())
    app = app_for(STORY)
    async with app.run_test(size=SIZE) as pilot:
        assert app.records is not None
        app.records.record.absorb(record)
        await pilot.press("m")
        await pilot.pause()
        view = app.screen.query_one(MapView)
        assert view.picture.width > 10 * SIZE[0] and view.picture.height > 4 * SIZE[1]
        for key in ("end", "pagedown", "home"):
            await pilot.press(key)
            await pilot.pause()
            assert 0 < len(view._rows) <= view.size.height


def test_a_choice_whose_way_depends_on_the_route_names_each_place_seen(iss: Story) -> None:
    # "Tell him all of it" goes to Torque on one route and to Channel Two on another; the
    # map said "→ Torque" to a reader it had taken to Channel Two (blind reader R321 #2).
    record = Record(
        scenes={"eva_night", "eva_collar", "eva_private"},
        choices={("eva_night", "tell_him_the_dark")},
    )
    node = story_map(iss, record).node("eva_night")
    assert node is not None
    told = next(b for b in node.branches if b.text.startswith("Tell him all of it"))
    collar, private = iss.scenes["eva_collar"].title, iss.scenes["eva_private"].title
    assert (told.target, told.target_title) == ("eva_collar", f"{collar} or {private}")
