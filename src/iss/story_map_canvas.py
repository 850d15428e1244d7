"""The story map's flowchart in text cells: boxes, lines that join and cross, runs of a style.

    canvas = Canvas(width, height)
    canvas.box(x, y, w, lines, ports, solid, here)   # a box with its rows of text
    canvas.line(cells, target, taken)                # a line ending in an arrowhead
    rows = canvas.runs()                             # each row as (x, text, style) runs

Lines are kept as directions per cell and per target, and only drawn at the
end, so lines to the same box join (`┳ ┫`), a line to another box crosses
(the vertical one is drawn over), taken lines are heavy (`━ ┃`, `▶`) and the
others dashed (`┄ ┆`, `▷`). Widths are in terminal cells (`width`, `fit`): a
wide character takes two. Text passes through `safe_line` in `fit`. No
Textual and no rich here (see `iss.story_map_layout`).
"""

from __future__ import annotations

import unicodedata
from functools import cache

from iss.engine.terminal_safety import safe_line

Point = tuple[int, int]
Run = tuple[int, str, str]
"""(x, text, style): a stretch of a row in one style."""

UP, RIGHT, DOWN, LEFT = 1, 2, 4, 8
"""Directions a line leaves a cell in."""
_LIGHT = {
    RIGHT | LEFT: "─", UP | DOWN: "│", RIGHT | DOWN: "┌", LEFT | DOWN: "┐", UP | RIGHT: "└",
    UP | LEFT: "┘", UP | DOWN | RIGHT: "├", UP | DOWN | LEFT: "┤", LEFT | RIGHT | DOWN: "┬",
    LEFT | RIGHT | UP: "┴", 15: "┼", RIGHT: "─", LEFT: "─", UP: "│", DOWN: "│",
}  # fmt: skip
_HEAVY = dict(zip(_LIGHT, "━┃┏┓┗┛┣┫┳┻╋━━┃┃", strict=True))
_DASHED = {RIGHT | LEFT: "┄", UP | DOWN: "┆", RIGHT: "┄", LEFT: "┄", UP: "┆", DOWN: "┆"}


def width(text: str) -> int:
    """How many terminal cells `text` takes."""
    return sum(cell(ch) for ch in text)


@cache
def cell(ch: str) -> int:
    if " " <= ch < "\u0300":
        return 1
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def fit(text: str, cells: int) -> str:
    """`text` cut to `cells` columns, with "…" when it was cut."""
    text = "".join(ch for ch in safe_line(text) if cell(ch))
    if width(text) <= cells:
        return text
    out, used = "", 0
    for ch in text:
        if used + cell(ch) > cells - 1:
            break
        out += ch
        used += cell(ch)
    return out + "…"


def wrap(text: str, cells: int) -> list[str]:
    lines: list[str] = []
    for word in safe_line(text).split():
        if lines and width(lines[-1]) + 1 + width(word) <= cells:
            lines[-1] += " " + word
        else:
            lines.append(fit(word, cells))
    return lines


class Canvas:
    """The chart as pieces of text per row (most of a chart is blank)."""

    def __init__(self, w: int, h: int) -> None:
        self.width, self.height = w, h
        self.pieces: list[dict[int, tuple[str, str]]] = [{} for _ in range(h)]
        self.dirs: dict[Point, dict[str, list[int]]] = {}
        """Per cell, per target: [solid directions, dashed directions]."""
        self.arrows: dict[Point, bool] = {}

    def put(self, x: int, y: int, text: str, style: str) -> None:
        self.pieces[y][x] = (text, style)

    def box(
        self,
        x: int,
        y: int,
        w: int,
        lines: list[tuple[str, str]],
        ports: dict[int, int],
        solid: set[int],
        here: bool,
    ) -> None:
        """A box of `lines` (text, style), a port on its right side at each row of
        `ports` (branch -> row), heavy for the branches in `solid`; doubled `here`."""
        tl, hz, tr, vt, bl, br = "╔═╗║╚╝" if here else "┌─┐│└┘"
        border = "here" if here else "border"
        self.put(x, y, tl + hz * (w - 2) + tr, border)
        self.put(x, y + len(lines) + 1, bl + hz * (w - 2) + br, border)
        for row, (text, style) in enumerate(lines, start=1):
            self.put(x, y + row, vt, border)
            self.put(x + 1, y + row, " " + text + " " * (w - 3 - width(text)), style)
            self.put(x + w - 1, y + row, vt, border)
        for branch, row in ports.items():
            port = "╟" if here else "┝" if branch in solid else "├"
            self.put(x + w - 1, y + row, port, border)

    def line(self, cells: list[Point], target: str, taken: bool) -> None:
        """A line through `cells` to the box `target`, whose arrowhead is the last cell."""
        kind = 0 if taken else 1
        dirs = self.dirs
        last = len(cells) - 1
        for n, (x, y) in enumerate(cells):
            px, py = cells[n - 1] if n else (x - 1, y)
            way = _toward(x, y, px, py)
            if n < last:
                way |= _toward(x, y, *cells[n + 1])
            at = dirs.get((x, y))
            if at is None:
                at = dirs[(x, y)] = {}
            ways = at.get(target)
            if ways is None:
                ways = at[target] = [0, 0]
            ways[kind] |= way
        if cells:
            self.arrows[cells[-1]] = self.arrows.get(cells[-1], False) or taken

    def runs(self) -> tuple[tuple[Run, ...], ...]:
        for (x, y), targets in self.dirs.items():
            if (x, y) in self.arrows:
                self.put(x, y, *(("▶", "edge") if self.arrows[(x, y)] else ("▷", "locked")))
                continue
            lines = list(targets.values())
            if len(lines) > 1:  # a crossing: the vertical one is drawn
                lines = [t for t in lines if (t[0] | t[1]) & (UP | DOWN)][:1] or lines
            solid = dashed = 0
            for t in lines:
                solid, dashed = solid | t[0], dashed | t[1]
            dirs = solid | dashed
            if solid:
                self.put(x, y, _HEAVY.get(dirs, "╋"), "edge")
            else:
                self.put(x, y, _DASHED.get(dirs) or _LIGHT.get(dirs, "┼"), "locked")
        return tuple(pieced(row, self.width) for row in self.pieces)


def pieced(pieces: dict[int, tuple[str, str]], cells: int) -> tuple[Run, ...]:
    """A row's runs from its pieces: blanks between them, neighbours of a style joined."""
    runs: list[Run] = []
    at = 0
    for x in sorted(pieces):
        text, style = pieces[x]
        if x > at:
            runs.append((at, " " * (x - at), ""))
        if runs and runs[-1][2] == style and at == x:
            runs[-1] = (runs[-1][0], runs[-1][1] + text, style)
        else:
            runs.append((x, text, style))
        at = x + (len(text) if text.isascii() else width(text))
    if at < cells:
        runs.append((at, " " * (cells - at), ""))
    return tuple(runs)


def _toward(x: int, y: int, ox: int, oy: int) -> int:
    if ox < x:
        return LEFT
    if ox > x:
        return RIGHT
    return UP if oy < y else DOWN if oy > y else 0
