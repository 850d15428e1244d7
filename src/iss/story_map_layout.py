"""The story map as a flowchart: boxes for scenes, lines for branches, laid out in text cells.

    picture = lay_out(story_map(story, record, here))
    header(picture, x, cells)     # the act bands' titles over the columns in view
    picture.rows[y]               # the runs of row y: (x, text, style), covering the width
    picture.boxes                 # scenes and endings, in reading order (Tab moves through them)
    picture.edges                 # every line drawn: its source, target and cells

A simple layered layout, left to right. A scene's rank is its shortest
distance from the start over the branches the player has seen; each act takes
the columns of its own ranks (act bands), and the endings close the chart in
a last column. A branch to a later column is a line: out of its row on the
box's right side, along its own track in the gap, into the target's title row
(an arrowhead); a branch that skips columns passes through them as a wire
(Sugiyama's dummy nodes), and branches to the same scene share their wire and
track. Taken branches are drawn solid (heavy lines, `▶`), the others dashed
(`┄ ┆`, `▷`) and dim. A branch back to an earlier column or to its own is no
line: its row says where it leads (`↩ Galley`); one to a scene never seen ends
in `▷ ?`. Within a column, boxes are ordered by the barycentre of what leads
into them and placed level with their first line when there is room, and a
box's title row never shares a row with another target's line in the gap
before it, so lines only ever cross at right angles (the vertical is drawn).

Only what `iss.story_map` holds is drawn, and that is what the player has
seen: a scene never seen gives away neither its title nor its text. Titles
and choices pass through `safe_line`. No Textual and no rich here: the
widget (`iss.ui.widgets.map_view`) paints the rows it shows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import pairwise

from iss.engine.terminal_safety import safe_line
from iss.story_map import UNSEEN, StoryMap
from iss.story_map_canvas import Canvas, Point, Run, fit, pieced, width, wrap

BOX = 32
"""Width of a box, borders included."""
MIN_GAP = 4
"""Columns between two ranks with no track."""


@dataclass(frozen=True, slots=True)
class Box:
    """A scene's box (or an ending's) on the chart."""

    key: str
    """The scene id, or `ending:N` for the N-th ending."""
    x: int
    y: int
    w: int
    h: int
    title: str
    scene: str | None
    """Where Enter jumps (None: an ending not found yet)."""
    here: bool = False

    @property
    def entry(self) -> Point:
        """The arrowhead's cell, left of the title row."""
        return (self.x - 1, self.y + 1)

    def holds(self, x: int, y: int) -> bool:
        return self.x <= x < self.x + self.w and self.y <= y < self.y + self.h


@dataclass(frozen=True, slots=True)
class Band:
    """An act's columns, from `x0` up to `x1`."""

    title: str
    x0: int
    x1: int


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    branch: int
    """Which of the source's branches."""
    target: str
    taken: bool
    cells: tuple[Point, ...]
    """From the cell right of the source's branch row to the target's arrowhead."""


@dataclass(frozen=True, slots=True)
class Picture:
    width: int
    height: int
    bands: tuple[Band, ...]
    """The acts' titles over their columns (`header` draws the line that shows)."""
    rows: tuple[tuple[Run, ...], ...]
    boxes: tuple[Box, ...]
    edges: tuple[Edge, ...]

    def text(self, y: int) -> str:
        return "".join(text for _, text, _ in self.rows[y])


@dataclass(slots=True)
class _Item:
    """A box before it is placed: its lines of text, or a wire through a column."""

    key: str
    lines: list[tuple[str, str]] = field(default_factory=list)
    ports: dict[int, int] = field(default_factory=dict)
    """Row within the box (from its top) of each branch drawn as a line."""
    solid: set[int] = field(default_factory=set)
    """The branches of `ports` that were taken."""
    scene: str | None = None
    here: bool = False
    wire: bool = False
    y: int = 0

    @property
    def h(self) -> int:
        return 1 if self.wire else len(self.lines) + 2

    @property
    def entry(self) -> int:
        return self.y if self.wire else self.y + 1


