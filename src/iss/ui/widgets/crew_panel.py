"""The crew as Kira sees them: side, whereabouts, and trust in her."""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text
from textual.widgets import Static

from iss.engine.model import Story, pair_members
from iss.engine.state import GameState
from iss.engine.terminal_safety import safe_line
from iss.engine.trust_moves import TrustKey, TrustMove, told
from iss.ui.render import STATUS_MARKS, trust_bar

Moves = Mapping[TrustKey, TrustMove]
"""Where each trust last moved (`iss.engine.trust_moves.last_moves`)."""


def crew_text(story: Story, state: GameState, moves: Moves | None = None) -> Text:
    """Two lines per crew member: who, side and where; then trust as a bar and a word
    (none for the dead, who keep no trust to show).
    With `moves` (`last_moves`: the Crew screen, not the panel, which would replay the
    run at every step), a third: where that trust last rose or fell, as `:trust` says."""
    text = Text()
    width = max((len(m.name) for m in story.crew), default=0)
    for n, member in enumerate(story.crew):
        if n:
            text.append("\n")
        status = state.status.get(member.id, "aboard")
        text.append(safe_line(member.name), style="bold" if status != "dead" else "dim strike")
        text.append(" " * (width - len(member.name)))
        text.append(f" {safe_line(member.side)}", style="dim")
        text.append(f"  {STATUS_MARKS.get(status, '·')} {status}")
        value = state.living_trust.get(member.id)
        if value is None:  # the dead keep no trust to show (`GameState.living_trust`)
            continue
        text.append("\n  trust ", style="dim")
        text.append(trust_bar(story, value))
        text.append(f" {safe_line(story.trust_level(value))}", style="italic")
        if moves is not None:
            _append_move(text, story, moves.get((member.id, None)), value)
    return text


def _append_move(text: Text, story: Story, move: TrustMove | None, value: int) -> None:
    """ "last fell at Said Out Loud" on a line of its own, or nothing if it never moved."""
    if move is not None:
        text.append(f"\n  {safe_line(told(story, move, value))}", style="dim")


def crew_trust_text(story: Story, state: GameState, moves: Moves | None = None) -> Text:
    """The trust between crew members, as Kira perceives it (with `moves`, where each
    last rose or fell, as in `crew_text`)."""
    text = Text()
    if not state.crew_trust:
        return Text("You can't read how the crew feel about each other.", style="italic")
    ties = state.living_ties
    if not ties:
        return Text("No two of the crew are left alive to read.", style="italic")
    for n, (key, value) in enumerate(sorted(ties.items())):
        a, b = pair_members(key)
        first, second = story.characters[a], story.characters[b]
        if n:
            text.append("\n")
        text.append(safe_line(f"{first.short} and {second.short}"), style="bold")
        text.append("\n  ")
        text.append(trust_bar(story, value))
        text.append(f" {safe_line(story.trust_level(value))}", style="italic")
        if moves is not None:
            _append_move(text, story, moves.get((a, b)), value)
    return text


class CrewPanel(Static):
    """The crew panel beside the story (or in its own screen when narrow). A line too
    long for it is cut with an ellipsis, never wrapped: a wrapped "outside" read as a
    line of its own, between a name and its trust."""

    DEFAULT_CSS = """
    CrewPanel {
        text-wrap: nowrap;
        text-overflow: ellipsis;
        height: auto;
        padding: 0 1;
        border: round $secondary 50%;
        border-title-color: $accent;
    }
    """

    def on_mount(self) -> None:
        self.border_title = "Crew"

    def show(self, story: Story, state: GameState) -> None:
        self.update(crew_text(story, state))
