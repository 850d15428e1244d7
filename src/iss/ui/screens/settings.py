"""Settings: how scene text appears, the trust notices, and the theme. Enter changes a
line."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from iss.settings import NOTICES, READ_TEXT, speed_label
from iss.ui.screens.base import GameModal
from iss.ui.widgets.footer import GameFooter


def next_theme(current: str, names: list[str]) -> str:
    """The theme after `current`, the station's own first (ctrl+p "theme" previews them all)."""
    ordered = sorted(names, key=lambda name: (name != "station", name))
    if current not in ordered:
        return ordered[0]
    return ordered[(ordered.index(current) + 1) % len(ordered)]


class SettingsScreen(GameModal):
    """Each line cycles through its values on Enter or click."""

    CSS_PATH = Path(__file__).with_name("dialog.tcss")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.border_title = "Settings"
            box.border_subtitle = "Enter changes · Esc closes"
            yield OptionList(id="settings")
            yield Static(
                "While text types out, Space, Enter or a click shows all of it."
                " Whatever the trust notices, c and t show every change in trust.",
                classes="note",
            )
        yield GameFooter()

    def on_mount(self) -> None:
        self.refresh_lines()
        self.query_one(OptionList).focus()

    def refresh_lines(self) -> None:
        settings = self.game.settings
        menu = self.query_one(OptionList)
        highlighted = menu.highlighted
        menu.clear_options()
        menu.add_options(
            [
                Option(f"Text effect     {settings.effect}", id="effect"),
                Option(f"Text speed      {speed_label(settings.speed)}", id="speed"),
                Option(
                    f"Seen scenes     {'shown at once' if settings.seen_at_once else 'revealed again'}",
                    id="seen",
                ),
                Option(f"Read text       {READ_TEXT[settings.read_text]}", id="read"),
                Option(f"Trust notices   {NOTICES[self.game.notice_level]}", id="notices"),
                Option(f"Theme           {self.app.theme}", id="theme"),
            ]
        )
        menu.highlighted = highlighted or 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        settings = self.game.settings
        key = event.option.id
        if key == "effect":
            settings.cycle_effect()
        elif key == "speed":
            settings.cycle_speed()
        elif key == "seen":
            settings.seen_at_once = not settings.seen_at_once
        elif key == "read":
            settings.cycle_read_text()
        elif key == "notices":
            self.game.cycle_notices()
        if key in ("effect", "speed", "seen", "read"):
            self.game.remember_settings()
        if key == "theme":
            self.app.theme = next_theme(self.app.theme, list(self.app.available_themes))
        self.refresh_lines()
