"""The backlog: the text as the player read it, rebuilt from the history, and its search."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static

from iss.backlog import backlog, find
from iss.engine.events import PassedThrough
from iss.engine.model import Story
from iss.engine.runner import choices, choose, new_game, scene_text
from iss.engine.saves import SaveStore
from iss.engine.text import Span
from iss.notices import Teller, said_lines
from iss.ui.screens.backlog import BacklogScreen
from tests.conftest import WriteStory, load_ok
from tests.ui.conftest import SIZE, SMALL, MakeApp
from tests.ui.test_story_map import chosen_in_palette

AIRLOCK_MANIFEST = """\
title: The Airlock
start: airlock
characters:
  kira: {name: Dr. Kira Foster, side: US, player: true}
  nika: {name: Weronika Pulaska, side: US, trust: 5}
endings:
  stay: {title: Inside, kind: dark, canonical: true}
"""

AIRLOCK = """\
scenes:
  airlock:
    title: Airlock
    text: |
      {sequence: The airlock is cold. | Still cold. | Cold as ever.} The pump
      goes {cycle: *thud*. | *hiss*.} {once: Frost creeps over the glass.}
      {shuffle: Sparks. | Smoke. | Frost. | Ice.}
    choices:
      - id: check_suit
        text: "Check the suit's {shuffle: seals | gloves | visor}"
        do: [trust.nika += 3]
        go: airlock
      - id: give_up
        text: Give up
        go: inside
  inside:
    title: Inside
    text: "You sit by the hatch. {cycle: The fans hum. | The lights flicker.}"
    choices:
      - id: listen
        text: Listen to the fans
        once: true
        go: inside
      - fallback: true
        go: stay
  stay:
    title: Stay
    ending: stay
    text: You never go out there again.
"""

ROUTE = ("check_suit", "check_suit", "check_suit", "give_up", "listen")


def text_of(spans: tuple[Span, ...]) -> str:
    return "".join(span.text for span in spans)


def airlock(write_story: WriteStory) -> Story:
    return load_ok(write_story(AIRLOCK_MANIFEST, scenes=AIRLOCK))


def test_the_backlog_is_the_text_as_it_was_shown_also_after_a_save_and_load(
    write_story: WriteStory, tmp_path: Path
) -> None:
    story = airlock(write_story)
    seed = 11
    step = new_game(story, seed)
    shown = [text_of(scene_text(story, step.state))]
    chosen: list[str | None] = []
    told: list[tuple[str, ...]] = []
    teller = Teller(story)
    for choice in ROUTE:
        view = next(v for v in choices(story, step.state) if v.id == choice)
        chosen.append(view.plain)
        before = step.state
        step = choose(story, before, choice)
        told.append(tuple(said_lines(teller.tell(before, choice, step))))
        shown += [text_of(e.text) for e in step.events if isinstance(e, PassedThrough)]
        shown.append(text_of(scene_text(story, step.state)))
    store = SaveStore(tmp_path)
    store.save("mine", story, step.state, 60)
    loaded = store.load("mine", story)
    read = backlog(story, loaded.state)
    assert [text_of(page.text) for page in read.pages] == shown
    assert len(set(shown[:4])) == 4  # the variations really read differently each visit
    assert [page.choice for page in read.pages] == [*chosen, None, None]
    assert [page.notices for page in read.pages[:5]] == told
    assert any(told)  # trust crossed a level: the notice is kept beside its choice
    assert read.pages[-2].passed and read.pages[-2].title == "Inside"
    assert read.pages[-1].ending == "Inside"


def test_the_backlog_keeps_only_the_newest_pages(write_story: WriteStory) -> None:
    story = airlock(write_story)
    step = new_game(story)
    for _ in range(30):
        step = choose(story, step.state, "check_suit")
    read = backlog(story, step.state, limit=5)
    assert len(read.pages) == 5
    assert read.dropped == 26
    assert read.pages[-1].choice is None


def test_find_is_case_blind_and_in_reading_order(write_story: WriteStory) -> None:
    story = airlock(write_story)
    step = new_game(story)
    for choice in ("check_suit", "give_up"):
        step = choose(story, step.state, choice)
    read = backlog(story, step.state)
    hits = find(read, "COLD")
    assert [(hit.page, hit.part) for hit in hits] == [(0, 1), (1, 1)]
    assert find(read, "   ") == []
    first = hits[0]
    part = read.pages[0].plain
    assert part[first.start : first.end].lower() == "cold"


async def test_backlog_screen_scrolls_and_finds(app_for: MakeApp) -> None:
    app = app_for()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("n", "1", "1", "b")
        await pilot.pause()
        assert isinstance(app.screen, BacklogScreen)
        scroll = app.screen.query_one("#pages")
        assert scroll.has_focus
        assert scroll.scroll_y == scroll.max_scroll_y > 0  # opens at the newest page
        await pilot.press("home")
        assert scroll.scroll_y == 0
        await pilot.press("slash")
        find_input = app.screen.query_one("#find", Input)
        assert find_input.has_focus
        await pilot.press(*"key")
        status = app.screen.query_one("#find-status", Static)
        assert "3 matches" in str(status.render())
        await pilot.press("enter")
        await pilot.pause()
        assert "Match 1 of 3" in str(status.render())
        await pilot.press("enter", "enter", "enter")
        assert "Match 1 of 3" in str(status.render())  # round again
        await pilot.press("escape")
        assert not isinstance(app.screen, BacklogScreen)


async def test_backlog_is_in_the_palette_and_in_help(app_for: MakeApp) -> None:
    app = app_for()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Backlog" in titles and "Story map" in titles
        await pilot.press("ctrl+p")
        await pilot.press(*"backlog")
        await chosen_in_palette(pilot)
        assert isinstance(app.screen, BacklogScreen)


def test_help_lists_backlog_and_map_keys() -> None:
    from iss.ui.screens.help import KEYS

    rows = dict(row for _, rows in KEYS for row in rows)
    assert "backlog" in rows["b"]
    assert "map" in rows["m"]
