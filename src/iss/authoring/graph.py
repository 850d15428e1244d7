"""The story as a graph: scenes as nodes, choices as labelled edges, for Graphviz or Mermaid.

    graph = story_graph(story, group="file")
    print(to_dot(graph))        # or to_mermaid(graph)

Scenes are grouped by the file they are written in (or by their act tag),
endings are marked, the canonical walkthrough's path is highlighted and
scenes no playthrough can reach are marked. Story text is only ever quoted
as a label, escaped for the target format.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from iss.authoring.walkthroughs import play_walkthrough
from iss.engine.model import Story, Walkthrough

GROUPS = ("file", "act", "none")
_LABEL_CHARS = 40
_ACT = re.compile(r"act[_-]?\w*")


@dataclass(frozen=True, slots=True)
class Node:
    """A scene in the graph."""

    id: str
    title: str
    group: str
    ending: str | None = None
    canonical: bool = False
    unreachable: bool = False
    timer: bool = False
    """A timer rather than a scene: its one edge leads where it runs out."""


@dataclass(frozen=True, slots=True)
class Edge:
    """A choice (one edge per route it can take)."""

    source: str
    target: str
    label: str
    conditional: bool = False
    canonical: bool = False


@dataclass
class Graph:
    """Nodes by group, and the edges between them."""

    title: str
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)

    def groups(self) -> dict[str, list[Node]]:
        out: dict[str, list[Node]] = {}
        for node in self.nodes:
            out.setdefault(node.group, []).append(node)
        return out


def canonical_walkthrough(story: Story) -> Walkthrough | None:
    """The walkthrough named `canonical`, else the first one that ends in the canonical ending."""
    named = next((w for w in story.walkthroughs if w.name == "canonical"), None)
    if named is not None:
        return named
    ending = story.canonical_ending
    return next((w for w in story.walkthroughs if ending and w.ending == ending.id), None)


def canonical_steps(story: Story) -> list[tuple[str, str, str]]:
    """(scene, choice id, next scene) for each step of the canonical walkthrough that plays."""
    walk = canonical_walkthrough(story)
    if walk is None:
        return []
    played = play_walkthrough(story, walk)
    scenes = played.scenes
    return [(scenes[i], walk.choices[i], scenes[i + 1]) for i in range(len(scenes) - 1)]


def static_reachable(story: Story) -> set[str]:
    """Scenes some chain of choices leads to from the start, ignoring conditions."""
    expiry = {t.expires for t in story.timers.values() if t.expires and t.expires in story.scenes}
    seen = {story.start, *expiry}
    work = list(seen)
    while work:
        scene = story.scenes[work.pop()]
        for choice in scene.choices:
            nexts = [r.scene for r in choice.routes]
            if choice.call is not None:
                nexts.append(choice.call)
            for target in nexts:
                if target not in seen and target in story.scenes:
                    seen.add(target)
                    work.append(target)
    return seen


def _folder(story: Story) -> str:
    """The folder above the story's files: file groups are named from it
    (`story/act1.yaml`), wherever `iss graph` runs."""
    files = {s.pos.file for s in story.scenes.values() if s.pos}
    if not files:
        return ""
    return os.path.dirname(os.path.commonpath([os.path.dirname(os.path.abspath(f)) for f in files]))


def _group(story: Story, scene_id: str, group: str, folder: str = "") -> str:
    scene = story.scenes[scene_id]
    if group == "file":
        if scene.pos is None:
            return ""
        return (
            os.path.relpath(os.path.abspath(scene.pos.file), folder) if folder else scene.pos.file
        )
    if group == "act":
        return next((t for t in scene.tags if _ACT.fullmatch(t)), "")
    return ""


_VARIATION_HEAD = re.compile(r"\{\s*(?:sequence|cycle|once|shuffle)\s*:")
_NAME = re.compile(r"\{\s*([a-z][a-z0-9_]*)\s*\}")


def label(text: str, limit: int = _LABEL_CHARS, names: dict[str, str] | None = None) -> str:
    """A choice's text as a short one-line label: `{alexey}` as the name it shows,
    a variation's items joined by `/`, other markup dropped."""
    if names:
        text = _NAME.sub(lambda m: names.get(m.group(1), m.group(0)), text)
    text = _VARIATION_HEAD.sub(" ", text)
    text = re.sub(r"\{if [^:]*:", " ", text)
    text = re.sub(r"\s*(?<!\\)\|\s*", "/", text)
    plain = " ".join(re.sub(r"[{}*\\]", " ", text).split())
    return plain if len(plain) <= limit else plain[: limit - 1].rstrip() + "…"


def timer_nodes(story: Story) -> tuple[list[Node], list[Edge]]:
    """A node for each timer that runs out into a scene, and that edge: where the
    story goes when the clock runs out, whichever scene it is in then."""
    nodes, edges = [], []
    for timer in story.timers.values():
        if timer.expires is None or timer.expires not in story.scenes:
            continue
        node = Node(f"timer-{timer.id}", f"⏱ {timer.label}", "", timer=True)
        nodes.append(node)
        edges.append(Edge(node.id, timer.expires, "runs out", True, False))
    return nodes, edges


