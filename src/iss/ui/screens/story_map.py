"""The story map: every scene this player has seen, in any playthrough, by act.

Drawn from `iss.story_map` as a chart of text: each seen scene is a node
(`◉` where the player is, `◆` an ending), its branches below it: taken ones
drawn solid (`━━▶`, ✓), the others dotted and locked (`┄┄▷`, ◌), each to the
scene it leads to or "?" when that scene was never seen. The endings close
the chart: found ones by title, the others by their hint.

Keys: ↑↓ pick a scene (PgUp/PgDn by ten, Home/End), ←→ pan, Enter jumps
there: the shortest route (the proofs' `find_route`) is replayed into a new
run, and the current run stays in the autosaves. The chart never wraps, so
it works at 80x24 by scrolling and panning.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import ScrollableContainer, Vertical
from textual.geometry import Region
from textual.widgets import Static

from iss.engine.model import Story
from iss.engine.profile import Record
from iss.engine.runner import replay
from iss.engine.terminal_safety import safe_line
from iss.story_map import UNSEEN, Node, StoryMap, story_map
from iss.ui.screens.base import GameScreen
from iss.ui.screens.confirm import ConfirmScreen
from iss.ui.session import Playthrough
from iss.ui.widgets.footer import GameFooter

PAN = 8
"""Columns a ← or → pans."""
PAGE = 10
"""Scenes a PgUp or PgDn moves."""
ARROW = 34
"""Where the arrows of a node's branches line up (a longer choice pushes its own out)."""


@dataclass(frozen=True, slots=True)
class Chart:
    """The map as lines of text, and which line each scene is on."""

    text: Text
    lines: tuple[int, ...]
    """The line of each node, in the order of `scenes`."""
    scenes: tuple[str, ...]


def chart_text(chart: StoryMap, selected: int = -1) -> Chart:
    """The map drawn in text; the node at `selected` is highlighted."""
    text = Text(no_wrap=True, overflow="ignore")
    lines: list[int] = []
    scenes: list[str] = []
    row = 0

    def line(*parts: tuple[str, str]) -> None:
        nonlocal row
        if row:
            text.append("\n")
        for part, style in parts:
            text.append(part, style=style)
        row += 1

    for act in chart.acts:
        if row:
            line()
        line((f"━━ {safe_line(act.title)} ", "bold"), ("━" * 30, "dim"))
        for node in act.nodes:
            picked = len(scenes) == selected
            lines.append(row)
            scenes.append(node.scene)
            mark = "◉" if node.here else "◆" if node.ending else "●"
            title_style = "bold reverse" if picked else "bold"
            parts = [(f"{mark} ", "bold"), (safe_line(node.title), title_style)]
            if node.ending:
                parts.append((f"  ending: {safe_line(node.ending)}", "italic"))
            if node.location:
                parts.append((f"  · {safe_line(node.location)}", "dim italic"))
            if node.here:
                parts.append(("  ◀ you are here", "bold"))
            line(*parts)
            for n, branch in enumerate(node.branches):
                fork = "└─" if n == len(node.branches) - 1 else "├─"
                if branch.text == UNSEEN:
                    line((f"  {fork}", "dim"), (f"◌ {UNSEEN}", "dim"))
                    continue
                said = safe_line(branch.text)
                pad = max(2, ARROW - len(said))
                target = safe_line(branch.target_title)
                if branch.taken:
                    line(
                        (f"  {fork}", ""),
                        ("✓ ", "bold"),
                        (said, ""),
                        (" " + "━" * pad + "▶ ", ""),
                        (target, "bold" if branch.target else "dim"),
                    )
                else:
                    line(
                        (f"  {fork}", "dim"),
                        ("◌ ", "dim"),
                        (said, "dim"),
                        (" " + "┄" * pad + "▷ ", "dim"),
                        (target, "dim"),
                    )
    if row:
        line()
    found = sum(1 for leaf in chart.endings if leaf.found)
    line((f"━━ Endings: {found} of {len(chart.endings)} found ", "bold"), ("━" * 20, "dim"))
    for leaf in chart.endings:
        if leaf.found:
            style = "bold"
            if leaf.scene is not None and chart.node(leaf.scene) is None:  # a leaf to jump to
                style = "bold reverse" if len(scenes) == selected else "bold"
                lines.append(row)
                scenes.append(leaf.scene)
            line(
                ("◆ ", "bold"),
                (safe_line(leaf.title), style),
                (f"  {safe_line(leaf.kind)}", "italic"),
            )
        else:
            hint = safe_line(leaf.hint) if leaf.hint else "An ending you have not found."
            line(("◇ ", "dim"), (f"{UNSEEN}  ", "dim bold"), (hint, "dim italic"))
    return Chart(text, tuple(lines), tuple(scenes))


