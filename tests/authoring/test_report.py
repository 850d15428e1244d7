"""`iss report`: choice impact, cosmetic choices, pacing, and the command itself."""

from __future__ import annotations

import json
import random

import pytest

from iss.authoring.report import LONG_SCENE, ReportOptions, build_report, cosmetic_choices
from iss.authoring.report.pacing import WordCounts  # room internals, tested deliberately
from iss.cli import main
from iss.engine.runner import can_take, choose, new_game
from tests.conftest import ROOT, TINY, WriteStory, load_ok

MANIFEST = """\
title: Report
start: s0
characters:
  kira: {name: Dr. Kira Foster, side: US, player: true}
  alexey: {name: Alexey Pulov, side: RU, trust: 4}
flags:
  read: Read later.
  unread: Never read.
endings:
  good: {title: Good, kind: good, canonical: true}
  bad: {title: Bad, kind: failure}
"""

PACED = """\
scenes:
  s0:
    text: One two three.
    choices:
      - {id: go_on, text: Go on, go: s1}
  s1:
    text: "Four five{if flag.read:, six seven}."
    choices:
      - {id: win, text: Win, go: good_end}
      - {id: lose, text: Lose, do: flag.read = true, go: s1b}
  s1b:
    text: "Again: {if flag.read: eight.}"
    choices:
      - {id: give_up, text: Give up, go: bad_end}
  good_end: {text: Six., ending: good}
  bad_end: {text: Nine ten., ending: bad}
"""


def test_impact_lists_the_endings_a_choice_rules_out() -> None:
    report = build_report(load_ok(TINY), ReportOptions(runs=20))
    impact = {(c.scene, c.choice): c for c in report.choices}
    wait = impact[("hatch", "wait")]
    assert wait.exact
    assert wait.before == ("home", "burn") and wait.after == ("burn",)
    assert wait.closes == ("home",)
    assert impact[("hatch", "ask_him")].closes == ()
    assert impact[("the_key", "take_the_key")].after == ("home",)
    assert report.to_json()["choices"][1] == {
        "scene": "hatch",
        "choice": "wait",
        "before": ["home", "burn"],
        "after": ["burn"],
        "closes": ["home"],
        "cosmetic": False,
        "exact": True,
    }


def test_estimated_impact_is_bounded_by_the_proof_and_shown_by_play() -> None:
    report = build_report(load_ok(TINY), ReportOptions(runs=200, max_states=1))
    wait = next(c for c in report.choices if c.choice == "wait")
    assert not wait.exact
    # Scene by scene, `the_key` may lead home (with trust 6 it does), so the bound keeps
    # home; random play only ever burns after waiting.
    assert wait.after == ("home", "burn")
    assert wait.shown_after == ("burn",)
    assert report.to_json()["choices"][1]["shown_after"] == ["burn"]


def test_cosmetic_choices(write_story: WriteStory) -> None:
    story = load_ok(
        write_story(
            MANIFEST,
            scenes="""\
            scenes:
              s0:
                text: Hello.
                choices:
                  - {id: wave, text: Wave, do: flag.unread = true, go: s1}
                  - {id: nod, text: Nod, go: s1}
              s1:
                text: Then.
                choices:
                  - {id: help, text: Help, do: flag.read = true, go: s2}
                  - {id: watch, text: Watch, go: s2}
              s2:
                text: "{if flag.read: You helped.}"
                choices:
                  - {id: only, text: Only, go: good_end}
              good_end: {text: Good., ending: good}
              bad_end: {text: Bad., ending: bad}
            """,
        )
    )
    assert cosmetic_choices(story) == {("s0", "wave"), ("s0", "nod")}

    report = build_report(story, ReportOptions(runs=10))
    assert report.cosmetic.cosmetic == 2 and report.cosmetic.choices == 5
    assert report.cosmetic_by_scene["s0"].share == 1.0
    assert report.cosmetic_by_scene["s1"].share == 0.0
    assert report.to_json()["cosmetic"]["total"] == {"cosmetic": 2, "choices": 5, "share": 0.4}


def test_a_choice_the_story_answers_by_name_is_not_cosmetic(write_story: WriteStory) -> None:
    """Two choices that go to the same scene and write nothing, where the next scene
    answers one of them by `taken.`: the reactive sentence the issue asks for."""
    scenes = """\
            scenes:
              s0:
                text: Hello.
                choices:
                  - {id: wave, text: Wave, go: s1}
                  - {id: nod, text: Nod, go: s1}
              s1:
                text: "{if taken.s0.wave: He waves back. | He nods.}"
                choices:
                  - {id: only, text: Only, go: good_end}
              good_end: {text: Good., ending: good}
              bad_end: {text: Bad., ending: bad}
            """
    assert cosmetic_choices(load_ok(write_story(MANIFEST, scenes=scenes))) == set()
    unread = scenes.replace("{if taken.s0.wave: He waves back. | He nods.}", "He nods.")
    assert cosmetic_choices(load_ok(write_story(MANIFEST, scenes=unread))) == {
        ("s0", "wave"),
        ("s0", "nod"),
    }


