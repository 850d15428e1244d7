"""Plain mode's `:backlog` (with a search term) and `:map`, for screen-reader users."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from iss.authoring.loader import load_story
from iss.engine import runner
from iss.engine.model import Story
from iss.engine.profile import Profile
from iss.engine.runner import Step, route_choices
from iss.engine.save_folders import story_folder
from iss.engine.state import GameState
from iss.plain import PlainGame

STATION = Path(__file__).resolve().parent.parent / "ui" / "fixtures" / "station"


def play(typed: str, saves: Path | None = None) -> str:
    story = load_story(STATION).story
    assert story is not None
    out = io.StringIO()
    PlainGame(story, io.StringIO(typed), out, saves_dir=saves).run()
    return out.getvalue()


def test_backlog_lists_every_scene_with_the_choice_and_what_it_changed() -> None:
    out = play("1\n1\n:backlog\n:quit\n")
    backlog = out.split("Backlog: ")[1].split("\n> ")[0].splitlines()
    assert backlog[0] == "3 scenes, oldest first."
    assert "== The Cupola ==" in backlog
    assert "You chose: Keep watching the flashes" in backlog
    assert "You chose: Take the key she offers" in backlog
    assert "(You now have Weronika's key.)" in backlog
    # the text as read: the condition resolved for this run
    assert any("She saw it too." in line for line in backlog)
    assert not any("She has not seen the windows." in line for line in backlog)
    assert backlog[-1] == "(You are here.)"


def test_backlog_search_shows_the_paragraphs_that_match() -> None:
    out = play("1\n1\n:backlog KEY\n:backlog zeppelin\n:quit\n")
    found = out.split("“KEY”: ")[1].split("\n> ")[0].splitlines()
    assert found[0] == "3 matches in 1 scene."
    assert "== Node 1 ==" in found
    assert "You chose: Take the key she offers" in found
    assert not any("Cupola" in line for line in found)
    assert "No match for “zeppelin” in what you read." in out


def test_map_shows_seen_scenes_taken_and_locked_branches_and_ending_hints(tmp_path: Path) -> None:
    play("1\n2\n:quit\n", tmp_path)  # an earlier run stayed in the galley
    out = play("1\n1\n:map\n:quit\n", tmp_path)
    chart = out.split("Story map: ")[1].split("\n> ")[0].splitlines()
    assert chart[0] == "3 of 7 scenes seen, 0 of 3 endings found."
    assert "  Node 1" in chart
    assert "    - Take the key she offers (taken) -> The Lab" in chart
    assert "    - Stay in the galley and wait (taken) -> Node 1" in chart
    assert "    - Call Gordon to the Cupola (not taken) -> Node 1" in chart
    assert "    - ?" in chart  # the hidden panel: never listed, never taken
    assert "  The Lab (you are here)" in chart
    assert "    - Cut the life support and see who comes (not taken) -> ?" in chart
    assert "  ? not found yet. Hint: Two of you, one capsule, no flag." in chart
    assert "Soyuz" not in "\n".join(chart)  # a scene never seen is never named


def test_help_lists_backlog_and_map() -> None:
    out = play(":help\n:quit\n")
    assert "  :backlog  reread this playthrough: :backlog [WORD] finds a word" in out
    assert "  :map      the scenes you have seen, their choices and the endings" in out


def test_map_after_play_at_shows_the_replayed_route_as_taken(tmp_path: Path) -> None:
    """`iss play --at`: the route's scenes are seen and its choices taken, in this run's
    map and in the record, so a later run's map draws them too."""
    story = load_story(STATION).story
    assert story is not None
    out = io.StringIO()
    typed = io.StringIO(":map\n:quit\n")
    PlainGame(story, typed, out, saves_dir=tmp_path, start_route=("look", "take_key")).run()
    chart = out.getvalue().split("Story map: ")[1].split("\n> ")[0].splitlines()
    assert "    - Keep watching the flashes (taken) -> Node 1" in chart
    assert "    - Take the key she offers (taken) -> The Lab" in chart
    later = play(":map\n:quit\n", tmp_path)  # a new run: the record kept the route
    assert "    - Take the key she offers (taken) -> The Lab" in later


def test_play_at_replays_its_route_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Starting at the route's end and noting its choices as taken replay it together:
    one step per choice, not one pass for the state and another for the record."""
    story = load_story(STATION).story
    assert story is not None
    steps: list[str] = []
    real = runner.choose_unrecorded

    def counted(story: Story, state: GameState, choice_id: str) -> Step:
        steps.append(choice_id)
        return real(story, state, choice_id)

    monkeypatch.setattr(runner, "choose_unrecorded", counted)
    out = io.StringIO()
    route = ("look", "take_key")
    PlainGame(story, io.StringIO(":quit\n"), out, saves_dir=tmp_path, start_route=route).run()
    assert steps == list(route)
    record = Profile.open(story_folder(tmp_path, story)).record(story.id)
    assert record.choices == route_choices(story, route)  # what two passes noted
