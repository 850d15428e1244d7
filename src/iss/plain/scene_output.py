"""How plain mode writes a scene: `== Title ==`, the text in paragraphs, the
choices (`  N) text`, `  -) text  [reason]`, ` (taken before)` for one taken before), what a
choice changed in parentheses, and scenes the story passed through by itself. With
skim on, paragraphs read in an earlier playthrough fold (`iss.plain.skim`).

`PlainGame` (in `iss.plain.game`) inherits these; it reads input and runs commands.
Every line goes out through `say`, which makes control characters visible.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from iss.engine.answers import Answered
from iss.engine.choice_labels import wording
from iss.engine.clocks import deadline
from iss.engine.events import PassedThrough
from iss.engine.leaning import cast_pronouns
from iss.engine.model import Story
from iss.engine.profile import Record
from iss.engine.read_text import folds_read_text, read_paragraphs
from iss.engine.runner import ChoiceView, scene_text
from iss.engine.spans import Span
from iss.engine.terminal_safety import safe_line
from iss.engine.text import format_minutes
from iss.notices import Arrived, Said, choice_time_labels
from iss.plain.skim import Skim
from iss.plain.status import plain_text

if TYPE_CHECKING:
    from iss.engine.state import GameState

CLOCK_TOLD_MINUTES = 60
"""Plain mode says the clock that runs out first once it has fallen this far since the
player last saw its figure. A choice's label names the clock only where time is a
question there, so hours went by in scenes that each spent half an hour: a blind reader
(R261 #1) saw "1h of the 11h 30m" at one decision and "7h 55m to reentry" six scenes
later, with nothing between, and the game's time costs read as selective."""


class SceneOutput(Skim):
    """The scene-writing half of `PlainGame`."""

    story: Story
    record: Record
    trace: bool
    width: int
    """Columns to wrap paragraphs at; 0 when the output is not a terminal."""
    answered: Answered
    """The last choice and where it led: what answers it never folds (`answers.answering`)."""
    clock_told: int | None = None
    """The minutes of the first-running-out clock when its figure was last on screen
    (None before the first scene); see `clock_line`."""
    scenes_before: frozenset[str]
    """The scenes seen in earlier playthroughs: a fold in any other says "in other scenes"."""

    if TYPE_CHECKING:

        @property
        def state(self) -> GameState: ...

        def say(self, text: str = "") -> None: ...

        def visible_choices(self) -> list[ChoiceView]: ...

    def show_scene(self, notices: Sequence[str] = (), keep_folded: bool = False) -> None:
        """The scene's title, text and choices, written at once (one `say` per scene).

        `notices` (what the scene's own `do:` changed, as a `Teller` words it) follow
        the text, each in its own parentheses: written before the title, "(You now have
        the drive.)" came before the prose handed it over (blind readers R2, R4). What
        the choice itself changed is told before the title (`show_step`): after the
        text it read as the next scene's doing ("warms to you" as he cuts the air,
        blind reader R5). `keep_folded`: the scenes passed through on the way folded
        paragraphs too, and `:more` shows theirs with the scene's."""
        scene = self.story.scenes[self.state.scene]
        if not keep_folded:
            self.folded = []
        lines = [""]
        if self.trace:
            lines.append(f"@ {scene.id}")
        lines.append(f"== {scene.title_in(self.state.visits)} ==")
        text = scene_text(self.story, self.state)
        lines.extend(self.text_lines(text, folds_read_text(scene), scene.id))
        if notices:  # the text ends with its blank line; the choices follow one
            lines.extend(f"({notice})" for notice in notices)
            lines.append("")
        if scene.ending is not None:
            ending = self.story.endings[scene.ending]
            named = f" {ending.id}" if self.trace else ""  # ids are for authors, as `@ scene`
            lines.append(f"ENDING{named}: {ending.title}")
        else:
            choices = self.choice_lines()
            lines.extend(self.clock_line(lines + choices))
            lines.extend(choices)
        self.say("\n".join(lines))

    def clock_line(self, shown: Sequence[str]) -> list[str]:
        """'(9h 30m to reentry now.)' before the choices, when the clock that runs out
        first has fallen `CLOCK_TOLD_MINUTES` or more since its figure was last on
        screen, and neither the scene's text nor its labels (`shown`) give it. A figure
        that rose (a load, `:again`) is taken as seen."""
        reading = deadline(self.story, self.state)
        if reading is None:
            return []
        figure = format_minutes(reading.minutes)
        told = self.clock_told
        if told is None or reading.minutes > told or figure in " ".join(shown):
            self.clock_told = reading.minutes
            return []
        if told - reading.minutes < CLOCK_TOLD_MINUTES:
            return []
        self.clock_told = reading.minutes
        return [f"({figure} {safe_line(reading.label).strip()} now.)", ""]

    def text_lines(
        self, spans: Sequence[Span], folds: bool = True, scene_id: str | None = None
    ) -> list[str]:
        """A scene's text as paragraph lines; with skim on, runs read in an earlier
        playthrough are folded (`iss.plain.skim`) and kept for `:more`. Off, with
        nothing read before, or in an ending (`folds` False: `folds_read_text`), exactly
        as it always was."""
        if self.read_before and folds and (self.skim or self.hint_due):
            read = self.answered.unread(self.read_before, self.state)
            paragraphs = read_paragraphs(spans, read, cast_pronouns(self.story))
            if self.skim and any(p.read for p in paragraphs):
                return self.skimmed(paragraphs, scene_id not in self.scenes_before)
            if not self.skim:
                return self.paragraphs(plain_text(spans)) + self.hint_lines(paragraphs)
        return self.paragraphs(plain_text(spans))

    def choice_lines(self) -> list[str]:
        lines = []
        views = self.visible_choices()
        costs = choice_time_labels(self.story, self.state, [v.id for v in views if v.available])
        scene = self.state.scene
        record = self.record  # empty in a first game
        trace = self.trace
        for number, view in enumerate(views, 1):  # locked ones keep their place (R292 #11)
            # a locked choice says why it is locked and nothing more, as in the UI
            # by the words shown: a label that changed with the route is new to the player
            said = wording(self.story, self.state, view.plain)
            taken = view.available and record.taken_as(scene, view.id, said, view.plain)
            mark = " (taken before)" if taken else ""
            if trace:  # ids are for authors, and a script typing them survives hidden options
                mark += f"  [id: {view.id}]"
            if view.available:
                lines.append(f"  {number}) {view.plain}{costs[view.id]}{mark}")
            else:
                lines.append(f"  {number}) {view.plain}  [locked: {safe_line(view.reason)}]{mark}")
        return lines

    def print_choices(self) -> None:
        lines = self.choice_lines()
        if lines:
            self.say("\n".join(lines))

    def show_choices(self, message: str) -> None:
        self.say(message)
        self.print_choices()

    def show_step(self, said: Iterable[Said]) -> None:
        """What a step said (as a `Teller` words it, as the UI's), in the order of the
        text: what the choice did right after it, each scene it went through with the
        lines its own `do:` gave, then the scene it arrived at, with the lines of its
        `do:` after its text (see `show_scene`)."""
        lines: list[str] = []
        self.folded = []
        for part in said:
            if isinstance(part, PassedThrough):
                self.tell_lines(lines)
                lines = []
                self.show_passed(part)
            elif isinstance(part, Arrived):
                self.tell_lines(lines)
                lines = []
            else:
                lines.append(part)
        self.show_scene(lines, keep_folded=True)

    def tell_lines(self, notices: Sequence[str]) -> None:
        """Notices of what a choice did, before the text that follows it."""
        if notices:
            self.say("\n".join(f"({notice})" for notice in notices))

    def show_passed(self, event: PassedThrough) -> None:
        """A scene the story went through by its fallback: its title and text, no choices
        (with skim on, what was read before folds, as in any scene)."""
        scene = self.story.scenes[event.scene]
        lines = [""]
        if self.trace:
            lines.append(f"@ {scene.id}")
        lines.append(f"== {scene.title_in(self.state.visits)} ==")
        lines.extend(self.text_lines(event.text, scene_id=scene.id))
        self.say("\n".join(lines).rstrip("\n"))

    def paragraphs(self, text: str) -> list[str]:
        """Rendered text as wrapped paragraphs, each followed by a blank line."""
        if not self.width and text and "" not in text.split("\n\n"):
            # unwrapped, and no paragraph empty: joined, its lines are the text itself
            return [text, ""]
        lines = []
        for paragraph in text.split("\n\n"):  # rendered text is already tidy
            if paragraph:
                lines.append(textwrap.fill(paragraph, self.width) if self.width else paragraph)
                lines.append("")
        return lines
