"""The scene engine: pure Python, no UI. See `runner` for the runtime API."""

from iss.engine.errors import ChoiceUnavailable, EngineError, StoryOver, UnknownChoice
from iss.engine.events import (
    ClockAdvanced,
    EndingReached,
    Event,
    FlagSet,
    ItemGained,
    ItemLost,
    PassedThrough,
    SceneEntered,
    StatusChanged,
    TimerExpired,
    TrustChanged,
    VariableChanged,
)
from iss.engine.model import Choice, Ending, Scene, Story
from iss.engine.runner import ChoiceView, Step, choices, choose, new_game, replay, scene_text
from iss.engine.state import GameState
from iss.engine.text import Span, format_minutes

__all__ = [
    "Choice",
    "ChoiceUnavailable",
    "ChoiceView",
    "ClockAdvanced",
    "Ending",
    "EndingReached",
    "EngineError",
    "Event",
    "FlagSet",
    "GameState",
    "ItemGained",
    "ItemLost",
    "PassedThrough",
    "Scene",
    "SceneEntered",
    "Span",
    "StatusChanged",
    "Step",
    "Story",
    "StoryOver",
    "TimerExpired",
    "TrustChanged",
    "UnknownChoice",
    "VariableChanged",
    "choices",
    "choose",
    "format_minutes",
    "new_game",
    "replay",
    "scene_text",
]
