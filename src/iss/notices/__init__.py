"""Short lines that tell the player a choice mattered, without numbers.

A line appears only when trust crosses from one level to the next (wary to
neutral, say): small moves stay silent and show only in the crew panel. The
moves of one step are taken together (up two then down one is one move up),
so a line never reads against what happened. Warmer and colder moves have
their own phrases (`phrases`), and no line names the level: the crew panel
shows levels.

A playthrough's notices are told by a `Teller` (`teller`), which remembers
what it said: no phrase repeats soon, a line tells where someone stands against
the last line about them, and a small change soon after another line is left to
the crew panel; the same choices always read the same.
This is the one place these lines are worded, for the UI, the backlog and
plain mode.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from iss.engine.clocks import ClockReading, deadline, time_spent
from iss.engine.events import Event, TrustChanged
from iss.engine.model import Story
from iss.engine.state import GameState
from iss.engine.terminal_safety import safe_line
from iss.engine.text import format_minutes
from iss.notices.phrases import COLDER, PAIR_COLDER, PAIR_WARMER, WARMER
from iss.notices.teller import (
    ARRIVED,
    NOTICE_LEVELS,
    QUIET_CHOICES,
    Arrived,
    Said,
    Teller,
    first_words,
    net_trust,
    said_lines,
    untold,
)

__all__ = [
    "ARRIVED",
    "COLDER",
    "NOTICE_LEVELS",
    "PAIR_COLDER",
    "PAIR_WARMER",
    "QUIET_CHOICES",
    "WARMER",
    "Arrived",
    "Said",
    "Teller",
    "as_sentence",
    "choice_time_labels",
    "clock_note",
    "clock_warning",
    "costs_differ",
    "event_notices",
    "locked_line",
    "net_trust",
    "said_lines",
    "time_cost",
    "time_costs",
    "time_is_short",
    "trust_notice",
    "untold",
]


def trust_notice(story: Story, event: TrustChanged) -> str | None:
    """'Alexey lets you a little further in.' when a level is crossed, else None,
    as the first notice of a playthrough would say it."""
    lines = first_words(story, [event])
    return lines[0] if lines else None


def event_notices(story: Story, events: Iterable[Event]) -> list[str]:
    """What a step changed that a player can feel, in words, as the first step of a
    playthrough would tell it: trust crossing a level, items gained or lost. A
    playthrough tells its steps with a `Teller`, which varies the words."""
    return first_words(story, events)


TOLD_COST = 30
"""A choice that spends this many minutes or more says so (a blind reader lost half an
hour to "Tend Alexey's wound first" without a word; at 60 it went untold)."""


def time_cost(minutes: int, left: int | None = None, clock: str = "", told: int = TOLD_COST) -> str:
    """' · 4h of 9h left' after a choice that spends half an hour or more, or a quarter
    or more of the `left` minutes of the clock that runs out first (' · 4h' when no clock
    runs); '' for less. The whole cost names the clock it is weighed against, so it never
    reads as a comparison of choices (as `time_costs` once did, ' · 30m longer'): three blind
    readers (R19-R21) saw "· 30m" in one scene and "· +30m" (as that label read then) in
    another and took the two for one label written two ways. When it would spend at
    least what is left, it says what is left, not the cost: "Keep it sealed to the end
    · 24h" with 4h 40m to go read as a promise of a day the story no longer has.
    `minutes` is what taking the choice spends before the next choice, the scenes on the
    way included (`clocks.time_spent`): "· 30m" on a choice that took an hour misled a
    blind reader (R12).

    `told` is the least cost said (a scene's `time_labels: always` says every cost, a
    quarter hour too: R226 saw "· 45m" on a choice one route and nothing on it another,
    where it spent 15 minutes).

    `clock` is that clock's label ("to reentry"), when it has one: the cost then says
    which clock it weighs, ' · 4h of the 9h to reentry', ' · all the 2h of air'. A
    story with two clocks left a blind reader (R137) to work out that "· 30m of 1h 25m
    left" under a scene that said "2h of air" was the orbit's."""
    clock = safe_line(clock).strip()
    if left is not None and 0 < left <= minutes:
        if clock:
            return f" · all the {format_minutes(left)} {clock}"
        return f" · {format_minutes(left)}, all that is left"
    if minutes >= max(told, 1) or (left is not None and minutes > 0 and minutes * 4 >= left):
        if left is None:
            return f" · {format_minutes(minutes)}"
        if clock:
            return f" · {format_minutes(minutes)} of the {format_minutes(left)} {clock}"
        return f" · {format_minutes(minutes)} of {format_minutes(left)} left"
    return ""


def choice_time_labels(story: Story, state: GameState, choices: Iterable[str]) -> dict[str, str]:
    """The time labels of the available `choices` of `state`'s scene, by id, as both
    front ends show them: what each spends before the next choice (`clocks.time_spent`),
    weighed against the clock that runs out first (`clocks.deadline`). A story without
    timers labels no choice."""
    if not story.timers:
        return dict.fromkeys(choices, "")
    spent = {choice: time_spent(story, state, choice) for choice in choices}
    always = story.scenes[state.scene].time_labels_always
    return time_costs(spent, deadline(story, state), always=always)


