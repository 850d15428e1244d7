"""`iss graph`: scenes grouped by file, choices as edges, endings, canonical path, unreachable."""

from __future__ import annotations

import re

import pytest

from iss.authoring.graph import label, story_graph, to_dot, to_mermaid
from iss.cli import main
from tests.authoring.test_explore import STATION
from tests.conftest import TINY, WriteStory, load_ok


def test_graph_model_of_tiny() -> None:
    graph = story_graph(load_ok(TINY))
    nodes = {n.id: n for n in graph.nodes}
    assert nodes["home"].ending == "home" and nodes["hatch"].ending is None
    assert {n.group for n in graph.nodes if not n.timer} == {"tiny/scenes.yaml"}
    canonical = {(e.source, e.target) for e in graph.edges if e.canonical}
    assert canonical == {("hatch", "the_key"), ("the_key", "home")}
    assert nodes["home"].canonical and not nodes["burning_up"].canonical
    take = next(e for e in graph.edges if e.target == "home")
    assert take.conditional and take.label == "Take the key"
    assert not any(n.unreachable for n in graph.nodes)


def test_unreachable_scene_is_marked(write_story: WriteStory) -> None:
    folder = write_story(
        scenes="""\
        scenes:
          a: {text: Start here and go on., next: b}
          b: {text: The good end of it all., ending: good}
          burn: {text: The station burns up., ending: burn}
          lost: {text: "Nobody \\"ever\\" comes here.", next: b}
        """
    )
    story = load_ok(folder)
    nodes = {n.id: n for n in story_graph(story).nodes}
    assert nodes["lost"].unreachable and not nodes["b"].unreachable
    assert not nodes["burn"].unreachable  # the reentry timer expires into it
    assert nodes["burn"].unreachable is False
    explored = {n.id: n for n in story_graph(story, reachable={"a", "b"}).nodes}
    assert explored["burn"].unreachable
    dot = to_dot(story_graph(story))
    assert re.search(r'"lost" \[[^]]*dashed', dot)


def test_dot_and_mermaid_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["graph", str(STATION)]) == 0
    dot = capsys.readouterr().out
    assert dot.startswith("digraph story {") and dot.rstrip().endswith("}")
    assert "subgraph cluster_0" in dot and 'label="station/scenes.yaml"' in dot
    assert '"cupola" -> "orders" [label="Ask Alexey what the radio said", color=red' in dot
    assert re.search(r'"escape" \[[^]]*doubleoctagon', dot)
    assert main(["graph", str(STATION), "--format", "mermaid", "--group", "none"]) == 0
    mermaid = capsys.readouterr().out
    assert mermaid.startswith("flowchart LR")
    assert 's_cupola -->|"Ask Alexey what the radio said"| s_orders' in mermaid
    assert "class s_escape,s_together,s_suffocate,s_alone ending" in mermaid
    assert "linkStyle" in mermaid and "subgraph" not in mermaid


def test_labels_are_escaped_and_short() -> None:
    assert label("Say *what* {if flag.x: now | later}") == "Say what now/later"
    assert label("Ask {tobias} {cycle: again | once more}", names={"tobias": "Tobias"}) == (
        "Ask Tobias again/once more"
    )
    assert len(label("word " * 40)) <= 40
    graph = story_graph(load_ok(TINY))
    graph.title = 'A "quoted" \\ title'
    assert 'label="A \\"quoted\\" \\\\ title";' in to_dot(graph)
    assert "#quot;" not in to_mermaid(graph)  # the title is not part of a Mermaid chart


def test_each_timer_has_an_edge_to_where_it_runs_out(write_story: WriteStory) -> None:
    graph = story_graph(load_ok(write_story()))
    [timer] = [n for n in graph.nodes if n.timer]
    assert timer.title == "⏱ to reentry"
    [edge] = [e for e in graph.edges if e.source == timer.id]
    assert (edge.target, edge.label, edge.conditional) == ("burn", "runs out", True)
    assert '"timer-reentry" -> "burn" [label="runs out", style=dashed]' in to_dot(graph)
    assert 's_timer-reentry(["⏱ to reentry"])' in to_mermaid(graph)
