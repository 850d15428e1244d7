"""`:delete NAME` and `:rename OLD / NEW`: the load screen's delete and rename, as lines.

A save name cannot hold `/`, so it separates the old name from the new one.
Deleting asks first, on the next input line; only `y` or `yes` deletes.
"""

from __future__ import annotations

from collections.abc import Callable

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