def time_costs(
    spent: Mapping[str, int], first: ClockReading | None = None, *, always: bool = False
) -> dict[str, str]:
    """The time labels of one decision's available choices, by id, from the minutes
    each spends before the next choice (`clocks.time_spent`), weighed against `first`,
    the running clock that runs out first (`clocks.deadline`), or against none.

    Time is a question at a decision when its choices differ by half an hour or more,
    when one would spend a quarter of what is left, or when a clock that runs out is on
    screen and a choice spends half an hour or more (`spends`). There every choice says
    its whole cost, in one form (`time_cost`): "· 45m of the 9h 15m to reentry". Where
    all spend about the same before any clock is shown, no choice is labelled: the
    opening scenes each spend their hour whatever is chosen.

    Labels once said how much longer a choice took than the quickest ("· 40m
    longer"). Six blind readers (R185, R190, R191, R193, R194, R196) read that as the
    whole cost, and found the clock fall more than the label said ("40m longer", then
    "3h 15m of the 8h 30m to reentry", five minutes short). A bare cost beside an
    unlabelled choice misled too: "Run the sequence once more · 2h" read as a two-hour
    rehearsal when both choices spent an hour and a half on the spacewalk (R13, R17),
    so a label is not shown alone where another choice costs half an hour too.

    `always` (a scene's `time_labels: always`) labels every choice whatever this
    route's costs, down to a few minutes (only a choice that spends none is bare). A
    decision that trades time on one route and not on another showed "· 1h" on one
    replay and nothing on the next, and four blind readers (R207, R212, R214, R215)
    read that as time signposted unevenly. `iss report` lists such decisions."""
    if not spent:
        return {}
    left = None if first is None else first.minutes
    clock = "" if first is None else first.label
    if not (always or costs_differ(spent) or time_is_short(spent, left) or spends(spent, first)):
        return dict.fromkeys(spent, "")
    told = 1 if always else TOLD_COST
    return {choice: time_cost(m, left, clock, told) for choice, m in spent.items()}


def spends(spent: Mapping[str, int], first: ClockReading | None) -> bool:
    """Whether a choice spends half an hour or more while a clock that runs out is on
    screen. Where every choice cost about the same, none was labelled, and blind reader
    R269 watched "Warn her" and "Type Nicholai Pulov" take 45 and 30 minutes of the
    reentry clock without a word, over scenes that read as seconds."""
    return first is not None and any(m >= TOLD_COST for m in spent.values())


def costs_differ(spent: Mapping[str, int]) -> bool:
    """Whether one decision's choices differ in time, by half an hour or more: time is
    then a question there, and every choice says its cost (`time_costs`)."""
    return bool(spent) and max(spent.values()) - min(spent.values()) >= TOLD_COST


def time_is_short(spent: Mapping[str, int], left: int | None) -> bool:
    """Whether a choice would spend a quarter or more of the `left` minutes: every
    choice then says its cost, however alike they are (`time_costs`)."""
    return left is not None and any(m * 4 >= left for m in spent.values() if m)


def clock_note(reading: ClockReading) -> str:
    """What a clock's figure needs beside it: 'stopped' while its `while:` is false
    (Gordon's air after life support came back still read '2h 15m of air (running
    low)' in :status, blind reader R194), else its `clock_warning`."""
    if not reading.running:
        return "stopped"
    return clock_warning(reading.minutes, reading.start)


def clock_warning(minutes_left: int, start: int) -> str:
    """A word for a clock running out: 'out', 'almost out', 'running low', or ''.

    Low means under an eighth of where the clock started, and never less than
    an hour; almost out means half an hour or less; at zero it is out ("0m to
    reentry (almost out)" read wrong to blind reader R269)."""
    if minutes_left <= 0:
        return "out"
    if minutes_left <= 30:
        return "almost out"
    if minutes_left <= max(60, start // 8):
        return "running low"
    return ""


SENTENCE_ENDS = (".", "!", "?", "…")
"""What may end a sentence already; `as_sentence` adds a full stop only without one."""
CLOSERS = "\"'”’)]»"
"""What may follow a sentence's end: `He says "not yet."` ends a sentence too."""


def as_sentence(text: str) -> str:
    """`text` on one line, ending in a full stop unless it ends a sentence already
    (an author's lock reason may: "Not yet." must not print as "Not yet..")."""
    line = safe_line(text).rstrip()
    return line if line.rstrip(CLOSERS).endswith(SENTENCE_ENDS) else line + "."


def locked_line(reason: str, number: int | None = None) -> str:
    """What a front end says when the player picks a locked choice, by its number
    (`Choice 2 is locked: …`) or otherwise (`That choice is locked: …`): the reason,
    on one line, as a sentence."""
    which = "That choice" if number is None else f"Choice {number}"
    return f"{which} is locked: {as_sentence(reason)}"
