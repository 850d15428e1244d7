"""What mattered, at the ending, as lines a screen reader reads in order.

    back = at_ending(story, state, found, seconds, say, read)   # None, or where :again goes

It says What mattered, each choice numbered ("  1. The Plan: You chose ..."), then
What led here, numbered on, then reads the ending's prompt (`Weighed` holds the lists).

At the ending's prompt `:ways` names the endings the other choices could have led
to (named at once, they read as a checklist: "could have led to 8 endings you have
not found", blind reader R18), and `:again N` goes back to just before choice N of
the list to choose again: replaying to another ending starts where the run turned,
not at the docking (the first act on every replay, blind reader R102 #10).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, replace
from functools import cached_property
from typing import TYPE_CHECKING

from iss.engine.model import Story
from iss.engine.state import GameState
from iss.plain.lines import small_number

if TYPE_CHECKING:
    from iss.authoring.explore import Mattered, Told

WAYS_WORDS = frozenset({":ways", "ways"})
AGAIN_WORDS = frozenset({":again", "again"})
LOOK_BACK = ("endings", "backlog", "map", "trust", "status", "saves", "notices")
"""The play commands that work at an ending's prompt too: they only look back."""
HELP_AT_ENDING = "\n".join(
    [
        "At an ending:",
        "  :again N  go back to choice N of the list above, and choose again",
        "  :ways     where the other choices could have led",
        "  :endings  the endings you have found",
        "  :backlog  reread this playthrough: :backlog [WORD] finds a word",
        "  :map, :trust, :status, :saves and :notices work as during play.",
        "  :load NAME  load a save and play on from it",
        "  Enter (or :quit) closes the game.",
    ]
)

PLAIN_SHOWN = 12
"""Choices What mattered tells at most in plain mode. The UI's ending screen has room
for five (`SHOWN`); here a line costs nothing, and "4 more choices mattered too" named
choices `:again` could not reach (blind reader R279 #12)."""


@dataclass(frozen=True)
class Weighed:
    """What the ending tells about the run's choices."""

    story: Story
    mattered: Mattered
    found: frozenset[str]
    """The endings the player has found (only these are named)."""
    led: tuple[Told, ...] = ()
    """What led here (`led_here`): the choices that kept this ending in reach."""

    def told(self, ways: bool = False) -> tuple[list[Told], str]:
        from iss.authoring.explore import described

        return described(self.story, self.mattered, self.found, PLAIN_SHOWN, ways=ways)

    @cached_property
    def told_plainly(self) -> list[Told]:
        """What mattered's lines without the endings (`told()`), worked out once."""
        return self.told()[0]

    def numbered(self) -> list[Told]:
        """Every line a number stands for: What mattered's, then What led here's."""
        return [*self.told_plainly, *self.led]

    def lines(self, ways: bool = False) -> list[str]:
        """What mattered (with `ways`, where the other ways led), each choice numbered
        for `:again`."""
        from iss.authoring.explore import WAYS_HEADING  # only at an ending

        told, note = self.told(ways)
        number = {t.index: n for n, t in reversed(list(enumerate(self.numbered(), 1)))}
        # Each line names only the endings its choice turned away from, not every ending
        # the other way reaches: "could have led to To Answer for It" read as all it
        # could ever reach to a reader who had taken it to six others (blind reader R246 #4).
        out = ["", f"{WAYS_HEADING}:" if ways else "What mattered:"]
        out.extend(_numbered(number.get(t.index), t) for t in told)
        if note:
            out.append(f"  {note}")
        return out

    def led_lines(self) -> list[str]:
        """What led here, numbered on from What mattered; none when nothing led here."""
        if not self.led:
            return []
        first = len(self.told_plainly) + 1
        return ["What led here:", *(_numbered(n, t) for n, t in enumerate(self.led, first))]

    def ask(self) -> str:
        """The prompt's line: what can be typed at the ending."""
        ways = (
            ", or :ways for where the other choices could have led" if self.mattered.turns else ""
        )
        return (
            f"(Type :again N to go back to choice N and choose again{ways}; Enter closes the game.)"
        )

    def no_ways(self) -> str:
        """What `:ways` says where no choice turned away from another ending: it once
        fell through to the hint for a bare word, which never said why."""
        weighed = "" if self.mattered.complete else " of those weighed in time"
        return (
            f"(No choice{weighed} on this route turned away from another ending, so :ways"
            " has none to show; :again N still goes back.)"
        )

    def index_of(self, number: int) -> int | None:
        """The place in the run's history of the choice numbered `number`, if any."""
        numbered = self.numbered()
        return numbered[number - 1].index if 1 <= number <= len(numbered) else None


