"""The story map: what this player has seen of the story, across all playthroughs.

    chart = story_map(story, record, here="lab")
    for act in chart.acts:
        act.title
        for node in act.nodes: node.title, node.here, node.branches
    for leaf in chart.endings: leaf.title or leaf.hint

Built from the player's record (`iss.engine.profile.Record`): only scenes
the player has been in are nodes, so a scene never seen gives away neither
its title nor its text. A node's branches are its choices as the player saw
them there: taken (✓, in this or an earlier run) or not taken (locked), each
leading to the scene's title once seen, else to "?". A choice the scene only
lists while it is open (`hidden:`) and that was never taken is a bare "?":
the player may never have seen it. Fallbacks, which no player sees, are left
out. Endings sit at the leaves: found ones by title, the others by their hint.

Scenes are grouped by act: a tag `act1`, `act-2`, `Act 3`... names the
act; other scenes go under their file's name, except ending scenes, which
are the leaves (`StoryMap.endings`, each with a seen scene to jump to).
Used by both front ends: no Textual and no rich here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePath

from iss.engine.model import Choice, Scene, Story
from iss.engine.profile import Record
from iss.engine.state import GameState, initial_state

UNSEEN = "?"
"""What stands for anything the player has not seen."""

ENDINGS = "Endings"

_ACT_TAG = re.compile(r"act[\s_-]*(\d+)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Branch:
    """A choice of a seen scene, as the map draws it."""

    text: str
    """The choice's words, or "?" when the player may never have seen it."""
    taken: bool
    """Taken in this or an earlier playthrough."""
    target: str | None
    """The first scene it leads to that the player has seen, else None ("?")."""
    titles: tuple[str, ...] = ()
    """The title of each seen scene it leads to (more than one where its `go:` depends
    on the route); an ending's title beside an ending scene's. A narrow place shows the
    first and how many more ("Torque +1")."""
    returns: bool = False
    """`go: return`: back to where a `call:` came from."""

    @property
    def target_title(self) -> str:
        """Where it leads, in words: the seen titles joined by "or", "back" for a
        `go: return`, "?" when none is seen."""
        if self.returns:
            return "back"
        return " or ".join(self.titles) or UNSEEN


@dataclass(frozen=True, slots=True)
class Node:
    scene: str
    title: str
    location: str
    branches: tuple[Branch, ...]
    here: bool = False
    """The scene of the current playthrough."""
    ending: str | None = None
    """The ending's title, when this scene ends the story."""


@dataclass(frozen=True, slots=True)
class Act:
    title: str
    nodes: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Leaf:
    """An ending: found (its title) or not yet (its hint, never its title)."""

    found: bool
    title: str
    kind: str
    hint: str
    scene: str | None
    """A seen scene that ends with it (where a jump lands), else None."""
    scenes: tuple[str, ...] = ()
    """Every seen scene that ends with it (the flowchart's lines lead here from them)."""


@dataclass(frozen=True, slots=True)
class StoryMap:
    acts: tuple[Act, ...]
    endings: tuple[Leaf, ...]
    seen: int
    total: int
    """Scenes seen, of how many (the count is no spoiler: the gallery shows the endings')."""
    start: str | None = None
    """The story's first scene, when seen (where the flowchart's ranks count from)."""
    here: str | None = None
    """The scene of the current playthrough (an ending's scene once it is over)."""

    def node(self, scene_id: str) -> Node | None:
        for act in self.acts:
            for node in act.nodes:
                if node.scene == scene_id:
                    return node
        return None


def act_of(scene: Scene) -> str:
    """The act a scene belongs to: "Act 2" from a tag, else a name from its file."""
    for tag in scene.tags:
        match = _ACT_TAG.fullmatch(tag.strip())
        if match:
            return f"Act {int(match.group(1))}"
    if scene.ending is not None:
        return ENDINGS
    if scene.pos is not None:
        stem = PurePath(scene.pos.file).stem.replace("_", " ").replace("-", " ").strip()
        if stem and stem not in ("scenes", "story"):
            return stem.capitalize()
    return "Scenes"


