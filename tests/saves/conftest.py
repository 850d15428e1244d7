"""Fixture stories for the saves tests: `station` and variants of it edited in one way each.

station            the base story (id `station`)
station_text       a scene's text changed
station_no_choice  the choice `take_key` removed from the cupola
station_no_scene   the cupola removed; the lab's `to_cupola` now goes to the airlock
station_branch     a branch file adds a choice to the lab (`extend:`)
other              the same scenes under another story id (`other`)
broken/            one unreadable save of each kind
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from iss.engine.model import Story
from iss.engine.profile import Profile
from iss.engine.runner import choose, new_game, replay
from iss.engine.saves import SaveStore
from iss.engine.state import GameState
from tests.conftest import load_ok

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BROKEN = FIXTURES / "broken"

PATH_HOME = ("greet", "call_home", "to_cupola", "take_key", "open_it")
"""From the dock to the ending `home`, through every scene."""


def station(variant: str = "station") -> Story:
    return load_ok(FIXTURES / variant)


def play_through(profile: Profile, story: Story, choices: tuple[str, ...]) -> None:
    """Play `choices` from the start, noting every step in `profile` as a front end does
    (with the step's events: the scenes a fallback passed through were shown)."""
    step = new_game(story)
    profile.note(story, step.state, None, step.events)
    for choice_id in choices:
        previous = step.state
        step = choose(story, previous, choice_id)
        profile.note(story, step.state, previous, step.events)


def play(story: Story, choices: Sequence[str], seed: int = 0) -> GameState:
    return replay(story, choices, seed).state


class TickingClock:
    """A `now` for stores and profiles: one minute later on every call."""

    def __init__(self) -> None:
        self.time = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.time += timedelta(minutes=1)
        return self.time


@pytest.fixture
def story() -> Story:
    return station()


@pytest.fixture
def store(tmp_path: Path) -> SaveStore:
    return SaveStore(tmp_path / "saves", now=TickingClock())
