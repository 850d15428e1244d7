"""A decision whose choices say their time on one route and not on the next.

Four blind readers (R207, R212, R214, R215) saw "Stay at the window through a
sunrise · 1h" on one replay and the same choice bare on the next: the other choices
led to a scene as long as the sunrise on one route and to a short one on the other.
`iss report` lists such decisions; `time_labels: always` labels them on every route.
"""

from __future__ import annotations

from iss.authoring.loader import load_story
from iss.authoring.report import ReportOptions, build_report, uneven_time_labels
from iss.engine.model import Story
from iss.engine.runner import choose_unrecorded, new_game
from iss.engine.state import GameState
from iss.notices import choice_time_labels
from tests.conftest import BASE_MANIFEST, WriteStory, codes, load_ok

MANIFEST = BASE_MANIFEST.replace("start: 2h", "start: 10h")

SCENES = """\
scenes:
  a:
    title: Hub
    text: Which way?
    choices:
      - id: the_long_way
        text: The long way
        do: flag.met = true
        go: window
      - id: the_short_way
        text: The short way
        go: window
  window:
    title: Window
    text: The sun is coming.{labels}
    choices:
      - id: stay
        text: Stay through a sunrise
        time: 25m
        go: done
      - id: walk_on
        text: Walk on
        go:
          - when: flag.met
            go: far
          - near
  far:
    title: Far
    text: A long walk.
    time: 45m
    choices:
      - text: Home
        go: done
  near:
    title: Near
    text: A short walk.
    time: 15m
    choices:
      - text: Home
        go: done
  done:
    title: Done
    text: End.
    ending: good
  burn:
    title: Burn
    text: Fire.
    ending: burn
"""


def story_with(write_story: WriteStory, labels: str = "") -> Story:
    scenes = SCENES.replace("{labels}", "").replace(
        "    text: The sun is coming.\n", f"    text: The sun is coming.\n{labels}"
    )
    return load_ok(write_story(MANIFEST, s=scenes))


def at_window(story: Story, way: str) -> GameState:
    return choose_unrecorded(story, new_game(story, 0).state, way).state


def test_labels_come_and_go_with_the_route_unless_the_scene_says_always(
    write_story: WriteStory,
) -> None:
    story = story_with(write_story)
    short = choice_time_labels(story, at_window(story, "the_short_way"), ["stay", "walk_on"])
    long = choice_time_labels(story, at_window(story, "the_long_way"), ["stay", "walk_on"])
    assert short == {"stay": "", "walk_on": ""}  # 25m and 15m: time is no question here
    assert long == {"stay": "", "walk_on": " · 45m of the 10h to reentry"}

    story = story_with(write_story, "    time_labels: always\n")
    long = choice_time_labels(story, at_window(story, "the_long_way"), ["stay", "walk_on"])
    assert long == {
        "stay": " · 25m of the 10h to reentry",
        "walk_on": " · 45m of the 10h to reentry",
    }
    # every cost is said there, a quarter hour too (R226: "· 45m" on one route, bare on
    # the next where the same choice spent 15 minutes)
    short = choice_time_labels(story, at_window(story, "the_short_way"), ["stay", "walk_on"])
    assert short == {
        "stay": " · 25m of the 10h to reentry",
        "walk_on": " · 15m of the 10h to reentry",
    }


def test_the_report_lists_the_uneven_decision_until_it_says_always(
    write_story: WriteStory,
) -> None:
    [uneven] = uneven_time_labels(story_with(write_story), runs=40)
    assert uneven.scene == "window" and uneven.told > 0 and uneven.untold > 0
    assert uneven.told + uneven.untold == 40
    assert uneven_time_labels(story_with(write_story, "    time_labels: always\n"), 40) == []

    report = build_report(story_with(write_story), ReportOptions(runs=20, seam_runs=40))
    assert report.to_json()["uneven_time_labels"] == [
        {"scene": "window", "told": uneven.told, "untold": uneven.untold}
    ]


def test_a_time_labels_value_other_than_always_or_auto_is_an_error_at_its_line(
    write_story: WriteStory,
) -> None:
    for written, shown in (("sometimes", "not `sometimes`"), ("yes", "not a yes/no value")):
        scenes = SCENES.replace("{labels}", "").replace(
            "    text: The sun is coming.\n",
            f"    text: The sun is coming.\n    time_labels: {written}\n",
        )
        result = load_story(write_story(MANIFEST, s=scenes))
        assert result.story is None and codes(result) == ["E113"]
        [problem] = result.diagnostics
        assert problem.file.endswith("s.yaml") and problem.line == 16
        assert f"`time_labels` is `always` or `auto`, {shown}" in problem.message
