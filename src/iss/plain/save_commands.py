"""Plain mode's saves: `:save [NAME]`, `:load NAME`, and `:saves`, `:delete NAME` and
`:rename OLD / NEW`, the load screen as lines (`SaveCommands`, a part of `PlainGame`).

A save name cannot hold `/`, so it separates the old name from the new one.
Deleting asks first, on the next input line; only `y` or `yes` deletes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TextIO

from iss.engine.model import Story
from iss.engine.runner import Step
from iss.engine.saves import QUICKSAVE, BrokenSave, PlayClock, SaveError, describe_play_time
from iss.engine.terminal_safety import clipped_line
from iss.records import Outcome, Records

if TYPE_CHECKING:
    from iss.engine.state import GameState

Say = Callable[[str], None]

HINT = "(:delete NAME deletes a save; :rename OLD / NEW renames one.)"
"""Printed under the list of saves."""


def delete_slot(records: Records, name: str, say: Say, read_line: Callable[[], str]) -> None:
    """Delete the save `name` once the player says yes."""
    if not name:
        say("Type :delete NAME to delete a save; :saves lists them.")
        return
    say(f"Delete the save “{name}”? It cannot be brought back. Type yes to delete it.")
    answer = read_line().strip().casefold()
    if answer not in ("y", "yes"):
        say(f"Kept “{name}”.")
        return
    say(records.delete(name).message)


def rename_slot(records: Records, arg: str, say: Say) -> None:
    """Rename a save: `arg` is `OLD / NEW`."""
    old, slash, new = arg.partition("/")
    if not slash or not old.strip() or not new.strip():
        say("Type :rename OLD / NEW to rename a save; :saves lists them.")
        return
    say(records.rename(old.strip(), new.strip()).message)


def list_slots(records: Records, say: Say) -> None:
    """Every save, newest first, then those that cannot be loaded and why."""
    entries = records.entries()
    if not entries:
        say("There are no saves yet. Type :save NAME to make one.")
        return
    good = [e for e in entries if not isinstance(e, BrokenSave)]
    broken = [e for e in entries if isinstance(e, BrokenSave)]
    if good:
        say("Saves, newest first:")
    for info in good:
        kind = {"auto": " (autosave)", "quick": " (quicksave)"}.get(info.kind, "")
        changed = " The story changed since." if info.story_changed else ""
        when = info.saved_at.strftime("%Y-%m-%d %H:%M")
        played = describe_play_time(info.play_seconds)
        say(
            f"  {info.slot}{kind}: {clipped_line(info.scene_title, 60)}. Saved {when}, "
            f'played {played}.{changed} "{clipped_line(info.excerpt, 80)}"'
        )
    if broken:
        say("Cannot be loaded:")
    for entry in broken:
        say(f"  {clipped_line(entry.slot, 60)}: {clipped_line(entry.problem, 160)}.")
    say(HINT)


class SaveCommands:
    """The saves half of `PlainGame`: its `:save`, `:load`, `:saves`, `:delete` and
    `:rename` commands (each returns True: the game goes on)."""

    story: Story
    step: Step
    stdin: TextIO
    clock: PlayClock
    records: Records | None
    """This story's saves and record; None without a saves folder (saves are off)."""

    if TYPE_CHECKING:

        @property
        def state(self) -> GameState: ...

        def say(self, text: str = "") -> None: ...

        def tell(self, notices: list[str]) -> None: ...

        def show_scene(self, notices: Sequence[str] = (), keep_folded: bool = False) -> None: ...

    def saves_off(self) -> bool:
        if self.records is None:
            self.say("Saves are off: there is no saves folder.")
            return True
        return False

    def cmd_save(self, name: str) -> bool:
        if self.records is None:
            self.saves_off()
            return True
        try:
            saved = self.records.store.save(
                name or QUICKSAVE, self.story, self.state, self.clock.seconds()
            )
        except SaveError as exc:
            self.say(str(exc))
            return True
        if saved.notice:
            self.say(f"({saved.notice})")
        self.say(f"Saved as “{saved.info.slot}”.")
        return True

    def cmd_load(self, name: str) -> bool:
        if not name:
            self.say("Type :load NAME to load a save; :saves lists them.")
        elif self.load_slot(name):
            self.show_scene()
        return True

    def load_slot(self, name: str) -> bool:
        """Load the save `name`, or say why not. True when it was loaded."""
        if self.records is None:
            self.say(f"Cannot load “{name}”: there is no saves folder.")
            return False
        loaded = self.records.load(name)
        if isinstance(loaded, Outcome):
            self.say(loaded.message)
            return False
        self.step = loaded.step
        self.clock.reset(loaded.info.play_seconds)
        if loaded.notice:
            self.say(f"({loaded.notice})")
        self.say(f"Loaded “{loaded.info.slot}”.")
        self.tell(self.records.resumed(loaded, self.clock.seconds()))
        return True

    def cmd_saves(self, _: str) -> bool:
        if self.records is None:
            self.saves_off()
        else:
            list_slots(self.records, self.say)
        return True

    def cmd_delete(self, name: str) -> bool:
        if self.records is None:
            self.saves_off()
        else:
            delete_slot(self.records, name, self.say, self.stdin.readline)
        return True

    def cmd_rename(self, arg: str) -> bool:
        if self.records is None:
            self.saves_off()
        else:
            rename_slot(self.records, arg, self.say)
        return True
