"""App-wide messages: what happened in play, for the app (and tests) to react to.

Widget-level messages live in their widget (`ChoiceList.Chosen`,
`SceneText.Revealed`); these travel from a screen up to the app.
"""

from __future__ import annotations

from textual.message import Message

from iss.engine.events import Event
from iss.engine.state import GameState


class StepTaken(Message):
    """The player took `choice_id`; the playthrough moved on from `previous`.

    The app records the step in the profile, autosaves, and shows the ending
    when the story is over.
    """

    def __init__(self, choice_id: str, previous: GameState, events: tuple[Event, ...]) -> None:
        super().__init__()
        self.choice_id = choice_id
        self.previous = previous
        self.events = events
