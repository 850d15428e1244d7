"""Hostile saves: every field bounded, every refusal readable, every savable name loadable."""

from __future__ import annotations

import contextlib
import io
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iss.engine.model import Story
from iss.engine.save_files import (
    MAX_NAME,
    NAME_RULES,
    SaveError,
    is_file_stem,
    normalize_name,
)
from iss.engine.save_format import MAX_HISTORY, decode_save, encode_save
from iss.engine.saves import BrokenSave, SaveInfo, SaveStore
from iss.plain import PlainGame
from iss.ui.screens.saves import slot_prompt
from tests.conftest import fuzz_settings
from tests.hostile.attacks import leaked
from tests.saves.conftest import TickingClock, play, station

WHEN = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def good_json(story: Story) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        encode_save("x", story, play(story, ["greet"]), 1, WHEN, sequence=3)
    )
    return data


def set_path(data: dict[str, Any], path: tuple[str, ...], value: object) -> None:
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value


@pytest.mark.parametrize(
    ("path", "value", "problem"),
    [
        (("play_seconds",), 10**400, "`play_seconds` should be at most 1,000,000,000"),
        (("play_seconds",), 1e300, "`play_seconds` should be a whole number"),
        (("state", "trust", "alexey"), 10**30, "should be at most"),
        (("state", "seed"), -(10**30), "`state.seed` should be at least"),
        (("state", "elapsed"), 10**19, "`state.elapsed` should be at most"),
        (("state", "variables", "calls"), 10**25, "`state.variables`.calls should be at most"),
        (("state", "variables", "calls"), "x" * 5000, "longer than 1,000 characters"),
        (("scene", "title"), "t" * 5000, "`scene.title` is longer than 1,000 characters"),
        (("sequence",), -1, "`sequence` should be at least 0"),
        (("sequence",), "7", "`sequence` should be a whole number"),
        (("version",), 10**100, "`version` should be at most"),
        (("state", "history"), ["greet"] * (MAX_HISTORY + 1), "a save holds at most 100,000"),
        (("state", "history"), ["g" * 2000], "a choice in `state.history` is longer"),
    ],
)
def test_out_of_range_fields_are_refused_by_name(
    path: tuple[str, ...], value: object, problem: str
) -> None:
    data = good_json(station())
    set_path(data, path, value)
    with pytest.raises(SaveError) as err:
        decode_save(json.dumps(data).encode())
    assert problem in str(err.value)


def test_a_huge_play_time_is_a_broken_save_in_both_front_ends(tmp_path: Path) -> None:
    story = station()
    data = good_json(story)
    data["play_seconds"] = 10**400
    folder = tmp_path / "station"  # the story's folder under the saves folder
    folder.mkdir()
    (folder / "huge.save.json").write_text(json.dumps(data), encoding="utf-8")
    [entry] = SaveStore(folder).list(story)
    assert isinstance(entry, BrokenSave) and "play_seconds" in entry.problem
    assert "can't be loaded" in slot_prompt(entry).plain
    out = io.StringIO()
    PlainGame(story, io.StringIO(":saves\n:load huge\n:quit\n"), out, saves_dir=tmp_path).run()
    assert "huge: `play_seconds` should be at most" in out.getvalue()
    assert "The save “huge” cannot be loaded" in out.getvalue()


def test_a_playthrough_longer_than_a_save_holds_is_refused_on_writing(
    store: SaveStore, story: Story
) -> None:
    state = play(story, ["greet", *["call_home"] * MAX_HISTORY])
    with pytest.raises(SaveError, match="a save holds at most 100,000"):
        store.save("long", story, state)
    store.save("fits", story, play(story, ["greet", *["call_home"] * (MAX_HISTORY - 1)]))
    assert store.load("fits", story).state.scene == "lab"


def test_an_old_version_1_save_still_loads(store: SaveStore, story: Story) -> None:
    data = good_json(story)
    data["version"] = 1
    del data["sequence"]
    store.folder.mkdir(parents=True)
    (store.folder / "old.save.json").write_text(json.dumps(data), encoding="utf-8")
    loaded = store.load("old", story)
    assert loaded.state == play(story, ["greet"])
    assert loaded.info.sequence == 0


# -- the save reader, fuzzed ------------------------------------------------

JSON_LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.sampled_from([10**400, -(10**400), 2**63, 2**63 - 1, 0, -1]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=8),
    st.sampled_from(["greet", "lab", "station", "auto-1", "\x1b[2J", "2025-03-01"]),
)
JSON_VALUES = st.recursive(
    JSON_LEAVES,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)


