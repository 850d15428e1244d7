"""Reading `conditions:`, the named conditions of story.yaml and of branch files.

    conditions:
      air_gone: clock.reentry <= 4h or (flag.air_h4 and clock.reentry <= 5h)

Each name is checked where it is declared (its id, that no other name in expressions has
it, that it reads as a yes/no condition, that it does not name itself through others), so
a mistake is reported once, at its own line, and not at every condition that uses it.
The engine's half (`iss.engine.named_conditions`) spells the names out.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import partial

from iss.authoring.fields import Fields
from iss.authoring.yaml_data import YMap
from iss.engine.expressions import NAMESPACES, Names, compile_condition
from iss.engine.model import STATUSES
from iss.engine.named_conditions import resolve

__all__ = ["NamedCondition", "read_named_conditions", "with_named_conditions"]


@dataclass(frozen=True)
class NamedCondition:
    """One `name: condition` line, with where it was written."""

    name: str
    source: str
    fields: Fields
    table: YMap


def read_named_conditions(
    f: Fields, root: YMap, into: dict[str, NamedCondition], taken: set[str]
) -> None:
    """The `conditions:` of one file (the manifest or a branch) into `into`. `taken` holds
    the other names expressions already know (variables, characters)."""
    table = f.mapping(
        root.get("conditions"), root.val_pos.get("conditions", root.pos), "`conditions`"
    )
    if not table:
        return
    reserved = {*NAMESPACES, *STATUSES, "true", "false", "True", "False"}
    for name, body in table.items():
        pos = table.key_pos[name]
        if not f.check_id(name, pos, "named condition"):
            continue
        if name in reserved or name in taken:
            f.error(
                "E120",
                pos,
                f"`{name}` is already a name in expressions; pick another name for the condition",
            )
            continue
        first = into.get(name)
        if first is not None:
            line = first.table.key_pos[name][0]
            f.error(
                "E120",
                pos,
                f"the condition `{name}` is named twice: also at {first.fields.source.shown}:{line}",
                "name it once; every file can use a condition any file names",
            )
            continue
        if not isinstance(body, str | bool | int) or isinstance(body, bool):
            f.error(
                "E112",
                table.val_pos[name],
                f"the condition `{name}` should be a condition, such as `trust.alexey >= 6`",
            )
            continue
        into[name] = NamedCondition(name, str(body), f, table)


def with_named_conditions(names: Names, declared: dict[str, NamedCondition]) -> Names:
    """`names` that know every named condition that reads as one; the others are reported
    at their own line and left out (so their uses are reported as unknown names too)."""
    if not declared:
        return names
    written = {name: d.source for name, d in declared.items()}
    spelled, cycles = resolve(written)
    for name, cycle in cycles.items():
        d = declared[name]
        d.fields.error(
            "E143",
            d.table.val_pos[name],
            f"the condition `{name}` names itself: {' → '.join(cycle)}",
            "write one of them out in full",
        )
    known = replace(names, named=spelled)
    good: dict[str, str] = {}
    for name, source in spelled.items():
        d = declared[name]
        others = replace(known, named={k: v for k, v in spelled.items() if k != name})
        check = partial(compile_condition, d.source, others)
        if d.fields.compiled(check, d.table, name, d.source) is not None:
            good[name] = source
    return replace(names, named=good)
