"""The compiled-story cache: a story that loaded cleanly once loads again without YAML.

    folder = cache_folder()                  # None when caching is off
    key = cache_key(content_hash, name, walkthroughs)
    found = read_cache(folder, key)          # (story, diagnostics, files) or None
    write_cache(folder, key, story, names, diagnostics, files)

Where: the user cache folder (platformdirs: `~/.cache/iss-story/stories` on
Linux), or `$ISS_CACHE_DIR`; an empty `$ISS_CACHE_DIR` turns the cache off.
The tests point it at a temporary folder, so they never touch the real one.

The key is the loader's content hash (every file's path and bytes), the
story folder's name (a story without an `id:` takes it), whether
walkthroughs ran, the files' paths as shown from the current directory,
and a fingerprint of the code that compiles stories
(this package's engine and author tools, and the Python version): a story
edited, moved or compiled by other code gets another entry.

A file holds a header line (format, and the SHA-256 of the rest) and then
compact JSON (`story_data`): reading it never runs code, whatever it holds.
A file that is truncated, altered, written for another key or by another
format is ignored and written again; the cache never stops a story from
loading. At most `MAX_ENTRIES` stories are kept, the least recently used
removed first.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Mapping, Sequence
from contextlib import suppress
from functools import cache
from pathlib import Path
from typing import Any

from iss.authoring import story_data
from iss.authoring.diagnostics import Diagnostic
from iss.authoring.story_data import Fallback
from iss.engine.expressions import Names
from iss.engine.model import Scene, Story

FORMAT = b"iss-story-cache 1"
SUFFIX = ".isscache"
MAX_ENTRIES = 32
ENV = "ISS_CACHE_DIR"

Found = tuple[Story, list[Diagnostic], list[str]]

_PACKAGE = Path(__file__).resolve().parent.parent


def cache_folder() -> Path | None:
    """Where compiled stories are kept; None when `$ISS_CACHE_DIR` is set but empty."""
    env = os.environ.get(ENV)
    if env is not None:
        return Path(env) if env else None
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("iss-story", appauthor=False)) / "stories"


@cache
def code_fingerprint() -> str:
    """A digest of the code a cached story was compiled by: its files and Python's version."""
    hasher = hashlib.sha256(FORMAT + b"\0" + sys.version.encode())
    for folder in ("authoring", "engine"):
        for path in sorted((_PACKAGE / folder).rglob("*.py")):
            hasher.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0")
            hasher.update(path.read_bytes() + b"\0")
    return hasher.hexdigest()


def cache_key(
    content_hash: str, folder_name: str, walkthroughs: bool, files: Sequence[str] = ()
) -> str:
    """The entry's name. `files`: the story's files as its diagnostics show them (from
    the current directory), which an entry holds: the same story loaded from two
    directories gets an entry for each, instead of each load overwriting the other's."""
    parts = (code_fingerprint(), content_hash, folder_name, str(walkthroughs), *files)
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def read_cache(folder: Path, key: str, compile_scenes: Fallback | None = None) -> Found | None:
    """The story cached under `key`, or None (missing, unreadable, corrupt or foreign).

    Its scenes are decoded when first looked up; should one not decode, the
    entry is removed and `compile_scenes()` gives the scenes instead.
    """
    path = folder / (key[:40] + SUFFIX)
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    first = raw.find(b"\n")
    fmt, _, digest = raw[:first].rpartition(b" ")
    if first < 0 or fmt != FORMAT:
        return None
    if digest != hashlib.sha256(memoryview(raw)[first + 1 :]).hexdigest().encode():
        return None
    try:
        second = raw.index(b"\n", first + 1)
        start = second + 1
        end = start + int(raw[first + 1 : second])
        head = json.loads(raw[start:end])
        if type(head) is not dict or head.get("key") != key:
            return None
        ids = _scene_index(head["scenes"], len(raw) - end)

        def fetch(sid: str) -> Any:
            at, size = ids[sid]
            return json.loads(raw[end + at : end + at + size])

        def fallback() -> Mapping[str, Scene]:
            path.unlink(missing_ok=True)
            if compile_scenes is None:
                raise story_data.DataError(f"{path}: a scene does not decode")
            return compile_scenes()

        found = story_data.decode(head["head"], ids, fetch, fallback)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError):
        return None
    with suppress(OSError):
        os.utime(path)  # recently used: kept when old entries are removed
    return found


def _scene_index(index: Any, blob: int) -> dict[str, tuple[int, int]]:
    """Each scene's place in the file, checked to lie in it."""
    if type(index) is not dict:
        raise story_data.DataError("the scene index is missing")
    out: dict[str, tuple[int, int]] = {}
    for sid, (at, size) in index.items():
        if type(at) is not int or type(size) is not int or not 0 <= at <= at + size <= blob:
            raise story_data.DataError(f"scene `{sid}` lies outside the file")
        out[sid] = (at, size)
    return out


def write_cache(
    folder: Path,
    key: str,
    story: Story,
    names: Names,
    diagnostics: list[Diagnostic],
    files: list[str],
) -> bool:
    """Store a compiled story under `key`; False (and nothing written) when it cannot be."""
    import tempfile  # here: a load from the cache never imports it (nor shutil, bz2, lzma)

    try:
        head, scenes = story_data.encode(story, names, diagnostics, files)
    except (story_data.DataError, TypeError):
        return False
    blobs, index, at = [], {}, 0
    for sid, data in scenes.items():
        blob = _json(data)
        index[sid] = [at, len(blob)]
        blobs.append(blob)
        at += len(blob)
    top = _json({"key": key, "head": head, "scenes": index})
    body = b"%d\n" % len(top) + top + b"".join(blobs)
    digest = hashlib.sha256(body).hexdigest().encode()
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".writing-", suffix=SUFFIX)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(FORMAT + b" " + digest + b"\n" + body)
            os.replace(temporary, folder / (key[:40] + SUFFIX))
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        _prune(folder)
    except OSError:
        return False
    return True


def _json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def _prune(folder: Path) -> None:
    entries: list[tuple[float, Path]] = []
    for path in folder.glob("*" + SUFFIX):
        if path.name.startswith(".writing-"):
            continue
        try:
            entries.append((path.stat().st_mtime, path))
        except OSError:
            continue
    entries.sort(reverse=True)
    for _, path in entries[MAX_ENTRIES:]:
        path.unlink(missing_ok=True)
