"""The title screen's menu: one widget that draws its lines itself.

It looks and acts as Textual's OptionList did there (the same styles, arrows
that wrap and skip disabled entries, Home/End, Page keys, Enter, a click, the
mouse's hover), without what the title never needed: OptionList is a scrolling
view with a scrollbar, its options measured and cached, in a centring
container, and setting all that up was a tenth of the time to the first frame
(docs/performance.md, "Start-up").
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets.option_list import Option


def _shown(options: list[Option]) -> list[tuple[str | None, str, bool]]:
    return [(option.id, str(option.prompt), option.disabled) for option in options]


class TitleMenu(Widget, can_focus=True):
    """Entries (`Option`s with an id) picked with the keys or the mouse."""

    DEFAULT_CSS = """
    TitleMenu {
        height: auto;
        color: $foreground;
        padding: 0 1;
        background: $surface;
        & > .title-menu--highlighted {
            color: $foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus {
            background-tint: $foreground 5%;
            & > .title-menu--highlighted {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
        & > .title-menu--disabled {
            color: $text-disabled;
        }
        & > .title-menu--hover {
            background: $block-hover-background;
        }
    }
    """
    # The rules are OptionList's, so the menu looks as it did.

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "title-menu--option",
        "title-menu--highlighted",
        "title-menu--disabled",
        "title-menu--hover",
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "cursor_down", "Down", show=False),
        Binding("up", "cursor_up", "Up", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("pageup", "first", "First", show=False),
        Binding("pagedown", "last", "Last", show=False),
        Binding("enter", "select", "Select", show=False),
    ]

    highlighted: reactive[int | None] = reactive(None)
    """The entry Enter picks (None: none yet)."""

    hovered: reactive[int | None] = reactive(None)
    """The entry under the mouse."""

    class Selected(Message):
        """The entry `option` was picked."""

        def __init__(self, option: Option) -> None:
            super().__init__()
            self.option = option

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.options: list[Option] = []

    # ----- the entries (named as OptionList names them) -----------------------

    @property
    def option_count(self) -> int:
        return len(self.options)

    def get_option_at_index(self, index: int) -> Option:
        return self.options[index]

    def get_option(self, option_id: str) -> Option:
        for option in self.options:
            if option.id == option_id:
                return option
        raise KeyError(option_id)

    def set_options(self, options: Iterable[Option], highlighted: int | None = None) -> None:
        """Replace the entries and the highlight (nothing is redrawn if neither changed)."""
        new = list(options)
        if _shown(new) != _shown(self.options):
            self.options = new
            self.refresh(layout=True)
        self.highlighted = self.validate_highlighted(highlighted)

    # ----- drawing ---------------------------------------------------------------

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.options)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return max((Content(str(option.prompt)).cell_length for option in self.options), default=0)

    def render_line(self, y: int) -> Strip:
        width = self.content_region.width
        if not 0 <= y < len(self.options):
            return Strip.blank(width, self.get_visual_style("title-menu--option").rich_style)
        option = self.options[y]
        state = ""
        if option.disabled:
            state = "title-menu--disabled"
        elif y == self.highlighted:
            state = "title-menu--highlighted"
        elif y == self.hovered:
            state = "title-menu--hover"
        names = ("title-menu--option", state) if state else ("title-menu--option",)
        style = self.get_visual_style(*names)
        content = Content(str(option.prompt))
        strip = content.to_strips(self, content, width, None, style)[0]
        return strip.extend_cell_length(width, style.rich_style).apply_meta({"option": y})

    def watch_highlighted(self) -> None:
        self.refresh()

    def watch_hovered(self) -> None:
        self.refresh()

    def validate_highlighted(self, highlighted: int | None) -> int | None:
        if highlighted is None or not self.options:
            return None
        return max(0, min(highlighted, len(self.options) - 1))

    # ----- keys and the mouse ----------------------------------------------------

    def _enabled(self) -> list[int]:
        return [n for n, option in enumerate(self.options) if not option.disabled]

    def action_cursor_down(self) -> None:
        self._step(1)

    def action_cursor_up(self) -> None:
        self._step(-1)

    def _step(self, direction: int) -> None:
        """The next enabled entry that way, round the end (the first or last from none)."""
        enabled = self._enabled()
        if not enabled:
            return
        if self.highlighted is None:
            self.highlighted = enabled[0] if direction == 1 else enabled[-1]
            return
        count = len(self.options)
        for step in range(1, count + 1):
            index = (self.highlighted + direction * step) % count
            if index in enabled:
                self.highlighted = index
                return

    def action_first(self) -> None:
        enabled = self._enabled()
        self.highlighted = enabled[0] if enabled else None

    def action_last(self) -> None:
        enabled = self._enabled()
        self.highlighted = enabled[-1] if enabled else None

    def action_select(self) -> None:
        index = self.highlighted
        if index is not None and not self.options[index].disabled:
            self.post_message(self.Selected(self.options[index]))

    def _entry_at(self, event: events.MouseEvent) -> int | None:
        index = event.style.meta.get("option")
        return index if isinstance(index, int) else None

    def on_click(self, event: events.Click) -> None:
        index = self._entry_at(event)
        if index is not None and not self.options[index].disabled:
            self.highlighted = index
            self.action_select()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self.hovered = self._entry_at(event)

    def on_leave(self, event: events.Leave) -> None:
        self.hovered = None
