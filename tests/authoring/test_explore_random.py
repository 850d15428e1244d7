"""Random playthroughs: seeded, reproducible, and every example replays in the engine."""

from __future__ import annotations

import json
import random

import pytest

from iss.authoring.explore import play_randomly, replay_path
from iss.authoring.explore.random_play import pick_below  # room internals, tested deliberately
from iss.cli import main
from tests.authoring.test_explore import STATION
from tests.conftest import TINY, WriteStory, load_ok


def test_same_seed_same_report() -> None:
    story = load_ok(STATION)
    a = play_randomly(story, 300, seed=5).to_json()
    b = play_randomly(story, 300, seed=5).to_json()
    c = play_randomly(story, 300, seed=6).to_json()
    for report in (a, b, c):
        report.pop("seconds")
    assert a == b
    assert a["endings"] != c["endings"] or a["examples"] != c["examples"]


def test_counts_add_up_and_examples_replay() -> None:
    story = load_ok(STATION)
    report = play_randomly(story, 500, seed=1)
    assert sum(report.endings.values()) + sum(report.dead_ends.values()) + report.too_long == 500
    assert len(report.lengths) == 500
    assert set(report.endings) == set(story.endings)
    assert report.endings["suffocate"] > 0 and report.endings["alone"] > 0
    for eid, (_, path) in report.examples.items():
        assert replay_path(story, path).ending == eid
    assert report.scene_coverage == 1.0
    assert 0 < report.choice_coverage <= 1.0


def test_dead_ends_and_endless_loops_are_counted(write_story: WriteStory) -> None:
    folder = write_story(
        """\
        title: Loops
        start: a
        characters:
          kira: {name: Dr. Kira Foster, side: US, player: true}
        endings:
          good: {title: Good, kind: good, canonical: true}
        """,
        scenes="""\
        scenes:
          a:
            text: Three ways lead out of the node from here.
            choices:
              - {id: loop, text: Go round, go: a}
              - {id: stop, text: Stop, go: b}
          b:
            text: Nothing here can be chosen at all now.
            choices:
              - {id: never, text: Never, when: false, go: a}
          c: {text: You never get here in any playthrough., ending: good}
        """,
    )
    story = load_ok(folder)
    report = play_randomly(story, 50, seed=0, max_steps=3)
    assert report.dead_ends.get("b", 0) + report.too_long == 50
    assert report.too_long > 0 and report.dead_ends["b"] > 0


def test_cli_random(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explore", str(TINY), "--random", "200", "--seed", "3", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["runs"] == 200 and data["seed"] == 3
    assert sum(data["endings"].values()) == 200
    assert data["lengths"]["min"] >= 2
    assert main(["explore", str(TINY), "--random", "100"]) == 0
    out = capsys.readouterr().out
    assert "100 random playthroughs" in out and "Coverage: scenes 4/4" in out


def test_the_random_player_draws_what_random_choice_draws() -> None:
    """`pick_below` writes out `random.Random.choice`: the same picks, so the same runs."""
    for n in range(1, 40):
        ours, theirs = random.Random(f"pick:{n}"), random.Random(f"pick:{n}")
        options = list(range(n))
        drawn = [options[pick_below(n, ours.getrandbits)] for _ in range(200)]
        assert drawn == [theirs.choice(options) for _ in range(200)]
