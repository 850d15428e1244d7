"""How saves touch the disk: safe slot names and atomic writes.

`slot_path(folder, name)` turns whatever the player typed into a file inside
`folder`, or raises `SaveError` with a message for the player. The rules, as
`NAME_RULES` tells the player: a name is 1 to `MAX_NAME` letters, digits,
spaces, `-` or `_`, starting with a letter or digit; case does not matter
(`Airlock` and `airlock` are the same slot on every file system), and device
names such as `con` or `com1` (also `COM¹`) are refused. Every name that
saves also loads: the file name is the name case-folded (`file_stem`), and a
file name is recognized by `is_file_stem`, which accepts exactly those.

`write_atomic(path, data)` writes to a temporary file in the same folder,
fsyncs it, `os.replace`s it over `path` and fsyncs the folder: a crash or a
kill at any moment leaves either the old file or the new one, never a mix.
Temporary files start with `.` and end with `.tmp`; the ones a killed writer
left behind are swept after an hour (`sweep_temp_files`). `set_aside(path)`
renames a save that cannot be read to `<name>.broken-<timestamp>` (no save
is ever deleted).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
import unicodedata
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

SAVE_SUFFIX = ".save.json"
"""Every save file's name ends with this; the profile is `profile.json`."""

MAX_NAME = 40
"""The longest slot name, in characters."""

AUTOSAVE_PREFIX = "auto-"
"""Slot names `auto-1` ... `auto-10` belong to the autosave ring."""

NAME_RULES = (
    f"A save name is 1 to {MAX_NAME} letters, digits, spaces, hyphens and underscores, "
    "starting with a letter or digit but not with auto-, and not a name the system reserves "
    "such as con or com1; case does not matter."
)
"""The rules for slot names, in one sentence for the player."""

_RESERVED = frozenset(
    {"con", "prn", "aux", "nul", "clock$"}
    | {f"com{i}" for i in range(10)}
    | {f"lpt{i}" for i in range(10)}
)
"""Names Windows will not open as files, whatever their extension (compared after NFKC,
so `COM¹` is `com1`)."""

_MARKS = frozenset({"Mn", "Mc", "Me"})
"""Combining marks: allowed after the first character (`İstanbul` case-folds to i + U+0307)."""


class SaveError(Exception):
    """A save could not be written or read. `str(error)` is meant for the player."""


def normalize_name(name: str) -> str:
    """The slot name as it is stored: NFC, outer spaces stripped, inner runs of spaces joined.

    Raises `SaveError` when the name is not allowed (see `NAME_RULES`).
    """
    if "\0" in name or any(unicodedata.category(ch) == "Cc" for ch in name):
        raise SaveError("A save name cannot contain control characters.")
    name = " ".join(unicodedata.normalize("NFC", name).split())
    if not name:
        raise SaveError("A save needs a name, such as “before-the-hatch”.")
    if len(name) > MAX_NAME:
        raise SaveError(f"That save name is {len(name)} characters long; the limit is {MAX_NAME}.")
    _check_characters(name)
    return name


def _allowed(ch: str) -> bool:
    return ch.isalnum() or ch in " -_" or unicodedata.category(ch) in _MARKS


def _check_characters(name: str) -> None:
    bad = sorted({ch for ch in name if not _allowed(ch)})
    if bad:
        shown = " ".join(f"“{ch}”" for ch in bad)
        raise SaveError(
            f"A save name may use letters, digits, spaces, hyphens and underscores only "
            f"(not {shown})."
        )
    if not name[0].isalnum():
        raise SaveError("A save name must start with a letter or a digit.")
    if unicodedata.normalize("NFKC", name.casefold()) in _RESERVED:
        raise SaveError(f"“{name}” is a name the system reserves; pick another.")


def file_stem(name: str) -> str:
    """The file name (without suffix) of an already normalized slot name: case-folded, NFC."""
    return unicodedata.normalize("NFC", name.casefold())


