"""The quick search's `extreme` reads the whole-number variables by their declared type
(`breadth.whole_numbers`): on every state it is asked of, they must be the values of
the state's variables that are `int` (and not `bool`), in the state's order, as the
search read them before, value by value."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings

from iss.authoring.explore import Budget
from iss.authoring.explore.breadth import Search  # room internals, tested deliberately
from iss.authoring.explore.relevance import Relevance  # room internals, tested deliberately
from iss.engine.model import Story
from iss.paths import bundled_story_dir
from tests.authoring.fuzz_story import Extras, Spec, extras_st, load_written, story_st
from tests.conftest import load_ok


class CheckedSearch(Search):
    """The quick search, checking the numbers of every state `extreme` is asked of."""

    asked = 0

    def extreme(self, state: Any) -> bool:
        plain = [v for v in state.variables.values() if type(v) is int]
        assert list(self.numbers(state.variables)) == plain
        self.asked += 1
        return super().extreme(state)


def checked(story: Story, max_states: int) -> int:
    budget = Budget(max_states=max_states, time_limit=1e9)
    search = CheckedSearch(story, budget, float("inf"), Relevance(story), 128)
    search.run()
    return search.asked


def test_the_numbers_of_every_state_of_the_bundled_story() -> None:
    story = load_ok(bundled_story_dir())
    assert any(v.type == "int" for v in story.variables.values())
    assert any(v.type != "int" for v in story.variables.values())  # and others, left out
    assert checked(story, 60_000) > 10_000


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(spec=story_st, extras=extras_st)
def test_the_numbers_of_every_state_of_generated_stories(
    spec: Spec, extras: Extras, tmp_path: Path
) -> None:
    checked(load_written(tmp_path, spec, extras), 3_000)
