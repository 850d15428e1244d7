"""The story map's flowchart on screen: paints the rows of a laid-out chart that show.

The chart (`iss.story_map_layout.Picture`) can be hundreds of columns and
rows wide; this is a `ScrollView` (Textual's Line API), so only the visible
rows are painted, each cropped to the view, and a row is built once (cached).
The first line keeps the act bands' titles over the columns in view.

Keys: arrows or hjkl pan (PgUp/PgDn by a screen), Tab or n the next box,
shift+Tab or p the one before, Home and End the first and last. The box
picked is tinted, its title row reversed (seen without colour too); a click
picks a box, and a click on the picked box asks to jump there (`Chosen`).
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from iss.story_map_canvas import Run
from iss.story_map_layout import Box, Picture, header

PAN = 8
"""Columns a ← or → pans."""

STYLES = ("act", "title", "here", "ending", "hint", "taken", "locked", "border", "edge")


class MapView(ScrollView, can_focus=True):
    """A flowchart, panned and scrolled; `picked` is the box picked (or None)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {f"map--{name}" for name in STYLES} | {"map--picked"}
    DEFAULT_CSS = """
    MapView { background: $surface; }
    MapView > .map--act { color: $accent; text-style: bold; }
    MapView > .map--title { text-style: bold; }
    MapView > .map--here { color: $warning; text-style: bold; }
    MapView > .map--ending { color: $success; text-style: bold; }
    MapView > .map--hint { color: $text-muted; text-style: italic; }
    MapView > .map--taken { color: $text; }
    MapView > .map--locked { color: $text-disabled; }
    MapView > .map--border { color: $primary; }
    MapView > .map--edge { color: $accent; }
    MapView > .map--picked { background: $primary 35%; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left,h", f"pan({-PAN}, 0)", "Pan", show=False),
        Binding("right,l", f"pan({PAN}, 0)", "Pan", show=False),
        Binding("up,k", "pan(0, -2)", "Pan", show=False),
        Binding("down,j", "pan(0, 2)", "Pan", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("tab,n", "move(1)", "Next scene", show=False),
        Binding("shift+tab,p", "move(-1)", "Previous scene", show=False),
        Binding("home", "move(-100000)", "First", show=False),
        Binding("end", "move(100000)", "Last", show=False),
    ]

    class Picked(Message):
        """Another box was picked."""

    class Chosen(Message):
        """The picked box was clicked: jump there."""

    def __init__(self, picture: Picture, picked: int = 0, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.picture = picture
        self.picked_index = max(0, min(picked, len(picture.boxes) - 1))
        self._rows: LRUCache[tuple[int, bool], Strip] = LRUCache(512)
        self.virtual_size = Size(picture.width, picture.height + 1)

    @property
    def picked(self) -> Box | None:
        boxes = self.picture.boxes
        return boxes[self.picked_index] if boxes else None

    def on_mount(self) -> None:
        self.call_after_refresh(self.show_picked, True)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._rows.clear()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        if round(old_value) != round(new_value):
            self._rows.clear()  # keep only the rows in view: a chart of any size stays small
        super().watch_scroll_y(old_value, new_value)

    def _strip(self, runs: tuple[Run, ...], cells: int) -> Strip:
        styles = {name: self.get_component_rich_style(f"map--{name}") for name in STYLES}
        blank = self.rich_style
        return Strip(
            [Segment(text, styles.get(style, blank)) for _, text, style in runs if text], cells
        )

    def row(self, y: int) -> Strip:
        """Row `y` of the chart, whole, the picked box tinted."""
        box = self.picked
        inside = box is not None and box.y <= y < box.y + box.h
        key = (y, inside)
        cached = self._rows.get(key)
        if cached is not None:
            return cached
        strip = self._strip(self.picture.rows[y], self.picture.width)
        if inside and box is not None:
            left, middle, right = strip.divide([box.x, box.x + box.w, self.picture.width])[:3]
            tint = Style(bgcolor=self.get_component_rich_style("map--picked").bgcolor)
            if y == box.y + 1:
                tint = Style(reverse=True, bold=True)
            tinted = Segment.apply_style(middle, post_style=tint)
            strip = Strip.join([left, Strip(tinted, middle.cell_length), right])
        self._rows[key] = strip
        return strip

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.size.width
        if y == 0:
            return self._strip(header(self.picture, scroll_x, width), width)
        if scroll_y + y - 1 >= self.picture.height:
            return Strip.blank(width, self.rich_style)
        return self.row(scroll_y + y - 1).crop_extend(scroll_x, scroll_x + width, self.rich_style)

    # ----- moving ----------------------------------------------------------

    def action_pan(self, columns: int, rows: int) -> None:
        self.scroll_to(self.scroll_x + columns, self.scroll_y + rows, animate=False)

    def action_page(self, pages: int) -> None:
        self.action_pan(0, pages * max(1, self.size.height - 2))

    def action_move(self, step: int) -> None:
        self.pick(self.picked_index + step)

    def pick(self, index: int) -> None:
        if not self.picture.boxes:
            return
        index = max(0, min(len(self.picture.boxes) - 1, index))
        if index == self.picked_index:
            return
        self._rows.clear()
        self.picked_index = index
        self.refresh()
        self.show_picked()
        self.post_message(self.Picked())

    def show_picked(self, centre: bool = False) -> None:
        """Scroll the picked box into view, with the line that leads into it; centred
        when it was out of view (or `centre`)."""
        box = self.picked
        if box is None:
            return
        width, height = self.size.width, self.size.height - 1
        x, y = int(self.scroll_x), int(self.scroll_y)
        if centre or box.x - 4 < x or box.x + box.w > x + width:
            x = box.x - max(4, (width - box.w) // 2)
        if centre or box.y < y or box.y + min(box.h, height) > y + height:
            y = box.y - max(0, (height - box.h) // 3)
        self.scroll_to(max(0, x), max(0, y), animate=False, immediate=True)

    def on_click(self, event: events.Click) -> None:
        if event.y < 1:
            return
        x, y = event.x + int(self.scroll_x), event.y - 1 + int(self.scroll_y)
        for index, box in enumerate(self.picture.boxes):
            if box.holds(x, y):
                if index == self.picked_index:
                    self.post_message(self.Chosen())
                else:
                    self.pick(index)
                return
