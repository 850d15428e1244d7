"""Short lines that tell the player a choice mattered, without numbers.

A line appears only when trust crosses from one level to the next (wary to
neutral, say): small moves stay silent and show only in the crew panel. The
moves of one step are taken together (up two then down one is one move up),
so a line never reads against what happened. The wording varies, chosen by
who and where trust now stands, so a replay of the same choices reads the
same; warmer and colder moves have their own phrases, and no line names the
level (three blind readers found "— down to trusting" read as a meter, and
as good news after a fall): the crew panel shows levels. No line holds
parentheses: plain mode puts each in its own.
"""

from __future__ import annotations

from collections.abc import Iterable

from iss.engine.events import Event, ItemGained, ItemLost, TrustChanged
from iss.engine.model import Story
from iss.engine.text import format_minutes

WARMER = (
    "{who} will remember that.",
    "{who} softens toward you.",
    "{who} lets you a little further in.",
)
COLDER = (
    "{who} will not forget that.",
    "Something closes in {who}'s face.",
    "{who} trusts you less than a moment ago.",
)
PAIR_WARMER = (
    "Something eases between {who} and {other}.",
    "{who} and {other} stand a little closer now.",
)
PAIR_COLDER = (
    "Something hardens between {who} and {other}.",
    "{who} and {other} keep their distance now.",
)


def _pick(phrases: tuple[str, ...], key: str, value: int) -> str:
    """A phrase that depends only on who and where (no randomness, no hash seed)."""
    return phrases[(sum(map(ord, key)) + value) % len(phrases)]


def trust_notice(story: Story, event: TrustChanged) -> str | None:
    """'Alexey lets you a little further in.' when a level is crossed, else None.
    Every phrase names who it is about, and says which way it went."""
    if story.trust_level(event.old) == story.trust_level(event.new):
        return None
    who = story.characters[event.character].short
    warmer = event.delta > 0
    if event.other is not None:
        other = story.characters[event.other].short
        phrase = _pick(
            PAIR_WARMER if warmer else PAIR_COLDER, event.character + event.other, event.new
        )
        return phrase.format(who=who, other=other)
    return _pick(WARMER if warmer else COLDER, event.character, event.new).format(who=who)


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


def event_notices(story: Story, events: Iterable[Event]) -> list[str]:
    """What a step changed that a player can feel, in words: trust crossing a level,
    items gained or lost (the backlog keeps these beside each choice). The one
    place these lines are worded, for the UI, the backlog and plain mode."""
    events = list(events)
    lines = []
    for move in net_trust(events):
        told = trust_notice(story, move)
        if told is not None:
            lines.append(told)
    for event in events:
        if isinstance(event, ItemGained):
            lines.append(f"You now have {story.items[event.item].name}.")
        elif isinstance(event, ItemLost):
            lines.append(f"You no longer have {story.items[event.item].name}.")
    return lines


def time_cost(minutes: int) -> str:
    """' · 4h' after a choice that spends an hour or more; '' for less."""
    return f" · {format_minutes(minutes)}" if minutes >= 60 else ""


def clock_warning(minutes_left: int, start: int) -> str:
    """A word for a clock running out: 'almost out', 'running low', or ''.

    Low means under an eighth of where the clock started, and never less than
    an hour; almost out means half an hour or less."""
    if minutes_left <= 30:
        return "almost out"
    if minutes_left <= max(60, start // 8):
        return "running low"
    return ""
