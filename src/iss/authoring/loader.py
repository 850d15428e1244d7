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
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from iss.authoring import story_cache
from iss.authoring.compiling import CompileCache
from iss.authoring.cross_check import apply_extensions, compile_timers, cross_check
from iss.authoring.diagnostics import Diagnostic, Report
from iss.authoring.facts import check_fact_refs, compile_facts
from iss.authoring.fields import Fields
from iss.authoring.gc_pause import gc_paused
from iss.authoring.manifest import Manifest, compile_endings, compile_manifest, merge_declarations
from iss.authoring.properties import compile_properties
from iss.authoring.scenes import Extension, PendingScene, SceneCompiler, scene_ids
from iss.authoring.source import SourceFile, file_digest, parse_file, read_bytes
from iss.authoring.tracking import choice_keys, counted_and_tracked
from iss.authoring.walkthrough_tables import compile_walkthroughs, resolve_starts
from iss.authoring.walkthroughs import check_walkthroughs
from iss.authoring.yaml_data import Pos, YMap
from iss.engine.expressions import Names
from iss.engine.model import Choice, Fact, Property, Scene, Story

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
    manifest_file, scene_files = sources[0], sources[1:]
    mf = Fields(manifest_file, report)
    manifest = compile_manifest(mf, manifest_file.data, _text(root.resolve().name))
    if not scene_files:
        report.add(
            "E105",
            str(root),
            1,
            1,
            "the story has no scene files",
            "add a file such as scenes.yaml next to story.yaml",
        )
        return LoadResult(None, report.sorted(), files)

    all_ids: dict[str, str] = {}
    keys: set[str] = set()
    walkthrough_tables = _walkthrough_table(mf, manifest.walkthroughs)
    for source in scene_files:
        keys.update(choice_keys(source.data))
        f = Fields(source, report)
        if isinstance(source.data, YMap):  # a branch's own flags, items, variables
            merge_declarations(f, source.data, manifest)
            walkthrough_tables += _walkthrough_table(f, source.data, "walkthroughs")
        for sid, pos in scene_ids(f, source.data):
            if sid in all_ids:
                f.error(
                    "E120",
                    pos,
                    f"scene `{sid}` is defined twice (also in {all_ids[sid]})",
                    "rename one of them",
                )
            else:
                all_ids[sid] = f"{source.shown}:{pos[0]}"
    names = replace(_names(manifest, frozenset(all_ids)), choice_keys=frozenset(keys))
    scenes: dict[str, PendingScene] = {}
    extensions: list[Extension] = []
    cache = CompileCache(names)
    properties = _properties(mf, manifest_file, cache, manifest.beats)
    declared: dict[str, str] = {}
    facts = _facts(mf, manifest_file, cache, manifest.beats, declared)
    groups: dict[str, list[Choice]] = {}
    group_targets = _groups(report, scene_files, cache, manifest.beats, groups)
    for source in scene_files:
        f = Fields(source, report)
        compiler = SceneCompiler(f, cache, manifest.beats, groups)
        compiled, extended, endings = compiler.file(source.data)
        properties += _properties(f, source, cache, manifest.beats)
        facts += _facts(f, source, cache, manifest.beats, declared)
        for pending in compiled:
            scenes.setdefault(pending.scene.id, pending)
        extensions.extend(extended)
        if endings is not None:
            compile_endings(f, endings, endings.pos, manifest.endings)
        # Nothing reads the file's YAML after this: free it now, so what the next files
        # compile to reuses its memory instead of taking fresh pages.
        source.data = None
    apply_extensions(report, scenes, extensions)
    timers = compile_timers(mf, manifest, names, scenes)
    cross_check(mf, report, manifest, scenes, extensions, group_targets)
    shorts = {c.id: c.short for c in manifest.characters.values()}
    check_fact_refs(report, scenes.values(), declared, facts, shorts)
    walkthroughs, starts = compile_walkthroughs(walkthrough_tables, manifest.endings)
    if report.has_errors:
        return LoadResult(None, report.sorted(), files)
    conditions = [p.condition for p in properties] + [fact.known for fact in facts]
    counted, tracked = counted_and_tracked((p.scene for p in scenes.values()), timers, conditions)
    story = Story(
        id=manifest.id,
        title=manifest.title,
        subtitle=manifest.subtitle,
        start=manifest.start,
        scenes={sid: p.scene for sid, p in scenes.items()},
        characters=manifest.characters,
        crew_trust=manifest.crew_trust,
        variables=manifest.variables,
        flags=manifest.flags,
        items=manifest.items,
        timers=timers,
        endings=manifest.endings,
        walkthroughs=walkthroughs,
        properties=tuple(properties),
        facts=tuple(facts),
        beats=manifest.beats,
        trust_min=manifest.trust_min,
        trust_max=manifest.trust_max,
        trust_levels=manifest.trust_levels,
        content_hash=content_hash,
        counted=counted,
        tracked=tracked,
    )
    if starts.starts:
        story = replace(story, walkthroughs=resolve_starts(story, starts))
    if run_walkthroughs:  # a failing walkthrough is an error, but the story still plays
        check_walkthroughs(story, report, str(root))
    diagnostics = report.sorted()
    if cache_folder is not None and not report.has_errors:
        story_cache.write_cache(cache_folder, key, story, names, diagnostics, files)
    return LoadResult(story, diagnostics, files)


