"""Continuity: where text names a crew member, and the claim that they are there to be named.

    for mention in mentions(story): ...
    claim = mention.claim()   # always: not (absent and the text shows)

A crew member is named by id, short name or full name in plain text, or by
`{christian}` interpolation. A mention inside `{if COND: ...}` shows only when
COND holds (and in the `| ...` part only when it fails), so its claim is that
on entering the scene the character is not dead or missing *while the text
around the mention shows*. A scene's `requires:` counts as one more such
condition, and `mentions_absent: [christian]` on the scene drops the claim.
The claims are settled by `iss.authoring.explore.check_claims` (W214).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from iss.authoring.explore import ALWAYS, Claim
from iss.engine.model import Character, Choice, Condition, Position, Story
from iss.engine.state import StateView
from iss.engine.text import Template

ABSENT = ("dead", "missing")
"""The statuses in which a character cannot be in the room to be named."""

Guard = tuple[Condition, bool]
"""A condition and whether the text shows when it holds (True) or when it fails."""


@dataclass(frozen=True, slots=True)
class Mention:
    """A crew member named in a scene's text (or one of its choices)."""

    scene: str
    who: str
    guards: tuple[Guard, ...]
    pos: Position | None
    where: str
    """"the text of `galley`" or "choice `x` of `galley`"."""

    def claim(self) -> Claim:
        who = self.who
        return guarded_claim(
            f"{who} in {self.where}",
            self.scene,
            lambda state: state.status[who] not in ABSENT,
            Condition(f"alive.{who}", (), frozenset({f"status.{who}"})),
            f"{who} may be dead or missing",
            self.guards,
        )


def guarded_claim(
    name: str,
    scene: str,
    holds: Callable[[StateView], bool],
    what: Condition,
    reason: str,
    guards: tuple[Guard, ...],
) -> Claim:
    """The claim that `holds` (`what` says what it reads and how it is written) on
    entering `scene` whenever text under `guards` shows: it holds, or the text does not."""

    def holds_or_unshown(state: StateView) -> bool:
        if holds(state):
            return True
        return not all((g.failing_reason(state) is None) == want for g, want in guards)

    names = what.names.union(*(g.names for g, _ in guards))
    source = " and ".join(f"({c})" for c in [what.source, *(g.source for g, _ in guards)])
    condition = Condition(source, ((holds_or_unshown, reason),), names)
    return Claim(name, ALWAYS, condition, frozenset({scene}))


def _pattern(character: Character) -> re.Pattern[str]:
    words = sorted({character.id, character.short, character.name}, key=len, reverse=True)
    alternatives = "|".join(re.escape(w) for w in words if w)
    return re.compile(rf"(?<![\w])(?:{alternatives})(?![\w])", re.IGNORECASE)


class _Names:
    """Which crew members a piece of plain text names, in crew order.

    Each member's own pattern says whether it names them. One pattern with
    all their words finds the first place any of them is named (or that none
    is, the usual case for prose): no member's pattern can match before it,
    so each searches from there on.
    """

    def __init__(self, crew: tuple[Character, ...]) -> None:
        self.patterns = {c.id: _pattern(c) for c in crew}
        words = sorted({w for c in crew for w in (c.id, c.short, c.name) if w}, key=len)
        alternatives = "|".join(re.escape(w) for w in reversed(words))
        self.any = re.compile(rf"(?<![\w])(?:{alternatives})(?![\w])", re.IGNORECASE)
        # On ASCII text with ASCII words, ignoring case is lower-casing both (same length,
        # same positions), and a case-sensitive search is about twice as fast.
        lower = "|".join(re.escape(w) for w in sorted({w.lower() for w in words}, key=len)[::-1])
        self.any_lower = (
            re.compile(rf"(?<![\w])(?:{lower})(?![\w])")
            if all(w.isascii() for w in words)
            else None
        )

    def named(self, text: str) -> list[str]:
        if not self.patterns:
            return []
        if self.any_lower is not None and text.isascii():
            first = self.any_lower.search(text.lower())
        else:
            first = self.any.search(text)
        if first is None:
            return []
        at = first.start()
        return [who for who, pattern in self.patterns.items() if pattern.search(text, at)]


def mentions(story: Story) -> list[Mention]:
    """Every (scene, character, guards) where text names a crew member, once each."""
    names = _Names(story.crew)
    out: dict[tuple[str, str, tuple[Guard, ...], str], Mention] = {}
    for scene in story.scenes.values():
        base: tuple[Guard, ...] = ((scene.requires, True),) if scene.requires else ()
        found: list[tuple[str, tuple[Guard, ...], Position | None, str]] = []
        where = f"the text of `{scene.id}`"
        for who, guards in _named(scene.text, names, base):
            found.append((who, guards, scene.pos, where))
        for choice in scene.choices:
            shown = choice_guards(choice, base)
            where_choice = f"choice `{choice.id}` of `{scene.id}`"
            for who, guards in _named(choice.text, names, shown):
                found.append((who, guards, choice.pos or scene.pos, where_choice))
            if choice.reason is not None and choice.when is not None and not choice.hidden:
                locked = (*base, (choice.when, False))  # a reason shows while `when` fails
                for who, guards in _named(choice.reason, names, locked):
                    if not _explains(guards, who):
                        at = choice.reason_pos or choice.pos or scene.pos
                        found.append((who, guards, at, f"the reason of {where_choice}"))
        for who, guards, pos, place in found:
            if who in scene.mentions_absent:
                continue
            key = (scene.id, who, guards, place)
            out.setdefault(key, Mention(scene.id, who, guards, pos, place))
    return list(out.values())


def _explains(guards: tuple[Guard, ...], who: str) -> bool:
    """Whether a lock reason names `who` to explain their absence: the lock (or a
    fragment around the name) reads their status, as in `when: alive.nicholai` with
    `reason: Nicholai is dead.`"""
    status = f"status.{who}"
    return any(status in condition.names for condition, _ in guards)


def choice_guards(choice: Choice, base: tuple[Guard, ...]) -> tuple[Guard, ...]:
    """A hidden choice's text shows only while its condition holds."""
    if choice.hidden and choice.when is not None:
        return (*base, (choice.when, True))
    return base


def _named(
    template: Template, names: _Names, base: tuple[Guard, ...]
) -> list[tuple[str, tuple[Guard, ...]]]:
    patterns = names.patterns
    out: list[tuple[str, tuple[Guard, ...]]] = []
    work: list[tuple[tuple[object, ...], tuple[Guard, ...]]] = [(template.pieces, base)]
    while work:
        pieces, guards = work.pop()
        for piece in pieces:
            if isinstance(piece, str):
                out += [(who, guards) for who in names.named(piece)]
                continue
            source = getattr(piece, "source", None)
            if isinstance(source, str) and source in patterns and hasattr(piece, "read"):
                out.append((source, guards))  # `{christian}`: the short name
            items = getattr(piece, "items", None)
            if isinstance(items, tuple):  # a variation: any of its items may show
                work.extend((item, guards) for item in items)
                continue
            when = getattr(piece, "when", None)
            if isinstance(when, Condition):
                work.append((getattr(piece, "then", ()), (*guards, (when, True))))
                work.append((getattr(piece, "otherwise", ()), (*guards, (when, False))))
    return out
