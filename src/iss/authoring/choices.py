"""Compiling choices: their ids, routes, groups and the fallback."""

from __future__ import annotations

import re
from functools import lru_cache

from iss.authoring.compiling import CompileCache, FieldCompiler, text_tuple
from iss.authoring.fields import Fields
from iss.authoring.suggestions import suggest
from iss.authoring.yaml_data import Pos, YList, YMap
from iss.engine.limits import MAX_LINE_CHARS
from iss.engine.model import RETURN, Choice, Effect, Route
from iss.engine.text import has_markup, join_lines, static_template

CHOICE_KEYS = (
    "id",
    "text",
    "go",
    "when",
    "reason",
    "hidden",
    "do",
    "time",
    "once",
    "fallback",
    "call",
    "quiet",
)
GROUP_ITEM_KEYS = ("group",)
ROUTE_KEYS = ("when", "go")
_CHOICE_KEY_SET = frozenset(CHOICE_KEYS)
_PLAIN_KEY_SET = frozenset(("text", "go", "when", "do", "time"))
"""The keys of a choice `ChoiceCompiler.plain_choice` builds."""
_SLUG_WORDS = 5
_FRAGMENT = re.compile(r"\{[^{}]*\}")
_SLUG_WORD = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=1 << 16)
def derive_choice_id(text: str) -> str:
    """The id of a choice without `id:`: the first words of its text, as a slug.

    Remembered by text: a load derives each id twice (`tracking.choice_keys` reads
    the ids before anything compiles, then the choice itself is compiled)."""
    if "{" in text:
        text = _FRAGMENT.sub(" ", text)
    head = text[:120].lower()
    words = head.split(maxsplit=_SLUG_WORDS)[:_SLUG_WORDS]
    if words and head.isascii() and "".join(words).isalnum():
        return "_".join(words)  # plain words: what the pattern below would find
    words = _SLUG_WORD.findall(head.replace("'", "").replace("’", ""))
    return "_".join(words[:_SLUG_WORDS]) or "choice"


def _conditional_return(f: Fields, pos: Pos) -> None:
    f.error(
        "E137",
        pos,
        "`return` cannot be one of several routes",
        "write `go: return` alone; put the condition on the choice's `when:` instead",
    )


def _choice(sid: str, index: int) -> str:
    return f"choice {index + 1} of `{sid}`"


