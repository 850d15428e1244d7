"""Putting a story's compiled files together: `extend:` additions applied to their
scenes, the clock's timers compiled, and every scene target, ending and the
start checked across files."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from iss.authoring.diagnostics import Report
from iss.authoring.fields import Fields
from iss.authoring.manifest import TIMER_KEYS, Manifest
from iss.authoring.scenes import Extension, PendingScene
from iss.authoring.suggestions import Suggestions, suggest
from iss.authoring.yaml_data import Pos, YMap
from iss.engine.expressions import Names, compile_condition
from iss.engine.model import Choice, Condition, Scene, Timer
from iss.engine.text import Template

_NO_TEXT = Template("", ())


def apply_extensions(
    report: Report, scenes: dict[str, PendingScene], extensions: list[Extension]
) -> None:
    scene_hints = Suggestions(scenes)  # indexed: a story may have thousands of scenes
    for ext in extensions:
        pending = scenes.get(ext.scene)
        if pending is None:
            report.add(
                "E130",
                ext.file,
                ext.pos[0],
                ext.pos[1],
                f"`extend:` names scene `{ext.scene}`, which does not exist",
                scene_hints.hint(ext.scene) or "extend a scene defined in another file",
            )
            continue
        scene = pending.scene
        if scene.ending is not None:
            report.add(
                "E132",
                ext.file,
                ext.pos[0],
                ext.pos[1],
                f"`{ext.scene}` is an ending scene; it cannot get choices",
            )
            continue
        added: list[Choice] = []
        for choice in ext.choices:
            other = scene.choice_index.get(choice.id)
            if other is not None:
                line = choice.pos.line if choice.pos else ext.pos[0]
                report.add(
                    "E136",
                    ext.file,
                    line,
                    choice.pos.col if choice.pos else 1,
                    f"scene `{ext.scene}` already has a choice `{choice.id}` (added by {other.pos or other.origin})",
                    "give this choice a different `id:`",
                )
                continue
            added.append(choice)
        choices = (*scene.choices, *added)
        pending.scene = _with_choices(scene, choices)
        pending.targets.extend(ext.targets)


def _with_choices(scene: Scene, choices: tuple[Choice, ...]) -> Scene:
    return replace(scene, choices=choices, choice_index={c.id: c for c in choices})


def compile_timers(
    f: Fields, manifest: Manifest, names: Names, scenes: dict[str, PendingScene]
) -> dict[str, Timer]:
    scene_hints = Suggestions(scenes)  # indexed: a story may have thousands of scenes
    timers: dict[str, Timer] = {}
    clock = manifest.clock
    for tid, body in (clock or {}).items():
        assert clock is not None
        pos = clock.key_pos[tid]
        if not f.check_id(tid, pos, "timer"):
            continue
        m = f.mapping(body, clock.val_pos[tid], f"timer `{tid}`")
        if m is None:
            continue
        f.keys(m, TIMER_KEYS, f"timer `{tid}`")
        if not f.require(m, "start", f"timer `{tid}`"):
            continue
        start = f.duration(m, "start")
        if start is None:
            continue
        expires = f.text(m, "expires") or None
        if expires is not None and expires not in scenes:
            f.error(
                "E130",
                m.val_pos["expires"],
                f"timer `{tid}` expires into scene `{expires}`, which does not exist",
                scene_hints.hint(expires),
            )
        running = _condition(f, m, "while", names)
        shown = _condition(f, m, "shown", names)
        label = f.text(m, "label", tid)
        timers[tid] = Timer(tid, label, start, expires, running, f.position(pos), shown)
    return timers


def _condition(f: Fields, m: YMap, key: str, names: Names) -> Condition | None:
    """A timer's optional condition under `key` (`while:`, `shown:`), compiled; None
    when absent (or broken: the error is reported)."""
    if key not in m:
        return None
    source = f.text(m, key)
    return f.compiled(partial(compile_condition, source, names), m, key, source)


def cross_check(
    f: Fields,
    report: Report,
    manifest: Manifest,
    scenes: dict[str, PendingScene],
    extensions: list[Extension],
    group_targets: list[tuple[str, Pos, str]],
) -> None:
    scene_hints = Suggestions(scenes)  # indexed: a story may have thousands of scenes
    root = manifest.root
    if root is not None and manifest.start and manifest.start not in scenes:
        f.error(
            "E130",
            root.val_pos["start"],
            f"the start scene `{manifest.start}` does not exist",
            scene_hints.hint(manifest.start) or "set `start:` to the id of your first scene",
        )
    for pending in [*scenes.values(), PendingScene(Scene("", "", _NO_TEXT), group_targets)]:
        for target, pos, file in pending.targets:
            if target not in scenes:
                report.add(
                    "E130",
                    file,
                    pos[0],
                    pos[1],
                    f"no scene `{target}`",
                    scene_hints.hint(target) or "define the scene, or fix the id",
                )
        scene = pending.scene
        if scene.ending is not None and scene.ending not in manifest.endings and scene.id:
            at = scene.pos
            line, col = pending.ending_pos or ((at.line, at.col) if at else (1, 1))
            report.add(
                "E131",
                at.file if at else "",
                line,
                col,
                f"scene `{scene.id}` ends with `{scene.ending}`, which is not a declared ending",
                suggest(scene.ending, manifest.endings)
                or "declare it under `endings:` in story.yaml",
            )
    canonical = [e for e in manifest.endings.values() if e.canonical]
    if manifest.endings and not canonical:
        where = root.key_pos.get("endings", root.pos) if root is not None else (1, 1)
        listed = ", ".join(f"`{e}`" for e in list(manifest.endings)[:8])
        more = ", ..." if len(manifest.endings) > 8 else ""
        f.error(
            "E133",
            where,
            f"no ending is `canonical: true` (the endings: {listed}{more})",
            "add `canonical: true` to the ending of the main route, and only to it",
        )
    for extra in canonical[1:]:
        at = extra.pos
        first = canonical[0]
        report.add(
            "E133",
            at.file if at else f.file,
            at.line if at else 1,
            at.col if at else 1,
            f"ending `{extra.id}` is `canonical: true`, and so is `{first.id}` "
            f"({first.pos}): exactly one ending can be",
            "keep `canonical: true` on the ending of the main route only",
        )