def test_pacing_of_the_shortest_routes(write_story: WriteStory) -> None:
    story = load_ok(write_story(MANIFEST, scenes=PACED))
    report = build_report(story, ReportOptions(runs=50))
    route, walk = report.routes.routes["good"]
    assert route == ("go_on", "win")
    # "One two three." + "Four five." + "Six."; s0 offers one choice, so the run of
    # words before the first decision is 3 + 2.
    assert (walk.words, walk.choices, walk.decisions, walk.longest_run) == (6, 2, 1, 5)
    route, walk = report.routes.routes["bad"]
    assert route == ("go_on", "lose", "give_up")
    # After losing, flag.read shows "eight."; "Again:" + "eight." + "Nine ten." is a run of 4.
    assert (walk.words, walk.choices, walk.decisions, walk.longest_run) == (9, 3, 1, 5)
    assert report.routes.shortest
    assert walk.share == pytest.approx(9 / report.story_words)
    assert report.random.playthroughs == 50
    assert report.random.words.low == 6 and report.random.words.high == 9


def test_scene_lengths_are_counted_per_visit_and_long_ones_listed(
    write_story: WriteStory, capsys: pytest.CaptureFixture[str]
) -> None:
    """Blind readers named every scene past 300 words a visit as where the tension
    drains; the report counts each visit as it renders and lists the scenes whose
    median visit runs past `LONG_SCENE`."""
    long = " ".join(["word"] * (LONG_SCENE + 1))
    scenes = PACED.replace('text: "Again: {if flag.read: eight.}"', f'text: "{long}"')
    folder = write_story(MANIFEST, scenes=scenes)
    report = build_report(load_ok(folder), ReportOptions(runs=50))
    _, walk = report.routes.routes["good"]
    assert walk.visits == (("s0", 3), ("s1", 2), ("good_end", 1))
    words = report.random.scene_words
    assert words["s1"].low == 2 and words["s1b"].median == LONG_SCENE + 1
    assert [sid for sid, _ in report.random.long_scenes] == ["s1b"]
    assert main(["report", str(folder), "--runs", "50"]) == 0
    out = capsys.readouterr().out
    assert f"scenes whose median visit runs past {LONG_SCENE} words: 1" in out
    assert f"s1b: {LONG_SCENE + 1:,}" in out
    assert main(["report", str(folder), "--json", "--runs", "50"]) == 0
    lengths = json.loads(capsys.readouterr().out)["pacing"]["random_play"]["scene_visit_words"]
    assert lengths["long_scenes"]["s1b"]["median"] == LONG_SCENE + 1


def test_report_command_text_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(TINY), "--runs", "50"]) == 0
    out = capsys.readouterr().out
    assert "exact: an absorbing Markov chain over 5 states" in out
    assert "home" in out and "25.0%  (1/4)" in out
    assert "hatch.wait: 1 of 2 endings still open; rules out home" in out
    assert "longest run without a decision" in out
    assert "scenes whose median visit runs past 300 words: none" in out
    assert main(["report", str(TINY), "--json", "--runs", "50", "--max-states", "1"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["odds"]["exact"] is False
    assert set(data["odds"]["endings"]) == {"home", "burn"}
    assert set(data["odds"]["endings"]["home"]) == {"p", "low", "high"}
    assert {"scene", "choice", "before", "after", "cosmetic"} <= set(data["choices"][0])
    assert set(data["pacing"]) == {"story_words", "shortest_routes", "random_play"}


def test_report_command_rejects_bad_numbers(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(TINY), "--runs", "0"]) == 2
    assert "must be positive" in capsys.readouterr().err


def test_the_authoring_doc_example_is_what_the_command_prints(
    capsys: pytest.CaptureFixture[str],
) -> None:
    doc = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    section = doc.split("`iss report`", 1)[1]
    example = section.split("```text\n", 1)[1].split("```", 1)[0]
    assert main(["report", str(TINY), "--runs", "10"]) == 0
    out = capsys.readouterr().out
    for line in example.splitlines():
        if line.strip():
            assert line in out.splitlines(), line


def test_remembered_word_counts_are_the_counts() -> None:
    """Word counts are remembered per scene and per value of what its text reads."""
    story = load_ok(ROOT / "story")
    counts = WordCounts(story)
    checked = 0
    for run in range(40):
        rng = random.Random(run)
        state = new_game(story).state
        while state.ending is None:
            for _ in range(2):  # the second time comes from memory
                assert counts.of(state) == story.scenes[state.scene].text.word_count(state)
            checked += 1
            scene = story.scenes[state.scene]
            # can_take, not `when` alone: a once-only choice already taken is not an option
            options = [c.id for c in scene.choices if can_take(c, state)]
            state = choose(story, state, rng.choice(options)).state
    assert checked > 400
    assert counts.seen  # some counts were remembered
