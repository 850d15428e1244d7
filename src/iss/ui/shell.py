"""What every part of the app shares: the session's state (story, playthrough,
saves and record) and the ways it speaks to the player (notices, toasts,
dialogs). `IssApp` is built on it, a layer per meaning: playing, saving, the
palette's commands, start-up.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.notifications import SeverityLevel
from textual.screen import Screen

from iss.engine.choice_labels import ChoiceLabels
from iss.engine.terminal_safety import safe_for_terminal, safe_line
from iss.settings import Settings, load_settings, save_settings
from iss.ui.theme import STATION

if TYPE_CHECKING:
    from iss.engine.model import Story
    from iss.engine.state import GameState
    from iss.records import Records
    from iss.ui.session import Clock, Playthrough

Now = Callable[[], datetime]
"""The wall clock for dates shown to the player (fixed in tests)."""


def local_now() -> datetime:
    return datetime.now().astimezone()


class Shell(App[int]):
    """The state of one session of the game and how it talks to the player."""

    def __init__(
        self,
        story_dir: Path,
        save_dir: Path,
        *,
        seed: int = 0,
        next_seed: Callable[[], int] | None = None,
        load: str | None = None,
        settings: Settings | None = None,
        clock: Clock = time.monotonic,
        now: Now = local_now,
        start_route: tuple[str, ...] | None = None,
        save_code: str | None = None,
        load_in_background: bool = False,
        notices: str | None = None,
    ) -> None:
        super().__init__()
        self.load_in_background = load_in_background
        """Show the title at once and read the story in a thread (`iss play`); tests
        read it before the first frame, so every picture is the same."""
        self.story_loading = False
        """True while the story is read in the background (keys on the title wait)."""
        self.start_route = start_route
        """`iss play --at`: choices replayed from the start before the player takes over."""
        self.story_dir = story_dir
        self.save_code = save_code
        """A visitor's save code (`iss serve --public`): saves go in `save_dir / code`."""
        self.codes_root = save_dir if save_code else None
        self.save_dir = save_dir / save_code if save_code else save_dir
        self.seed = seed
        self.next_seed = next_seed
        """Where a new game after the first of this session takes its seed, so a replay's
        `{shuffle}` text is not the last run's (`iss play` without `--seed`); None keeps
        `seed` for every game, as `--seed` and the tests ask."""
        self.load_slot = load
        self.settings = settings or load_settings(self.save_dir)
        self.settings_on_disk = load_settings(self.save_dir)
        """The settings as settings.json holds them (defaults when there is none)."""
        self.notices_for_run = notices
        """`iss play --notices`: the trust notices of this run, whatever the settings keep,
        until the player changes them in Settings."""
        self.clock = clock
        self.now = now
        self.story: Story | None = None
        self.playthrough: Playthrough | None = None
        self.records: Records | None = None
        """Saves and the player's record (None when the saves folder can't be used)."""
        self.seen_scenes: frozenset[str] = frozenset()
        """Scenes seen in earlier playthroughs (as the current one began)."""
        self.taken_choices: frozenset[tuple[str, str]] = frozenset()
        """(scene, choice) pairs taken in earlier playthroughs."""
        self.taken_labels = ChoiceLabels()
        """The wordings those choices were taken with (`iss.engine.choice_labels`)."""
        self.read_before: frozenset[str] = frozenset()
        """Digests of the paragraphs read in earlier playthroughs (`iss.engine.read_text`)."""
        self.endings_before: frozenset[str] = frozenset()
        """Endings found before the current playthrough began (a new one is celebrated)."""
        self.kept_state: GameState | None = None
        """The state last saved or loaded: F9 asks first when play has moved on from it."""
        self.mattered_seconds: float | None = None
        """How long the ending screen may weigh what mattered (None: the weighing's own
        safety net, `allowance.WEIGH_SECONDS`; its work is counted, `WEIGH_WORK`)."""
        self.mattered_in_thread = True
        """False in tests: the ending screen weighs at once, so its picture is fixed."""
        self.register_theme(STATION)
        self.choose_first_theme()

    def choose_first_theme(self) -> None:
        """The theme of the settings, set before the app runs.

        Setting `theme` calls Textual's watcher, which reparses and reapplies every
        style once the app runs: a tenth of the time to the title. A dark theme
        needs only what `App.__init__` did for the default (dark) one, so it is set
        without the watcher; a light theme goes the ordinary way.
        """
        name = self.settings.theme if self.settings.theme in self.available_themes else "station"
        if self.get_theme(name) is None or not self.available_themes[name].dark:
            self.theme = name
            return
        self.set_reactive(App.theme, name)
        self.set_class(True, f"-theme-{name}", update=False)
        self.stylesheet.set_variables(self.get_css_variables())

    def story_or_fail(self) -> Story:
        assert self.story is not None, "no story loaded"
        return self.story

    # ----- speaking to the player ------------------------------------------

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every toast passes here: messages quote save slots, scene titles and
        story ids, so their control characters are made visible first."""
        super().notify(
            safe_for_terminal(message),
            title=safe_line(title),
            severity=severity,
            timeout=timeout,
            markup=markup,
        )

    def show_notice(self, line: str) -> None:
        """A game message that is not a problem ("Quicksaved."): it goes on the play
        screen's notice lines above the choices, which cover nothing. Toasts are
        for problems only."""
        from iss.ui.screens.play import PlayScreen

        for screen in reversed(self.screen_stack):
            if isinstance(screen, PlayScreen):
                screen.tell(line)
                return

    def tell(self, notices: list[str]) -> None:
        """Toasts about saves and the record (failed writes, moved saves...)."""
        for notice in notices:
            self.notify(notice, severity="warning", markup=False, timeout=6)

    def dialog(self, screen: Screen[Any], callback: Callable[[Any], None] | None = None) -> None:
        """Open a dialog. Toasts already seen would cover it, so they go first."""
        self.clear_notifications()
        self.push_screen(screen, callback)

    # ----- the saves folder --------------------------------------------------

    def open_records(self, story: Story) -> None:
        """The story's saves and record; a failed write is told once, again only when
        the problem changes (`WriteProblems` with no repeat interval)."""
        from iss.records import Records

        self.records = Records(self.save_dir, story, self.now, repeat_after=None)
        self.tell(self.records.notices)

    @property
    def notice_level(self) -> str:
        """Which trust notices the text tells: `--notices`, else the settings'."""
        return self.notices_for_run or self.settings.notices

    def cycle_notices(self) -> None:
        """Settings → Trust notices: the next level, from the one shown, kept for the
        next run; the playthrough's lines from its next choice on."""
        self.settings.notices = self.notice_level
        self.notices_for_run = None
        self.settings.cycle_notices()
        if self.playthrough is not None:
            self.playthrough.teller.level = self.settings.notices
        self.remember_settings()

    def remember_settings(self) -> None:
        """Keep the settings for the next run (they live in the saves folder).

        Written only when they differ from what was last read or written, so a
        start that changes nothing never writes (nor warns on a read-only folder).
        """
        self.settings.theme = self.theme
        if self.settings == self.settings_on_disk:
            return
        problem = save_settings(self.settings, self.save_dir)
        if problem:
            self.notify(problem, severity="warning", markup=False)
        else:
            self.settings_on_disk = dataclasses.replace(self.settings)
