"""The scene engine: pure Python, no UI. See `runner` for the runtime API."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

_WHERE = {
    "Choice": "iss.engine.model",
    "ChoiceUnavailable": "iss.engine.errors",
    "ChoiceView": "iss.engine.runner",
    "ClockAdvanced": "iss.engine.events",
    "Ending": "iss.engine.model",
    "EndingReached": "iss.engine.events",
    "EngineError": "iss.engine.errors",
    "Event": "iss.engine.events",
    "FlagSet": "iss.engine.events",
    "GameState": "iss.engine.state",
    "ItemGained": "iss.engine.events",
    "ItemLost": "iss.engine.events",
    "PassedThrough": "iss.engine.events",
    "Scene": "iss.engine.model",
    "SceneEntered": "iss.engine.events",
    "Span": "iss.engine.text",
    "StatusChanged": "iss.engine.events",
    "Step": "iss.engine.runner",
    "Story": "iss.engine.model",
    "StoryOver": "iss.engine.errors",
    "TimerExpired": "iss.engine.events",
    "TrustChanged": "iss.engine.events",
    "UnknownChoice": "iss.engine.errors",
    "VariableChanged": "iss.engine.events",
    "choices": "iss.engine.runner",
    "choose": "iss.engine.runner",
    "format_minutes": "iss.engine.text",
    "new_game": "iss.engine.runner",
    "replay": "iss.engine.runner",
    "scene_text": "iss.engine.runner",
}
"""Where each name lives. They are imported when first asked for: a module that needs
only `iss.engine.terminal_safety` does not pay for the runner (`iss play` starts faster)."""


def __getattr__(name: str) -> Any:
    where = _WHERE.get(name)
    if where is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(where), name)
    globals()[name] = value
    return value


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
