"""Properties: what an author says must be true, read from `properties:` tables.

    properties:
      the_fall_leaves_alexey:
        at: end_the_fall               # a scene id, a list of them, or omitted: every scene
        always: alive.alexey
      three_seats_can_save_gordon:
        at: end_three_seats
        possible: alive.gordon and alive.weronika

A `properties:` table may stand in story.yaml and in any scene file, so a
branch brings its own. A scene's `requires: EXPR` is `always: EXPR` at that
scene. `iss check` proves each one or prints a shortest route that breaks it
(see `iss.authoring.explore.claims`).
"""

from __future__ import annotations

from iss.authoring.fields import Fields
from iss.authoring.scenes import SceneCompiler
from iss.authoring.suggestions import suggest
from iss.authoring.yaml_data import Pos
from iss.engine.model import Property

PROPERTY_KEYS = ("at", "always", "possible")


def compile_properties(
    f: Fields, compiler: SceneCompiler, table: object, pos: Pos
) -> list[Property]:
    """The properties of one `properties:` table; each mistake is reported through `f`."""
    m = f.mapping(table, pos, "`properties`")
    if m is None:
        return []
    scene_ids = compiler.names.scenes
    out = []
    for name, body in m.items():
        where = m.key_pos[name]
        if not f.check_id(name, where, "property"):
            continue
        pm = f.mapping(body, m.val_pos[name], f"property `{name}`")
        if pm is None:
            continue
        f.keys(pm, PROPERTY_KEYS, f"property `{name}`")
        kinds = [k for k in ("always", "possible") if k in pm]
        if len(kinds) != 1:
            f.error(
                "E172",
                where,
                f"property `{name}` needs exactly one of `always:` and `possible:`",
                "write `always: EXPR` (true in every reachable state there) or "
                "`possible: EXPR` (true in at least one)",
            )
            continue
        condition = compiler.condition(pm, kinds[0], None)
        scenes = []
        for sid, at in f.strings(pm, "at"):
            if sid in scene_ids:
                scenes.append(sid)
            else:
                f.error(
                    "E130",
                    at,
                    f"property `{name}` is checked at scene `{sid}`, which does not exist",
                    suggest(sid, scene_ids)
                    or "name a scene id, a list of them, or leave `at:` out",
                )
        if condition is not None and len(scenes) == len(f.strings(pm, "at")):
            out.append(Property(name, kinds[0], condition, tuple(scenes), f.position(where)))
    return out