def lay_out(chart: StoryMap, box: int = BOX) -> Picture:
    inner = box - 4
    items, order, col = _items(chart, inner)
    lines = _lines(chart, items, col, inner)
    # the layered graph: a branch that skips columns goes through one wire per column
    gaps: dict[int, dict[str, list[tuple[str, int]]]] = defaultdict(lambda: defaultdict(list))
    chains: list[tuple[str, int, str, bool, list[str]]] = []
    for source, branch, target, taken in lines:
        path = [source]
        for c in range(col[source] + 1, col[target]):
            wire = f"~{target}~{c}"
            if wire not in items:
                items[wire] = _Item(wire, wire=True)
                col[wire] = c
            path.append(wire)
        path.append(target)
        for a, b in pairwise(path):
            sources = gaps[col[a]][b]
            port = (a, branch if a == source else -1)
            if port not in sources:
                sources.append(port)
        chains.append((source, branch, target, taken, path))
    columns: list[list[str]] = [[] for _ in range(max(col.values(), default=-1) + 1)]
    for key in order + [k for k in items if k not in order]:
        columns[col[key]].append(key)
    _order(columns, gaps)
    _place(columns, items, gaps)
    # the gaps' widths, from their tracks: one per target whose line must turn
    tracks: list[dict[str, int]] = []
    xs = [1]
    for c in range(len(columns)):
        turning = sorted(
            (
                t
                for t, srcs in gaps[c].items()
                if any(_row(items[s], b) != items[t].entry for s, b in srcs)
            ),
            key=lambda t: items[t].entry,
        )
        tracks.append({t: xs[c] + box + 1 + 2 * i for i, t in enumerate(turning)})
        if c + 1 < len(columns):
            xs.append(xs[c] + box + max(MIN_GAP, 2 * len(turning) + 2))
    height = max((items[k].y + items[k].h for k in items), default=0) + 1
    full = (xs[-1] + box + 1) if columns else box
    grid = Canvas(full, max(height, 1))
    boxes = []
    for c, column in enumerate(columns):
        for key in column:
            item = items[key]
            if not item.wire:
                grid.box(xs[c], item.y, box, item.lines, item.ports, item.solid, item.here)
                title = item.lines[0][0]
                boxes.append(Box(key, xs[c], item.y, box, item.h, title, item.scene, item.here))
    edges = []
    for source, branch, target, taken, path in chains:
        cells: list[Point] = []
        for a, b in pairwise(path):
            c = col[a]
            y0, y1 = _row(items[a], branch if a == source else -1), items[b].entry
            x0, x1 = xs[c] + box, xs[c + 1] - 1
            if cells:  # across the wire
                cells.extend((x, y0) for x in range(xs[c], x0))
            xt = tracks[c].get(b, x0)
            cells.extend((x, y0) for x in range(x0, xt))
            step = 1 if y1 >= y0 else -1
            cells.extend((xt, y) for y in range(y0, y1, step))
            cells.extend((x, y1) for x in range(xt, x1 + 1))
        edges.append(Edge(source, branch, target, taken, tuple(cells)))
        grid.line(cells, target, taken)
    bands = _bands(chart, col, len(columns), xs, box)
    return Picture(full, grid.height, bands, grid.runs(), tuple(boxes), tuple(edges))


def _items(chart: StoryMap, inner: int) -> tuple[dict[str, _Item], list[str], dict[str, int]]:
    """The boxes' text, their reading order, and each one's column."""
    items: dict[str, _Item] = {}
    order: list[str] = []
    for act in chart.acts:
        for node in act.nodes:
            item = _Item(node.scene, scene=node.scene, here=node.here)
            item.lines.append((fit(node.title, inner), "here" if node.here else "title"))
            if node.here:
                item.lines.append(("◉ you are here", "here"))
            if node.ending:
                item.lines.append((fit(f"◆ ending: {node.ending}", inner), "ending"))
            items[node.scene] = item
            order.append(node.scene)
    for n, leaf in enumerate(chart.endings):
        item = _Item(f"ending:{n}", scene=leaf.scene)
        if leaf.found:
            item.here = chart.here in leaf.scenes and chart.node(chart.here or "") is None
            item.lines.append((fit(f"◆ {leaf.title}", inner), "ending"))
            if item.here:
                item.lines.append(("◉ you are here", "here"))
            item.lines.append((fit(f"ending · {leaf.kind}", inner), "hint"))
        else:
            item.lines.append((f"◇ {UNSEEN} not found yet", "locked"))
            for line in wrap(leaf.hint or "An ending you have not found.", inner)[:3]:
                item.lines.append((line, "hint"))
        items[item.key] = item
        order.append(item.key)
    col = _columns(chart, items)
    return items, order, col


def _targets(chart: StoryMap) -> dict[str, str]:
    """Scene id -> the key of its box (an ending scene's is its ending's)."""
    keys = {node.scene: node.scene for act in chart.acts for node in act.nodes}
    for n, leaf in enumerate(chart.endings):
        for scene in leaf.scenes:
            keys.setdefault(scene, f"ending:{n}")
    return keys


def _columns(chart: StoryMap, items: dict[str, _Item]) -> dict[str, int]:
    """Each box's column: its act's band, then its rank (shortest distance from the start)."""
    keys = _targets(chart)
    after: dict[str, list[str]] = defaultdict(list)
    for act in chart.acts:
        for node in act.nodes:
            for branch in node.branches:
                if branch.target in keys:
                    after[node.scene].append(keys[branch.target])
    rank: dict[str, int] = {}
    roots = [chart.start] if chart.start in items else []
    roots += [node.scene for act in chart.acts for node in act.nodes]
    for root in roots:  # the start first; then each scene no seen branch reaches
        if root in rank:
            continue
        rank[root] = 0 if root == chart.start else min(rank.values(), default=0)
        queue = [root]
        for key in queue:
            for target in after[key]:
                if target not in rank:
                    rank[target] = rank[key] + 1
                    queue.append(target)
    col: dict[str, int] = {}
    first = 0
    for act in chart.acts:
        ranks = sorted({rank[node.scene] for node in act.nodes})
        for node in act.nodes:
            col[node.scene] = first + ranks.index(rank[node.scene])
        first += len(ranks)
    for n in range(len(chart.endings)):
        col[f"ending:{n}"] = first
    return col