def route_to(story: Story, scene_id: str) -> tuple[str, ...] | None:
    """The shortest route to `scene_id` (None when none is found in time).

    The author tools load only when the player jumps, not at start-up."""
    from iss.authoring.explore import find_route

    found = find_route(story, scene_id)
    return found.route if found.status == "found" else None


class StoryMapScreen(GameScreen):
    """The map of seen scenes; Enter jumps to the one picked."""

    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("m", "close", "Close", show=False),
        Binding("enter", "jump", "Jump there", priority=True),
        Binding("up,k", "move(-1)", "Previous scene", show=False, priority=True),
        Binding("down,j", "move(1)", "Next scene", show=False, priority=True),
        Binding("pageup", f"move(-{PAGE})", "Up ten", show=False, priority=True),
        Binding("pagedown", f"move({PAGE})", "Down ten", show=False, priority=True),
        Binding("home", "move(-100000)", "First", show=False, priority=True),
        Binding("end", "move(100000)", "Last", show=False, priority=True),
        Binding("left,h", f"pan(-{PAN})", "Pan", show=False, priority=True),
        Binding("right,l", f"pan({PAN})", "Pan", show=False, priority=True),
        Binding("f1", "app.help", "Help", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.chart = StoryMap((), (), 0, 0)
        self.drawn = Chart(Text(), (), ())
        self.selected = 0

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
        )
        scenes = [node.scene for act in self.chart.acts for node in act.nodes]
        self.selected = scenes.index(here) if here in scenes else 0
        self.drawn = chart_text(self.chart, self.selected)
        with Vertical(id="map-box") as box:
            box.border_title = "Story map"
            box.border_subtitle = "↑↓ scene · ←→ pan · Enter jump · Esc closes"
            yield Static(Text(self.summary(), style="dim"), id="map-summary")
            with ScrollableContainer(id="map-scroll"):
                yield Static(self.drawn.text, id="map")
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
        self.query_one("#map-scroll").focus()
        self.call_after_refresh(self._show_selected)

    def action_close(self) -> None:
        self.dismiss()

    def action_move(self, step: int) -> None:
        if not self.drawn.scenes:
            return
        self.selected = max(0, min(len(self.drawn.scenes) - 1, self.selected + step))
        self.drawn = chart_text(self.chart, self.selected)
        self.query_one("#map", Static).update(self.drawn.text)
        self._show_selected()

    def action_pan(self, columns: int) -> None:
        scroll = self.query_one("#map-scroll", ScrollableContainer)
        scroll.scroll_to(x=scroll.scroll_x + columns, animate=False)

    def _show_selected(self) -> None:
        if not self.drawn.lines:
            return
        scroll = self.query_one("#map-scroll", ScrollableContainer)
        if self.selected == len(self.drawn.lines) - 1:  # the last: show all that follows too
            scroll.scroll_end(animate=False, immediate=True)
        row = self.drawn.lines[self.selected]
        # the node and its branches, and the act title above the first node
        node = self.chart_node()
        height = 1 + (len(node.branches) if node else 0)
        top = row - 2 if self.selected == 0 or row > 2 else 0
        region = Region(int(scroll.scroll_x), max(0, top), 1, height + 2)
        scroll.scroll_to_region(region, animate=False, immediate=True)

    def chart_node(self) -> Node | None:
        if not self.drawn.scenes:
            return None
        return self.chart.node(self.drawn.scenes[self.selected])

    @property
    def selected_scene(self) -> str | None:
        return self.drawn.scenes[self.selected] if self.drawn.scenes else None

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
        step = replay(story, route, game.seed)
        game.begin(Playthrough(story, step, game.clock))
        game.after_step(None)
        game.clear_notifications()
        game.show_notice(f"Jumped to {title}: {len(route)} choices, the shortest way.")
