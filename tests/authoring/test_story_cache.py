"""The compiled-story cache: a hit gives the story a compile gives, and a bad file is rebuilt."""

from __future__ import annotations

import dataclasses
import random
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

from iss.authoring import story_cache, story_data
from iss.authoring.loader import LoadResult, load_story
from iss.authoring.story_data import Codecs, LazyScenes
from iss.cli import main
from iss.engine import model
from iss.engine.expressions import Names
from iss.engine.model import Story
from iss.engine.runner import choices, choose, new_game, scene_text
from iss.engine.state import GameState
from iss.paths import bundled_story_dir
from tests.authoring import fuzz_story
from tests.conftest import BASE_MANIFEST, BASE_SCENES, WriteStory


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(story_cache.ENV, str(folder))
    return folder


def shape(value: Any) -> Any:
    """Everything a story holds, with each compiled closure as one marker.

    Fields a record fills in itself (`init=False`: memos such as `Template.fixed_spans`)
    are left out: they say what has been rendered so far, not what the story holds."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (
            type(value).__name__,
            tuple(
                (f.name, shape(getattr(value, f.name))) for f in dataclasses.fields(value) if f.init
            ),
        )
    if isinstance(value, Mapping):
        return ("mapping", tuple((k, shape(v)) for k, v in value.items()))
    if isinstance(value, tuple | list):
        return tuple(shape(v) for v in value)
    if isinstance(value, frozenset | set):
        return ("set", tuple(sorted(value)))
    if callable(value):
        return "<compiled>"
    return value


def compiled_and_cached(folder: Path) -> tuple[LoadResult, LoadResult]:
    compiled = load_story(folder, cache=False)
    assert compiled.story is not None, compiled.diagnostics
    first = load_story(folder)  # compiles and writes the cache
    assert not isinstance(first.story and first.story.scenes, LazyScenes)
    cached = load_story(folder)
    assert cached.story is not None
    assert isinstance(cached.story.scenes, LazyScenes), "the second load is a hit"
    return compiled, cached


def assert_same(compiled: LoadResult, cached: LoadResult) -> None:
    assert cached.diagnostics == compiled.diagnostics
    assert cached.files == compiled.files
    assert shape(cached.story) == shape(compiled.story)


def rendered(story: Story, state: GameState) -> list[str]:
    lines = ["".join(f"[{s.style}]{s.text}" for s in scene_text(story, state))]
    lines += [f"{v.id}|{v.plain}|{v.available}|{v.hidden}" for v in choices(story, state)]
    return lines


def test_the_bundled_story_from_the_cache_is_the_compiled_story(cache_dir: Path) -> None:
    compiled, cached = compiled_and_cached(bundled_story_dir())
    assert_same(compiled, cached)
    assert cached.story is not None and len(cached.story.scenes) > 50


def test_the_cached_bundled_story_plays_the_same_text_and_states(cache_dir: Path) -> None:
    compiled, cached = compiled_and_cached(bundled_story_dir())
    a, b = compiled.story, cached.story
    assert a is not None and b is not None
    pick = random.Random(1016)
    steps = 0
    for _ in range(200):
        seed = pick.randrange(1 << 30)
        sa, sb = new_game(a, seed=seed).state, new_game(b, seed=seed).state
        while True:
            assert sa == sb
            assert rendered(a, sa) == rendered(b, sb)
            open_ = [v.id for v in choices(a, sa) if v.available]
            if sa.over or not open_:
                break
            picked = pick.choice(open_)
            sa, sb = choose(a, sa, picked).state, choose(b, sb, picked).state
            steps += 1
    assert steps > 2_000


@settings(max_examples=25)
@given(fuzz_story.story_st, fuzz_story.extras_st)
def test_generated_stories_from_the_cache_are_the_compiled_ones(
    spec: fuzz_story.Spec, extras: fuzz_story.Extras
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = fuzz_story.write(Path(tmp) / "story", spec, extras)
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv(story_cache.ENV, str(Path(tmp) / "cache"))
            compiled, cached = compiled_and_cached(folder)
        assert_same(compiled, cached)
        a, b = compiled.story, cached.story
        assert a is not None and b is not None
        pick = random.Random(7)
        for _ in range(20):
            sa, sb = new_game(a).state, new_game(b).state
            for _ in range(30):
                assert sa == sb and rendered(a, sa) == rendered(b, sb)
                open_ = [v.id for v in choices(a, sa) if v.available]
                if sa.over or not open_:
                    break
                picked = pick.choice(open_)
                sa, sb = choose(a, sa, picked).state, choose(b, sb, picked).state


EVERYTHING = """\
scenes:
  a:
    title: A
    text: |
      Start, {alexey}. {if trust.alexey >= 5: *He nods.* | He waits.}
      {if flag.met: You met.} {clock.reentry} left.
    location: Zvezda
    tags: [one, two]
    requires: alive.alexey
    mentions_absent: [nicholai]
    do: trust.alexey += 1
    time: 10m
    choices:
      - text: Both of them
        when: [trust.alexey >= 3 or flag.met, has.key]
        reason: You need the key.
        do: [flag.met = true, allegiance += 1]
        time: 1h
        go:
          - {when: trust.alexey >= 6, go: b}
          - b
      - text: "**Quietly** wait"
        when: not flag.met
        hidden: true
        go: b
      - text: Wait
        go: b
  b:
    title: B
    text: End.
    ending: good
  burn:
    title: Burn
    text: Fire.
    ending: burn
