"""The app's playing layer: starting a playthrough, what follows each step
(record, autosave, the ending screen), rewinding, and what earlier
playthroughs found (seen scenes, taken choices, paragraphs read, endings)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from iss.engine.choice_labels import ChoiceLabels, wording
from iss.ui.screens.title import TitleScreen
from iss.ui.shell import Shell

if TYPE_CHECKING:
    from collections.abc import Iterable

    from iss.engine.events import Event
    from iss.engine.runner import ChoiceView
    from iss.engine.state import GameState
    from iss.ui.messages import StepTaken
    from iss.ui.session import Playthrough


class Playing(Shell):
    """Playthroughs: begin, step, end, rewind."""

    def start_new_game(self) -> None:
        from iss.ui.session import Playthrough

        if self.playthrough is not None and self.next_seed is not None:
            self.seed = self.next_seed()  # a replay, not the session's first game
        run = Playthrough.new(self.story_or_fail(), self.seed, self.clock)
        self.begin(run, opening=run.step.events)
        self.after_step(None, run.step.events)

    def begin(self, run: Playthrough, opening: tuple[Event, ...] = ()) -> None:
        """Leave whatever is showing for the play screen of `run`. `opening` is what
        starting it did: the scenes the start's fallbacks passed through are shown."""
        self.playthrough = run
        run.teller.level = self.notice_level
        self.kept_state = run.state
        if self.records is not None:
            record = self.records.record
            self.seen_scenes = frozenset(record.scenes)
            self.taken_choices = frozenset(record.choices)
            self.taken_labels = ChoiceLabels()
            self.taken_labels.absorb(record.labels)
            self.read_before = frozenset(record.read)
            self.endings_before = frozenset(self.endings_found())
        from iss.ui.screens.ending import EndingScreen
        from iss.ui.screens.play import PlayScreen

        self.back_to_title()
        self.push_screen(EndingScreen() if run.state.over else PlayScreen(opening=opening))

    def choices_taken_before(self, views: Iterable[ChoiceView]) -> frozenset[str]:
        """The ids of `views` (the current scene's choices) taken in earlier playthroughs
        with the words they show now (for ✓ marks; see `iss.engine.choice_labels`)."""
        run = self.playthrough
        if run is None:
            return frozenset()
        state, taken, labels = run.state, self.taken_choices, self.taken_labels
        story = self.story_or_fail()
        return frozenset(
            v.id
            for v in views
            if labels.taken_as(taken, state.scene, v.id, wording(story, state, v.plain), v.plain)
        )

    def seen_before(self, scene_id: str) -> bool:
        return scene_id in self.seen_scenes

    def after_step(self, previous: GameState | None, shown: tuple[Event, ...] = ()) -> None:
        """After every step: note it in the record, autosave the new scene. `shown` are
        the step's events as the play screen shows them: the scenes it passed through
        (in the notice above the choices) were read too."""
        run = self.playthrough
        if run is None or self.records is None:
            return
        # A finished run is autosaved too: Continue then offers its ending screen.
        self.tell(self.records.after_step(run.state, previous, run.play_seconds, events=shown))

    def on_step_taken(self, message: StepTaken) -> None:
        self.after_step(message.previous, message.events)
        run = self.playthrough
        if run is not None and run.state.over:
            self.show_ending()

    def show_ending(self) -> None:
        from iss.ui.screens.ending import EndingScreen
        from iss.ui.screens.play import PlayScreen

        if isinstance(self.screen, PlayScreen):
            self.switch_screen(EndingScreen())
        else:
            self.push_screen(EndingScreen())

    def endings_found(self) -> dict[str, str]:
        """Ending id -> the date it was first found."""
        if self.records is None or self.story is None:
            return {}
        return {
            entry.ending.id: entry.found.strftime("%Y-%m-%d")
            for entry in self.records.gallery()
            if entry.found is not None
        }

    def rewind_to(self, index: int) -> None:
        run = self.playthrough
        if run is None:
            return
        from iss.ui.screens.play import PlayScreen

        run.rewind(index)
        self.after_step(None)
        self.back_to_title()
        self.push_screen(PlayScreen(type_out=False))
        self.show_notice(f"Rewound to before choice {index + 1}.")

    def back_to_title(self) -> None:
        """Close everything above the title screen."""
        while len(self.screen_stack) > 1 and not isinstance(self.screen, TitleScreen):
            self.pop_screen()