def is_file_stem(stem: str) -> bool:
    """True when `stem` is the file name of some slot name (so the file is a save's).

    Case folding may lengthen a name (`ß` is `ss`), so the length is not checked
    against `MAX_NAME` here, only against what folding can produce.
    """
    if not stem or len(stem) > 3 * MAX_NAME or file_stem(stem) != stem:
        return False
    if stem != " ".join(stem.split()):
        return False
    try:
        _check_characters(stem)
    except SaveError:
        return False
    return True


def slot_path(folder: Path, name: str) -> Path:
    """The file of slot `name` in `folder`. Raises `SaveError` for a name that is not allowed.

    The check is twofold: the name allows no separators or dots, and the
    resulting path must sit directly in `folder`.
    """
    stem = file_stem(normalize_name(name))
    path = folder / f"{stem}{SAVE_SUFFIX}"
    if path.parent != folder or os.sep in stem or (os.altsep and os.altsep in stem):
        raise SaveError(f"“{name}” cannot be used as a save name.")  # pragma: no cover
    return path


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that readers only ever see the old or the new bytes.

    Raises `OSError` (the folder is missing or read-only, the disk is full...).
    """
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_folder(path.parent)


def fsync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable, where the platform allows it."""
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
    try:
        fd = os.open(folder, flags)
    except OSError:  # pragma: no cover - Windows cannot open folders
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some file systems refuse
        pass
    finally:
        os.close(fd)


def set_aside(path: Path, now: datetime | None = None) -> Path:
    """Rename an unreadable file to `<name>.broken-<timestamp>` and return the new path."""
    stamp = (now or datetime.now()).strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.broken-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.broken-{stamp}-{n}")
    os.replace(path, target)
    fsync_folder(path.parent)
    return target


STALE_AFTER = 3600.0
"""Seconds after which a temporary file is taken for one a killed writer left behind."""


def stale_temp_files(folder: Path, now: float, older_than: float = STALE_AFTER) -> list[Path]:
    """Temporary files left in `folder` by a writer that was killed mid-write.

    A temporary file lives for milliseconds while a save is written, so one
    older than `older_than` seconds (by `now`, a `time.time()`) is left over;
    a younger one may belong to another game writing right now."""
    out = []
    try:
        for path in folder.glob(".*.tmp"):
            with contextlib.suppress(OSError):
                if path.is_file() and now - path.stat().st_mtime > older_than:
                    out.append(path)
    except OSError:
        return []
    return sorted(out)


def sweep_temp_files(folder: Path, now: float) -> int:
    """Delete the stale temporary files in `folder`; returns how many went.

    They are partial copies of a save whose previous version is intact, so
    nothing is lost. Failures are ignored: a leftover file harms nothing."""
    swept = 0
    for path in stale_temp_files(folder, now):
        with contextlib.suppress(OSError):
            path.unlink()
            swept += 1
    return swept


LOCK_WAIT = 10.0
"""Seconds to wait for another game's lock where the lock cannot block (Windows)."""


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on `path` (a `.lock` file beside the file it guards).

    Two games sharing a saves folder take it around read-merge-write, so
    neither overwrites what the other just wrote. POSIX: `fcntl.flock`,
    which the system releases if the holder dies. Windows: `msvcrt.locking`,
    retried for `LOCK_WAIT` seconds. Elsewhere there is no lock, and the
    merge alone narrows the window to the write itself. Raises `OSError`
    when the lock file cannot be created (read-only folder...).
    """
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        _lock(fd)
        yield
    finally:
        os.close(fd)  # closing releases either kind of lock


def _lock(fd: int) -> None:
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        pass
    else:
        fcntl.flock(fd, fcntl.LOCK_EX)
        return
    try:  # pragma: no cover - Windows
        import msvcrt
    except ImportError:  # pragma: no cover - neither: no lock
        return
    deadline = time.monotonic() + LOCK_WAIT  # pragma: no cover
    while True:  # pragma: no cover
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)