class ChoiceCompiler(FieldCompiler):
    """Compiles the choices of one file against the story's names."""

    def __init__(
        self, f: Fields, cache: CompileCache, groups: dict[str, list[Choice]] | None = None
    ) -> None:
        super().__init__(f, cache)
        self.groups = groups if groups is not None else {}
        """Choice groups by name, compiled (see `group`)."""

    def group(self, table: YMap, name: str, targets: list[tuple[str, Pos, str]]) -> list[Choice]:
        """A choice group (`groups: {name: [choices]}`), which scenes include with
        `- group: <name>` in their choices. Its choices' `taken.` home is the group."""
        holder = YMap(table.val_pos[name])
        holder["choices"] = table[name]
        holder.val_pos["choices"] = table.val_pos[name]
        return self.choices(holder, name, targets, home=name)

    def choices(
        self, m: YMap, sid: str, targets: list[tuple[str, Pos, str]], home: str = ""
    ) -> list[Choice]:
        """A `choices:` list, with its groups spliced in and its fallback moved last."""
        f = self.f
        value = m.get("choices")
        if not isinstance(value, YList):
            f.error(
                "E112",
                m.val_pos.get("choices", m.pos),
                "`choices` should be a list of choices (lines starting with `- `)",
            )
            return []
        out: list[Choice] = []
        seen: dict[str, Pos] = {}
        for index, (item, pos) in enumerate(zip(value, value.item_pos, strict=True)):
            cm = item if isinstance(item, YMap) else f.mapping(item, pos, _choice(sid, index))
            if cm is None:
                continue
            if "group" in cm and not home:
                for brought in self.included(cm):
                    if brought.id in seen:
                        f.error(
                            "E120",
                            pos,
                            f"group `{cm['group']}` brings a choice `{brought.id}` that `{sid}` "
                            f"already has (line {seen[brought.id][0]})",
                            "give one of them a different `id:`",
                        )
                        continue
                    seen[brought.id] = pos
                    out.append(brought)
                continue
            choice = self.choice(cm, sid, index, targets, home or sid)
            if choice is None:
                continue
            if choice.id in seen:
                explicit = "id" in cm
                f.error(
                    "E120" if explicit else "E150",
                    pos,
                    f"two choices in `{sid}` have the id `{choice.id}` (the other is at line {seen[choice.id][0]})",
                    "give one of them a different `id:`"
                    if explicit
                    else "derived ids clash: give one of them an explicit `id:`",
                )
                continue
            seen[choice.id] = pos
            out.append(choice)
        return self.fallback_last(out, sid)

    def included(self, cm: YMap) -> list[Choice]:
        """The choices of the group that `- group: <name>` names."""
        f = self.f
        f.keys(cm, GROUP_ITEM_KEYS, "a group item")
        name = f.text(cm, "group")
        found = self.groups.get(name)
        if found is None:
            f.error(
                "E130",
                cm.val_pos["group"],
                f"no choice group `{name}`",
                suggest(name, self.groups) or "define it under `groups:` in a scene file",
            )
            return []
        return found

    def fallback_last(self, out: list[Choice], sid: str) -> list[Choice]:
        """A scene has at most one fallback, and the engine finds it last."""
        fallbacks = [c for c in out if c.fallback]
        if not fallbacks:
            return out
        for extra in fallbacks[1:]:
            pos = extra.pos
            self.f.error(
                "E137",
                (pos.line, pos.col) if pos else (1, 1),
                f"`{sid}` has more than one `fallback: true` choice",
                "keep one fallback; give the others a `when:` instead",
            )
        return [c for c in out if not c.fallback] + fallbacks[:1]

    def choice(
        self, m: YMap, sid: str, index: int, targets: list[tuple[str, Pos, str]], home: str = ""
    ) -> Choice | None:
        if _PLAIN_KEY_SET.issuperset(m):
            plain = self.plain_choice(m, sid, targets, home)
            if plain is not None:
                return plain
        f = self.f
        special = False
        if not _CHOICE_KEY_SET.issuperset(m):
            f.keys(m, CHOICE_KEYS, _choice(sid, index))
        elif "once" in m or "fallback" in m or "call" in m or "quiet" in m:
            special = True
        fallback = special and "fallback" in m and f.boolean(m, "fallback")
        if (m.get("text") is None and not fallback) or m.get("go") is None:
            what = _choice(sid, index)
            if not fallback:
                f.require(m, "text", what)
            f.require(m, "go", what)
            return None
        source = f.text(m, "text", "Fallback" if fallback else "")
        if "id" in m:
            cid = f.text(m, "id")
            if cid or m["id"] in ("", None):  # `id:` left empty is a mistake, not a wish
                f.check_id(cid, m.val_pos["id"], "choice")
            cid = cid or derive_choice_id(source)
        else:
            cid = "fallback" if fallback and "text" not in m else derive_choice_id(source)
        reason_source = f.text(m, "reason") if "reason" in m else ""
        call = None
        if special and "call" in m:
            call = f.text(m, "call")
            targets.append((call, m.val_pos["call"], f.file))
        return Choice(
            id=cid,
            text=self.template(m, "text", source, MAX_LINE_CHARS),
            routes=self.routes(m, targets),
            when=self.condition(m, "when", None),
            reason=(
                self.template(m, "reason", reason_source, MAX_LINE_CHARS) if reason_source else None
            ),
            reason_pos=f.position(f.text_pos(m, "reason", 0)) if reason_source else None,
            hidden=f.boolean(m, "hidden") if "hidden" in m else False,
            effects=self.effects(m),
            minutes=self.minutes(m),
            pos=f.position(m.pos),
            origin=f.file,
            once=special and "once" in m and f.boolean(m, "once"),
            fallback=fallback,
            call=call,
            quiet=special and "quiet" in m and f.boolean(m, "quiet"),
            key=f"{home or sid}.{cid}",
            named="id" in m,
        )

    def plain_choice(
        self, m: YMap, sid: str, targets: list[tuple[str, Pos, str]], home: str
    ) -> Choice | None:
        """`choice` for the most common kind, written with nothing but `text:` (one line,
        no markup), `go:` (one scene) and any of `when:`, `do:` and `time:` whose
        compiled forms the load already holds: built without the checks and compilers
        that cannot find anything in it. None for any other choice, which `choice`
        then compiles (filling the tables a later choice finds here)."""
        source, target = m.get("text"), m.get("go")
        if source.__class__ is not str or target.__class__ is not str:
            return None
        if len(source) > MAX_LINE_CHARS or has_markup(source):
            return None
        cache = self.cache
        when = None
        if "when" in m:  # an empty `when:` is E140's, which `choice` reports
            source_when = m["when"]
            if source_when.__class__ is not str:
                return None
            when = cache.conditions.get((source_when, None))
            if when is None:
                return None
        effects: tuple[Effect, ...] = ()
        if "do" in m:
            sources = text_tuple(m["do"])
            found = cache.effect_lists.get(sources) if sources is not None else None
            if found is None:
                return None
            effects = found
        minutes = 0
        if "time" in m:
            time = m["time"]
            found_minutes = cache.minutes.get(time) if time.__class__ is str else None
            if found_minutes is None:
                return None
            minutes = found_minutes
        f = self.f
        if target != RETURN:
            targets.append((target, m.val_pos["go"], f.file))
        cid = derive_choice_id(source)
        return Choice(
            id=cid,
            text=static_template(join_lines(source.rstrip())),
            routes=(Route(target),),
            when=when,
            effects=effects,
            minutes=minutes,
            pos=f.position(m.pos),
            origin=f.file,
            key=f"{home or sid}.{cid}",
        )

    def routes(self, m: YMap, targets: list[tuple[str, Pos, str]]) -> tuple[Route, ...]:
        f = self.f
        go = m.get("go")
        if not isinstance(go, YList):
            target = f.text(m, "go")
            if target != RETURN:
                targets.append((target, m.val_pos["go"], f.file))
            return (Route(target),)
        routes: list[Route] = []
        for i, (item, pos) in enumerate(zip(go, go.item_pos, strict=True)):
            unconditional = False  # this item is a route written without `when:`
            if isinstance(item, YMap):
                f.keys(item, ROUTE_KEYS, "a route")
                if not f.require(item, "go", "a route"):
                    continue
                target = f.text(item, "go")
                if target == RETURN:
                    _conditional_return(f, item.val_pos["go"])
                    continue
                targets.append((target, item.val_pos["go"], f.file))
                routes.append(Route(target, self.condition(item, "when", None)))
                # A `when:` that fails to compile is reported where it stands;
                # the route still has one, so E135 must not say it has none.
                unconditional = item.get("when") is None
            elif isinstance(item, YList) or item is None:
                f.error("E112", pos, "a route is a scene id or `{when: ..., go: ...}`")
            elif str(item) == RETURN:
                _conditional_return(f, pos)
            else:
                targets.append((str(item), pos, f.file))
                routes.append(Route(str(item)))
                unconditional = True
            if i < len(go) - 1 and unconditional:
                f.error(
                    "E135",
                    pos,
                    "this route has no `when:`, so the routes after it can never be taken",
                    "put the unconditional route last",
                )
        if not routes or routes[-1].when is not None:
            f.error(
                "E135",
                go.item_pos[-1] if go.item_pos else m.val_pos["go"],
                "the last route must have no `when:`, so there is always somewhere to go",
                "add a plain scene id as the last route",
            )
            return (*routes, Route(routes[-1].scene)) if routes else (Route(""),)
        return tuple(routes)
