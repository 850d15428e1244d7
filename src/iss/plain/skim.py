"""Plain mode's skim: on a replay, runs of paragraphs read in an earlier playthrough
fold into one line, and `:more` prints them.

    iss play --plain --skim         # or `:skim on` / `:skim off` while playing
    (2 paragraphs read before; :more shows them.)

Off by default, so scripts and transcripts read as they always have. What was
read before is the player's record as the game began (`Record.read`, see
`iss.engine.read_text`): a paragraph first read in this playthrough is not
folded, as the UI dims only what earlier playthroughs read.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from iss.engine.read_text import Paragraph, runs
from iss.plain.status import marked_text

ON_WORDS = frozenset({"on", "yes", "1"})
OFF_WORDS = frozenset({"off", "no", "0"})


def fold_line(count: int) -> str:
    """'(2 paragraphs read before; :more shows them.)'"""
    if count == 1:
        return "(1 paragraph read before; :more shows it.)"
    return f"({count} paragraphs read before; :more shows them.)"


class Skim:
    """The skim half of `PlainGame`: folding read paragraphs, `:skim` and `:more`."""

    skim: bool
    """Fold paragraphs read in an earlier playthrough (`--skim`, `:skim on`)."""
    read_before: frozenset[str]
    """Digests of the paragraphs the record held as the game began."""
    folded: list[str]
    """The paragraphs folded in the last scene shown (and the scenes passed through on
    the way to it), for `:more`."""
    width: int

    def say(self, text: str = "") -> None: ...  # pragma: no cover - PlainGame's

    def skimmed(self, paragraphs: Sequence[Paragraph]) -> list[str]:
        """Paragraph lines (each followed by a blank line), read runs folded into one
        (their paragraphs are added to `folded`)."""
        lines: list[str] = []
        for run in runs(paragraphs):
            if run[0].read:
                self.folded.extend(marked_text(p.spans) for p in run)
                lines += [fold_line(len(run)), ""]
                continue
            for paragraph in run:
                lines += [self.wrapped(marked_text(paragraph.spans)), ""]
        return lines

    def wrapped(self, paragraph: str) -> str:
        return textwrap.fill(paragraph, self.width) if self.width else paragraph

    def cmd_skim(self, arg: str) -> bool:
        word = arg.lower()
        if word in ON_WORDS:
            self.skim = True
        elif word in OFF_WORDS:
            self.skim = False
        elif word:
            self.say("Type :skim on or :skim off.")
            return True
        if self.skim:
            self.say(
                "(Skim is on: paragraphs read in an earlier playthrough fold into one line;"
                " :more shows them.)"
            )
        else:
            self.say("(Skim is off: every paragraph is shown. :skim on folds those read before.)")
        return True

    def cmd_more(self, _: str) -> bool:
        if not self.folded:
            self.say("(Nothing is folded here.)")
            return True
        lines: list[str] = []
        for paragraph in self.folded:
            lines += [self.wrapped(paragraph), ""]
        self.say("\n".join(lines).rstrip("\n"))
        return True
