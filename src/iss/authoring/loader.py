"""Loading a story folder: read every file, compile, cross-check, run walkthroughs.

    result = load_story(Path("story"))
    result.story         # the compiled Story, or None when there are errors
    result.diagnostics   # every problem, sorted by file and line

Loading never raises on an author's mistake: each one is a diagnostic.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from iss.authoring import story_cache
from iss.authoring.diagnostics import Diagnostic, Report
from iss.authoring.gc_pause import gc_paused
from iss.authoring.source import SourceFile, file_digest, parse_file, read_bytes
from iss.engine.model import Scene, Story

MANIFEST = "story.yaml"
MAX_STORY_BYTES = 256 * 1024 * 1024


@dataclass
class LoadResult:
    """The story and every diagnostic found.

    `story` is None when an error stops it from being built. A walkthrough
    that fails (E160) is an error too, but the story is still returned: it
    can be explored, graphed and played while its author fixes the walkthrough.
    """

    story: Story | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "warning"]

    @property
    def notes(self) -> list[Diagnostic]:
        """What the checks could not cover (never counted by `--strict`)."""
        return [d for d in self.diagnostics if d.is_note]


def story_files(root: Path) -> list[Path]:
    """The files of a story, manifest first, then scene files in sorted path order."""
    manifest = root / MANIFEST
    scenes = sorted(p for p in root.rglob("*.yaml") if p.is_file() and p != manifest)
    return [manifest, *scenes]


def load_story(root: Path, run_walkthroughs: bool = True, cache: bool = True) -> LoadResult:
    """Load and check the story in folder `root`.

    A story that loaded without errors is kept compiled in the story cache
    (`story_cache`) and loaded from there while its files stay the same;
    `cache=False` compiles it from source and leaves the cache alone.
    """
    with gc_paused(keep_as_old=True):
        return _load(root, run_walkthroughs, story_cache.cache_folder() if cache else None)


def _load(root: Path, run_walkthroughs: bool, cache_folder: Path | None) -> LoadResult:
    report = Report()
    if not root.is_dir():
        report.add(
            "E105", str(root), 1, 1, "no such story folder", "pass the folder that holds story.yaml"
        )
        return LoadResult(None, report.sorted())
    if not (root / MANIFEST).is_file():
        report.add(
            "E105",
            str(root / MANIFEST),
            1,
            1,
            "the story folder has no story.yaml manifest",
            "create story.yaml with title, start, characters and endings (see docs/story-format.md)",
        )
        return LoadResult(None, report.sorted())
    paths = _inside(root, story_files(root), report)
    if report.has_errors:
        return LoadResult(None, report.sorted())
    total = sum(p.stat().st_size for p in paths)
    if total > MAX_STORY_BYTES:
        report.add(
            "E103",
            str(root),
            1,
            1,
            f"the story is {total // 2**20} MiB; the limit is {MAX_STORY_BYTES // 2**20} MiB",
        )
        return LoadResult(None, report.sorted())
    files = [_shown(p) for p in paths]
    raws = [read_bytes(path, shown, report) for path, shown in zip(paths, files, strict=True)]
    hasher = hashlib.sha256()
    for path, raw in zip(paths, raws, strict=True):
        if raw is not None:
            # Named from the story folder, so the hash is the same from any directory.
            # A folder name that is not UTF-8 keeps its bytes (surrogateescape).
            named = _in_story(path, root).encode("utf-8", "surrogateescape")
            hasher.update(named + b"\0" + file_digest(raw) + b"\0")
    content_hash = hasher.hexdigest()
    # The files as shown: from another directory the entry (which holds them) is another.
    key = story_cache.cache_key(content_hash, _text(root.resolve().name), run_walkthroughs, files)
    if cache_folder is not None and not report.has_errors:
        found = story_cache.read_cache(
            cache_folder, key, partial(_compiled_scenes, root, run_walkthroughs, content_hash)
        )
        if found is not None:
            story, diagnostics, cached_files = found
            # Paths are shown from the current directory: from another, compile again.
            if story.content_hash == content_hash and cached_files == files:
                return LoadResult(story, diagnostics, files)
    sources: list[SourceFile] = []
    for path, shown, raw in zip(paths, files, raws, strict=True):
        source = None if raw is None else parse_file(path, shown, raw, report)
        if source is not None:
            sources.append(source)
    del raws  # read: the trees and texts hold what is needed (15 MB in a large story)
    if report.has_errors or not sources or sources[0].path.name != MANIFEST:
        return LoadResult(None, report.sorted(), files)
    from iss.authoring.compile_story import compile_sources  # a hit never imports it

    folder_name = _text(root.resolve().name)
    compiled = compile_sources(root, folder_name, sources, report, content_hash, run_walkthroughs)
    if compiled is None:
        return LoadResult(None, report.sorted(), files)
    story, names = compiled
    diagnostics = report.sorted()
    if cache_folder is not None and not report.has_errors:
        story_cache.write_cache(cache_folder, key, story, names, diagnostics, files)
    return LoadResult(story, diagnostics, files)


def _compiled_scenes(root: Path, run_walkthroughs: bool, content_hash: str) -> Mapping[str, Scene]:
    """The scenes of the story a cache entry was read for, compiled from its files."""
    with gc_paused(keep_as_old=True):
        story = _load(root, run_walkthroughs, None).story
    if story is None or story.content_hash != content_hash:
        raise RuntimeError(f"{root}: the story changed on disk while it was being played")
    return story.scenes


def _inside(root: Path, paths: list[Path], report: Report) -> list[Path]:
    """The paths that really lie in the story folder; a link out of it is refused.

    A story is shared as a folder: a link to ~/.ssh/config or /etc/passwd must
    not be read, nor its lines quoted back in diagnostics.
    """
    folder = root.resolve()
    kept = []
    for path in paths:
        if path.resolve().is_relative_to(folder):
            kept.append(path)
        else:
            report.add(
                "E107",
                _shown(path),
                1,
                1,
                "this file is a link to a file outside the story folder; it was not read",
                "copy the file into the story folder instead of linking to it",
            )
    return kept


def _in_story(path: Path, root: Path) -> str:
    """`path` as the story folder's name and the path inside it (`story/act1.yaml`)."""
    try:
        return str(path.relative_to(root.parent)) if root.name else str(path)
    except ValueError:
        return str(path)


def _shown(path: Path) -> str:
    """`path` as diagnostics print it: relative to the current directory when it lies
    inside it, else absolute, so an editor or terminal can open it either way."""
    absolute = Path(os.path.abspath(path))
    try:
        return _text(str(absolute.relative_to(Path.cwd())))
    except (ValueError, OSError):
        return _text(str(absolute))


def _text(name: str) -> str:
    """A file or folder name as text: a byte that is not UTF-8 (held by Python as a lone
    surrogate, which no output can write) becomes `�`. The story's default id and
    every diagnostic's file come from such names."""
    return os.fsencode(name).decode("utf-8", "replace")
