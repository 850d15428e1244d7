"""An older version of a story, read out of git: `iss diff HEAD~1 story/`."""

from __future__ import annotations

import subprocess
from pathlib import Path, PurePosixPath

MAX_FILES = 2_000
"""A story folder in git with more files than this is refused."""


class RevisionError(Exception):
    """The revision or the folder could not be read from git; the message says why."""


def _git(folder: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(
            ["git", "-C", str(folder), *args], capture_output=True, check=False, timeout=60
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise RevisionError(f"cannot run git: {exc}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RevisionError(message[-1] if message else f"git {args[0]} failed")
    return done.stdout


def story_at_revision(revision: str, folder: Path, into: Path) -> Path:
    """Write the story folder `folder` as it was at `revision` into `into`; return it.

    `folder` is the story folder in a git work tree (its current version);
    the files under it at `revision` are written to `into` with the same
    layout. Only YAML files are copied, and no path may leave `into`.
    """
    if revision.startswith("-"):
        raise RevisionError(f"`{revision}` is not a revision")
    real = folder.resolve()
    top = Path(_git(real, "rev-parse", "--show-toplevel").decode().strip())
    prefix = real.relative_to(top).as_posix()
    listing = _git(top, "ls-tree", "-r", "-z", "--name-only", revision, "--", prefix or ".")
    names = [n for n in listing.decode("utf-8", "replace").split("\0") if n.endswith(".yaml")]
    if not names:
        raise RevisionError(f"`{prefix or '.'}` holds no story files at `{revision}`")
    if len(names) > MAX_FILES:
        raise RevisionError(f"`{prefix}` holds {len(names)} files at `{revision}`")
    for name in names:
        inner = PurePosixPath(name).relative_to(prefix) if prefix else PurePosixPath(name)
        if ".." in inner.parts or inner.is_absolute():
            continue
        target = into.joinpath(*inner.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(_git(top, "show", f"{revision}:{name}"))
    return into