def _lines(
    chart: StoryMap, items: dict[str, _Item], col: dict[str, int], inner: int
) -> list[tuple[str, int, str, bool]]:
    """Add each node's branch rows; returns the branches drawn as lines."""
    keys = _targets(chart)
    drawn = []
    for act in chart.acts:
        for node in act.nodes:
            item = items[node.scene]
            for n, branch in enumerate(node.branches):
                mark, style = ("✓", "taken") if branch.taken else ("◌", "locked")
                target = keys.get(branch.target or "")
                if branch.text == UNSEEN:
                    item.lines.append((f"◌ {UNSEEN}", "locked"))
                    continue
                if target is not None and col[target] > col[node.scene]:
                    item.ports[n] = len(item.lines) + 1
                    if branch.taken:
                        item.solid.add(n)
                    item.lines.append((fit(f"{mark} {branch.text}", inner), style))
                    drawn.append((node.scene, n, target, branch.taken))
                    continue
                if branch.returns:
                    tail = " ↩ back"
                elif target is None:
                    tail = f" ▷ {UNSEEN}"
                elif len(branch.titles) > 1:  # "Torque or C…" read as one title, cut
                    more = f" +{len(branch.titles) - 1}"
                    tail = " ↩ " + fit(branch.titles[0], 12 - len(more)) + more
                else:
                    tail = " ↩ " + fit(branch.target_title, 12)
                said = fit(f"{mark} {branch.text}", inner - width(tail))
                item.lines.append((said + tail, style))
    return drawn


def _row(item: _Item, branch: int) -> int:
    """The row a line leaves `item` from: its branch's row, or a wire's."""
    return item.y if item.wire else item.y + item.ports[branch]


def _order(columns: list[list[str]], gaps: dict[int, dict[str, list[tuple[str, int]]]]) -> None:
    """Fewer crossings: each column sorted by the mean place of what leads into it."""
    for _ in range(2):
        for c in range(1, len(columns)):
            place = {key: i for i, key in enumerate(columns[c - 1])}
            centre = {}
            for i, key in enumerate(columns[c]):
                sources = gaps[c - 1].get(key, [])
                centre[key] = sum(place[s] for s, _ in sources) / len(sources) if sources else i
            columns[c].sort(key=centre.__getitem__)


def _place(
    columns: list[list[str]],
    items: dict[str, _Item],
    gaps: dict[int, dict[str, list[tuple[str, int]]]],
) -> None:
    """Rows: each box level with the lines into it when there is room, else below the
    one above; a title row never on a row where another target's line leaves."""
    for c, column in enumerate(columns):
        leaving: dict[int, str] = {}
        if c:
            for target, sources in gaps[c - 1].items():
                for s, b in sources:
                    leaving[_row(items[s], b)] = target
        top = 1
        for key in column:
            item = items[key]
            sources = gaps[c - 1].get(key, []) if c else []
            want = min((_row(items[s], b) for s, b in sources), default=top)
            item.y = max(top, want - (item.entry - item.y))
            while leaving.get(item.entry, key) != key:
                item.y += 1
            top = item.y + item.h + 1


def _bands(
    chart: StoryMap, col: dict[str, int], columns: int, xs: list[int], box: int
) -> tuple[Band, ...]:
    """The act bands: each act's title over its columns, then the endings'."""
    bands = []
    for act in chart.acts:
        cs = [col[node.scene] for node in act.nodes]
        bands.append(Band(safe_line(act.title), xs[min(cs)], xs[max(cs)] + box))
    if chart.endings and columns:
        found = sum(1 for leaf in chart.endings if leaf.found)
        last = xs[columns - 1]
        bands.append(Band(f"Endings: {found} of {len(chart.endings)}", last, last + box))
    return tuple(bands)


def header(picture: Picture, x: int, cells: int) -> tuple[Run, ...]:
    """The top line for the columns `x` to `x + cells`: each band's title stays in view
    while any of its columns does."""
    pieces: dict[int, tuple[str, str]] = {}
    for band in picture.bands:
        left, right = max(band.x0, x), min(band.x1, x + cells)
        if right - left >= 4:
            label = "━━ " + fit(band.title, right - left - 5) + " "
            pieces[left - x] = (label + "━" * (right - left - width(label)), "act")
    return pieced(pieces, cells)