def _numbered(number: int | None, told: Told) -> str:
    return f"  {'' if number is None else f'{number}. '}{told.scene}: {told.line}"


def at_ending(
    story: Story,
    state: GameState,
    found: Collection[str],
    seconds: float | None,
    say: Callable[[str], None],
    read: Callable[[], str],
    enter_twice: bool = False,
    look_back: Callable[[str], bool] | None = None,
    left: Callable[[], bool] = lambda: False,
) -> int | None:
    """At the ending: what mattered (weighed for at most `seconds`; None: the weighing's
    own safety net), then what led here (as long again, so what mattered shows first),
    then the ending's prompt, read until it finishes. Returns the place in the run's
    history to go back to (`:again N`), or None to finish.

    With `enter_twice` (a person typing at a terminal) an empty line first says what
    Enter will do, and only a second one finishes: a player who pressed Enter to read
    on past the ending text lost the game's one way back (blind reader R185).

    A command other than `:again` and `:ways` no longer finishes: `:help` says what
    works here, `look_back(line)` runs one of `LOOK_BACK` (False: not one of them, and
    the player is told what is), and `:quit` finishes. ":endings" typed at an ending to
    see the tally once ended the session without a word (blind reader R218 #10), and so
    did a choice number typed there: now it is told `:again` (in place of the prompt,
    which said the same again, blind reader R275 #18), and only Enter, the end of the
    input or `:quit` finishes. A command that left the ending (`:load`: `left()` says so)
    finishes too, and the caller plays on from where it went."""
    from iss.authoring.explore import led_here, what_led_here, what_mattered  # only at an ending

    mattered = what_mattered(story, state.history, state.seed, seconds)
    weighed = Weighed(story, mattered, frozenset(found))
    say("\n".join(weighed.lines()))
    kept = what_led_here(story, state.history, state.seed, seconds)
    weighed = replace(weighed, led=tuple(led_here(story, kept, mattered, PLAIN_SHOWN)))
    if weighed.led:
        say("\n".join(weighed.led_lines()))
    if not weighed.numbered():
        return None
    warned = False
    ask = True
    while True:
        if ask:
            say(weighed.ask())
        ask = True
        line = read()
        word, _, arg = line.replace("\ufeff", "").strip().lower().partition(" ")
        if enter_twice and not word and line and not warned:
            warned, ask = True, False
            say("(Press Enter again to close the game; :again N still goes back.)")
            continue
        if word.startswith(":") and word not in WAYS_WORDS | AGAIN_WORDS:
            if word == ":quit":
                return None
            if word == ":help":
                say(HELP_AT_ENDING)
            elif look_back is None or not look_back(line.replace("\ufeff", "").strip()):
                say(f"(`{word}` works during play, not at an ending. Type :help for what does.)")
            elif left():
                return None
            continue
        if word in WAYS_WORDS:
            say(
                "\n".join(weighed.lines(ways=True)) if weighed.mattered.turns else weighed.no_ways()
            )
        elif word in AGAIN_WORDS:
            number = small_number(arg.strip())
            index = weighed.index_of(number) if number is not None else None
            if index is not None:
                return index
            say(f"Type :again and a number from the list above, 1 to {len(weighed.numbered())}.")
        elif word:
            number = small_number(word)
            again = f":again {number}" if number is not None else ":again N"
            say(f"(At an ending, {again} goes back to choose again; Enter closes the game.)")
            ask = False  # that line is the prompt: the usual one after it said it twice
        else:
            return None