def _properties(
    f: Fields, source: SourceFile, cache: CompileCache, beats: tuple[str, ...]
) -> list[Property]:
    """The `properties:` table of one file (story.yaml or a scene file), compiled."""
    data = source.data
    if not isinstance(data, YMap) or "properties" not in data:
        return []
    compiler = SceneCompiler(f, cache, beats)
    return compile_properties(f, compiler, data["properties"], data.val_pos["properties"])


def _facts(
    f: Fields, source: SourceFile, cache: CompileCache, beats: tuple[str, ...], seen: dict[str, str]
) -> list[Fact]:
    """The `facts:` table of one file (story.yaml or a scene file), compiled."""
    data = source.data
    if not isinstance(data, YMap) or "facts" not in data:
        return []
    compiler = SceneCompiler(f, cache, beats)
    return compile_facts(f, compiler, data["facts"], data.val_pos["facts"], seen)


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


def _groups(
    report: Report,
    scene_files: list[SourceFile],
    cache: CompileCache,
    beats: tuple[str, ...],
    groups: dict[str, list[Choice]],
) -> list[tuple[str, Pos, str]]:
    """Compile every file's `groups:` into `groups`; returns the targets they name."""
    targets: list[tuple[str, Pos, str]] = []
    where: dict[str, str] = {}
    for source in scene_files:
        data = source.data
        table = data.get("groups") if isinstance(data, YMap) else None
        if not isinstance(table, YMap):
            continue
        f = Fields(source, report)
        compiler = SceneCompiler(f, cache, beats, groups)
        for name in table:
            pos = table.key_pos[name]
            if not f.check_id(name, pos, "choice group"):
                continue
            if name in where:
                f.error(
                    "E120",
                    pos,
                    f"choice group `{name}` is defined twice (also in {where[name]})",
                    "rename one of them",
                )
                continue
            where[name] = f"{source.shown}:{pos[0]}"
            groups[name] = compiler.group(table, name, targets)
    return targets


def _walkthrough_table(f: Fields, data: YMap | None, key: str = "") -> list[tuple[Fields, YMap]]:
    """[(f, table)] for the `walkthroughs:` of a file (`data[key]`), or of the manifest."""
    if data is None:
        return []
    if not key:
        return [(f, data)]
    if key not in data:
        return []
    table = f.mapping(data[key], data.val_pos[key], f"`{key}`")
    return [] if table is None else [(f, table)]


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


def _names(manifest: Manifest, scenes: frozenset[str]) -> Names:
    return Names(
        characters={c.id: c.short for c in manifest.characters.values()},
        crew=frozenset(c.id for c in manifest.characters.values() if not c.player),
        pairs=frozenset(manifest.crew_trust),
        flags=frozenset(manifest.flags),
        items={i.id: i.name for i in manifest.items.values()},
        variables={v.name: v.type for v in manifest.variables.values()},
        variable_values={v.name: v.values for v in manifest.variables.values()},
        timers=frozenset(manifest.clock or ()),
        scenes=scenes,
    )
