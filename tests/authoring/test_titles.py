"""A scene's title may change with the visit (`Unity{sequence: | , Evening}`): play shows
each visit's title, tools name the scene by the first, and anything else in braces is
a mistake at its line."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from iss.authoring.diff import Change, story_changes
from iss.authoring.loader import load_story
from iss.authoring.story_data import LazyScenes
from iss.authoring.titles import TitleProblem, TitleVariants, title_variants
from iss.engine.runner import replay
from iss.plain import PlainGame
from tests.conftest import WriteStory, codes, load_ok

HUB = """\
scenes:
  a:
    title: "TITLE"
    text: The node hums.
    choices:
      - {id: again, text: Go round once more, go: a}
      - {id: out, text: Leave, go: b}
  b: {title: B, text: Out at last., ending: good}
  burn: {title: Burn, text: Fire., ending: burn}
"""


@pytest.mark.parametrize(
    ("source", "titles", "cycles"),
    [
        (
            "Unity{sequence: | , Evening | , Late}",
            ("Unity", "Unity, Evening", "Unity, Late"),
            False,
        ),
        ("{cycle: Day | Night}", ("Day", "Night"), True),
        (
            "Any Station {sequence: | , Third Hour}",
            ("Any Station", "Any Station, Third Hour"),
            False,
        ),
        ("The {sequence: Hatch | Hatch Again} ", ("The Hatch", "The Hatch Again"), False),
    ],
)
def test_a_title_variation_gives_each_visit_a_title(
    source: str, titles: tuple[str, ...], cycles: bool
) -> None:
    assert title_variants(source) == TitleVariants(titles, cycles)


@pytest.mark.parametrize(
    ("source", "words"),
    [
        ("Unity{once: | , Evening}", "not `{once: ...}`"),
        ("Unity{shuffle: A | B}", "not `{shuffle: ...}`"),
        ("{alexey}'s Lab", "plain text, or text around one"),
        ("A{sequence: x}{cycle: y}", "plain text, or text around one"),
        ("Unity}", "plain text, or text around one"),
        ("{sequence: | }", "leaves the title empty"),
    ],
)
def test_anything_else_in_braces_is_a_problem(source: str, words: str) -> None:
    found = title_variants(source)
    assert isinstance(found, TitleProblem) and words in found.message
    assert title_variants("Unity") is None


def _play(folder: Path, stdin: str) -> str:
    out = io.StringIO()
    PlainGame(load_ok(folder), io.StringIO(stdin), out).run()
    return out.getvalue()


def test_play_shows_each_visits_title_and_tools_the_first(write_story: WriteStory) -> None:
    folder = write_story(scenes=HUB.replace("TITLE", "Unity{sequence: | , Evening | , Late}"))
    story = load_ok(folder)
    scene = story.scenes["a"]
    assert scene.title == "Unity" and scene.titles == ("Unity", "Unity, Evening", "Unity, Late")
    text = _play(folder, "again\nagain\nagain\nout\n")
    heads = [line for line in text.splitlines() if line.startswith("== ")]
    assert heads == [
        "== Unity ==",
        "== Unity, Evening ==",
        "== Unity, Late ==",
        "== Unity, Late ==",
        "== B ==",
    ]
    state = replay(story, ["again"]).state
    assert scene.title_in(state.visits) == "Unity, Evening"


def test_the_story_cache_keeps_the_titles(
    write_story: WriteStory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ISS_CACHE_DIR", str(tmp_path / "cache"))
    folder = write_story(scenes=HUB.replace("TITLE", "{cycle: Day | Night}"))
    load_story(folder)  # compiles, and writes the cache
    cached = load_ok(folder)
    assert isinstance(cached.scenes, LazyScenes), "the second load is a hit"
    assert cached.scenes["a"].titles == ("Day", "Night") and cached.scenes["a"].titles_cycle
    assert "a" in cached.counted


def test_a_cycle_goes_round(write_story: WriteStory) -> None:
    story = load_ok(write_story(scenes=HUB.replace("TITLE", "{cycle: Day | Night}")))
    scene = story.scenes["a"]
    assert [scene.title_on_visit(n) for n in range(1, 6)] == ["Day", "Night", "Day", "Night", "Day"]


@pytest.mark.parametrize(
    ("title", "column"),
    [("Unity{once: | , Evening}", 19), ("{alexey}'s Lab", 13), ("Unity{sequence: *A* | B}", 29)],
)
def test_a_bad_title_is_reported_at_its_place(
    write_story: WriteStory, title: str, column: int
) -> None:
    result = load_story(write_story(scenes=HUB.replace("TITLE", title)))
    assert codes(result) == ["E180"]
    found = result.diagnostics[0]
    assert (found.line, found.col) == (3, column), found


def test_iss_diff_sees_a_later_visits_title_change(write_story: WriteStory) -> None:
    old = load_ok(write_story(scenes=HUB.replace("TITLE", "Unity{sequence: | , Evening}")))
    new = load_ok(write_story(scenes=HUB.replace("TITLE", "Unity{sequence: | , Night}")))
    assert Change("scene", "a", "changed", ("title",)) in story_changes(old, new)