def story_graph(story: Story, group: str = "file", reachable: Iterable[str] | None = None) -> Graph:
    """Build the graph. `reachable` defaults to the scenes reachable ignoring conditions."""
    reached = set(reachable) if reachable is not None else static_reachable(story)
    steps = canonical_steps(story)
    on_path = {s for step in steps for s in (step[0], step[2])}
    canonical_edges = set(steps)
    graph = Graph(story.title)
    names = {c.id: c.short for c in story.characters.values()}
    folder = _folder(story) if group == "file" else ""
    for scene in story.scenes.values():
        graph.nodes.append(
            Node(
                scene.id,
                scene.title,
                _group(story, scene.id, group, folder),
                scene.ending,
                scene.id in on_path,
                scene.id not in reached,
            )
        )
        for choice in scene.choices:
            targets: list[tuple[str, bool]] = []
            for route in choice.routes:
                if route.scene not in (t for t, _ in targets) and route.scene in story.scenes:
                    targets.append((route.scene, route.when is not None))
            text = label(choice.text.source, names=names)
            if choice.call is not None and choice.call in story.scenes:
                graph.edges.append(
                    Edge(scene.id, choice.call, f"call: {text}", choice.when is not None, False)
                )
                text = f"after the call: {text}"
            if choice.fallback:
                text = "fallback"
            elif choice.once:
                text = f"once: {text}"
            for target, routed in targets:
                graph.edges.append(
                    Edge(
                        scene.id,
                        target,
                        text,
                        choice.when is not None or routed,
                        (scene.id, choice.id, target) in canonical_edges,
                    )
                )
    timers, expiries = timer_nodes(story)
    graph.nodes.extend(timers)
    graph.edges.extend(expiries)
    return graph


def _dot_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def to_dot(graph: Graph) -> str:
    """Graphviz DOT: `dot -Tsvg story.dot > story.svg`."""
    lines = [
        "digraph story {",
        f"  label={_dot_quote(graph.title)};",
        "  rankdir=LR;",
        '  node [shape=box, style="rounded,filled", fillcolor=white, fontname="Helvetica"];',
        '  edge [fontname="Helvetica", fontsize=10];',
    ]
    for number, (name, nodes) in enumerate(graph.groups().items()):
        indent = "  "
        if name:
            lines.append(f"  subgraph cluster_{number} {{")
            lines.append(f"    label={_dot_quote(name)};")
            indent = "    "
        for node in nodes:
            attrs = [f"label={_dot_quote(node.title + chr(10) + '(' + node.id + ')')}"]
            if node.timer:
                attrs = [f"label={_dot_quote(node.title)}", "shape=ellipse", "fillcolor=mistyrose"]
            if node.ending is not None:
                attrs.append("shape=doubleoctagon")
                attrs.append("fillcolor=lightyellow")
            if node.canonical:
                attrs.append("color=red")
                attrs.append("penwidth=2")
            if node.unreachable:
                attrs.append('style="rounded,filled,dashed"')
                attrs.append("fillcolor=lightgrey")
            lines.append(f"{indent}{_dot_quote(node.id)} [{', '.join(attrs)}];")
        if name:
            lines.append("  }")
    for edge in graph.edges:
        attrs = [f"label={_dot_quote(edge.label)}"]
        if edge.conditional:
            attrs.append("style=dashed")
        if edge.canonical:
            attrs.append("color=red")
            attrs.append("penwidth=2")
        lines.append(
            f"  {_dot_quote(edge.source)} -> {_dot_quote(edge.target)} [{', '.join(attrs)}];"
        )
    lines.append("}")
    return "\n".join(lines) + "\n"


def _mermaid_text(text: str) -> str:
    escaped = text.replace("&", "#amp;").replace('"', "#quot;").replace("<", "#lt;")
    return escaped.replace(">", "#gt;").replace("\n", " ")


def _mermaid_id(scene_id: str) -> str:
    return f"s_{scene_id}"  # a bare `end` would close a Mermaid subgraph


def to_mermaid(graph: Graph) -> str:
    """A Mermaid flowchart (GitHub renders it inside a ```mermaid block)."""
    lines = ["flowchart LR"]
    for number, (name, nodes) in enumerate(graph.groups().items()):
        indent = "  "
        if name:
            lines.append(f'  subgraph g{number}["{_mermaid_text(name)}"]')
            indent = "    "
        for node in nodes:
            text = _mermaid_text(node.title)
            shape = f'{{{{"{text}"}}}}' if node.ending is not None else f'("{text}")'
            if node.timer:
                shape = f'(["{text}"])'
            lines.append(f"{indent}{_mermaid_id(node.id)}{shape}")
        if name:
            lines.append("  end")
    canonical_links = []
    for number, edge in enumerate(graph.edges):
        arrow = "-.->" if edge.conditional else "-->"
        lines.append(
            f'  {_mermaid_id(edge.source)} {arrow}|"{_mermaid_text(edge.label)}"| '
            f"{_mermaid_id(edge.target)}"
        )
        if edge.canonical:
            canonical_links.append(str(number))
    lines.append("  classDef ending fill:#fff6c8,stroke:#a08000")
    lines.append("  classDef canonical stroke:#d00,stroke-width:3px")
    lines.append("  classDef unreachable fill:#ddd,stroke-dasharray:4 3,color:#666")
    for cls in ("ending", "canonical", "unreachable"):
        members = [
            _mermaid_id(n.id)
            for n in graph.nodes
            if (cls == "ending" and n.ending is not None)
            or (cls == "canonical" and n.canonical)
            or (cls == "unreachable" and n.unreachable)
        ]
        if members:
            lines.append(f"  class {','.join(members)} {cls}")
    if canonical_links:
        lines.append(f"  linkStyle {','.join(canonical_links)} stroke:#d00,stroke-width:3px")
    return "\n".join(lines) + "\n"
