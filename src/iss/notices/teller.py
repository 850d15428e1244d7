"""Telling a playthrough's notices so they read as consequences, not a ticker.

Readers counted about six "lets you a little further in" per route when each
notice was worded on its own. A `Teller` words the steps of one playthrough in
order and remembers what it said:

- it picks the phrase used longest ago (or never) among those that fit, so no
  phrase comes back before the others have had their turn, and never on the
  next notice;
- it tells where someone stands against what the last line about them said,
  not step by step: a move that ends on the level the last line left them at
  says nothing new (trust that rises and falls back across one boundary is not
  told twice), and a line says which way they moved since then;
- after a trust line, a one-level change is left to the crew panel for
  `QUIET_CHOICES` choices, unless it is the first line about that person's
  trust in Kira. A change across two levels, or of `BIG_MOVE` points, is always told.
  Two blind readers (R9, R10) still found a line on nearly every choice at 15
  lines in a 40-choice playthrough: "useful once, then they get in the way of
  prose that already shows the reaction";
- the player's setting (`NOTICE_LEVELS`) can tell less: "big" keeps only big moves
  and the first line about each person's trust in Kira, "off" no trust line at all
  (the crew panel and `:trust` still show every move). A blind reader (R14) still
  found the lines "like game UI in the middle of the prose" at 9 a playthrough;
- one trust line at most per stretch of text (what a choice did, or what a
  scene's own `do:` did): the move that crosses most, Kira's trust before a tie
  between two of the crew. Two blind readers (R5, R6) found a bracketed line
  after nearly every scene breaking the voice. The other moves show in the crew
  panel and `:trust`;
- a `quiet: true` choice is followed by no trust line at all, so a moral extreme
  is not answered in bookkeeping ("trusts you far more than before" after
  letting a man die: R162, R166). What it moved is left untold, and the next line
  about that person says where they stand against the last line told;
- nor is the choice that reaches an ending: a trust line printed between the
  ending's text and its title "can no longer matter" (blind readers R231, R234).
  The trust screen at the ending (`:trust`, the crew panel) still shows the move.

What it remembers is a function of the history alone (the choices taken, in
order), never of how the player got there: told a step from a state it did not
see arrive (a load, an undo, a reload, `--at`), it replays that state's history
from the start to catch up. So the same choices read the same, whether played
in one sitting, loaded from a save or rebuilt in the backlog. No randomness and
no hash seed: ties are broken by the choice number and who it is about.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from iss.engine.errors import EngineError
from iss.engine.events import (
    Event,
    ItemGained,
    ItemLost,
    PassedThrough,
    SceneEntered,
    TrustChanged,
)
from iss.engine.model import Story
from iss.engine.runner import Step, choose_unrecorded, new_game
from iss.engine.state import GameState
from iss.notices.phrases import phrases

BIG_MOVE = 3
"""A move of this many points or more (or across two levels) is told in `BIG_WARMER` /
`BIG_COLDER` words, not "a little"."""

QUIET_CHOICES = 3
"""For this many choices after a trust line, a one-level change is not told (unless it is
the first about someone's trust in Kira): the crew panel shows it."""

NOTICE_LEVELS = ("all", "big", "off")
"""How many trust lines a teller tells: every one worth telling, only big moves (and
the first line about each person's trust in Kira), or none. Lines about items are
told at every level: they are the kit, not trust."""

_TOLD = (TrustChanged, ItemGained, ItemLost)


class Arrived:
    """Where a step's words reach the scene it stopped at: the lines before it are what
    the choice did (and the scenes it passed through did), the lines after it what the
    arrived scene's own `do:` did, which its text tells first."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "ARRIVED"


ARRIVED = Arrived()

Said = str | PassedThrough | Arrived
"""What a step says, in order: notice lines, the scenes it passed through, and where the
scene it stopped at begins (`ARRIVED`)."""


def net_trust(events: Iterable[Event]) -> list[TrustChanged]:
    """Each trust that moved, as one move from where it stood to where it ended,
    in the order each first moved."""
    moves: dict[tuple[str, str | None], TrustChanged] = {}
    for event in events:
        if isinstance(event, TrustChanged):
            key = (event.character, event.other)
            first = moves.get(key)
            old = event.old if first is None else first.old
            moves[key] = TrustChanged(event.character, event.other, old, event.new)
    return list(moves.values())


@dataclass(slots=True)
class Memory:
    """What a teller has said: when each phrase was last used, the level (its index in
    the story's `trust_levels`) each person (or pair) was last told at, and when the
    last trust line was told. Choices count from 1."""

    used: dict[str, int] = field(default_factory=dict)
    known: dict[tuple[str, str | None], int] = field(default_factory=dict)
    last_line: int | None = None


class Teller:
    """The notices of one playthrough of `story` (see the module docstring)."""

    def __init__(self, story: Story, level: str = "all") -> None:
        self.story = story
        self.memory = Memory()
        self.history: tuple[str, ...] = ()
        """The choices the memory has heard, in order."""
        self.seed: int | None = None
        self._level = level if level in NOTICE_LEVELS else "all"

    @property
    def level(self) -> str:
        """Which trust lines are told (one of `NOTICE_LEVELS`)."""
        return self._level

    @level.setter
    def level(self, level: str) -> None:
        """A changed level forgets what was said: the next step replays the history,
        so lines read against what this level would have told."""
        level = level if level in NOTICE_LEVELS else "all"
        if level != self._level:
            self._level = level
            self.seed = None

    def tell(self, before: GameState, choice_id: str, step: Step) -> list[Said]:
        """What taking `choice_id` in `before` (giving `step`) says, in order."""
        history = before.history
        if self.seed != before.seed or (self.history is not history and self.history != history):
            self._catch_up(before)
        when = len(history) + 1
        said = self.words(when, step.events, quiet=untold(self.story, before, choice_id, step))
        after = step.state.history  # `choose` adds the choice; a replay's step does not
        self.history = after if len(after) == when else (*history, choice_id)
        return said

    def words(self, when: int, events: Iterable[Event], quiet: bool = False) -> list[Said]:
        """The words of the `when`th choice's events, heard in order (the
        backlog and a catch-up call this step by step).

        Each line sits after the text that tells what it says: what the choice did
        comes first; what a scene's own `do:` did follows that scene's text, so a
        scene passed through by its fallback is told before its lines, and the lines
        of the scene the step stopped at follow `ARRIVED`. The moves told between two
        texts are taken together (`net_trust`). After a `quiet` choice no trust line
        is told, only the kit."""
        said: list[Said] = []
        since: list[Event] = []  # the events a notice tells, since the last text
        arrival = -1  # where in `said` the last scene entered begins, if not passed through
        for event in events:
            if isinstance(event, SceneEntered):
                said.extend(self._lines(when, since, quiet))
                since = []
                arrival = len(said)
            elif isinstance(event, PassedThrough):
                said.append(event)
                arrival = -1
            elif isinstance(event, _TOLD):
                since.append(event)
        if arrival >= 0:
            said.insert(arrival, ARRIVED)
        said.extend(self._lines(when, since, quiet))
        return said

    def _lines(self, when: int, events: list[Event], quiet: bool) -> list[str]:
        if not events:
            return []  # nothing to tell (most steps of a story without notices)
        story = self.story
        lines = []
        silent = quiet or self._level == "off"
        told = None if silent else self._worth_telling(when, net_trust(events))
        if told is not None:
            lines.append(self._trust_line(when, *told))
        for event in events:
            if isinstance(event, ItemGained):
                lines.append(f"You now have {story.items[event.item].name}.")
            elif isinstance(event, ItemLost):
                lines.append(f"You no longer have {story.items[event.item].name}.")
        return lines

    def _worth_telling(
        self, when: int, moves: list[TrustChanged]
    ) -> tuple[TrustChanged, bool, int] | None:
        """The one move of a stretch of text a line tells, whether it is big (two
        levels or more from the last line about that person, or `BIG_MOVE` points),
        and the level it ends at. Of the moves that cross a level, the same way as
        they stand from what was last told (the crew panel has shown the rest), and
        are not a small change too soon after the last line: the one that crosses
        most, someone's trust in Kira before a tie between two, then the first to
        move."""
        story, levels, memory = self.story, self.story.trust_levels, self.memory
        quiet = memory.last_line is not None and when - memory.last_line <= QUIET_CHOICES
        best: tuple[int, bool, int] | None = None
        chosen: tuple[TrustChanged, bool, int] | None = None
        for order, move in enumerate(moves):
            was = levels.index(story.trust_level(move.old))
            now = levels.index(story.trust_level(move.new))
            if was == now:
                continue  # a small move: the crew panel shows it
            known = memory.known.get((move.character, move.other))
            since = was if known is None else known
            if now == since or (now > since) != (move.new > move.old):
                continue  # back where the last line left them, or not this way since
            crossed = abs(now - since)
            big = crossed >= 2 or abs(move.delta) >= BIG_MOVE
            first = known is None and move.other is None  # about someone's trust in Kira
            if not big and not first and (quiet or self._level == "big"):
                continue  # too soon after the last line, or small: the crew panel shows it
            rank = (-crossed, move.other is not None, order)
            if best is None or rank < best:
                best, chosen = rank, (move, big, now)
        return chosen

    def _trust_line(self, when: int, move: TrustChanged, big: bool, level: int) -> str:
        """The words for `move` (`big` or not, ending at the `level`th of the story's
        levels), remembered so that no phrase comes back soon."""
        story = self.story
        warmer = move.new > move.old
        memory = self.memory
        memory.known[(move.character, move.other)] = level
        memory.last_line = when
        fits = phrases(story.id, move.character, move.other is not None, warmer, big)
        # The phrase used longest ago (never: 0); among equals, the next in turn.
        count, turn, used = len(fits), when + sum(map(ord, move.character)), memory.used
        phrase = min((used.get(p, 0) * count + (i - turn) % count, p) for i, p in enumerate(fits))[
            1
        ]
        memory.used[phrase] = when
        who = story.characters[move.character].short
        other = story.characters[move.other].short if move.other is not None else ""
        return phrase.format(who=who, other=other)

    def _catch_up(self, before: GameState) -> None:
        """Rebuild the memory by replaying `before`'s history from the start."""
        self.memory = Memory()
        self.seed = before.seed
        self.history = before.history
        if not before.history:
            return  # the start: nothing said yet
        try:
            step = new_game(self.story, before.seed)
            for when, choice_id in enumerate(before.history, start=1):
                here = step.state
                step = choose_unrecorded(self.story, here, choice_id)
                self.words(when, step.events, untold(self.story, here, choice_id, step))
        except EngineError:  # the story changed under the history: remember what replayed
            pass


def untold(story: Story, before: GameState, choice_id: str, step: Step) -> bool:
    """Whether taking `choice_id` in `before` (giving `step`) tells no trust line: the
    choice is `quiet:`, or it reached an ending (see the module docstring)."""
    home = story.scenes.get(before.scene)
    choice = home.choice_index.get(choice_id) if home is not None else None
    return (choice is not None and choice.quiet) or step.state.over


def said_lines(said: Iterable[Said]) -> list[str]:
    """The notice lines alone."""
    return [s for s in said if isinstance(s, str)]


def first_words(story: Story, events: Iterable[Event]) -> list[str]:
    """How a fresh playthrough's first choice would tell `events` (no memory)."""
    return said_lines(Teller(story).words(1, events))
