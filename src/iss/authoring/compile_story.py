"""Compiling a story's parsed files into a `Story`: the part of a load a cache hit skips.

    story, names = compile_sources(root, folder_name, sources, report, content_hash)

`loader.load_story` reads the files, hashes them and looks in the compiled cache;
only on a miss does it parse them and import this module (and, through it, the
compilers of scenes, choices, the manifest, facts, properties and walkthroughs:
about 0.005-0.007 s of imports that `iss explore` and `iss play` skip on a hit).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from iss.authoring.compiling import CompileCache
from iss.authoring.cross_check import apply_extensions, compile_timers, cross_check
from iss.authoring.diagnostics import Report
from iss.authoring.facts import check_fact_refs, compile_facts
from iss.authoring.fields import Fields
from iss.authoring.manifest import Manifest, compile_endings, compile_manifest, merge_declarations
from iss.authoring.named_conditions import read_named_conditions, with_named_conditions
from iss.authoring.properties import compile_properties
from iss.authoring.scenes import Extension, PendingScene, SceneCompiler, scene_ids
from iss.authoring.source import SourceFile
from iss.authoring.tracking import choice_keys, counted_and_tracked
from iss.authoring.walkthrough_tables import compile_walkthroughs, resolve_starts
from iss.authoring.walkthroughs import check_walkthroughs
from iss.authoring.yaml_data import Pos, YMap
from iss.engine.expressions import Names
from iss.engine.model import Choice, Fact, Property, Story


def compile_sources(
    root: Path,
    folder_name: str,
    sources: list[SourceFile],
    report: Report,
    content_hash: str,
    run_walkthroughs: bool = True,
) -> tuple[Story, Names] | None:
    """The story the parsed `sources` (the manifest first) make, and its names; None
    when an error stops it from being built (each error is in `report`). A failing
    walkthrough is an error in `report`, but the story is still returned."""
    manifest_file, scene_files = sources[0], sources[1:]
    mf = Fields(manifest_file, report)
    manifest = compile_manifest(mf, manifest_file.data, folder_name)
    if not scene_files:
        report.add(
            "E105",
            str(root),
            1,
            1,
            "the story has no scene files",
            "add a file such as scenes.yaml next to story.yaml",
        )
        return None

    all_ids: dict[str, str] = {}
    keys: set[str] = set()
    walkthrough_tables = _walkthrough_table(mf, manifest.walkthroughs)
    for source in scene_files:
        keys.update(choice_keys(source.data))
        f = Fields(source, report)
        if isinstance(source.data, YMap):  # a branch's own flags, items, variables
            merge_declarations(f, source.data, manifest)
            taken = {*manifest.variables, *manifest.characters}
            read_named_conditions(f, source.data, manifest.named, taken)
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
    names = with_named_conditions(names, manifest.named)
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
        return None
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
        named_conditions=names.named,
    )
    if starts.starts:
        story = replace(story, walkthroughs=resolve_starts(story, starts))
    if run_walkthroughs:  # a failing walkthrough is an error, but the story still plays
        check_walkthroughs(story, report, str(root))
    return story, names


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
