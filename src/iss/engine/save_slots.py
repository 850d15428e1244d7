"""Deleting and renaming saves, when the player asks (the load screen, `:saves`).

    delete_save(folder, "before the hatch")
    rename_save(folder, "auto-3", "the airlock")   # keeps an autosave out of the ring

Names pass `slot_path`, so neither the old nor the new name can reach
outside `folder`. A rename writes the save under its new name atomically
(`write_atomic`: the new file is whole or absent), and only then removes the
old one: a crash in between leaves both, never neither. Only the slot name
inside the file changes; a save that cannot be read is not renamed (it can
be deleted). Every failure raises `SaveError` with a sentence for the player.
"""

from __future__ import annotations

import json
from pathlib import Path

from iss.engine.save_files import (
    AUTOSAVE_PREFIX,
    SaveError,
    file_stem,
    fsync_folder,
    normalize_name,
    slot_path,
    write_atomic,
)
from iss.engine.save_format import decode_save
from iss.engine.saves import MAX_SAVE_BYTES


def delete_save(folder: Path, name: str) -> None:
    """Remove the save `name` from `folder`."""
    path = slot_path(folder, name)
    if not path.is_file():
        raise SaveError(f"There is no save named “{name}”.")
    try:
        path.unlink()
    except OSError as exc:
        raise SaveError(f"Could not delete “{name}”: {_why(exc)}.") from None
    fsync_folder(folder)


def rename_save(folder: Path, old: str, new: str) -> str:
    """Give the save `old` the name `new`; returns the new name as stored."""
    new = normalize_name(new)
    if file_stem(new).startswith(AUTOSAVE_PREFIX):
        raise SaveError(f"Names starting with {AUTOSAVE_PREFIX} belong to autosaves; pick another.")
    source, target = slot_path(folder, old), slot_path(folder, new)
    if not source.is_file():
        raise SaveError(f"There is no save named “{old}”.")
    if target != source and target.exists():
        raise SaveError(f"There is already a save named “{new}”; pick another name.")
    try:
        with source.open("rb") as f:
            raw = f.read(MAX_SAVE_BYTES + 1)
    except OSError as exc:
        raise SaveError(f"Could not read “{old}”: {_why(exc)}.") from None
    try:
        if len(raw) > MAX_SAVE_BYTES:
            raise SaveError("the file is too large to be a save")
        decode_save(raw)
    except SaveError as exc:
        raise SaveError(f"“{old}” cannot be renamed: {exc}.") from None
    data = json.loads(raw.decode("utf-8"))
    data["slot"] = new
    try:
        write_atomic(target, (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode())
        if target != source:
            source.unlink()
    except OSError as exc:
        raise SaveError(f"Could not rename “{old}”: {_why(exc)}.") from None
    fsync_folder(folder)
    return new


def _why(exc: OSError) -> str:
    return exc.strerror or str(exc) or type(exc).__name__
