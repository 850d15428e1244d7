"""Plain mode's skim: on a replay, paragraphs read in an earlier playthrough fold
away, one line where the first of them sat says how many, and `:more` prints them.

    iss play --plain --skim         # or `:skim on` / `:skim off` while playing
    (2 paragraphs read before; :more shows them.)
    (5 paragraphs read before, here and further on; :more shows them.)

One line per scene however many runs fold (blind reader R18 counted up to four in
one scene, and read them as clutter). A read paragraph that the shown paragraph
after it leans on ("She settles beside him") is shown, and so is a scene's last
paragraph, what the choices answer, a lone read paragraph between shown ones, and
the opening of a scene that would fold to a fragment (`Paragraph.context`).

A read paragraph with a figure in it (the clock) is never folded: the record reads
every digit as 0, and this run's figure may differ (`Paragraph.foldable`). `:more`
says where paragraphs shown in the scene sat between two folded runs.

Off by default, so scripts and transcripts read as they always have. `:skim on|off`
is kept in the saves folder's settings.json, the UI's store (`iss.settings`: skim
is its "Read text" folded), so the next game starts with it; `--skim` and
`--no-skim` set it for one run without changing what is kept. What was
read before is the player's record as the game began (`Record.read`, see
`iss.engine.read_text`): a paragraph first read in this playthrough is not
folded, as the UI dims only what earlier playthroughs read.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from pathlib import Path

from iss.engine.read_text import Paragraph, runs
from iss.plain.status import plain_text
from iss.settings import load_settings, save_settings

ON_WORDS = frozenset({"on", "yes", "1"})
OFF_WORDS = frozenset({"off", "no", "0"})


def stored_skim(saves_dir: Path | None) -> bool:
    """Skim as the settings in the saves folder keep it (off without a folder)."""
    return saves_dir is not None and load_settings(saves_dir).skim


def remember_skim(saves_dir: Path, on: bool) -> str | None:
    """Keep skim on or off in the saves folder's settings, the others as they are;
    a problem a player can read, or None. Writes only when it changes."""
    settings = load_settings(saves_dir)
    before = settings.read_text
    settings.set_skim(on)
    if settings.read_text == before:
        return None
    return save_settings(settings, saves_dir)


def fold_line(count: int, runs: int = 1, elsewhere: bool = False) -> str:
    """'(2 paragraphs read before; :more shows them.)': the scene's one fold line, for
    `count` paragraphs folded in `runs` places ("here and further on" past one).
    `elsewhere`: the scene is new to the player, and what folds was read in other
    scenes that share it ("read before" in a scene never seen left a replaying blind
    reader, R185, unable to tell what was missing)."""
    other = " in other scenes" if elsewhere else ""
    if count == 1:
        return f"(1 paragraph read before{other}; :more shows it.)"
    where = ", here and further on" if runs > 1 else ""
    return f"({count} paragraphs read before{other}{where}; :more shows them.)"


HINT_AFTER = 3
"""Read paragraphs a scene shows before the replay hint is given (`Skim.hint_lines`)."""

REPLAY_HINT = (
    "(You have read parts of this before. :skim on folds the paragraphs you have read,"
    " never a new one; :more shows them.)"
)
"""Said of the paragraphs, not the scene: "You have read this before" over a scene
whose branch had added paragraphs read as if skim would fold those too (blind reader
R317 #7)."""


def gap_line(count: int) -> str:
    """In `:more`, where paragraphs shown in the scene sat between two folded runs."""
    if count == 1:
        return "(Here came the paragraph shown in the scene.)"
    return f"(Here came the {count} paragraphs shown in the scene.)"


class Skim:
    """The skim half of `PlainGame`: folding read paragraphs, `:skim` and `:more`."""

    skim: bool
    """Fold paragraphs read in an earlier playthrough (`--skim`, `:skim on`)."""
    read_before: frozenset[str]
    """Digests of the paragraphs the record held as the game began."""
    folded: list[str]
    """The paragraphs folded in the last scene shown (and the scenes passed through on
    the way to it), for `:more`."""
    hint_due: bool
    """Tell once, on a replay with skim left off by default, that `:skim on` folds
    what was read (`hint_lines`); an explicit `--no-skim` or `:skim` never hears it."""
    width: int
    saves_dir: Path | None
    """Where `:skim on|off` is kept (settings.json); None keeps it for this game only."""

    def say(self, text: str = "") -> None: ...  # pragma: no cover - PlainGame's

    def skimmed(self, paragraphs: Sequence[Paragraph], elsewhere: bool = False) -> list[str]:
        """Paragraph lines (each followed by a blank line), the read ones folded away
        and one `fold_line` where the first of them sat (their paragraphs are added to
        `folded`, after a `gap_line` where paragraphs shown sat between two folds). A
        read paragraph with a figure in it (a clock), or that the next shown one leans
        on, is never folded (`Paragraph.foldable`)."""
        lines: list[str] = []
        grouped = runs(paragraphs)
        folding = [run for run in grouped if run[0].foldable]
        count = sum(len(run) for run in folding)
        folds = shown = 0
        for run in grouped:
            if run[0].foldable:
                if folds and shown:
                    self.folded.append(gap_line(shown))
                self.folded.extend(plain_text(p.spans) for p in run)
                if not folds:
                    lines += [fold_line(count, len(folding), elsewhere), ""]
                folds, shown = folds + 1, 0
                continue
            for paragraph in run:
                lines += [self.wrapped(plain_text(paragraph.spans)), ""]
            shown += len(run)
        return lines

    def hint_lines(self, paragraphs: Sequence[Paragraph]) -> list[str]:
        """The replay hint, once, under the first scene of which `HINT_AFTER` or more
        paragraphs could fold (and so were read in an earlier playthrough)."""
        if not self.hint_due or sum(p.foldable for p in paragraphs) < HINT_AFTER:
            return []
        self.hint_due = False
        return [self.wrapped(REPLAY_HINT), ""]

    def wrapped(self, paragraph: str) -> str:
        return textwrap.fill(paragraph, self.width) if self.width else paragraph

    def cmd_skim(self, arg: str) -> bool:
        word = arg.lower()
        kept = False
        if word in ON_WORDS | OFF_WORDS:
            self.skim = word in ON_WORDS
            self.hint_due = False
            if self.saves_dir is not None:
                problem = remember_skim(self.saves_dir, self.skim)
                if problem is not None:
                    self.say(f"({problem})")
                kept = problem is None
        elif word:
            self.say("Type :skim on or :skim off.")
            return True
        if self.skim:
            told = (
                "Skim is on: paragraphs read in an earlier playthrough fold into one line;"
                " :more shows them."
            )
        else:
            told = "Skim is off: every paragraph is shown. :skim on folds those read before."
        kept_for = f" It stays {'on' if self.skim else 'off'} in the games you start next."
        self.say(f"({told}{kept_for if kept else ''})")
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