def story_map(
    story: Story,
    record: Record,
    here: str | None = None,
    also_seen: Iterable[str] = (),
    also_taken: Iterable[tuple[str, str]] = (),
) -> StoryMap:
    """The map of what `record` has seen of `story` (see the module docstring), and of
    `also_seen` and `also_taken` (the current run's scenes and (scene, choice) pairs:
    a record that could not be kept, a route replayed by `iss play --at` or a jump)."""
    extra = set(also_seen) - record.scenes
    more = set(also_taken) - record.choices
    if extra or more:
        record = Record(record.endings, record.scenes | extra, record.choices | more)
    seen = record.scenes
    # Choice text is drawn without a playthrough: as it reads at the start.
    start = initial_state(story)
    groups: dict[str, list[Node]] = {}
    for scene in story.scenes.values():
        if scene.id not in seen:
            continue
        branches = tuple(
            _branch(story, scene, choice, record, start)
            for choice in scene.choices
            if not choice.fallback
        )
        ending = story.endings.get(scene.ending) if scene.ending is not None else None
        node = Node(
            scene.id,
            scene.title,
            scene.location,
            branches,
            here=scene.id == here,
            ending=ending.title if ending is not None else None,
        )
        act = act_of(scene)
        if act != ENDINGS:  # ending scenes outside any act are the leaves below
            groups.setdefault(act, []).append(node)
    acts = tuple(Act(title, tuple(nodes)) for title, nodes in _ordered(groups))
    leaves = []
    for ending in story.endings.values():
        found = ending.id in record.endings
        where = tuple(s.id for s in story.scenes.values() if s.ending == ending.id and s.id in seen)
        leaves.append(
            Leaf(
                found,
                ending.title if found else UNSEEN,
                ending.kind if found else "",
                "" if found else ending.hint,
                where[0] if found and where else None,
                where if found else (),
            )
        )
    return StoryMap(
        acts,
        tuple(leaves),
        len(seen & story.scenes.keys()),
        len(story.scenes),
        story.start if story.start in seen else None,
        here,
    )


def _ordered(groups: dict[str, list[Node]]) -> list[tuple[str, list[Node]]]:
    """Acts by number, then other groups in story order, Endings last."""

    def key(item: tuple[str, list[Node]]) -> tuple[int, int]:
        title = item[0]
        if title.startswith("Act "):
            return (0, int(title[4:]))
        return (2, 0) if title == ENDINGS else (1, 0)

    return sorted(groups.items(), key=key)


def _branch(story: Story, scene: Scene, choice: Choice, record: Record, start: GameState) -> Branch:
    taken = record.taken(scene.id, choice.id)
    if choice.hidden and not taken:
        return Branch(UNSEEN, False, None)
    text = choice.text.plain(start)
    if choice.returns:
        return Branch(text, taken, None, returns=True)
    targets = [choice.call] if choice.call is not None else [r.scene for r in choice.routes]
    reached = list(dict.fromkeys(t for t in targets if t in record.scenes and t in story.scenes))
    if not reached:
        return Branch(text, taken, None)
    # A choice whose `go:` depends on the route leads to each place it was seen to lead
    # to: "→ Torque" alone, after the choice took a reader to Channel Two (blind reader
    # R321 #2), named only the first.
    titles = tuple(_titled(story, t) for t in reached)
    return Branch(text, taken, reached[0], titles)


def _titled(story: Story, scene_id: str) -> str:
    """A scene's title on the map; an ending's title beside an ending scene's."""
    scene = story.scenes[scene_id]
    ending = story.endings.get(scene.ending) if scene.ending is not None else None
    if ending is None:
        return scene.title
    return scene.title + (
        " (ending)" if ending.title == scene.title else f" (ending: {ending.title})"
    )