def paths_of(data: object, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every key path in a JSON object (lists are left whole)."""
    if not isinstance(data, dict):
        return [prefix] if prefix else []
    out = [prefix] if prefix else []
    for key, value in data.items():
        out += paths_of(value, (*prefix, key))
    return out


GOOD = good_json(station())
PATHS = paths_of(GOOD)
FUZZ_STORY = station()


@fuzz_settings(ci_examples=600, fuzz_examples=5_000)
@given(
    edits=st.lists(st.tuples(st.sampled_from(PATHS), JSON_VALUES), min_size=1, max_size=4),
    drop=st.lists(st.sampled_from(PATHS), max_size=2),
)
def test_fuzz_the_save_reader_refuses_or_loads_never_crashes(
    tmp_path_factory: pytest.TempPathFactory,
    edits: list[tuple[tuple[str, ...], object]],
    drop: list[tuple[str, ...]],
) -> None:
    data = json.loads(json.dumps(GOOD))
    for path, value in edits:
        with contextlib.suppress(KeyError, TypeError):
            set_path(data, path, value)
    for path in drop:
        with contextlib.suppress(KeyError, TypeError):
            target = data
            for key in path[:-1]:
                target = target[key]
            del target[path[-1]]
    read_back(tmp_path_factory, json.dumps(data).encode())


def read_back(tmp_path_factory: pytest.TempPathFactory, content: bytes) -> None:
    """List and load a save file holding `content` the way both front ends do."""
    base = tmp_path_factory.mktemp("fuzz")
    folder = base / "station"
    folder.mkdir()
    (folder / "fuzzed.save.json").write_bytes(content)
    store = SaveStore(folder)
    [entry] = store.list(FUZZ_STORY)
    slot_prompt(entry)  # the Load screen's rendering
    if isinstance(entry, SaveInfo):
        try:
            loaded = store.load("fuzzed", FUZZ_STORY)
        except SaveError:
            return
        assert loaded.state.scene in FUZZ_STORY.scenes
    out = io.StringIO()
    PlainGame(FUZZ_STORY, io.StringIO(":saves\n:load fuzzed\n:quit\n"), out, saves_dir=base).run()
    assert not leaked(out.getvalue()), out.getvalue()


GOOD_BYTES = json.dumps(GOOD).encode()


@st.composite
def damaged(draw: st.DrawFn) -> bytes:
    """The good save's bytes cut short, overwritten, spliced with random bytes, or all random."""
    content = bytearray(GOOD_BYTES)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(content)))
        kind = draw(st.sampled_from(["cut", "overwrite", "insert", "random"]))
        if kind == "cut":
            del content[at:]
        elif kind == "overwrite":
            patch = draw(st.binary(min_size=1, max_size=8))
            content[at : at + len(patch)] = patch
        elif kind == "insert":
            content[at:at] = draw(st.binary(min_size=1, max_size=8) | st.sampled_from(NASTY))
        else:
            content = bytearray(draw(st.binary(max_size=64)))
    return bytes(content)


NASTY = [
    b"\\u001b[2J",
    b"\x1b]0;t\x07",
    b"\xc2\x9b",
    b"\xef\xbb\xbf",
    b"\\ud800",
    b"1e999",
    b"[" * 64,
]


@fuzz_settings(ci_examples=300, fuzz_examples=5_000)
@given(content=damaged())
def test_fuzz_the_save_reader_on_damaged_bytes(
    tmp_path_factory: pytest.TempPathFactory, content: bytes
) -> None:
    read_back(tmp_path_factory, content)


# -- slot names ---------------------------------------------------------------


@pytest.mark.parametrize("name", ["İstanbul", "ISTANBUL", "Straße", "ǅemal", "Ωmega", "ﬁne"])
def test_names_that_save_also_load_and_list(store: SaveStore, story: Story, name: str) -> None:
    store.save(name, story, play(story, ["greet"]))
    assert store.load(name, story).state == play(story, ["greet"])
    [entry] = store.list(story)
    assert isinstance(entry, SaveInfo), entry


@pytest.mark.parametrize("name", ["COM¹", "com²", "LPT³", "ｃｏｎ", "Nul", "AUX", "com0"])
def test_reserved_device_names_are_refused(store: SaveStore, story: Story, name: str) -> None:
    with pytest.raises(SaveError, match="reserves"):
        store.save(name, story, play(story, []))


@settings(max_examples=400, derandomize=True, deadline=None)
@given(st.text(min_size=1, max_size=MAX_NAME))
def test_every_name_normalize_accepts_has_a_file_name_the_reader_recognizes(name: str) -> None:
    from iss.engine.save_files import file_stem

    try:
        normal = normalize_name(name)
    except SaveError:
        return
    assert is_file_stem(file_stem(normal)), (name, file_stem(normal))