extend:
  a:
    choices:
      - id: late
        text: Leave late
        go: burn
properties:
  alexey_waits_at_the_end:
    at: [b, burn]
    always: alive.alexey
  the_key_can_be_had:
    possible: has.key or not has.key
"""


def test_every_kind_of_field_comes_back(write_story: WriteStory, cache_dir: Path) -> None:
    manifest = BASE_MANIFEST.replace(
        "reentry: {label: to reentry, start: 2h, expires: burn}",
        "reentry: {label: to reentry, start: 2h, expires: burn, while: not flag.met}",
    )
    folder = write_story(manifest, scenes=EVERYTHING)
    compiled, cached = compiled_and_cached(folder)
    assert_same(compiled, cached)
    assert cached.story is not None
    assert cached.story.scenes["a"].requires is not None
    assert cached.story.scenes["a"].mentions_absent == ("nicholai",)
    assert [p.name for p in cached.story.properties] == [
        "alexey_waits_at_the_end",
        "the_key_can_be_had",
    ]
    both = cached.story.scenes["a"].choice_index["both_of_them"]
    assert both.when is not None and len(both.when.parts) == 2
    assert both.reason is not None and both.reason.source == "You need the key."
    assert [reason for _, reason in both.when.clauses] == [
        "Not possible now",
        "You need Weronika's key",
    ]  # the engine's guesses: the author's reason is the choice's own template


def test_warnings_and_their_places_come_back(write_story: WriteStory, cache_dir: Path) -> None:
    folder = write_story(scenes=BASE_SCENES.replace("text: End.", "text: The\u200b end."))
    compiled, cached = compiled_and_cached(folder)
    assert [d.code for d in compiled.warnings] == ["W106"]
    assert_same(compiled, cached)


def only_entry(folder: Path) -> Path:
    (entry,) = folder.glob("*" + story_cache.SUFFIX)
    return entry


def cached_once(write_story: WriteStory, cache_dir: Path) -> tuple[Path, LoadResult, Path]:
    folder = write_story()
    compiled = load_story(folder)
    assert compiled.story is not None
    return folder, compiled, only_entry(cache_dir)


def assert_rebuilt(folder: Path, compiled: LoadResult, entry: Path, before: bytes) -> None:
    again = load_story(folder)
    assert again.story is not None
    assert not isinstance(again.story.scenes, LazyScenes), "a bad entry is not used"
    assert_same(compiled, again)
    assert entry.read_bytes() != before, "and it is written again"
    hit = load_story(folder)
    assert hit.story is not None and isinstance(hit.story.scenes, LazyScenes)
    assert_same(compiled, hit)


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda b: b[: len(b) // 2], id="truncated"),
        pytest.param(lambda b: b[:-5] + bytes([b[-5] ^ 1]) + b[-4:], id="a flipped bit"),
        pytest.param(lambda b: b"", id="empty"),
        pytest.param(lambda b: b"\x00\xff" * 100, id="garbage"),
        pytest.param(lambda b: b.replace(b"cache 1 ", b"cache 0 ", 1), id="another format"),
    ],
)
def test_a_corrupt_entry_is_ignored_and_rebuilt(
    write_story: WriteStory, cache_dir: Path, damage: Any
) -> None:
    folder, compiled, entry = cached_once(write_story, cache_dir)
    broken = damage(entry.read_bytes())
    entry.write_bytes(broken)
    assert_rebuilt(folder, compiled, entry, broken)


def reseal(body: bytes) -> bytes:
    """A file with a correct digest over `body`, as a forger (or a bug) would write it."""
    import hashlib

    return story_cache.FORMAT + b" " + hashlib.sha256(body).hexdigest().encode() + b"\n" + body


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(b"2\n{}", id="no key"),
        pytest.param(b"5\n[1,2]", id="not a mapping"),
        pytest.param(b"x\n{}", id="no length"),
        pytest.param(b'40\n{"key":"k","head":{},"scenes":{}}', id="bad length"),
    ],
)
def test_a_sealed_but_malformed_entry_is_ignored(
    write_story: WriteStory, cache_dir: Path, body: bytes
) -> None:
    folder, compiled, entry = cached_once(write_story, cache_dir)
    entry.write_bytes(reseal(body))
    assert_rebuilt(folder, compiled, entry, reseal(body))


def test_an_entry_with_another_stories_key_is_ignored(
    write_story: WriteStory, cache_dir: Path, tmp_path: Path
) -> None:
    folder, compiled, entry = cached_once(write_story, cache_dir)
    other = tmp_path / "other" / "story"
    other.mkdir(parents=True)
    (other / "story.yaml").write_text(BASE_MANIFEST.replace("title: Test", "title: Other"))
    (other / "scenes.yaml").write_text((folder / "scenes.yaml").read_text())
    moved = cache_dir / "moved"
    assert load_story(other).story is not None
    (foreign,) = (p for p in cache_dir.glob("*" + story_cache.SUFFIX) if p != entry)
    foreign.rename(moved)
    moved.rename(entry)  # the other story's entry, under this story's name
    swapped = entry.read_bytes()
    assert_rebuilt(folder, compiled, entry, swapped)


def test_an_edited_story_is_compiled_again(write_story: WriteStory, cache_dir: Path) -> None:
    folder, _, entry = cached_once(write_story, cache_dir)
    scenes = folder / "scenes.yaml"
    scenes.write_text(scenes.read_text().replace("text: End.", "text: The end."))
    edited = load_story(folder)
    assert edited.story is not None and not isinstance(edited.story.scenes, LazyScenes)
    assert edited.story.scenes["b"].text.source == "The end."
    again = load_story(folder)
    assert again.story is not None and isinstance(again.story.scenes, LazyScenes)
    assert again.story.scenes["b"].text.source == "The end."
    assert len(list(cache_dir.glob("*" + story_cache.SUFFIX))) == 2
    assert entry.exists()


def test_a_hit_reads_no_yaml(
    write_story: WriteStory, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, compiled, _ = cached_once(write_story, cache_dir)

    def no_yaml(*args: object) -> None:
        raise AssertionError("a cache hit parsed a story file")

    monkeypatch.setattr("iss.authoring.loader.parse_file", no_yaml)
    hit = load_story(folder)
    assert_same(compiled, hit)


def test_iss_check_compiles_from_source(
    write_story: WriteStory, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, _, _ = cached_once(write_story, cache_dir)

    def no_cache(*args: object) -> None:
        raise AssertionError("iss check read the cache")

    monkeypatch.setattr(story_cache, "read_cache", no_cache)
    monkeypatch.setattr(story_cache, "write_cache", no_cache)
    assert main(["check", str(folder)]) == 0


def test_errors_are_never_cached(write_story: WriteStory, cache_dir: Path) -> None:
    folder = write_story(scenes="scenes:\n  a: {title: A, text: Start., next: nowhere}\n")
    assert load_story(folder).story is None
    assert load_story(folder).story is None
    assert not list(cache_dir.glob("*" + story_cache.SUFFIX)) if cache_dir.exists() else True


def test_a_story_with_a_failing_walkthrough_loads_but_is_never_cached(
    write_story: WriteStory, cache_dir: Path
) -> None:
    """E160 is an error that still lets the story play (issue 11); the cache keeps
    only stories that loaded cleanly, so the error is reported on every load."""
    manifest = BASE_MANIFEST + "walkthroughs:\n  home: {ending: good, choices: [nope]}\n"
    folder = write_story(manifest)
    for _ in range(2):
        result = load_story(folder)
        assert result.story is not None
        assert "E160" in [d.code for d in result.errors]
        assert not isinstance(result.story.scenes, LazyScenes)
    assert not list(cache_dir.glob("*" + story_cache.SUFFIX)) if cache_dir.exists() else True


def test_an_empty_setting_turns_the_cache_off(
    write_story: WriteStory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(story_cache.ENV, "")
    assert story_cache.cache_folder() is None
    folder = write_story()
    for _ in range(2):
        result = load_story(folder)
        assert result.story is not None and not isinstance(result.story.scenes, LazyScenes)


def test_the_user_cache_folder_is_used_only_without_the_setting(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv(story_cache.ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert story_cache.cache_folder() == tmp_path / "xdg" / "iss-story" / "stories"


def test_the_tests_never_use_the_real_cache_folder() -> None:
    folder = story_cache.cache_folder()
    assert folder is not None and Path(tempfile.gettempdir()) in folder.parents


def test_an_unwritable_cache_never_stops_a_load(write_story: WriteStory, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(story_cache.ENV, str(blocker / "cache"))
        assert load_story(write_story()).story is not None


def test_old_entries_are_removed(
    write_story: WriteStory, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(story_cache, "MAX_ENTRIES", 2)
    folder = write_story()
    scenes = folder / "scenes.yaml"
    original = scenes.read_text()
    for n in range(4):
        scenes.write_text(original.replace("text: End.", f"text: End {n}."))
        assert load_story(folder).story is not None
    assert len(list(cache_dir.glob("*" + story_cache.SUFFIX))) == 2


def test_every_model_field_has_a_codec() -> None:
    codecs = Codecs()
    for name, cls in vars(model).items():
        if dataclasses.is_dataclass(cls) and name not in ("Story", "Condition", "Effect"):
            codecs.get(name)
    for f in [*dataclasses.fields(Story), *dataclasses.fields(Names)]:
        if f.name != "scenes":
            assert isinstance(f.type, str)
            codecs.get(f.type)
    with pytest.raises(TypeError):
        codecs.get("set[int]")


def test_a_scene_is_decoded_when_first_looked_up(cache_dir: Path) -> None:
    _, cached = compiled_and_cached(bundled_story_dir())
    assert cached.story is not None
    scenes = cached.story.scenes
    assert isinstance(scenes, LazyScenes)
    assert "0 decoded" in repr(scenes)
    start = cached.story.start
    assert start in scenes and "nowhere" not in scenes
    assert scenes[start] is scenes[start]
    assert "1 decoded" in repr(scenes)
    with pytest.raises(KeyError):
        scenes["nowhere"]
    assert story_data.DataError.__mro__[1] is ValueError


def test_a_scene_that_does_not_decode_is_compiled_from_source(
    write_story: WriteStory, cache_dir: Path
) -> None:
    folder, compiled, entry = cached_once(write_story, cache_dir)

    def broken(self: Codecs, data: object) -> None:
        raise ValueError("a template this code cannot compile")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Codecs, "_template", broken)
        hit = load_story(folder)
        assert hit.story is not None and isinstance(hit.story.scenes, LazyScenes)
        assert compiled.story is not None
        assert shape(hit.story.scenes["a"]) == shape(compiled.story.scenes["a"])
        assert_same(compiled, hit)
        assert not entry.exists(), "the entry that did not decode is removed"
    assert load_story(folder).story is not None
    assert entry.exists(), "and written again by the next load"


def test_a_story_loaded_from_two_directories_hits_in_both(
    write_story: WriteStory, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Diagnostics show paths from the current directory, and an entry holds them: each
    directory gets its own entry, so loads from the two take turns without compiling."""
    folder = write_story()
    places = [folder.parent, folder]
    for place in places:  # each compiles once and writes its entry
        monkeypatch.chdir(place)
        assert load_story(folder).story is not None
    assert len(list(cache_dir.glob("*" + story_cache.SUFFIX))) == 2
    for place in [*places, *places]:
        monkeypatch.chdir(place)
        hit = load_story(folder)
        assert hit.story is not None and isinstance(hit.story.scenes, LazyScenes)
        assert hit.files == load_story(folder, cache=False).files
