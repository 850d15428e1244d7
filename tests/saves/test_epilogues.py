"""Epilogues in the record: kept as last seen, and read leniently and bounded from a file
anyone can edit."""

from __future__ import annotations

import json
from pathlib import Path

from iss.engine.epilogues import MAX_EPILOGUE_CHARS, MAX_EPILOGUES, MAX_SPANS
from iss.engine.profile import PROFILE_NAME, Profile
from iss.engine.runner import choose, new_game, scene_text
from iss.engine.text import Span
from tests.saves.conftest import PATH_HOME, TickingClock, play, station


def reach_home(profile: Profile) -> None:
    story = station()
    step = new_game(story)
    for choice_id in PATH_HOME:
        previous = step.state
        step = choose(story, previous, choice_id)
        profile.note(story, step.state, previous)


def test_the_epilogue_is_kept_and_read_back(tmp_path: Path) -> None:
    story = station()
    reach_home(Profile.open(tmp_path, now=TickingClock()))
    kept = Profile.open(tmp_path).record("station").epilogue("home")
    assert kept is not None
    assert kept.spans == scene_text(story, play(story, PATH_HOME))
    assert kept.seen.date().isoformat() == "2025-03-01"
    assert Profile.open(tmp_path).record("station").epilogue("alone") is None


def test_the_last_seen_wins_when_two_games_share_the_record(tmp_path: Path) -> None:
    early, late = TickingClock(), TickingClock()
    late.time = late.time.replace(year=2026)
    first, second = Profile.open(tmp_path, now=early), Profile.open(tmp_path, now=late)
    reach_home(second)  # the later reading, written first
    data = json.loads((tmp_path / PROFILE_NAME).read_text(encoding="utf-8"))
    data["stories"]["station"]["epilogues"]["home"]["text"] = [["The later words.", ""]]
    (tmp_path / PROFILE_NAME).write_text(json.dumps(data), encoding="utf-8")
    reach_home(first)  # an older reading merges in, and loses
    kept = Profile.open(tmp_path).record("station").epilogue("home")
    assert kept is not None and kept.spans == (Span("The later words."),)


def write_profile(folder: Path, epilogues: object) -> None:
    story = {"endings": {"home": "2025-03-01T12:00:00+00:00"}, "scenes": ["dock"], "choices": []}
    story["epilogues"] = epilogues  # type: ignore[assignment]
    data = {"format": "iss-profile", "version": 1, "min_reader": 1, "stories": {"station": story}}
    (folder / PROFILE_NAME).write_text(json.dumps(data), encoding="utf-8")


def test_a_hostile_epilogue_is_bounded_and_made_safe(tmp_path: Path) -> None:
    write_profile(
        tmp_path,
        {
            "home": {
                "seen": "2025-03-01T12:00:00+00:00",
                "text": [["\x1b]52;c;evil\x07 clear", "em"], ["x" * 50_000, "blink"]]
                + [["y", ""]] * (MAX_SPANS + 10),
            },
            "alone": {"seen": "not a date", "text": [["lost", ""]]},
            "odd": {"seen": "2025-03-01T12:00:00", "text": [[1, 2], ["kept", ""], "junk"]},
            "also": "not an object",
        },
    )
    profile = Profile.open(tmp_path)
    assert profile.problem is None  # the rest of the record stands
    record = profile.record("station")
    assert record.found("home") is not None and record.seen("dock")
    home = record.epilogue("home")
    assert home is not None
    text = "".join(s.text for s in home.spans)
    assert "\x1b" not in text and "\x07" not in text
    assert len(text) <= MAX_EPILOGUE_CHARS + 1 and text.endswith("…")
    assert len(home.spans) <= MAX_SPANS + 1
    assert home.spans[1].style == ""  # an unknown style is plain
    assert record.epilogue("alone") is None and record.epilogue("also") is None
    odd = record.epilogue("odd")
    assert odd is not None and odd.spans == (Span("kept"),)


def test_a_record_with_too_many_epilogues_keeps_a_bounded_number(tmp_path: Path) -> None:
    write_profile(
        tmp_path,
        {f"e{n}": {"seen": "2025-03-01T12:00:00", "text": []} for n in range(MAX_EPILOGUES + 50)},
    )
    assert len(Profile.open(tmp_path).record("station").epilogues) == MAX_EPILOGUES


def test_epilogues_that_are_not_an_object_are_ignored(tmp_path: Path) -> None:
    write_profile(tmp_path, ["not", "an", "object"])
    profile = Profile.open(tmp_path)
    assert profile.problem is None and profile.record("station").epilogues == {}
