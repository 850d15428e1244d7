"""`ways_in`: the ways into a scene, and what is proved, differs or is open on arrival."""

from __future__ import annotations

from typing import Any

import pytest

from iss.authoring.explore import Budget, UnknownTarget, Work, replay_path, ways_in
from iss.engine.model import Story
from tests.conftest import BASE_MANIFEST, TINY, WriteStory, load_ok

MANIFEST = BASE_MANIFEST.replace("  met: You met Alexey.\n", "  met: You met Alexey.\n  woke: up\n")
SCENES = """\
scenes:
  a:
    text: Start.
    do: flag.woke = true
    choices:
      - id: left
        text: Meet Alexey
        do: [flag.met = true, trust.alexey += 1]
        go: join
      - id: right
        text: Keep to yourself
        go: join
      - id: lost
        text: Never offered
        when: has.key
        go: join
  join:
    text: '{if flag.met: Alexey waves. | Nobody looks up.}'
    next: b
  island:
    text: Nobody comes here.
    next: b
  b:
    text: End.
    ending: good
  burn:
    text: Fire.
    ending: burn
"""


@pytest.fixture
def story(write_story: WriteStory) -> Story:
    return load_ok(write_story(MANIFEST, scenes=SCENES))


def test_two_ways_in_that_differ_by_a_flag_each_side_a_real_route(story: Story) -> None:
    found = ways_in(story, "join", plays=200)
    assert found.status == "reached"
    ways = {w.key: w.arrivals for w in found.ways}
    assert set(ways) == {"a.left", "a.right", "a.lost"}  # every `go:` here, used or not
    assert ways["a.lost"] == 0 and ways["a.left"] > 0 and ways["a.right"] > 0
    assert ways["a.left"] + ways["a.right"] == found.arrivals == 200
    differs = {d.name.expr: d for d in found.differs}
    met = differs["flag.met"]
    assert [s.value for s in met.sides] == [False, True]
    false, true = met.sides
    assert dict(false.ways) == {"a.right": ways["a.right"]}
    assert dict(true.ways) == {"a.left": ways["a.left"]}
    for side in met.sides:  # each side replays in the engine to an arrival with that value
        state = replay_path(story, side.route)
        assert state.scene == "join" and ("met" in state.flags) is side.value
    order = [d.name.expr for d in found.differs]  # what prose assumes most comes first
    assert order.index("flag.met") < order.index("trust.alexey")
    trust = differs["trust.alexey"]
    assert [s.value for s in trust.sides] == [4, 5] and trust.complete


def test_what_every_arrival_shares_is_proved_always_or_never(story: Story) -> None:
    found = ways_in(story, "join", plays=50)
    always = {n.holds(found.fixed[n]) for n in found.always}
    never = {n.expr for n in found.never}
    assert {"flag.woke", "seen.a", 'status.alexey == "aboard"', "clock.reentry == 2h00m"} <= always
    assert {"has.key", "seen.island", "seen.b"} <= never
    assert not found.unproved
    assert "flag.met" not in always | never


def test_without_a_budget_nothing_is_claimed_proved(story: Story) -> None:
    starved = Budget(max_states=1, time_limit=60.0, work=Work(quick_states=0, proof_visits=1))
    found = ways_in(story, "join", starved, plays=50)
    assert not found.always and not found.never
    assert "flag.woke" in {n.holds(v) for n, v in found.unproved}
    assert "flag.met" in {d.name.expr for d in found.differs}  # witnessed, needs no proof


def test_a_scene_no_route_reaches_is_proved_unreachable(story: Story) -> None:
    found = ways_in(story, "island", plays=20)
    assert found.status == "unreachable" and found.arrivals == 0
    assert not found.always and not found.differs


def test_the_json_shape(story: Story) -> None:
    data: dict[str, Any] = ways_in(story, "join", plays=100).to_json()
    assert data["scene"] == "join" and data["status"] == "reached"
    assert data["plays"] == 100 and data["arrivals"] == 100
    assert {w["way"] for w in data["ways_in"]} == {"a.left", "a.right", "a.lost"}
    assert "flag.woke" in data["always"] and "has.key" in data["never"]
    (met,) = [d for d in data["differs"] if d["fact"] == "flag.met"]
    assert [s["value"] for s in met["sides"]] == [False, True]
    assert set(met["sides"][0]) == {"value", "shown", "arrivals", "ways_in", "route", "via", "by"}
    assert data["unproved"] == []


def test_an_unknown_scene_names_the_closest(story: Story) -> None:
    with pytest.raises(UnknownTarget, match="did you mean `join`"):
        ways_in(story, "jion")


def test_an_arrival_no_go_explains_is_listed_as_such() -> None:
    """The tiny story's `burning_up` is entered only when the clock runs out."""
    story = load_ok(TINY)
    found = ways_in(story, "burning_up", plays=100)
    assert found.status == "reached" and found.arrivals > 0
    assert all(not w.by_go for w in found.ways)
    assert "the_key.keep_waiting" in {w.key for w in found.ways}
    assert "clock.reentry == 0m" in {n.holds(found.fixed[n]) for n in found.always}
