"""`:saves`, `:delete NAME` and `:rename OLD / NEW`: the load screen as lines.

A save name cannot hold `/`, so it separates the old name from the new one.
Deleting asks first, on the next input line; only `y` or `yes` deletes.
"""

from __future__ import annotations

from collections.abc import Callable

from iss.engine.saves import BrokenSave, describe_play_time
from iss.engine.terminal_safety import clipped_line
from iss.records import Records

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
