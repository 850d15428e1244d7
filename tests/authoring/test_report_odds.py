"""`iss report` odds: exact on stories whose odds are known by hand, sampled ones honest."""

from __future__ import annotations

from fractions import Fraction

from iss.authoring.explore import play_randomly
from iss.authoring.report import ReportOptions, build_report
from iss.authoring.report.chain import solve_chain  # room internals, tested deliberately
from iss.authoring.report.sampling import play_and_read  # room internals, tested deliberately
from iss.authoring.report.states import build_state_graph  # room internals, tested deliberately
from tests.conftest import TINY, WriteStory, load_ok

MANIFEST = """\
title: Odds
start: s0
characters:
  kira: {name: Dr. Kira Foster, side: US, player: true}
  alexey: {name: Alexey Pulov, side: RU, trust: 4}
variables:
  n: {type: int, min: 0, max: 9}
flags:
  f: F.
endings:
  good: {title: Good, kind: good, canonical: true}
  bad: {title: Bad, kind: failure}
"""

ENDS = """\
  good_end: {text: Good., ending: good}
  bad_end: {text: Bad., ending: bad}
"""


def _odds(write_story: WriteStory, scenes: str) -> dict[str, Fraction | None]:
    story = load_ok(write_story(MANIFEST, scenes="scenes:\n" + scenes + ENDS))
    odds = build_report(story, ReportOptions(runs=10)).odds
    assert odds.exact
    out = {eid: chance.fraction for eid, chance in odds.endings.items()}
    out["trapped"] = odds.trapped.fraction
    return out


def test_tiny_story_odds_by_hand() -> None:
    # hatch: ask_him (1/2) -> the_key with trust 6: take the key (1/2) -> home,
    # or keep waiting (1/2): the clock runs out -> burn. wait (1/2) -> only keep waiting.
    odds = build_report(load_ok(TINY), ReportOptions(runs=10)).odds
    assert odds.exact
    assert odds.endings["home"].fraction == Fraction(1, 4)
    assert odds.endings["burn"].fraction == Fraction(3, 4)
    assert odds.trapped.fraction == 0
    assert odds.to_json()["endings"]["home"] == {
        "p": 0.25,
        "low": 0.25,
        "high": 0.25,
        "fraction": "1/4",
    }


def test_a_loop_between_two_scenes(write_story: WriteStory) -> None:
    # p0 = p1 / 2 and p1 = p0 / 2 + 1/2, so p0 = 1/3.
    odds = _odds(
        write_story,
        """\
  s0:
    text: Zero.
    choices:
      - {id: ahead, text: Ahead, go: s1}
      - {id: out, text: Out, go: bad_end}
  s1:
    text: One.
    choices:
      - {id: back, text: Back, go: s0}
      - {id: win, text: Win, go: good_end}
""",
    )
    assert odds == {"good": Fraction(1, 3), "bad": Fraction(2, 3), "trapped": 0}


def test_a_counter_in_a_loop_and_a_self_loop(write_story: WriteStory) -> None:
    # Waiting raises n; leaving needs n >= 2. From n: wait, give up, and leave once open.
    # From n >= 2 (up to n's maximum, 9): p = (p + 1) / 3, so 1/2; p1 = 1/4 and p0 = 1/8.
    odds = _odds(
        write_story,
        """\
  s0:
    text: Waiting.
    choices:
      - {id: wait, text: Wait, do: n += 1, go: s0}
      - {id: leave, text: Leave, when: n >= 2, go: good_end}
      - {id: give_up, text: Give up, go: bad_end}
""",
    )
    assert odds == {"good": Fraction(1, 8), "bad": Fraction(7, 8), "trapped": 0}


def test_trapped_mass_is_reported(write_story: WriteStory) -> None:
    odds = _odds(
        write_story,
        """\
  s0:
    text: Zero.
    choices:
      - {id: win, text: Win, go: good_end}
      - {id: circle, text: Circle, go: s1}
      - {id: stop, text: Stop, go: s2}
  s1:
    text: Round and round.
    choices:
      - {id: again, text: Again, go: s1}
  s2:
    text: Nothing to do.
    choices:
      - {id: never, text: Never, when: flag.f, go: bad_end}
""",
    )
    assert odds == {"good": Fraction(1, 3), "bad": Fraction(0), "trapped": Fraction(2, 3)}


def test_every_node_of_the_chain_adds_up() -> None:
    story = load_ok(TINY)
    graph = build_state_graph(story, 100)
    assert graph is not None
    values = solve_chain(graph)
    assert values is not None
    for node, vector in enumerate(values):
        assert sum(vector.values()) == 1, graph.scene[node]


def test_the_sample_is_the_one_explore_random_plays(write_story: WriteStory) -> None:
    story = load_ok(TINY)
    sample = play_and_read(story, 300, seed=5)
    played = play_randomly(story, 300, seed=5)
    assert sample.counts == played.endings
    assert [w.choices for w in sample.walks] == played.lengths


def test_estimated_odds_cover_the_exact_ones(write_story: WriteStory) -> None:
    """Seeded, so deterministic; the intervals are wide enough to hold the truth."""
    story = load_ok(TINY)
    estimate = build_report(story, ReportOptions(runs=2000, seed=3, max_states=1)).odds
    assert not estimate.exact
    assert estimate.runs == 2000
    assert "estimated" in estimate.to_json()["method"]
    for eid, truth in {"home": 0.25, "burn": 0.75}.items():
        chance = estimate.endings[eid]
        assert chance.low <= truth <= chance.high, (eid, chance)
        assert chance.high - chance.low < 0.1
    assert sum(c.p for c in estimate.endings.values()) == 1.0


def test_random_play_stops_where_the_chain_shows_no_way_out(write_story: WriteStory) -> None:
    scenes = """\
  s0:
    text: Zero.
    choices:
      - {id: win, text: Win, go: good_end}
      - {id: circle, text: Circle, go: s1}
  s1:
    text: Round and round.
    choices:
      - {id: again, text: Again, go: s1}
"""
    story = load_ok(write_story(MANIFEST, scenes="scenes:\n" + scenes + ENDS))
    report = build_report(story, ReportOptions(runs=40))
    assert report.odds.trapped.fraction == Fraction(1, 2)
    # Without the chain a trapped playthrough circles 2,000 times; with it, it stops.
    assert report.random.choices.high == 1
