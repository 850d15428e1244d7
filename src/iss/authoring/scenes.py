"""Compiling scene files: scenes, their choices, and `extend:` additions."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import partial

from iss.authoring.fields import Fields
from iss.authoring.source import Pos, YList, YMap
from iss.authoring.suggestions import suggest
from iss.engine.effects import compile_effect
from iss.engine.expressions import (
    Names,
    Typed,
    compile_condition,
    compile_value,
    duration_minutes,
)
from iss.engine.limits import MAX_TEXT_CHARS
from iss.engine.model import RETURN, Choice, Condition, Effect, Route, Scene
from iss.engine.text import (
    Template,
    compile_template,
    count_words,
    has_markup,
    join_lines,
    static_template,
)

FILE_KEYS = (
    "scenes",
    "extend",
    "endings",
    "groups",
    "properties",
    "flags",
    "items",
    "variables",
    "walkthroughs",
)
SCENE_KEYS = (
    "title",
    "text",
    "location",
    "tags",
    "beat",
    "do",
    "time",
    "choices",
    "next",
    "ending",
    "requires",
    "mentions_absent",
)
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
)
GROUP_ITEM_KEYS = ("group",)
ROUTE_KEYS = ("when", "go")
_SCENE_KEY_SET = frozenset(SCENE_KEYS)
_CHOICE_KEY_SET = frozenset(CHOICE_KEYS)
_SLUG_WORDS = 5
_FRAGMENT = re.compile(r"\{[^{}]*\}")
_SLUG_WORD = re.compile(r"[a-z0-9]+")


@dataclass
class PendingScene:
    """A compiled scene plus where its targets were written, for checking later."""

    scene: Scene
    targets: list[tuple[str, Pos, str]] = field(default_factory=list)
    """(scene id, position, file) of each `go:`."""
    ending_pos: Pos | None = None
    """Where its `ending:` value is written, for a diagnostic about it."""


@dataclass
class Extension:
    """Choices a file adds to a scene defined elsewhere."""

    scene: str
    pos: Pos
    file: str
    choices: list[Choice]
    targets: list[tuple[str, Pos, str]]


def derive_choice_id(text: str) -> str:
    """The id of a choice without `id:`: the first words of its text, as a slug."""
    if "{" in text:
        text = _FRAGMENT.sub(" ", text)
    head = text[:120].lower()
    words = head.split(maxsplit=_SLUG_WORDS)[:_SLUG_WORDS]
    if words and head.isascii() and "".join(words).isalnum():
        return "_".join(words)  # plain words: what the pattern below would find
    words = _SLUG_WORD.findall(head.replace("'", "").replace("’", ""))
    return "_".join(words[:_SLUG_WORDS]) or "choice"


def scene_ids(f: Fields, data: object) -> list[tuple[str, Pos]]:
    """The ids of the scenes a file defines (first pass, so `seen.x` can be checked)."""
    if not isinstance(data, YMap) or not isinstance(data.get("scenes"), YMap):
        return []
    scenes: YMap = data["scenes"]
    return [
        (sid, scenes.key_pos[sid])
        for sid in scenes
        if f.check_id(sid, scenes.key_pos[sid], "scene")
    ]


def _conditional_return(f: Fields, pos: Pos) -> None:
    f.error(
        "E137",
        pos,
        "`return` cannot be one of several routes",
        "write `go: return` alone; put the condition on the choice's `when:` instead",
    )


def _scene(sid: str) -> str:
    return f"scene `{sid}`"


def _choice(sid: str, index: int) -> str:
    return f"choice {index + 1} of `{sid}`"


def _text_tuple(value: object) -> tuple[str, ...] | None:
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
            source, self.names, partial(self.condition, reason=None), self.value
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


class SceneCompiler:
    """Compiles the scenes of one file against the story's names."""

    def __init__(
        self,
        f: Fields,
        cache: CompileCache,
        beats: tuple[str, ...],
        groups: dict[str, list[Choice]] | None = None,
    ) -> None:
        self.f = f
        self.cache = cache
        self.names = cache.names
        self.beats = beats
        self.groups = groups if groups is not None else {}
        """Choice groups by name, compiled (see `group`)."""

    def group(self, table: YMap, name: str, targets: list[tuple[str, Pos, str]]) -> list[Choice]:
        """A choice group (`groups: {name: [choices]}`), which scenes include with
        `- group: <name>` in their choices. Its choices' `taken.` home is the group."""
        holder = YMap(table.val_pos[name])
        holder["choices"] = table[name]
        holder.val_pos["choices"] = table.val_pos[name]
        return self.choices(holder, name, targets, home=name)

    def file(self, data: object) -> tuple[list[PendingScene], list[Extension], YMap | None]:
        """Compile a scene file; returns its scenes, extensions and raw `endings:`."""
        f = self.f
        root = f.mapping(data, (1, 1), "a scene file")
        if root is None:
            return [], [], None
        f.keys(root, FILE_KEYS, "a scene file")
        scenes: list[PendingScene] = []
        body = f.mapping(root.get("scenes"), root.val_pos.get("scenes", root.pos), "`scenes`")
        for sid, value in (body or {}).items():
            assert body is not None
            m = (
                value
                if isinstance(value, YMap)
                else f.mapping(value, body.val_pos[sid], _scene(sid))
            )
            if m is not None and f.check_id(sid, body.key_pos[sid], "scene"):
                scenes.append(self.scene(sid, m, body.key_pos[sid]))
        extensions: list[Extension] = []
        extend = f.mapping(root.get("extend"), root.val_pos.get("extend", root.pos), "`extend`")
        for sid, value in (extend or {}).items():
            assert extend is not None
            m = f.mapping(value, extend.val_pos[sid], f"`extend: {sid}`")
            if m is None:
                continue
            f.keys(m, ("choices",), f"`extend: {sid}`")
            targets: list[tuple[str, Pos, str]] = []
            choices = self.choices(m, sid, targets)
            extensions.append(Extension(sid, extend.key_pos[sid], f.file, choices, targets))
        endings = f.mapping(root.get("endings"), root.val_pos.get("endings", root.pos), "`endings`")
        return scenes, extensions, endings if "endings" in root else None

    def scene(self, sid: str, m: YMap, pos: Pos) -> PendingScene:
        f = self.f
        if not _SCENE_KEY_SET.issuperset(m):
            f.keys(m, SCENE_KEYS, _scene(sid))
        if m.get("text") is None:
            f.require(m, "text", _scene(sid))
        text_source = f.text(m, "text")
        text = self.template(m, "text", text_source)
        ending = f.text(m, "ending") or None
        targets: list[tuple[str, Pos, str]] = []
        choices: list[Choice] = []
        if "choices" in m:
            choices = self.choices(m, sid, targets)
        if "next" in m:
            target = f.text(m, "next")
            if target != RETURN:
                targets.append((target, m.val_pos["next"], f.file))
            choices.append(
                Choice(
                    "continue",
                    compile_template("Continue", self.names),
                    (Route(target),),
                    pos=f.position(m.val_pos["next"]),
                    origin=f.file,
                    key=f"{sid}.continue",
                )
            )
        if ("choices" in m) + ("next" in m) + ("ending" in m) != 1:
            kinds = [k for k in ("choices", "next", "ending") if k in m]
            what = "has none of" if not kinds else "has more than one of"
            f.error(
                "E132",
                pos,
                f"scene `{sid}` {what} `choices`, `next` and `ending`",
                "give it choices, `next: <scene>`, or `ending: <ending id>`",
            )
        beat = f.text(m, "beat") or None
        if beat is not None and beat not in self.beats:
            f.error(
                "E134",
                m.val_pos["beat"],
                f"beat `{beat}` is not in the manifest's beats",
                suggest(beat, self.beats) or "add it to `beats:` in story.yaml",
            )
        tags = tuple(t for t, _ in f.strings(m, "tags")) if "tags" in m else ()
        title = m.get("title")
        if not isinstance(title, str):
            title = f.text(m, "title", sid.replace("_", " ").capitalize())
        scene = Scene(
            id=sid,
            title=title,
            text=text,
            choices=tuple(choices),
            ending=ending,
            location=f.text(m, "location"),
            tags=tags,
            beat=beat,
            effects=self.effects(m),
            minutes=self.minutes(m),
            pos=f.position(pos),
            words=count_words(text_source),
            choice_index={c.id: c for c in choices},
            requires=self.condition(m, "requires", None),
            mentions_absent=self.absent(m, sid),
        )
        self.plain_heading(m, "title")
        self.plain_heading(m, "location")
        return PendingScene(scene, targets, m.val_pos.get("ending"))

    def plain_heading(self, m: YMap, key: str) -> None:
        """`title:` and `location:` are shown as they are (in headers, saves and
        lists): a `{...}` or `*` in them would show raw, so it is refused."""
        value = m.get(key)
        if not isinstance(value, str):
            return
        found = re.search(r"(?<!\\)[{}*]", value)
        if found is not None:
            self.f.error(
                "E180",
                self.f.text_pos(m, key, found.start()),
                f"a scene's `{key}` is plain text: `{found.group()}` would show as it is",
                "write the name itself (Alexey, not {alexey}) and no emphasis; "
                "names, conditions and variations belong in `text:`",
            )

    def absent(self, m: YMap, sid: str) -> tuple[str, ...]:
        """`mentions_absent:` the characters the scene may name while dead or missing."""
        out = []
        for who, pos in self.f.strings(m, "mentions_absent"):
            if who in self.names.crew:
                out.append(who)
            else:
                self.f.error(
                    "E141",
                    pos,
                    f"`mentions_absent` of scene `{sid}` names `{who}`, who is not in the crew",
                    suggest(who, self.names.crew) or "list crew ids from `characters:`",
                )
        return tuple(out)

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
        f = self.f
        special = False
        if not _CHOICE_KEY_SET.issuperset(m):
            f.keys(m, CHOICE_KEYS, _choice(sid, index))
        elif "once" in m or "fallback" in m or "call" in m:
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
            cid = f.text(m, "id") or derive_choice_id(source)
            f.check_id(cid, m.val_pos["id"], "choice")
        else:
            cid = "fallback" if fallback and "text" not in m else derive_choice_id(source)
        reason = f.text(m, "reason") or None
        call = None
        if special and "call" in m:
            call = f.text(m, "call")
            targets.append((call, m.val_pos["call"], f.file))
        return Choice(
            id=cid,
            text=self.template(m, "text", source),
            routes=self.routes(m, targets),
            when=self.condition(m, "when", reason),
            reason=reason,
            hidden=f.boolean(m, "hidden") if "hidden" in m else False,
            effects=self.effects(m),
            minutes=self.minutes(m),
            pos=f.position(m.pos),
            origin=f.file,
            once=special and "once" in m and f.boolean(m, "once"),
            fallback=fallback,
            call=call,
            key=f"{home or sid}.{cid}",
            named="id" in m,
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
        key = _text_tuple(value)
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

    def template(self, m: YMap, key: str, source: str) -> Template:
        if len(source) > MAX_TEXT_CHARS:
            self.f.error(
                "E113",
                m.val_pos.get(key, m.pos),
                f"this text is {len(source):,} characters long; the limit is {MAX_TEXT_CHARS:,}",
                "split it into several scenes",
            )
            return Template("", ())
        if not has_markup(source):
            return static_template(join_lines(source.rstrip()))
        compiled = self.f.compiled(partial(self.cache.template, source), m, key, source)
        return compiled if compiled is not None else Template(source, (source,))
