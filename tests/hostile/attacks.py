"""Strings an attacker would put in a story or a save, and a story dressed in them.

`hostile_story` takes a story that loaded cleanly and swaps its shown strings
(titles, text, names, flag sentences, items, endings) for escape sequences, as
a story would hold them if a loader ever let them through. The front ends must
show all of it with no control character reaching the terminal.
"""

from __future__ import annotations

from dataclasses import replace

from iss.engine.model import Story
from iss.engine.template import Mark
from iss.engine.terminal_safety import BIDI_CONTROLS, C0_CONTROLS, C1_CONTROLS, DELETE
from iss.engine.text import Template

CLEAR = "\x1b[2J\x1b[H"
TITLE = "\x1b]0;pwned\x1b\\"
LINK = "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\"
C1_CSI = "\x9b31m"
BIDI = "\u202egnp.exe"
NUL_DEL = "a\x00b\x7fc\x07"

ATTACK = CLEAR + TITLE + LINK + C1_CSI + BIDI + NUL_DEL
"""Every kind at once."""

FORBIDDEN = frozenset(C0_CONTROLS | C1_CONTROLS | BIDI_CONTROLS | {DELETE})
"""Characters that must never reach a terminal (newline and tab are allowed)."""


HOSTILE_REASON = Template(
    ATTACK, (ATTACK, Mark("em"), f"\n\n{ATTACK}\u2028", Mark("em")), styled=True, dynamic=True
)
"""A lock reason with emphasis, paragraphs and a line separator round the attack."""


def leaked(output: str) -> set[str]:
    """The forbidden characters in `output`."""
    return set(output) & FORBIDDEN


def hostile_story(story: Story) -> Story:
    """`story` with every shown string replaced by or salted with `ATTACK`."""
    scenes = {}
    for sid, scene in story.scenes.items():
        choices = tuple(
            replace(c, text=Template(ATTACK, (f"{c.id} {ATTACK}",)), reason=HOSTILE_REASON)
            for c in scene.choices
        )
        scenes[sid] = replace(
            scene,
            title=f"{scene.title}{ATTACK}",
            location=ATTACK,
            text=Template(ATTACK, (f"{ATTACK}\n\n{ATTACK}",)),
            choices=choices,
            choice_index={c.id: c for c in choices},
        )
    return replace(
        story,
        title=ATTACK,
        subtitle=ATTACK,
        scenes=scenes,
        characters={
            cid: replace(c, name=ATTACK, short=ATTACK, side=ATTACK)
            for cid, c in story.characters.items()
        },
        flags={name: replace(f, known=ATTACK) for name, f in story.flags.items()},
        items={iid: replace(i, name=ATTACK) for iid, i in story.items.items()},
        endings={eid: replace(e, title=ATTACK, hint=ATTACK) for eid, e in story.endings.items()},
        timers={tid: replace(t, label=ATTACK) for tid, t in story.timers.items()},
        trust_levels=tuple(ATTACK for _ in story.trust_levels),
    )
