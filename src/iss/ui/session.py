"""A playthrough as the UI holds it: the story, the current step, and play time.

Everything here calls the engine; widgets only draw what these methods return.
No Textual here, so the logic is testable without an app.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from iss.engine.answers import Answered
from iss.engine.clocks import ClockReading, clock_readings
from iss.engine.errors import EngineError
from iss.engine.knowledge import known_lines
from iss.engine.model import Story
from iss.engine.rewind import Rebuilt, rebuild, rewind_to
from iss.engine.runner import (
    ChoiceView,
    Step,
    choices,
    choose,
    choose_unrecorded,
    new_game,
    scene_text,
)
from iss.engine.saves import PlayClock
from iss.engine.state import GameState
from iss.engine.text import Span
from iss.notices import Said, Teller

Clock = Callable[[], float]
"""Seconds from some fixed point (time.monotonic in play, a fake in tests)."""


@dataclass(frozen=True, slots=True)
class Waypoint:
    """One scene of the run so far and the choice taken there (None: still here)."""

    index: int
    scene_title: str
    location: str
    choice: str | None


class Playthrough:
    """One run of the story, from the start or from a save."""

    def __init__(self, story: Story, step: Step, clock: Clock, played: float = 0.0) -> None:
        self.story = story
        self.step = step
        self.timer = PlayClock(played, now=clock)
        self.teller = Teller(story)
        """Words what each choice changed; it catches up by itself after a load or rewind."""
        self.answered = Answered()
        """The last choice and where it led: what answers it never folds (`answers.answering`)."""

    @classmethod
    def new(cls, story: Story, seed: int, clock: Clock) -> Playthrough:
        return cls(story, new_game(story, seed), clock)

    @property
    def state(self) -> GameState:
        return self.step.state

    @property
    def play_seconds(self) -> int:
        return self.timer.seconds()

    def visible_choices(self) -> list[ChoiceView]:
        """The choices to list: hidden ones only while they are available."""
        return [v for v in choices(self.story, self.state) if v.available or not v.hidden]

    def text(self) -> tuple[Span, ...]:
        return scene_text(self.story, self.state)

    def take(self, choice_id: str) -> Step:
        """Take a choice. Raises `EngineError` when it cannot be taken."""
        previous = self.state
        self.step = choose(self.story, previous, choice_id)
        self.answered = Answered.after(self.story, previous, choice_id, self.step)
        return self.step

    def read_before(self, read: frozenset[str]) -> frozenset[str]:
        """`read`, the paragraphs read on earlier playthroughs, less those that answer
        the choice just made."""
        return self.answered.unread(read, self.state)

    def told(self, previous: GameState, choice_id: str, step: Step) -> list[Said]:
        """What taking `choice_id` in `previous` said (notices and scenes passed through)."""
        return self.teller.tell(previous, choice_id, step)

    def waypoints(self) -> list[Waypoint]:
        """Every scene of this run with the choice taken there, oldest first."""
        story = self.story
        step = new_game(story, self.state.seed)
        points: list[Waypoint] = []
        for index, choice_id in enumerate(self.state.history):
            scene = story.scenes[step.state.scene]
            choice = scene.choice_index.get(choice_id)
            label = choice.text.plain(step.state) if choice is not None else choice_id
            points.append(Waypoint(index, scene.title_in(step.state.visits), scene.location, label))
            try:
                step = choose_unrecorded(story, step.state, choice_id)
            except EngineError:  # the story changed under a reload; show what there is
                break
        scene = story.scenes[self.state.scene]
        points.append(
            Waypoint(len(points), scene.title_in(self.state.visits), scene.location, None)
        )
        return points

    def rewind(self, index: int) -> Step:
        """Go back to just before the choice at `index` in the history."""
        self.step = rewind_to(self.story, self.state, index)
        return self.step

    def reload(self, story: Story) -> Rebuilt:
        """Move to a new version of the story at the same point, as far as it still works."""
        rebuilt = rebuild(story, self.state.history, self.state.seed)
        self.story = story
        self.teller = Teller(story, self.teller.level)
        self.step = rebuilt.step
        return rebuilt

    def resume(self, step: Step, play_seconds: int) -> None:
        """Continue from a loaded step, with the play time the save carried."""
        self.step = step
        self.timer.reset(play_seconds)

    def clocks(self) -> list[ClockReading]:
        """The timers to show: always-running ones, and conditional ones once they matter."""
        return clock_readings(self.story, self.state)

    def known_facts(self) -> list[tuple[Span, ...]]:
        """What Kira has learned: the `known` lines of set flags, each once, styled
        (`iss.engine.knowledge`)."""
        return known_lines(self.story, self.state)

    def carried(self) -> list[str]:
        """The names of the items Kira carries, in manifest order."""
        return [item.name for item in self.story.items.values() if item.id in self.state.items]

    def carried_described(self) -> list[str]:
        """As `carried`, each with its description: only items held, so nothing is spoiled."""
        return [
            f"{item.name} — {item.description}" if item.description else item.name
            for item in self.story.items.values()
            if item.id in self.state.items
        ]
