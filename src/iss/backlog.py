"""The backlog: the text a player read in this playthrough, scene by scene.

    log = backlog(story, state)          # rebuilt from the state's history and seed
    for page in log.pages: page.title, page.text, page.choice, page.notices
    hits = find(log, "hatch")            # every match, in reading order

Nothing is kept while playing: the pages are rebuilt by replaying the
history from the start with the state's seed, the way rewind and saves do
(`iss.engine.rewind`). The engine is deterministic and a step never reads
the history, so each scene's text comes out exactly as the player read it,
text variations and conditions resolved, also after a save and a load. A
story edited under a hot reload reads as it is now.

At most `MAX_PAGES` scenes are kept (the newest); `dropped` counts the
earlier ones, so a run that loops for hours costs a bounded amount of memory.
Used by both front ends: no Textual and no rich here.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass

from iss.engine.errors import EngineError
from iss.engine.events import Event, PassedThrough
from iss.engine.model import Story
from iss.engine.runner import choose_unrecorded, new_game, scene_text
from iss.engine.state import GameState
from iss.engine.text import Span
from iss.notices import Teller, said_lines, untold

MAX_PAGES = 200
"""Scenes a backlog keeps at most (the newest)."""


@dataclass(frozen=True, slots=True)
class Page:
    """One scene as the player read it, and what they did there."""

    scene: str
    title: str
    location: str
    text: tuple[Span, ...]
    choice: str | None = None
    """The text of the choice taken here; None where the player is now, at an ending,
    and in a scene the story passed through by itself (`passed`)."""
    notices: tuple[str, ...] = ()
    """What the choice changed that a player can feel (trust levels, items)."""
    passed: bool = False
    """The story went through this scene without stopping (its fallback)."""
    ending: str | None = None
    """The ending's title, for an ending scene."""

    @property
    def plain(self) -> str:
        return "".join(span.text for span in self.text)


@dataclass(frozen=True, slots=True)
class Backlog:
    pages: tuple[Page, ...]
    dropped: int = 0
    """Earlier scenes left out to bound the memory (see `MAX_PAGES`)."""
    complete: bool = True
    """False when the story changed (a reload) and the history no longer replays in full."""


@dataclass(frozen=True, slots=True)
class Hit:
    """A match of a search: in `pages[page]`, part `part` of `page_parts(page)`,
    from `start` to `end` of that part's text."""

    page: int
    part: int
    start: int
    end: int


def backlog(
    story: Story, state: GameState, limit: int = MAX_PAGES, notices: str = "all"
) -> Backlog:
    """The pages of the playthrough that led to `state` (see the module docstring), the
    notices told at the player's level `notices` (`iss.notices.NOTICE_LEVELS`)."""
    pages: deque[Page] = deque(maxlen=max(1, limit))
    count = 0

    def add(page: Page) -> None:
        nonlocal count
        pages.append(page)
        count += 1

    step = new_game(story, state.seed)
    for page in _passed(story, step.events):
        add(page)
    complete = True
    teller = Teller(story, notices)  # words each step's notices as the player read them
    for when, choice_id in enumerate(state.history, start=1):
        here = step.state
        scene = story.scenes[here.scene]
        choice = scene.choice_index.get(choice_id)
        try:
            step = choose_unrecorded(story, here, choice_id)
        except EngineError:
            complete = False
            break
        said = choice.text.plain(here) if choice is not None else choice_id
        told = tuple(
            said_lines(teller.words(when, step.events, untold(story, here, choice_id, step)))
        )
        add(_page(story, here, said, told))
        for page in _passed(story, step.events):
            add(page)
    add(_page(story, step.state if complete else state))
    return Backlog(tuple(pages), count - len(pages), complete)


def _page(
    story: Story, state: GameState, choice: str | None = None, notices: tuple[str, ...] = ()
) -> Page:
    scene = story.scenes[state.scene]
    ending = story.endings.get(scene.ending) if scene.ending is not None else None
    return Page(
        scene.id,
        scene.title_in(state.visits),
        scene.location,
        scene_text(story, state),
        choice,
        notices,
        ending=ending.title if ending is not None else None,
    )


def _passed(story: Story, events: Iterable[Event]) -> list[Page]:
    out = []
    for event in events:
        if isinstance(event, PassedThrough):
            scene = story.scenes[event.scene]
            out.append(Page(scene.id, scene.title, scene.location, event.text, passed=True))
    return out


def page_parts(page: Page) -> list[str]:
    """The searchable parts of a page, in reading order: its title, its text, the
    choice taken (or the ending reached) and the notices."""
    parts = [page.title, page.plain]
    if page.ending is not None:
        parts.append(page.ending)
    elif page.choice is not None:
        parts.append(page.choice)
    parts.extend(page.notices)
    return parts


def find(log: Backlog, term: str) -> list[Hit]:
    """Every case-insensitive match of `term` in `log`, in reading order ([] for blank)."""
    needle = term.strip().casefold()
    if not needle:
        return []
    hits = []
    for index, page in enumerate(log.pages):
        for part, text in enumerate(page_parts(page)):
            folded = text.casefold()
            if len(folded) != len(text):  # casefold changed lengths (ß -> ss): keep positions
                folded = text.lower()
            at = folded.find(needle)
            while at >= 0:
                hits.append(Hit(index, part, at, min(len(text), at + len(needle))))
                at = folded.find(needle, at + max(1, len(needle)))
    return hits
