"""Going back on the bundled story lands in the very state a fresh playthrough reaches.

A blind reader (R240 #2) thought a scene read differently after `:again` than on a
fresh playthrough of the same choices. `rewind_to` replays the history from the start,
so it must agree, field for field and word for word, with a new game that makes the
same choices: clocks, visits, trust, items and the text the scene shows.
"""

from __future__ import annotations

import random
from functools import cache

from hypothesis import given
from hypothesis import strategies as st

from iss.authoring.loader import load_story
from iss.engine.model import Story
from iss.engine.rewind import rewind_to
from iss.engine.runner import can_take, choose, new_game, scene_text
from iss.engine.state import GameState
from iss.paths import bundled_story_dir


@cache
def bundled() -> Story:
    story = load_story(bundled_story_dir()).story
    assert story is not None
    return story


def random_route(story: Story, seed: int, game_seed: int) -> GameState:
    """A playthrough to an ending, each choice picked at random among those available."""
    rng = random.Random(seed)
    state = new_game(story, game_seed).state
    while not state.over and len(state.history) < 400:
        scene = story.scenes[state.scene]
        available = [c.id for c in scene.choices if can_take(c, state)]
        state = choose(story, state, rng.choice(available)).state
    return state


@given(seed=st.integers(0, 10**6), game_seed=st.integers(0, 3), back=st.floats(0, 1))
def test_going_back_is_a_fresh_playthrough_of_the_same_choices(
    seed: int, game_seed: int, back: float
) -> None:
    story = bundled()
    ended = random_route(story, seed, game_seed)
    index = int(back * (len(ended.history) - 1))
    rewound = rewind_to(story, ended, index).state
    fresh = new_game(story, game_seed).state
    for choice_id in ended.history[:index]:
        fresh = choose(story, fresh, choice_id).state
    assert rewound == fresh
    assert scene_text(story, rewound) == scene_text(story, fresh)
