"""The player's record: endings, scenes and choices across playthroughs, in profile.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from iss.engine.model import Story
from iss.engine.profile import PROFILE_NAME, Profile, gallery
from iss.engine.save_files import SaveError
from tests.saves.conftest import PATH_HOME, TickingClock, play, play_through, station


def test_record_lasts_across_playthroughs(tmp_path: Path, story: Story) -> None:
    clock = TickingClock()
    play_through(Profile.open(tmp_path, now=clock), story, PATH_HOME)
    profile = Profile.open(tmp_path, now=clock)
    assert profile.problem is None
    record = profile.record("station")
    assert record.seen("cupola") and record.seen("home") and not record.seen("alone")
    assert record.taken("cupola", "take_key") and record.taken("lab", "call_home")
    assert not record.taken("cupola", "leave_key")
    assert not record.taken("lab", "take_key")  # a choice counts in its own scene only
    assert record.endings_found(story) == (1, 2)
    found = record.found("home")
    assert found is not None and found.date().isoformat() == "2025-03-01"

    play_through(profile, story, ("ignore", "to_cupola", "leave_key", "wait_here"))
    again = Profile.open(tmp_path).record("station")
    assert again.endings_found(story) == (2, 2)
    assert again.found("home") == found  # the first date is kept
    assert again.taken("cupola", "leave_key")


def test_gallery_lists_found_and_unfound_endings(tmp_path: Path, story: Story) -> None:
    profile = Profile.open(tmp_path)
    play_through(profile, story, PATH_HOME)
    entries = gallery(story, profile.record(story.id))
    assert [(e.ending.id, e.found is not None) for e in entries] == [
        ("home", True),
        ("alone", False),
    ]
    assert entries[1].ending.hint == "Did you take the key?"


def test_rewinding_records_no_choice(tmp_path: Path, story: Story) -> None:
    profile = Profile.open(tmp_path)
    later = play(story, ["greet", "call_home"])
    profile.note(story, play(story, ["greet"]), previous=later)
    assert not profile.record(story.id).taken("lab", "call_home")


def test_note_writes_only_when_something_is_new(tmp_path: Path, story: Story) -> None:
    profile = Profile.open(tmp_path)
    state = play(story, ["greet"])
    assert profile.note(story, state)
    mtime = (tmp_path / PROFILE_NAME).stat().st_mtime_ns
    assert not profile.note(story, state)
    assert (tmp_path / PROFILE_NAME).stat().st_mtime_ns == mtime


def test_records_of_two_stories_stay_apart(tmp_path: Path, story: Story) -> None:
    profile = Profile.open(tmp_path)
    play_through(profile, story, PATH_HOME)
    other = station("other")
    assert Profile.open(tmp_path).record(other.id).endings_found(other) == (0, 2)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('{"format": "iss-profile", "version": 1, "min_rea', "not valid JSON"),
        ("", "not valid JSON"),
        ("[]", "should be a JSON object"),
        ('{"format": "iss-profile", "version": 1, "min_reader": 1, "stories": []}', "`stories`"),
        (
            '{"format": "iss-profile", "version": 1, "min_reader": 1, "stories": {"station": '
            '{"endings": {"home": "soon"}, "scenes": [], "choices": []}}}',
            "not a date",
        ),
        (
            '{"format": "iss-profile", "version": 1, "min_reader": 1, "stories": {"station": '
            '{"endings": {}, "scenes": [], "choices": [["lab"]]}}}',
            "pairs",
        ),
    ],
)
def test_a_broken_profile_is_set_aside_and_reported(
    tmp_path: Path, story: Story, text: str, reason: str
) -> None:
    (tmp_path / PROFILE_NAME).write_text(text)
    profile = Profile.open(tmp_path)
    assert profile.problem is not None and reason in profile.problem
    [aside] = tmp_path.glob(f"{PROFILE_NAME}.broken-*")
    assert aside.read_text() == text  # kept as it was
    assert aside.name in profile.problem and "new record" in profile.problem
    play_through(profile, story, PATH_HOME)
    assert Profile.open(tmp_path).record(story.id).endings_found(story) == (1, 2)


def test_a_newer_profile_is_left_alone(tmp_path: Path, story: Story) -> None:
    text = json.dumps({"format": "iss-profile", "version": 4, "min_reader": 3, "stories": {}})
    (tmp_path / PROFILE_NAME).write_text(text)
    profile = Profile.open(tmp_path)
    assert profile.read_only
    assert profile.problem is not None and "newer version" in profile.problem
    play_through(profile, story, PATH_HOME)
    assert (tmp_path / PROFILE_NAME).read_text() == text
    assert list(tmp_path.glob("*.broken-*")) == []


def test_unwritable_profile_raises_a_clear_error(tmp_path: Path, story: Story) -> None:
    (tmp_path / "file").write_text("")
    profile = Profile.open(tmp_path / "file")
    assert profile.read_only and profile.problem is not None
    profile.read_only = False
    with pytest.raises(SaveError, match="Could not write your record"):
        profile.note(story, play(story, ["greet"]))
