"""Each story keeps its saves and its record in its own folder under the saves folder.

    folder = story_folder(base, story)         # base/<story id>/, created on first write
    for notice in migrate_old_saves(base, story): tell_the_player(notice)

Until save format 2, every story shared one folder: `base/*.save.json` and
`base/profile.json`, so playing a test story replaced the I.S.S. autosave.
Now `base/<story id>/` holds a story's saves and `profile.json`; `base`
itself keeps only the UI's `settings.json`.

`migrate_old_saves` moves the saves of this story from `base` into its
folder (a name already taken there is left where it is, and still listed by
nothing but never deleted), and copies this story's part of the old shared
record into the story's own record (a merge: nothing in either is lost). It
is cheap to run on every start: after the first move there is nothing left
to move, and the record merge only adds what is missing.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from pathlib import Path

from iss.engine.model import Story
from iss.engine.save_files import SAVE_SUFFIX, SaveError, fsync_folder
from iss.engine.save_format import decode_save

_SAFE_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}\Z")
"""Story ids that can be folder names as they are on every system (`[a-z][a-z0-9_]*` usually)."""

MAX_OLD_SAVE_BYTES = 8 * 2**20


def story_folder(base: Path, story: Story) -> Path:
    """The folder of `story`'s saves and record under the saves folder `base`."""
    return base / folder_name(story.id)


def folder_name(story_id: str) -> str:
    """`story_id` when it is a safe folder name, else `story-<hash of the id>`."""
    if _SAFE_ID.match(story_id) and story_id not in {"con", "prn", "aux", "nul"}:
        return story_id
    return "story-" + hashlib.sha256(story_id.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def migrate_old_saves(base: Path, story: Story) -> list[str]:
    """Move `story`'s saves from the old shared layout into its folder; notices for the player."""
    target = story_folder(base, story)
    moved: list[str] = []
    try:
        candidates = sorted(p for p in base.glob(f"*{SAVE_SUFFIX}") if p.is_file())
    except OSError:
        return []
    for path in candidates:
        if not _belongs_to(path, story.id) or (target / path.name).exists():
            continue
        try:
            target.mkdir(parents=True, exist_ok=True)
            os.replace(path, target / path.name)
        except OSError:
            continue
        moved.append(path.name[: -len(SAVE_SUFFIX)])
    if moved:
        fsync_folder(target)
        fsync_folder(base)
    notices = []
    if moved:
        notices.append(
            f"Moved {len(moved)} save(s) of this story into {target} (saves are kept per story now)."
        )
    notices += _merge_old_record(base, story, target)
    return notices


def _belongs_to(path: Path, story_id: str) -> bool:
    try:
        with path.open("rb") as f:
            raw = f.read(MAX_OLD_SAVE_BYTES + 1)
        if len(raw) > MAX_OLD_SAVE_BYTES:
            return False
        return decode_save(raw).story_id == story_id
    except (OSError, SaveError):
        return False


def _merge_old_record(base: Path, story: Story, target: Path) -> list[str]:
    """Copy this story's part of `base/profile.json` into `target/profile.json`."""
    from iss.engine.profile import PROFILE_NAME, Profile, decode_profile

    old = base / PROFILE_NAME
    if not old.is_file():
        return []
    try:
        with old.open("rb") as f:
            stories = decode_profile(f.read())
    except (OSError, SaveError):
        return []
    record = stories.get(story.id)
    if record is None:
        return []
    profile = Profile.open(target)
    mine = profile.record(story.id)
    if (
        record.scenes <= mine.scenes
        and record.choices <= mine.choices
        and record.endings.keys() <= mine.endings.keys()
    ):
        return []
    profile.absorb({story.id: record})
    with contextlib.suppress(SaveError):
        profile.save()
        return [f"Copied your record of this story into {target}."]
    return []
