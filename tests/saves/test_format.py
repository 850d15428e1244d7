"""The save format: GameState round trips, and every wrong field refused with a reason."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from iss.engine.model import Story
from iss.engine.save_files import SaveError
from iss.engine.save_format import (
    MAX_SAVE_INT,
    VERSION,
    NewerFormat,
    check_state,
    decode_save,
    encode_save,
    excerpt,
    state_from_json,
)
from iss.engine.state import GameState
from tests.saves.conftest import PATH_HOME, play

names = st.text(min_size=0, max_size=12)
ints = st.integers(min_value=-MAX_SAVE_INT, max_value=MAX_SAVE_INT)
values = st.one_of(ints, st.booleans(), st.text(max_size=20))

states = st.builds(
    GameState,
    scene=names,
    trust=st.dictionaries(names, ints, max_size=5),
    crew_trust=st.dictionaries(names, ints, max_size=5),
    flags=st.frozensets(names, max_size=5),
    items=st.frozensets(names, max_size=5),
    variables=st.dictionaries(names, values, max_size=5),
    status=st.dictionaries(names, names, max_size=5),
    clock=st.dictionaries(names, st.integers(min_value=0, max_value=10**6), max_size=3),
    elapsed=st.integers(min_value=0, max_value=10**9),
    history=st.lists(names, max_size=30).map(tuple),
    visited=st.frozensets(names, max_size=8),
    seed=ints,
    ending=st.none() | names,
    visits=st.dictionaries(names, st.integers(min_value=0, max_value=10**6), max_size=5),
    taken=st.frozensets(names, max_size=5),
    calls=st.lists(names, max_size=4).map(tuple),
)


def same(a: GameState, b: GameState) -> bool:
    """Equal, and equal as JSON text too (True == 1 in Python, not in a save)."""
    return a == b and json.dumps(a.to_json()) == json.dumps(b.to_json())


@given(states)
def test_state_json_round_trip(state: GameState) -> None:
    text = json.dumps(state.to_json())
    assert same(state_from_json(json.loads(text)), state)


@given(states, st.integers(min_value=0, max_value=10**7))
def test_save_file_round_trip(state: GameState, seconds: int) -> None:
    story = Story("s", "S", "a", {}, {}, {}, {}, {}, {}, {}, {}, content_hash="h")
    when = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
    raw = _encode_without_scene(story, state, seconds, when)
    save = decode_save(raw)
    assert same(save.state, state)
    assert (save.story_id, save.story_hash, save.play_seconds, save.saved_at) == (
        "s",
        "h",
        seconds,
        when,
    )


def _encode_without_scene(story: Story, state: GameState, seconds: int, when: datetime) -> bytes:
    """encode_save needs the scene in the story; these states are random, so build by hand."""
    data = {
        "format": "iss-save",
        "version": VERSION,
        "min_reader": VERSION,
        "slot": "x",
        "story": {"id": story.id, "title": story.title, "hash": story.content_hash},
        "saved_at": when.isoformat(),
        "play_seconds": seconds,
        "scene": {"id": state.scene, "title": "T", "excerpt": "E"},
        "state": state.to_json(),
    }
    return json.dumps(data).encode()


def test_encode_decode_a_real_save(story: Story) -> None:
    state = play(story, PATH_HOME[:3])
    when = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
    save = decode_save(encode_save("Before", story, state, 75, when))
    assert same(save.state, state)
    assert save.slot == "Before"
    assert save.scene_id == "cupola" and save.scene_title == "The Cupola"
    assert save.excerpt == "Earth turns below. Weronika's key glints on a strap."
    assert save.story_id == "station" and save.story_hash == story.content_hash
    assert check_state(story, save.state) is None


def test_excerpt_is_cut_at_a_word(story: Story) -> None:
    text = excerpt(story, play(story, []), limit=40)
    assert len(text) <= 40 and text.endswith("…")
    assert text.startswith("The Soyuz is docked. Alexey floats")
    assert not text[:-1].endswith(" ")


def good_json(story: Story) -> dict[str, Any]:
    when = datetime(2025, 3, 1, tzinfo=UTC)
    data: dict[str, Any] = json.loads(encode_save("x", story, play(story, ["greet"]), 1, when))
    return data


@pytest.mark.parametrize(
    ("path", "value", "problem"),
    [
        (("state", "trust", "alexey"), "lots", "`state.trust`.alexey should be a whole number"),
        (("state", "trust", "alexey"), True, "should be a whole number"),
        (("state", "trust"), [], "`state.trust` should be a JSON object"),
        (("state", "flags"), "saw_lab", "`state.flags` should be a list"),
        (("state", "flags"), [1], "should be text"),
        (("state", "history"), 42, "`state.history` should be a list"),
        (("state", "history"), ["greet", None], "a choice in `state.history` should be text"),
        (("state", "variables", "calls"), [1], "should be a number, yes/no or text"),
        (("state", "variables", "calls"), 1.5, "should be a number, yes/no or text"),
        (("state", "elapsed"), -5, "should be at least 0"),
        (("state", "seed"), "7", "`state.seed` should be a whole number"),
        (("state", "ending"), 3, "`state.ending` should be text"),
        (("state", "scene"), None, "`state.scene` should be text"),
        (("state", "mood"), "calm", "unknown field `mood`"),
        (("state",), None, "`state` should be a JSON object"),
        (("saved_at",), "yesterday", "`saved_at` is not a date"),
        (("saved_at",), "0001-01-01", "`saved_at` is not a date"),
        (("play_seconds",), -1, "should be at least 0"),
        (("story",), "station", "`story` should be a JSON object"),
        (("story", "hash"), 5, "`story.hash` should be text"),
        (("format",), "zip", "not an I.S.S. save"),
        (("version",), "1", "`version` should be a whole number"),
    ],
)
def test_each_wrong_field_is_named(
    story: Story, path: tuple[str, ...], value: object, problem: str
) -> None:
    data = good_json(story)
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(SaveError) as err:
        decode_save(json.dumps(data).encode())
    assert problem in str(err.value)


def test_a_missing_field_is_named(story: Story) -> None:
    data = good_json(story)
    del data["state"]["visited"]
    with pytest.raises(SaveError, match="the state has no `visited`"):
        decode_save(json.dumps(data).encode())


def test_newer_format_is_refused_unless_it_allows_old_readers(story: Story) -> None:
    data = good_json(story)
    data.update(version=VERSION + 1, min_reader=VERSION + 1)
    with pytest.raises(NewerFormat, match=r"newer version of I\.S\.S\."):
        decode_save(json.dumps(data).encode())
    # A newer format that old readers may still read: unknown fields are ignored.
    data.update(version=VERSION + 1, min_reader=1)
    data["state"]["mood"] = "calm"
    assert decode_save(json.dumps(data).encode()).state == play(story, ["greet"])


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        (b"", "empty"),
        (b'{"format": "iss-save", "version": 1, "min_', "truncated"),
        (b'{"format": "iss-save", "slot": "abc', "truncated"),
        (b"\xff\xfe\x00garbage", "not text"),
        (b"{'format': 'iss-save'}", "not valid JSON"),
        (b"[1, 2, 3]", "should be a JSON object"),
        (b"9" * 5000, "values no save has"),
        (b"[" * 100_000 + b"]" * 100_000, "values no save has"),
    ],
)
def test_garbage_is_refused_with_a_reason(raw: bytes, problem: str) -> None:
    with pytest.raises(SaveError) as err:
        decode_save(raw)
    assert problem in str(err.value)


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"scene": "nowhere"}, "no scene `nowhere`"),
        ({"ending": "home"}, "does not match scene"),
        ({"trust": {}}, "crew"),
        ({"trust": {"alexey": 99}}, "outside 0..10"),
        ({"flags": frozenset({"flying"})}, "no flag `flying`"),
        ({"items": frozenset({"cake"})}, "no item `cake`"),
        ({"visited": frozenset({"moon"})}, "no scene `moon`"),
        ({"variables": {"calls": True}}, "wrong type"),
        ({"variables": {}}, "variables"),
        ({"status": {"kira": "aboard", "alexey": "asleep"}}, "unknown status"),
        ({"status": {}}, "characters"),
        ({"clock": {"reentry": 5}}, "clocks"),
    ],
)
def test_check_state_names_what_does_not_fit(
    story: Story, change: dict[str, Any], problem: str
) -> None:
    state = play(story, ["greet"])
    fields = {name: getattr(state, name) for name in GameState.__dataclass_fields__}
    fields.update(change)
    misfit = check_state(story, GameState(**fields))
    assert misfit is not None and problem in misfit


def test_a_format_2_state_loads_with_each_visited_scene_counted_once(story: Story) -> None:
    """Saves written before visit counts still load: what they visited counts once."""
    state = play(story, PATH_HOME[:3])
    old = state.to_json()
    for added in ("visits", "taken", "calls"):
        del old[added]
    loaded = state_from_json(old, version=2)
    assert loaded.visits == dict.fromkeys(state.visited, 1)
    assert (loaded.taken, loaded.calls) == (frozenset(), ())
    with pytest.raises(SaveError, match="no `calls`"):
        state_from_json(old, version=3)
