"""The flowchart's layout (`iss.story_map_layout`): boxes never overlap, every line drawn
joins the box and branch it leaves to the box it enters, lines only cross at right
angles, taken branches are solid and the others dashed, and the acts' titles stay in
view while their columns do."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime

import pytest

from iss.authoring.loader import load_story
from iss.engine.model import Story
from iss.engine.profile import Record
from iss.engine.runner import replay, route_choices
from iss.story_map import story_map
from iss.story_map_canvas import fit, width
from iss.story_map_layout import BOX, Picture, header, lay_out
from tests.conftest import BASE_MANIFEST, WriteStory
from tests.ui.conftest import ROOT, STATION

WHEN = datetime(2026, 3, 14, tzinfo=UTC)
HEAVY = set("━┃┏┓┗┛┣┫┳┻╋")
DASHED = set("┄┆")
LINES = HEAVY | DASHED | set("─│┌┐└┘├┤┬┴┼")


@pytest.fixture(scope="module")
def iss() -> Story:
    story = load_story(ROOT / "story").story
    assert story is not None
    return story


def played(story: Story, *routes: tuple[str, ...]) -> tuple[Record, str]:
    """A record of these playthroughs, and where the last one stands."""
    record = Record()
    here = story.start
    for route in routes:
        state = replay(story, route).state
        record.scenes |= state.visited
        record.choices |= route_choices(story, route)
        if state.ending is not None:
            record.endings[state.ending] = WHEN
        here = state.scene
    return record, here


def records(story: Story) -> list[tuple[Record, str]]:
    """Records from one walkthrough's first choices to all of them and every scene."""
    walks = [w.choices for w in story.walkthroughs]
    cases = [played(story, walks[0][:n]) for n in (0, 3, 8)]
    cases += [played(story, *walks[:n]) for n in sorted({1, 3, len(walks)})]
    everything = Record(dict.fromkeys(story.endings, WHEN), set(story.scenes), set())
    for walk in walks:
        everything.choices |= route_choices(story, walk)
    return [*cases, (everything, story.start)]


def cells(picture: Picture) -> list[list[str]]:
    """The picture's characters, one per cell (a wide one's second cell is "")."""
    grid = []
    for y in range(picture.height):
        row: list[str] = []
        for ch in picture.text(y):
            row += [ch] + [""] * (width(ch) - 1)
        grid.append(row)
    return grid


def char(picture: Picture, x: int, y: int) -> str:
    return cells(picture)[y][x]


