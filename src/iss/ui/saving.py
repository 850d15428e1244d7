"""The app's saving layer: named saves, the quicksave, Continue, loading, and
switching save codes (`iss serve --public`). Successes go on the notice lines,
failures in a toast."""

from __future__ import annotations

from typing import TYPE_CHECKING

from iss.engine.terminal_safety import clipped_line
from iss.ui.playing import Playing

if TYPE_CHECKING:
    from iss.engine.saves import SaveInfo
    from iss.records import Outcome

NOTICE_TITLE = 60
"""Characters of a scene title a notice line shows ("Resumed at ...")."""


class Saving(Playing):
    """Saves and loads of the current playthrough."""

    def latest_autosave(self) -> SaveInfo | None:
        if self.records is None or self.story is None:
            return None
        return self.records.latest()

    def continue_game(self) -> None:
        latest = self.latest_autosave()
        if latest is None:
            self.notify("There is no autosave to continue from yet.", severity="warning")
            return
        self.load_game(latest.slot)

    def open_save(self) -> None:
        if self.playthrough is None or self.playthrough.state.over:
            self.notify("There is no game in progress to save.", severity="warning", timeout=3)
        elif self.records is not None:
            from iss.ui.screens.saves import SaveScreen

            self.dialog(SaveScreen())

    def use_save_code(self, typed: str) -> str | None:
        """Switch to the saves of another save code; what went wrong, or None."""
        from iss.engine.save_codes import read_code, show_code  # served games only

        if self.codes_root is None or self.story is None:
            return "Save codes are only used when the game is served to a browser."
        code = read_code(typed)
        if code is None:
            return "A save code is 16 letters and digits, such as K7QD-9XTR-M2WB-4HNE."
        if not (self.codes_root / code).is_dir():
            return f"No saves are kept under {show_code(code)}."
        self.save_code = code
        self.save_dir = self.codes_root / code
        self.open_records(self.story)  # the title screen's code line shows the new code
        return None

    def open_load(self) -> None:
        if self.records is not None and self.story is not None:
            from iss.ui.screens.saves import LoadScreen

            self.dialog(LoadScreen())

    def save_to(self, slot: str) -> bool:
        run = self.playthrough
        if run is None or self.records is None:
            return False
        outcome = self.records.save(slot, run.state, run.play_seconds)
        self._report(outcome)
        if outcome.ok:
            self.kept_state = run.state
        return outcome.ok

    def _report(self, outcome: Outcome) -> None:
        """Success on the notice lines, failure in a toast."""
        if outcome.ok:
            self.show_notice(outcome.message)
        else:
            self.notify(outcome.message, severity="error", markup=False)

    def load_game(self, slot: str) -> None:
        if self.records is None or self.story is None:
            return
        from iss.records import Outcome
        from iss.ui.session import Playthrough

        loaded = self.records.load(slot)
        if isinstance(loaded, Outcome):
            self.notify(loaded.message, title="Cannot load", severity="error", markup=False)
            return
        run = Playthrough(self.story, loaded.step, self.clock, loaded.info.play_seconds)
        self.begin(run)
        # The story's title of where play resumes, not the one the save claims.
        where = clipped_line(
            self.story.scenes[run.state.scene].title_in(run.state.visits), NOTICE_TITLE
        )
        self.show_notice(loaded.notice or f"Resumed at {where}.")
        self.tell(self.records.resumed(loaded, run.play_seconds))  # Continue resumes here now

    def quicksave(self) -> None:
        run = self.playthrough
        if run is None or self.records is None or run.state.over:
            return
        outcome = self.records.quicksave(run.state, run.play_seconds)
        self._report(outcome)
        if outcome.ok:
            self.kept_state = run.state

    def quickload(self) -> None:
        from iss.engine.saves import QUICKSAVE

        self.load_game(QUICKSAVE)

    def ask_quickload(self) -> None:
        """F9: load the quicksave, asking first if that would undo unsaved choices."""
        from iss.engine.saves import QUICKSAVE

        if self.records is not None and all(e.slot != QUICKSAVE for e in self.records.named()):
            # nothing to load: say so, rather than ask and then fail
            self.show_notice("There is no quicksave yet: F5 makes one.")
            return
        run = self.playthrough
        if run is None or run.state.over or run.state is self.kept_state:
            self.quickload()
            return
        from iss.ui.screens.confirm import ConfirmScreen

        self.dialog(
            ConfirmScreen(
                "Load the quicksave? The choices you made since you last saved or "
                "loaded are lost (an autosave still holds them).",
                title="Quickload",
            ),
            lambda yes: self.quickload() if yes else None,
        )
