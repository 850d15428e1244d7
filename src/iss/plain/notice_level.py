"""Plain mode's `:notices all|big|off`: which trust notices ("(Gordon warms to you a
little.)") the text tells.

    iss play --plain --notices off      # or `:notices off` while playing

"all" tells every level crossed, "big" only big moves and the first line about each
person, "off" none; `:trust` shows where everyone stands at each. The command keeps
the choice in the saves folder's settings.json, the UI's store (its Settings →
Trust notices), so the next game starts with it; `--notices` sets it for one run
without changing what is kept. The level is the `Teller`'s (`iss.notices`): a change
rewords nothing already shown, and the backlog tells the lines at the level chosen.
"""

from __future__ import annotations

from pathlib import Path

from iss.notices import NOTICE_LEVELS, Teller
from iss.settings import NOTICES, Settings, load_settings, save_settings

TOLD = {
    "all": "Trust notices: every change in trust is told after the choice that made it.",
    "big": (
        "Trust notices: only big changes in trust are told, and the first about each"
        " person; :trust shows the rest."
    ),
    "off": "Trust notices are off: the text tells none; :trust shows where everyone stands.",
}
"""What `:notices` says for each level."""


def stored_notices(saves_dir: Path | None) -> str:
    """The level the settings in the saves folder keep (the default without a folder)."""
    return (load_settings(saves_dir) if saves_dir is not None else Settings()).notices


def remember_notices(saves_dir: Path, level: str) -> str | None:
    """Keep the level in the saves folder's settings, the others as they are; a problem
    a player can read, or None. Writes only when it changes."""
    settings = load_settings(saves_dir)
    if settings.notices == level:
        return None
    settings.notices = level
    return save_settings(settings, saves_dir)


class NoticeLevel:
    """The `:notices` half of `PlainGame`."""

    teller: Teller
    saves_dir: Path | None
    """Where `:notices` is kept (settings.json); None keeps it for this game only."""

    def say(self, text: str = "") -> None: ...  # pragma: no cover - PlainGame's

    def cmd_notices(self, arg: str) -> bool:
        word = arg.lower()
        if word and word not in NOTICE_LEVELS:
            self.say("Type :notices all, :notices big or :notices off.")
            return True
        kept = ""
        if word:
            self.teller.level = word
            if self.saves_dir is not None:
                problem = remember_notices(self.saves_dir, word)
                if problem is not None:
                    self.say(f"({problem})")
                else:
                    kept = " It stays so in the games you start next."
        level = self.teller.level
        if not word:
            others = " or ".join(f":notices {name}" for name in NOTICES if name != level)
            kept = f" Type {others} to change it."
        self.say(f"({TOLD[level]}{kept})")
        return True
