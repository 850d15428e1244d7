"""What mattered, at the ending, as lines a screen reader reads in order.

    told = weigh(story, state, found, seconds)     # What mattered, then What led here
    told.lines()                                   # numbered: "  1. The Plan: You chose ..."
    told.lines(ways=True)                          # and the endings the other choices
                                                   # could have led to
    told.index_of(2)                               # the history index of line 2

At the ending's prompt `:ways` names the endings the other choices could have led
to (named at once, they read as a checklist: "could have led to 8 endings you have
not found", blind reader R18), and `:again N` goes back to just before choice N of
the list to choose again: replaying to another ending starts where the run turned,
not at the docking (the first act on every replay, blind reader R102 #10).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

from iss.engine.model import Story
from iss.engine.state import GameState
from iss.plain.lines import small_number

if TYPE_CHECKING:
    from iss.authoring.explore import Mattered, Told

WAYS_WORDS = frozenset({":ways", "ways"})
AGAIN_WORDS = frozenset({":again", "again"})


@dataclass(frozen=True, slots=True)
class Weighed:
    """What the ending tells about the run's choices."""

    story: Story
    mattered: Mattered
    found: frozenset[str]
    """The endings the player has found (only these are named)."""
    led: tuple[Told, ...]
    """What led here (`led_here`): the choices that kept this ending in reach."""

    def told(self, ways: bool = False) -> tuple[list[Told], str]:
        from iss.authoring.explore import described

        return described(self.story, self.mattered, self.found, ways=ways)

    def numbered(self) -> list[Told]:
        """Every line a number stands for: What mattered's, then What led here's."""
        return [*self.told()[0], *self.led]

    def lines(self, ways: bool = False) -> list[str]:
        """What mattered (with `ways`, where the other ways led), then What led here,
        each choice numbered for `:again`."""
        told, note = self.told(ways)
        number = {t.index: n for n, t in reversed(list(enumerate(self.numbered(), 1)))}
        out = ["", "Where the other ways led:" if ways else "What mattered:"]
        out.extend(f"  {number[t.index]}. {t.scene}: {t.line}" for t in told)
        if note:
            out.append(f"  {note}")
        if self.led and not ways:
            out.append("What led here:")
            out.extend(f"  {n}. {t.scene}: {t.line}" for n, t in enumerate(self.led, len(told) + 1))
        return out

    def ask(self) -> str:
        """The prompt's line: what can be typed at the ending."""
        ways = (
            ", or :ways for where the other choices could have led" if self.mattered.turns else ""
        )
        return f"(Type :again N to go back to choice N and choose again{ways}; Enter finishes.)"

    def index_of(self, number: int) -> int | None:
        """The place in the run's history of the choice numbered `number`, if any."""
        numbered = self.numbered()
        return numbered[number - 1].index if 1 <= number <= len(numbered) else None


def weigh(story: Story, state: GameState, found: Collection[str], seconds: float) -> Weighed:
    """The choices of the run that closed off other endings, then those that kept this
    one in reach (see `iss.authoring.explore`), each weighed for at most `seconds`."""
    from iss.authoring.explore import led_here, what_led_here, what_mattered  # only at an ending

    mattered = what_mattered(story, state.history, state.seed, seconds)
    kept = what_led_here(story, state.history, state.seed, seconds)
    return Weighed(story, mattered, frozenset(found), tuple(led_here(story, kept, mattered)))


def at_ending(weighed: Weighed, say: Callable[[str], None], read: Callable[[], str]) -> int | None:
    """Tell what mattered, then read the ending's prompt until it finishes. Returns the
    place in the run's history to go back to (`:again N`), or None to finish."""
    say("\n".join(weighed.lines()))
    if not weighed.numbered():
        return None
    while True:
        say(weighed.ask())
        line = read()
        word, _, arg = line.replace("\ufeff", "").strip().lower().partition(" ")
        if word in WAYS_WORDS and weighed.mattered.turns:
            say("\n".join(weighed.lines(ways=True)))
        elif word in AGAIN_WORDS:
            number = small_number(arg.strip())
            index = weighed.index_of(number) if number is not None else None
            if index is not None:
                return index
            say(f"Type :again and a number from the list above, 1 to {len(weighed.numbered())}.")
        else:
            return None
