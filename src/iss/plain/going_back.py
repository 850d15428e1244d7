"""Plain mode's ways back: `:undo [N]` during play, and `:again N` at an ending, which
goes back to choice N of What mattered (`iss.plain.mattered`) to choose again.

Both replay the run's history up to that point (`iss.engine.rewind`), note the step
in the player's record and autosave it, and show the scene again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from iss.engine.model import Story
from iss.engine.rewind import CannotRewind, rewind, rewind_to
from iss.engine.runner import Step
from iss.plain.lines import small_number

if TYPE_CHECKING:
    from iss.engine.events import Event
    from iss.engine.state import GameState


class GoingBack:
    """The going-back half of `PlainGame`."""

    story: Story
    step: Step

    if TYPE_CHECKING:

        @property
        def state(self) -> GameState: ...

        def say(self, text: str = "") -> None: ...

        def show_scene(self, notices: Sequence[str] = (), keep_folded: bool = False) -> None: ...

        def show_choices(self, message: str) -> None: ...

        def arrived(
            self, previous: GameState | None, autosave: bool = True, shown: Iterable[Event] = ()
        ) -> None: ...

    def cmd_undo(self, arg: str) -> bool:
        steps = small_number(arg) if arg else 1
        if steps is None:
            self.say("Type :undo to take back the last choice, or :undo N for N choices.")
            return True
        try:
            self.step = rewind(self.story, self.state, steps)
        except CannotRewind as exc:
            self.say(str(exc))
            return True
        self.arrived(None)
        self.say(f"Went back {steps} choice{'s' if steps != 1 else ''}.")
        self.show_scene()
        return True

    def choose_again(self, index: int) -> None:
        """Back from the ending to just before the choice at `index`, to choose again."""
        self.step = rewind_to(self.story, self.state, index)
        self.arrived(None)
        self.say(f"(Back to your choice {index + 1} in this playthrough. Choose again.)")
        self.show_scene()

    def cmd_at_ending(self, _: str) -> bool:
        """Mid-game, `:ways` and `:again` say when they work: at an ending's prompt they are
        read there (`PlainGame.what_mattered`), and a blind reader (R52) saw `:ways` offered
        there and then refused as unknown during play."""
        self.show_choices(
            "`:ways` and `:again` work at an ending, after What mattered: `:ways` lists the"
            " endings the other choices could have led to, `:again N` goes back to choice N."
        )
        return True
