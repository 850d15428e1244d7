"""The Textual app of I.S.S. Build it with `make_app(story_dir, save_dir)`.

The app holds the Story and the current playthrough (a `Playthrough`, which
owns the GameState); screens draw from it and ask it to act. Nothing from a
story file ever reaches Textual as markup.

It is built in layers, one per meaning: `shell` (the session's state and how
it speaks to the player), `playing`, `saving`, `loading` (the story, and
ctrl+r), `commands` (dialogs and the palette), and here the start-up.
"""

from __future__ import annotations

import os
import sys
from typing import ClassVar

from textual.binding import Binding, BindingType

from iss.ui.commands import Commands
from iss.ui.screens.title import TITLE_CSS


class IssApp(Commands):
    """The game: `IssApp(story_dir, save_dir, ...)` plays the story in `story_dir`, saving
    into `save_dir`.

    Tests pass a fixed `clock` (play time) and `now` (dates), and settings
    with the typewriter off, so screenshots are the same on every run. With a
    `save_code` (a visitor of `iss serve --public`), `save_dir` holds one
    folder per code and the title screen shows the code and takes another.
    `iss play` passes `load_in_background`: the title shows before the story is read.
    """

    TITLE = "I.S.S."
    CSS = """
    Screen { background: $background; }
    ToastRack { dock: top; align: right top; margin-top: 1; }
    Toast { max-width: 42; padding: 0 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "Help", show=False),
        Binding("ctrl+r", "reload", "Reload story", show=False, priority=True),
    ]
    ENABLE_COMMAND_PALETTE = True
    CSS_PATH = TITLE_CSS  # read before the first frame, not when the title is pushed

    def _leave_if_terminal_gone(self, fd: int) -> None:
        """Exit when the terminal has hung up. Closing a tmux pane that runs
        `make play` signals only make, and the game would otherwise poll a dead
        terminal at full speed forever; autosaves already hold the progress."""
        try:
            os.tcgetpgrp(fd)
        except OSError:
            self.exit(0)

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, lambda theme: self.remember_settings())
        stdin = sys.__stdin__
        if not self.is_headless and stdin is not None and stdin.isatty():
            self.set_interval(2.0, lambda: self._leave_if_terminal_gone(stdin.fileno()))
        self.load_first_story()


make_app = IssApp
"""The game app for the story in `story_dir`, saving into `save_dir` (see `IssApp`)."""