def check(picture: Picture) -> None:
    boxes = picture.boxes
    grid = cells(picture)
    inside = {(x, y) for b in boxes for x in range(b.x, b.x + b.w) for y in range(b.y, b.y + b.h)}
    for n, a in enumerate(boxes):
        assert a.w <= BOX and a.x >= 0 and a.y >= 0
        assert a.x + a.w <= picture.width and a.y + a.h <= picture.height
        for b in boxes[n + 1 :]:
            apart = a.x + a.w <= b.x or b.x + b.w <= a.x or a.y + a.h <= b.y or b.y + b.h <= a.y
            assert apart, (a.key, b.key)
    assert all(sum(width(t) for _, t, _ in row) == picture.width for row in picture.rows)
    by_key = {box.key: box for box in boxes}
    uses: dict[tuple[int, int], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for edge in picture.edges:
        source, target = by_key[edge.source], by_key[edge.target]
        first, last = edge.cells[0], edge.cells[-1]
        assert first[0] == source.x + source.w and source.y < first[1] < source.y + source.h - 1
        assert grid[first[1]][first[0] - 1] in "├┝╟"  # a port on the border
        assert last == target.entry
        assert grid[last[1]][last[0]] == ("▶" if edge.taken else grid[last[1]][last[0]])
        assert grid[last[1]][last[0]] in "▶▷"
        for (x0, y0), (x1, y1) in zip(edge.cells, edge.cells[1:], strict=False):
            assert abs(x1 - x0) + abs(y1 - y0) == 1  # unbroken, orthogonal
        for x, y in edge.cells:
            assert (x, y) not in inside
            assert grid[y][x] in LINES | {"▶", "▷"}
        for n, (x, y) in enumerate(edge.cells):
            ends = [edge.cells[m] for m in (n - 1, n + 1) if 0 <= m < len(edge.cells)]
            if n == 0:
                ends.append((x - 1, y))
            uses[(x, y)][edge.target] |= {"-" if ey == y else "|" for _, ey in ends}
    for (x, y), targets in uses.items():
        if len(targets) > 1:  # lines to different boxes meet only to cross
            ways = sorted("".join(sorted(v)) for v in targets.values())
            assert ways == ["-", "|"], (x, y, dict(targets))


def test_every_record_lays_out_without_overlaps_and_with_joined_lines(iss: Story) -> None:
    drawn = 0
    for record, here in records(iss):
        picture = lay_out(story_map(iss, record, here))
        check(picture)
        drawn += len(picture.edges)
    assert drawn > 100


def test_taken_branches_are_solid_the_others_dashed() -> None:
    station = load_story(STATION).story
    assert station is not None
    record, here = played(station, ("look", "take_key", "give_seat"))
    record.scenes = record.scenes | {"soyuz"}  # seen, though "Cut the life support" never taken
    picture = lay_out(story_map(station, record, here))
    check(picture)
    grid = cells(picture)
    taken = [e for e in picture.edges if e.taken]
    assert taken and all(grid[e.cells[0][1]][e.cells[0][0]] in HEAVY for e in taken)
    assert all(grid[e.cells[-1][1]][e.cells[-1][0]] == "▶" for e in taken)
    locked = [e for e in picture.edges if not e.taken]
    assert locked
    for edge in locked:
        alone = [c for c in edge.cells if all(c not in e.cells for e in taken)]
        assert alone and all(grid[y][x] not in HEAVY for x, y in alone)
        assert any(grid[y][x] in DASHED for x, y in alone)


def test_where_the_player_is_is_said_in_words() -> None:
    station = load_story(STATION).story
    assert station is not None
    record, here = played(station, ("look",))
    picture = lay_out(story_map(station, record, here))
    (box,) = [b for b in picture.boxes if b.here]
    assert box.scene == here
    assert "you are here" in picture.text(box.y + 2)
    assert char(picture, box.x, box.y) == "╔"  # and a double border


def test_a_branch_to_an_unseen_scene_ends_in_a_question_mark() -> None:
    station = load_story(STATION).story
    assert station is not None
    picture = lay_out(story_map(station, Record(scenes={"cupola"}), "cupola"))
    (box,) = [b for b in picture.boxes if b.scene == "cupola"]
    rows = [picture.text(y)[box.x : box.x + box.w] for y in range(box.y, box.y + box.h)]
    assert any("◌ Keep watching" in row and row.rstrip("│║ ").endswith("▷ ?") for row in rows)
    assert not picture.edges


def test_act_titles_stay_in_view_while_their_columns_do(iss: Story) -> None:
    record, here = records(iss)[-1]
    picture = lay_out(story_map(iss, record, here))
    titles = [band.title for band in picture.bands]
    assert titles[:3] == ["Act 1", "Act 2", "Act 3"] and titles[-1].startswith("Endings")
    for band in picture.bands:
        for x in range(band.x0, band.x1 - 10, 37):
            line = "".join(t for _, t, _ in header(picture, x, 80))
            assert band.title[:5] in line, (band.title, x)


def test_long_text_is_cut_to_the_box() -> None:
    assert fit("Open the hatch", 20) == "Open the hatch"
    assert fit("a" * 30, 10) == "a" * 9 + "…"
    assert fit("\x1b[2Jclear", 40).startswith("␛")  # no escape sequence survives
    assert width(fit("宇宙ステーション", 7)) <= 7


def test_a_run_that_ended_is_at_its_ending() -> None:
    station = load_story(STATION).story
    assert station is not None
    record, here = played(station, ("look", "take_key", "give_seat"))
    picture = lay_out(story_map(station, record, here))
    (box,) = [b for b in picture.boxes if b.here]
    assert box.key.startswith("ending:") and box.scene == here == "float_end"
    assert "◆ Float" in picture.text(box.y + 1)
    assert "you are here" in picture.text(box.y + 2)
    assert [e.source for e in picture.edges if e.target == box.key] == ["lab"]


def test_a_way_back_that_depends_on_the_route_counts_its_other_places(
    write_story: WriteStory,
) -> None:
    """A line that leads back (drawn as a tail, "↩ Title") with a `go:` that depends on
    the route cut "Torque or Channel Two" to "Torque or C…", one title read as another;
    it now shows the first and how many more."""
    scenes = """\
    scenes:
      a:
        title: The Long Corridor
        text: Start.
        choices:
          - {id: onward, text: Go on, go: b}
      b:
        title: B
        text: Middle.
        choices:
          - id: back
            text: Go back
            go:
              - {when: flag.met, go: a}
              - c
          - {id: end, text: End it, go: d}
      c:
        title: Second Thoughts
        text: Aside.
        choices:
          - {id: onward, text: Go on, go: b}
      d:
        title: D
        text: End.
        ending: good
      burn:
        title: Burn
        text: Fire.
        ending: burn
    """
    story = load_story(write_story(BASE_MANIFEST, scenes=scenes)).story
    assert story is not None
    record = Record(scenes={"a", "b", "c"}, choices={("a", "onward"), ("b", "back")})
    picture = lay_out(story_map(story, record, "b"))
    (box,) = [b for b in picture.boxes if b.scene == "b"]
    rows = [picture.text(y)[box.x : box.x + box.w] for y in range(box.y, box.y + box.h)]
    (row,) = [r for r in rows if "Go back" in r]
    assert "↩ " in row and row.rstrip("│║ ").endswith(" +1")