@settings(
    max_examples=60,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.text(min_size=1, max_size=MAX_NAME))
def test_every_name_that_saves_loads(tmp_path_factory: pytest.TempPathFactory, name: str) -> None:
    store = SaveStore(tmp_path_factory.mktemp("names"), now=TickingClock())
    try:
        store.save(name, FUZZ_STORY, play(FUZZ_STORY, []))
    except SaveError:
        return
    assert store.load(name, FUZZ_STORY).state.scene == "dock"


@pytest.mark.parametrize(
    ("name", "allowed"),
    [
        ("Before the hatch", True),
        ("a" * MAX_NAME, True),
        ("a" * (MAX_NAME + 1), False),
        ("9 lives_2-b", True),
        ("-dash", False),
        ("dot.name", False),
        ("con", False),
        ("Con-1", True),
    ],
)
def test_the_one_sentence_rules_say_what_is_enforced(name: str, allowed: bool) -> None:
    """NAME_RULES, one sentence without backticks: 1 to 40 letters, digits, spaces, hyphens
    and underscores, starting with a letter or digit but not auto-; device names reserved."""
    assert f"1 to {MAX_NAME} letters" in NAME_RULES and " con " in NAME_RULES
    assert "auto-" in NAME_RULES and "`" not in NAME_RULES and NAME_RULES.count(".") == 1
    try:
        normalize_name(name)
    except SaveError:
        assert not allowed
    else:
        assert allowed


# -- what a save claims about itself ------------------------------------------


def write_json(store: SaveStore, slot: str, data: dict[str, Any]) -> None:
    store.folder.mkdir(parents=True, exist_ok=True)
    (store.folder / f"{slot}.save.json").write_text(json.dumps(data), encoding="utf-8")


def test_a_save_lists_with_the_storys_title_of_its_scene_not_the_one_it_claims(
    store: SaveStore, story: Story
) -> None:
    data = good_json(story)
    data["slot"] = "liar"
    data["scene"]["title"] = "Escape Pod Launched"
    write_json(store, "liar", data)
    lost = good_json(story)
    lost["slot"] = "lost"
    lost["scene"]["id"] = "no_such_scene"  # a scene the story no longer has
    lost["scene"]["title"] = "Kept Title"
    write_json(store, "lost", lost)
    entries = {e.slot: e for e in store.list(story)}
    liar, kept = entries["liar"], entries["lost"]
    assert isinstance(liar, SaveInfo) and isinstance(kept, SaveInfo)
    assert liar.scene_title == story.scenes[liar.scene_id].title != "Escape Pod Launched"
    assert kept.scene_title == "Kept Title"  # the only title there is: shown clipped and safe


def test_a_huge_multi_line_title_excerpt_and_problem_stay_on_their_lines(
    story: Story, tmp_path: Path
) -> None:
    """Save data is untrusted: 1,000 characters of title or excerpt, with newlines,
    keep one line each in the Load screen and in plain mode's :saves."""
    store = SaveStore(tmp_path / story.id)
    data = good_json(story)
    data["slot"] = "long"
    data["scene"]["id"] = "gone"
    data["scene"]["title"] = "Title\nFAKE LINE " + "t" * 980
    data["scene"]["excerpt"] = "Excerpt\nSaves, newest first:\n" + "e" * 970
    write_json(store, "long", data)
    other = good_json(story)
    other["story"]["id"] = "other"
    other["story"]["title"] = "Another\n" + "s" * 990
    write_json(store, "other", other)
    entries = {e.slot: e for e in store.list(story)}
    good, broken = entries["long"], entries["other"]
    assert isinstance(good, SaveInfo) and isinstance(broken, BrokenSave)
    lines = slot_prompt(good).plain.split("\n")
    assert len(lines) == 3 and all(len(line) <= 80 for line in lines), lines
    assert lines[0].endswith("…") and lines[2].endswith("…")
    problem = slot_prompt(broken).plain.split("\n")
    assert len(problem) == 2 and all(len(line) <= 170 for line in problem), problem
    out = io.StringIO()
    PlainGame(story, io.StringIO(":saves\n:quit\n"), out, saves_dir=tmp_path).run()
    said = out.getvalue()
    assert "FAKE LINE" in said and "\nFAKE LINE" not in said
    lines = [line.removeprefix("> ") for line in said.splitlines()]
    assert [line for line in lines if line.startswith("Saves")] == ["Saves, newest first:"]
    assert max(len(line) for line in said.splitlines()) < 300
