"""The explorer: every path it reports plays in the engine, and it finds what is wrong."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from iss.authoring.explore import EXPLORE_BUDGET, Budget, explore, replay_path
from iss.authoring.explore.relevance import Relevance  # room internals, tested deliberately
from iss.cli import main
from iss.engine.runner import choices
from tests.conftest import TINY, WriteStory, load_ok

FIXTURES = Path(__file__).resolve().parent / "fixtures"
STATION = FIXTURES / "station"

MANIFEST = """\
title: Explore
start: a
characters:
  kira: {name: Dr. Kira Foster, side: US, player: true}
  alexey: {name: Alexey Pulov, side: RU, trust: 4}
variables:
  count: {type: int, min: 0, max: 50}
flags:
  met: You met him.
endings:
  good: {title: Good, kind: good, canonical: true}
  never: {title: Never, kind: dark}
"""


@pytest.mark.parametrize("folder", [TINY, STATION], ids=["tiny", "station"])
def test_every_ending_path_replays_to_its_ending(folder: Path) -> None:
    story = load_ok(folder)
    found = explore(story)
    assert found.complete
    for eid, ending in found.endings.items():
        assert ending.path is not None, f"{eid} not reached"
        state = replay_path(story, ending.path)
        assert state.ending == eid
        assert ending.path.scenes[0] == story.start
        assert ending.path.scenes[-1] == state.scene


def test_paths_are_shortest() -> None:
    story = load_ok(STATION)
    found = explore(story)
    assert found.endings["alone"].path is not None
    assert found.endings["alone"].path.choices == ("talk", "refuse", "leave")


def test_dead_end_is_found_with_a_path_that_reaches_it(write_story: WriteStory) -> None:
    folder = write_story(
        MANIFEST,
        scenes="""\
        scenes:
          a:
            text: Alexey waits at the hatch for you.
            choices:
              - {id: snub, text: Ignore him, do: trust.alexey -= 2, go: b}
              - {id: greet, text: Greet him, do: flag.met = true, go: b}
          b:
            text: The hatch will only open for a friend of his.
            choices:
              - {id: open, text: Open it, when: trust.alexey >= 3, go: c}
          c: {text: You are through the hatch and home again., ending: good}
          d: {text: This never happens to anyone at all., ending: never}
        """,
    )
    story = load_ok(folder)
    found = explore(story)
    assert found.complete
    assert [d.scene for d in found.dead_ends] == ["b"]
    state = replay_path(story, found.dead_ends[0].path)
    assert state.scene == "b"
    assert not any(view.available for view in choices(story, state))
    assert not found.endings["never"].reachable
    assert found.unreachable_scenes == ["d"]


TRAP = """\
scenes:
  a:
    text: Two corridors lead away from the node.
    choices:
      - {id: left, text: Go left, go: b}
      - {id: right, text: Go right, go: e}
  b:
    text: The corridor bends back on itself here.
    choices:
      - {id: onward, text: Keep going, go: c}
  c:
    text: The corridor bends back on itself again.
    choices:
      - {id: back, text: Keep going, go: b}
  e: {text: You find the way home at last., ending: good}
  n: {text: This ending is never reached by anyone., ending: never}
"""


def test_trap_loop_is_found(write_story: WriteStory) -> None:
    story = load_ok(write_story(MANIFEST, scenes=TRAP))
    found = explore(story)
    assert len(found.trap_loops) == 1
    trap = found.trap_loops[0]
    assert trap.loop == ("b", "c")
    assert replay_path(story, trap.path).scene == trap.scene


def test_state_merging_ignores_names_nobody_reads(write_story: WriteStory) -> None:
    loop = """\
    scenes:
      a:
        text: The pump hums in the dark node.
        choices:
          - {id: pump, text: Work the pump, do: count += 1, go: a}
          - {id: leave, text: Leave the node, go: b}
      b: {text: You leave the pump behind and go home., ending: good}
      n: {text: This ending is never reached by anyone., ending: never}
    """
    story = load_ok(write_story(MANIFEST, scenes=loop))
    assert Relevance(story).live["a"] == frozenset()
    pumped = [replay_path(story, ("pump",) * n) for n in range(5)]
    key = Relevance(story).key_function("a")
    assert len({key(state) for state in pumped}) == 1  # the count is never read
    read = loop.replace("go: b}", "go: b, when: count >= 3}")
    story = load_ok(write_story(MANIFEST, scenes=read))
    assert Relevance(story).live["a"] == frozenset({"var.count"})
    pumped = [replay_path(story, ("pump",) * n) for n in range(6)]
    key = Relevance(story).key_function("a")
    assert len({key(state) for state in pumped}) == 4  # 0, 1, 2 and "3 or more"
    found = explore(story)
    path = found.endings["good"].path
    assert path is not None and path.choices == ("pump", "pump", "pump", "leave")


def test_budget_cuts_the_search_and_says_so(write_story: WriteStory) -> None:
    story = load_ok(write_story(MANIFEST, scenes=TRAP))
    found = explore(story, Budget(max_states=3))
    assert not found.complete
    assert "state limit" in found.cut_reason
    assert "may trap the player: b -> c" in found.cut_reason
    assert found.trap_loops == []  # unexplored states might still escape


def test_explore_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explore", str(STATION), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["complete"] is True
    assert set(data["endings"]) == {"escape", "together", "suffocate", "alone"}
    escape = data["endings"]["escape"]
    assert escape["reachable"] and escape["canonical"] and escape["kind"] == "canonical"
    assert escape["path"] == ["talk", "ask", "take_key", "fly"]
    assert escape["scenes"][0] == "cupola" and escape["scenes"][-1] == "escape"
    assert data["dead_ends"] == [] and data["unreachable_scenes"] == []
    assert data["coverage"]["scenes"] == {"reached": 9, "total": 9}
    assert data["states"] > 0


def test_explore_text_and_exit_code(
    write_story: WriteStory, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["explore", str(TINY)]) == 0
    out = capsys.readouterr().out
    assert "2 of 2 reached" in out and "ask_him take_the_key" in out
    folder = write_story(
        MANIFEST,
        scenes="""\
        scenes:
          a:
            text: The hatch will only open for a friend of his.
            choices:
              - {id: open, text: Open it, when: trust.alexey >= 5, go: c}
          c: {text: You are through the hatch and home again., ending: good}
          n: {text: This ending is never reached by anyone., ending: never}
        """,
    )
    assert main(["explore", str(folder)]) == 1
    out = capsys.readouterr().out
    assert "x never" in out and "a: no choice is available" in out


def test_explore_refuses_a_broken_story(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explore", str(tmp_path)]) == 1
    assert "story.yaml" in capsys.readouterr().err
    assert main(["explore", str(TINY), "--max-states", "0"]) == 2


def test_the_bundled_story_proves_every_ending() -> None:
    from iss.authoring.loader import load_story
    from iss.paths import bundled_story_dir

    story = load_story(bundled_story_dir()).story
    if story is None:
        pytest.skip("the bundled story does not load yet (it is still being written)")
    found = explore(story, EXPLORE_BUDGET)  # counted, as `iss explore story` searches
    # Complete: every choice settled, so `iss explore story` can prove what it says (a
    # choice hidden behind a deep visit count once left it incomplete). The command's own
    # budget, not a smaller one: the story outgrew 20,000 states and the test failed
    # while the command still proved every ending.
    assert found.complete, found.cut_reason
    assert found.dead_ends == []
    for eid, ending in found.endings.items():
        assert ending.path is not None, f"no path found to {eid}"
        assert replay_path(story, ending.path).ending == eid
