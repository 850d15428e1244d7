"""The names whose value on arriving in a scene `iss explore --ways-in` reports.

    names = candidate_names(story, "module_sealed")
    names[0].expr, names[0].read(state)       # "status.kira", "aboard"
    other_than(names[0], ["aboard"])          # 'status.kira != "aboard"'

Each is written as a condition writes it, so what the report says can be
pasted into `{if ...}`; `other_than` writes the condition `check_claims` is
asked about, to compile against `story_names(story)`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from iss.engine.expressions import Names
from iss.engine.model import Story, Value
from iss.engine.state import StateView
from iss.engine.template import format_minutes

Read = Callable[[StateView], Value]


@dataclass(frozen=True, slots=True)
class Name:
    """A candidate fact: `expr` as conditions write it, its `kind` ("bool", "int"
    or "text"), its `family` ("flag", "item", "status", "variable", "trust", "clock",
    "seen" or "taken") and how to read it from a state."""

    expr: str
    kind: str
    family: str
    read: Read = field(compare=False, repr=False)

    def holds(self, value: Value) -> str:
        """The condition `name == value`, written as an author would (`dead.gordon`)."""
        if self.kind == "bool":
            return self.expr if value else f"not {self.expr}"
        if self.family == "status" and value == "dead":
            return f"dead.{self.expr.removeprefix('status.')}"
        return f"{self.expr} == {_literal(self, value)}"

    def shown(self, value: Value) -> str:
        """A value as the player reads it (a clock as hours and minutes)."""
        if self.kind == "bool":
            return "true" if value else "false"
        return format_minutes(int(value)) if self.family == "clock" else str(value)


def candidate_names(story: Story, scene: str) -> list[Name]:
    """Every name whose value on arrival an author may need (see the module docstring), in
    the order prose most often assumes them: who is where, what Kira knows and carries,
    what she saw and did, then the story's variables, trust and clocks."""
    out = [Name(f"status.{c}", "text", "status", _value("status", c)) for c in story.characters]
    out += [Name(f"flag.{f}", "bool", "flag", _member("flags", f)) for f in story.flags]
    out += [Name(f"has.{i}", "bool", "item", _member("items", i)) for i in story.items]
    out += [
        Name(f"seen.{s}", "bool", "seen", _member("visited", s)) for s in story.scenes if s != scene
    ]
    out += [Name(f"taken.{k}", "bool", "taken", _member("taken", k)) for k in sorted(story.tracked)]
    out += [
        Name(v.name, _kind(v.type), "variable", _value("variables", v.name))
        for v in story.variables.values()
    ]
    out += [Name(f"trust.{c.id}", "int", "trust", _value("trust", c.id)) for c in story.crew]
    out += [
        Name(f"trust.{k.replace('-', '.', 1)}", "int", "trust", _value("crew_trust", k))
        for k in story.crew_trust
    ]
    out += [Name(f"clock.{t}", "int", "clock", _value("clock", t)) for t in story.timers]
    return out


def other_than(name: Name, values: list[Value]) -> str:
    """A condition that holds where `name` has none of `values`."""
    if name.kind == "bool":
        return name.holds(not values[0])
    if name.kind == "int":
        low, high = min(int(v) for v in values), max(int(v) for v in values)
        if low == high:
            return f"{name.expr} != {low}"
        return f"{name.expr} < {low} or {name.expr} > {high}"
    return " and ".join(f"{name.expr} != {_literal(name, v)}" for v in values)


def _literal(name: Name, value: Value) -> str:
    if name.kind == "text":
        return f'"{value}"'
    if name.family == "clock":
        hours, minutes = divmod(int(value), 60)
        return f"{hours}h{minutes:02d}m" if hours else f"{minutes}m"
    return str(value)


def story_names(story: Story) -> Names:
    """What the story's conditions may name, to compile the claims' conditions."""
    return Names(
        characters={c.id: c.short for c in story.characters.values()},
        crew=frozenset(c.id for c in story.crew),
        pairs=frozenset(story.crew_trust),
        flags=frozenset(story.flags),
        items={i.id: i.name for i in story.items.values()},
        variables={v.name: v.type for v in story.variables.values()},
        variable_values={v.name: v.values for v in story.variables.values()},
        timers=frozenset(story.timers),
        scenes=frozenset(story.scenes),
        choice_keys=frozenset(c.key for s in story.scenes.values() for c in s.choices),
        named=story.named_conditions,
    )


def _kind(declared: str) -> str:
    return declared if declared in ("bool", "int") else "text"


def _value(where: str, key: str) -> Read:
    """A reader of `state.<where>[key]` (a status, a trust, a variable or a clock)."""
    return lambda state: getattr(state, where)[key]


def _member(where: str, name: str) -> Read:
    """A reader of `name in state.<where>` (a flag, an item, a scene seen, a choice taken)."""
    return lambda state: name in getattr(state, where)
