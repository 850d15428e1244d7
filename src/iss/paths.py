"""Where the bundled story and the saves live."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def bundled_story_dir() -> Path:
    """The I.S.S. story shipped with the game (a checkout's story/ or the wheel's copy)."""
    return _PACKAGE / "story"


def checkout_root() -> Path | None:
    """The project checkout this package runs from, if it runs from one."""
    root = _PACKAGE.parent.parent
    if (root / "pyproject.toml").is_file() and (root / "story").is_dir():
        return root
    return None


def default_saves_dir(cwd: Path | None = None) -> Path:
    """Where saves go unless `--saves` says otherwise.

    `$ISS_SAVES` if set; else the checkout's `saves/` when the game runs from
    a checkout *and* the current folder is inside it (`make play`); else the
    platform's user data folder (platformdirs: `~/.local/share/iss-story/saves`
    on Linux). Each story keeps its own folder beneath (`saves/<story id>/`).
    """
    env = os.environ.get("ISS_SAVES")
    if env:
        return Path(env)
    root = checkout_root()
    if root is not None and _inside(cwd or Path.cwd(), root):
        return root / "saves"
    from platformdirs import user_data_dir

    return Path(user_data_dir("iss-story", appauthor=False)) / "saves"


def _inside(folder: Path, root: Path) -> bool:
    try:
        folder.resolve().relative_to(root.resolve())
    except (OSError, ValueError):
        return False
    return True
