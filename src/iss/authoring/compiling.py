"""Compiling the parts every scene, choice and property is made of: conditions,
effects, durations and texts, each compiled once per source text for a whole load."""

from __future__ import annotations

from functools import partial

from iss.authoring.fields import Fields
from iss.authoring.glued import MAX_GLUES, glued_words
from iss.authoring.yaml_data import YList, YMap
from iss.engine.effects import compile_effect
from iss.engine.expressions import Names, Typed, compile_condition, compile_value, duration_minutes
from iss.engine.limits import MAX_TEXT_CHARS
from iss.engine.model import Condition, Effect
from iss.engine.text import (
    Fragments,
    Template,
    compile_template,
    has_markup,
    join_lines,
    static_template,
)

_DROPPED = "a space before `,` `.` `;` `:` `!` `?` or `)` is dropped when the text is shown"


def text_tuple(value: object) -> tuple[str, ...] | None:
    """A text value, or a list of only texts, as a tuple; None for anything else."""
    if isinstance(value, str):
        return (value,)
    if isinstance(value, YList):
        for item in value:
            if item.__class__ is not str:
                return None
        return tuple(value)
    return None


class CompileCache:
    """Compiled conditions and effects by source text, shared by all files of one load.

    Stories repeat the same expressions (`trust.alexey += 1`) hundreds of times;
    compiled forms are pure closures, so one compilation serves them all.
    Failures are not cached: each place reports its own diagnostic.
    """

    def __init__(self, names: Names) -> None:
        self.names = names
        self.conditions: dict[tuple[str, str | None], Condition] = {}
        self.effects: dict[str, Effect] = {}
        self.values: dict[str, Typed] = {}
        self.effect_lists: dict[tuple[str, ...], tuple[Effect, ...]] = {}
        self.minutes: dict[str, int] = {}
        """Valid durations only: a bad one is reported at each place."""
        self.fragments: Fragments = {}
        """Templates' `{...}` fragments (`compile_template`): stories repeat `{alexey}`."""

    def condition(self, source: str, reason: str | None) -> Condition:
        key = (source, reason)
        found = self.conditions.get(key)
        if found is None:
            found = self.conditions[key] = compile_condition(source, self.names, reason)
        return found

    def value(self, source: str) -> Typed:
        found = self.values.get(source)
        if found is None:
            found = self.values[source] = compile_value(source, self.names)
        return found

    def template(self, source: str) -> Template:
        return compile_template(
            source, self.names, partial(self.condition, reason=None), self.value, self.fragments
        )

    def effect(self, source: str) -> Effect:
        found = self.effects.get(source)
        if found is None:
            found = self.effects[source] = compile_effect(source, self.names)
        return found


def join_conditions(conditions: list[Condition]) -> Condition:
    """A list of `when:` entries as one condition: every clause of each must hold."""
    return Condition(
        " and ".join(c.source for c in conditions),
        tuple(clause for c in conditions for clause in c.clauses),
        frozenset().union(*(c.names for c in conditions)),
        tuple(c.source for c in conditions),
    )


class FieldCompiler:
    """Compiles the fields of one file's mappings (`when:`, `do:`, `time:`, texts)
    against the story's names."""

    def __init__(self, f: Fields, cache: CompileCache) -> None:
        self.f = f
        self.cache = cache
        self.names = cache.names

    def condition(self, m: YMap, key: str, reason: str | None) -> Condition | None:
        value = m.get(key)
        if value is None or value == "" or value == []:
            if key in m:
                self.f.error(
                    "E140",
                    m.val_pos.get(key, m.key_pos.get(key, m.pos)),
                    f"`{key}:` is empty, so it gates nothing",
                    f"write the condition after `{key}:`, or remove the line "
                    "to leave the choice always open",
                )
            return None
        if value.__class__ is str:
            known = self.cache.conditions.get((value, reason))
            if known is not None:
                return known
        if not isinstance(value, YList | YMap):
            source = str(value).lower() if isinstance(value, bool) else str(value)
            return self.f.compiled(partial(self.cache.condition, source, reason), m, key, source)
        conditions = []
        for index, (source, _) in enumerate(self.f.strings(m, key)):
            compiled = self.f.compiled(
                partial(self.cache.condition, source, reason), value, index, source
            )
            if compiled is not None:
                conditions.append(compiled)
        if len(conditions) <= 1:
            return conditions[0] if conditions else None
        return join_conditions(conditions)

    def effects(self, m: YMap) -> tuple[Effect, ...]:
        value = m.get("do")
        if value is None:
            return ()
        key = text_tuple(value)
        if key is None:
            key = tuple(source for source, _ in self.f.strings(m, "do"))
        known = self.cache.effect_lists.get(key)
        if known is not None:
            return known
        out = []
        for index, source in enumerate(key):
            holder: YMap | YList = value if isinstance(value, YList) else m
            where: str | int = index if isinstance(value, YList) else "do"
            effect = self.f.compiled(partial(self.cache.effect, source), holder, where, source)
            if effect is not None:
                out.append(effect)
        if len(out) == len(key):
            self.cache.effect_lists[key] = tuple(out)
        return tuple(out)

    def minutes(self, m: YMap) -> int:
        value = m.get("time")
        if value is None:
            return 0
        if isinstance(value, str):
            known = self.cache.minutes.get(value)
            if known is None:
                known = duration_minutes(value)
                if known is None:
                    return self.f.minutes(m, "time")  # reports the mistake
                self.cache.minutes[value] = known
            return known
        return self.f.minutes(m, "time")

    def template(self, m: YMap, key: str, source: str, limit: int = MAX_TEXT_CHARS) -> Template:
        if len(source) > limit:
            hint = "split it into several scenes"
            if limit < MAX_TEXT_CHARS:
                hint = (
                    f"a choice's `{key}:` is shown on one line: keep it short, and put "
                    "longer prose in the scene's `text:`"
                )
            self.f.error(
                "E113",
                m.val_pos.get(key, m.pos),
                f"this text is {len(source):,} characters long; the limit is {limit:,}",
                hint,
            )
            return Template("", ())
        if not has_markup(source):
            return static_template(join_lines(source.rstrip()))
        compiled = self.f.compiled(partial(self.cache.template, source), m, key, source)
        if compiled is None:
            return Template(source, (source,))
        if compiled.dynamic:
            self.glued(m, key, source)
        return compiled

    def glued(self, m: YMap, key: str, source: str) -> None:
        """W223 where a fragment of the text can run two words together: the first
        `MAX_GLUES` of a text, and one more that counts the rest."""
        found = glued_words(source)
        for glue in found[:MAX_GLUES]:
            self.f.error(
                "W223",
                self.f.text_pos(m, key, glue.offset),
                f'a fragment can run words together here: "{glue.reads}"',
                f"put the space outside the fragment: `{glue.fix}` ({_DROPPED})",
            )
        if len(found) > MAX_GLUES:
            self.f.error(
                "W223",
                self.f.text_pos(m, key, found[MAX_GLUES].offset),
                f"and {len(found) - MAX_GLUES} more places in this text, from here on, "
                "where a fragment can run words together",
                f"put the space outside each fragment ({_DROPPED})",
            )
