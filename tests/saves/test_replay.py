"""Loading a save after the story changed, and rewinding a playthrough."""

from __future__ import annotations

from pathlib import Path

import pytest

from iss.engine.model import Story
from iss.engine.rewind import CannotRewind, rebuild, rewind, rewind_to, timeline
from iss.engine.saves import SaveInfo, SaveStore
from tests.saves.conftest import PATH_HOME, play, station


def save_in(tmp_path: Path, choices: tuple[str, ...], seed: int = 3) -> SaveStore:
    store = SaveStore(tmp_path)
    story = station()
    store.save("run", story, play(story, choices, seed))
    return store


def test_changed_text_loads_the_same_state(tmp_path: Path) -> None:
    store = save_in(tmp_path, PATH_HOME[:4])
    edited = station("station_text")
    assert edited.content_hash != station().content_hash
    [entry] = store.list(edited)
    assert isinstance(entry, SaveInfo) and entry.story_changed
    loaded = store.load("run", edited)
    assert loaded.notice is None
    assert loaded.state == play(station(), PATH_HOME[:4], 3)


def test_a_branch_file_keeps_saves_working(tmp_path: Path) -> None:
    store = save_in(tmp_path, PATH_HOME[:3])
    loaded = store.load("run", station("station_branch"))
    assert loaded.notice is None
    assert loaded.state == play(station(), PATH_HOME[:3], 3)


def test_a_removed_choice_resumes_before_it(tmp_path: Path) -> None:
    store = save_in(tmp_path, PATH_HOME[:4])  # greet, call_home, to_cupola, take_key
    edited = station("station_no_choice")
    loaded = store.load("run", edited)
    assert loaded.state == play(edited, PATH_HOME[:3], 3)
    assert loaded.state.scene == "cupola"
    assert loaded.notice == (
        "The story changed since this save: choice `take_key` no longer exists in scene "
        "`cupola`; resuming at 'The Cupola' after 3 of 4 choices."
    )


def test_a_removed_scene_resumes_at_the_last_working_point(tmp_path: Path) -> None:
    store = save_in(tmp_path, PATH_HOME[:4])
    edited = station("station_no_scene")
    loaded = store.load("run", edited)
    assert loaded.state.scene == "airlock"
    assert loaded.state.history == PATH_HOME[:3]
    assert loaded.notice == (
        "The story changed since this save: choice `take_key` no longer exists in scene "
        "`airlock`; resuming at 'The Airlock' after 3 of 4 choices."
    )


def test_a_save_in_a_removed_scene_says_where_it_leads_now(tmp_path: Path) -> None:
    store = save_in(tmp_path, PATH_HOME[:3])  # saved in the cupola
    loaded = store.load("run", station("station_no_scene"))
    assert loaded.state.scene == "airlock"
    assert loaded.notice == (
        "The story changed since this save; its 3 choice(s) now lead to 'The Airlock'."
    )


def test_rebuild_reports_how_far_it_got() -> None:
    story = station("station_no_choice")
    rebuilt = rebuild(story, PATH_HOME, 0)
    assert (rebuilt.taken, rebuilt.total, rebuilt.complete) == (3, 5, False)
    assert rebuild(story, PATH_HOME[:3], 0).complete


def test_rebuild_stops_at_a_closed_choice_and_at_an_ending(story: Story) -> None:
    closed = rebuild(story, ("greet", "to_cupola", "leave_key", "open_it"), 0)
    assert closed.taken == 3
    assert closed.problem is not None and "is not open now" in closed.problem
    over = rebuild(story, ("greet", "to_cupola", "leave_key", "wait_here", "greet"), 0)
    assert over.taken == 4 and over.step.state.ending == "alone"
    assert over.problem == "the story now ends in scene `alone` before choice `greet`"


def test_rewind_replays_exactly(story: Story) -> None:
    state = play(story, PATH_HOME, seed=11)
    for steps in range(1, len(PATH_HOME) + 1):
        back = rewind(story, state, steps).state
        assert back == play(story, PATH_HOME[: len(PATH_HOME) - steps], seed=11)
        assert back.seed == 11
    assert rewind(story, state, 2) == rewind(story, state, 2)  # deterministic, events too


def test_rewind_to_and_timeline(story: Story) -> None:
    state = play(story, PATH_HOME)
    moments = timeline(story, state)
    assert [m.choice_id for m in moments] == list(PATH_HOME)
    assert [m.scene_id for m in moments] == ["dock", "lab", "lab", "cupola", "airlock"]
    assert moments[3].choice_text == "Take the key" and moments[3].scene_title == "The Cupola"
    back = rewind_to(story, state, moments[3].index).state
    assert back.scene == "cupola" and back.history == PATH_HOME[:3]


@pytest.mark.parametrize(
    ("choices", "steps", "problem"),
    [
        ((), 1, "nothing to undo"),
        (("greet",), 2, "at most 1 choice"),
        (("greet",), 0, "1 or more"),
        (("greet",), -3, "1 or more"),
    ],
)
def test_rewind_too_far_is_refused(
    story: Story, choices: tuple[str, ...], steps: int, problem: str
) -> None:
    with pytest.raises(CannotRewind, match=problem):
        rewind(story, play(story, choices), steps)


def test_rewind_to_a_moment_that_does_not_exist(story: Story) -> None:
    with pytest.raises(CannotRewind):
        rewind_to(story, play(story, ["greet"]), 5)
