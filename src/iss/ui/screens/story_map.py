"""The story map: every scene this player has seen, in any playthrough, as a flowchart.

Laid out by `iss.story_map_layout` from `iss.story_map` and painted by
`MapView`: acts in bands of columns, a box per seen scene (a double border
and "◉ you are here" where the player is), taken branches drawn solid, the
others dashed and locked, a branch to a scene never seen ending in "?", and
the endings in the last column: found ones by title, the others by hint.
The plain mode's `:map` gives the same as an outline (`map_lines`).

Keys: arrows or hjkl pan, Tab/n and shift+Tab/p move between scenes, Enter
jumps to the one picked: the shortest route (the proofs' `find_route`) is
replayed into a new run, and the current run stays in the autosaves. The
chart never wraps, so it works at 80x24 by scrolling and panning.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Static

from iss.engine.model import Story
from iss.engine.profile import Record
from iss.engine.runner import replay_route, route_choices
from iss.engine.terminal_safety import safe_line
from iss.story_map import StoryMap, story_map
from iss.story_map_layout import BOX, lay_out
from iss.ui.screens.base import GameScreen
from iss.ui.screens.confirm import ConfirmScreen
from iss.ui.session import Playthrough
from iss.ui.widgets.footer import GameFooter
from iss.ui.widgets.map_view import MapView


def route_to(story: Story, scene_id: str) -> tuple[str, ...] | None:
    """The shortest route to `scene_id` (None when none is found in time).

    The author tools load only when the player jumps, not at start-up."""
    from iss.authoring.explore import find_route

    found = find_route(story, scene_id)
    return found.route if found.status == "found" else None


WIDE_BOX = 40
"""A box's width on a terminal of 110 columns or more."""


class StoryMapScreen(GameScreen):
    """The flowchart of seen scenes; Enter jumps to the one picked."""

    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("m", "close", "Close", show=False),
        Binding("enter", "jump", "Jump there", priority=True),
        Binding("f1", "app.help", "Help", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.chart = StoryMap((), (), 0, 0)

    def compose(self) -> ComposeResult:
        game = self.game
        story = game.story_or_fail()
        run = game.playthrough
        here = run.state.scene if run is not None else None
        record = game.records.record if game.records is not None else None
        self.chart = story_map(
            story,
            record if record is not None else Record(),
            here,
            run.state.visited if run is not None else (),
            route_choices(story, run.state.history, run.state.seed) if run is not None else (),
        )
        # wider boxes (more of each choice) where two columns of them still fit
        picture = lay_out(self.chart, WIDE_BOX if self.app.size.width >= 110 else BOX)
        picked = next((n for n, box in enumerate(picture.boxes) if box.here), 0)
        with Vertical(id="map-box") as box:
            box.border_title = "Story map"
            box.border_subtitle = "arrows pan · Tab next scene · Enter jump · Esc closes"
            yield Static(Text(self.summary(), style="dim"), id="map-summary")
            yield Static(id="map-picked")
            yield MapView(picture, picked, id="map")
        yield GameFooter()

    def summary(self) -> str:
        found = sum(1 for leaf in self.chart.endings if leaf.found)
        return (
            f"{self.chart.seen} of {self.chart.total} scenes seen · "
            f"{found} of {len(self.chart.endings)} endings found"
        )

    def say(self, line: str) -> None:
        """The line above the chart: what the map holds, or what a jump is doing
        (a toast would cover the chart; toasts are for problems)."""
        if self.is_mounted:
            self.query_one("#map-summary", Static).update(Text(line, style="dim"))

    def on_mount(self) -> None:
        self.query_one(MapView).focus()
        self.show_picked()

    def on_map_view_picked(self) -> None:
        self.show_picked()

    def on_map_view_chosen(self) -> None:
        self.action_jump()

    def show_picked(self) -> None:
        """The line naming the box picked, in words (the tint is not needed to read it)."""
        box = self.query_one(MapView).picked
        line = Text(no_wrap=True, overflow="ellipsis")
        if box is None:
            line.append("No scene seen yet.", style="dim")
        else:
            line.append("▸ ", style="bold")
            line.append(safe_line(box.title), style="bold")
            if box.here:
                line.append(" · you are here", style="bold")
            if box.scene is not None:
                line.append(" · Enter jumps there", style="dim")
        self.query_one("#map-picked", Static).update(line)

    def action_close(self) -> None:
        self.dismiss()

    @property
    def selected_scene(self) -> str | None:
        box = self.query_one(MapView).picked
        return box.scene if box is not None else None

    def action_jump(self) -> None:
        scene_id = self.selected_scene
        if scene_id is None:
            return
        game = self.game
        title = safe_line(game.story_or_fail().scenes[scene_id].title)
        run = game.playthrough
        if run is not None and not run.state.over:
            question = (
                f"Start a new run at {title}? The shortest way there is played for you. "
                "The game you leave stays in the autosaves (Load)."
            )
        else:
            question = f"Start a new run at {title}? The shortest way there is played for you."

        def answered(yes: bool) -> None:
            if yes:
                self.find_the_way(scene_id)

        game.dialog(ConfirmScreen(question, title="Jump"), answered)

    @work(thread=True, exclusive=True, group="jump")
    def find_the_way(self, scene_id: str) -> None:
        """Search the route in a thread: the chart stays alive while it runs."""
        story = self.game.story_or_fail()
        title = safe_line(story.scenes[scene_id].title)
        self.app.call_from_thread(self.say, f"Finding the shortest way to {title}…")
        route = route_to(story, scene_id)
        self.app.call_from_thread(self.arrive, story, scene_id, route)

    def arrive(self, story: Story, scene_id: str, route: tuple[str, ...] | None) -> None:
        game = self.game
        title = story.scenes[scene_id].title
        if route is None or game.story is not story:
            self.say(self.summary())
            game.notify(
                f"No way to {title} was found in time; the map stays as it is.",
                severity="warning",
                markup=False,
            )
            return
        step, taken = replay_route(story, route, game.seed)
        game.begin(Playthrough(story, step, game.clock))
        game.after_step(None)
        if game.records is not None:  # the route's choices are this run's: the map shows them
            game.tell(game.records.note_route(step.state, taken))
        game.clear_notifications()
        game.show_notice(f"Jumped to {title}: {len(route)} choices, the shortest way.")
