"""Compiling `story.yaml`: characters, trust, variables, flags, items, endings.

The clock and walkthroughs are read here too but compiled once the scenes are
known, since they refer to scenes and choices (see `compiler.py`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from iss.authoring.fields import Fields
from iss.authoring.named_conditions import NamedCondition, read_named_conditions
from iss.authoring.suggestions import suggest
from iss.authoring.yaml_data import YList, YMap
from iss.engine.expressions import NAMESPACES
from iss.engine.limits import MAX_ID_CHARS, MAX_LINE_CHARS, TRUST_LIMIT
from iss.engine.model import NAME_TITLES, PRONOUNS, Character, Ending, Flag, Item, Variable

MANIFEST_KEYS = (
    "id",
    "title",
    "subtitle",
    "start",
    "trust",
    "characters",
    "crew_trust",
    "variables",
    "flags",
    "items",
    "clock",
    "endings",
    "beats",
    "walkthroughs",
    "properties",
    "facts",
    "conditions",
)
CHARACTER_KEYS = ("name", "short", "side", "trust", "player", "pronoun")
VARIABLE_KEYS = ("type", "min", "max", "default", "values")
ENDING_KEYS = ("title", "kind", "canonical", "hint")
TIMER_KEYS = ("label", "start", "expires", "while", "shown")
WALKTHROUGH_KEYS = ("ending", "choices", "from")
VARIABLE_TYPES = ("int", "bool", "text")


@dataclass
class Manifest:
    """What story.yaml declares, compiled where it can be on its own."""

    id: str = ""
    title: str = ""
    subtitle: str = ""
    start: str = ""
    trust_min: int = 0
    trust_max: int = 10
    trust_levels: tuple[str, ...] = ("hostile", "wary", "neutral", "trusting", "loyal")
    characters: dict[str, Character] = field(default_factory=dict)
    crew_trust: dict[str, int] = field(default_factory=dict)
    variables: dict[str, Variable] = field(default_factory=dict)
    flags: dict[str, Flag] = field(default_factory=dict)
    items: dict[str, Item] = field(default_factory=dict)
    endings: dict[str, Ending] = field(default_factory=dict)
    beats: tuple[str, ...] = ()
    clock: YMap | None = None
    walkthroughs: YMap | None = None
    root: YMap | None = None
    named: dict[str, NamedCondition] = field(default_factory=dict)
    """`conditions:` of the manifest and of every branch file."""


def compile_manifest(f: Fields, data: object, default_id: str) -> Manifest:
    out = Manifest(id=default_id)
    root = f.mapping(data, (1, 1), "story.yaml")
    if root is None:
        return out
    out.root = root
    f.keys(root, MANIFEST_KEYS, "story.yaml")
    for key in ("title", "start", "characters", "endings"):
        f.require(root, key, "story.yaml")
    out.id = f.text(root, "id", default_id)
    if "id" in root and len(out.id) > MAX_ID_CHARS:
        f.error(
            "E114",
            root.val_pos["id"],
            f"the story id is {len(out.id):,} characters long; the limit is {MAX_ID_CHARS}",
            "saves name the story by its id: keep it short",
        )
    out.title = f.line(root, "title", default_id)
    out.subtitle = f.line(root, "subtitle")
    out.start = f.text(root, "start")
    _trust_range(f, root, out)
    _characters(f, root, out)
    _crew_trust(f, root, out)
    _variables(f, root, out)
    _flags_and_items(f, root, out)
    read_named_conditions(f, root, out.named, {*out.variables, *out.characters})
    compile_endings(f, root.get("endings"), root.val_pos.get("endings", root.pos), out.endings)
    beats = root.get("beats")
    if isinstance(beats, YList):
        out.beats = tuple(str(b) for b in beats)
    elif beats is not None:
        f.error("E112", root.val_pos["beats"], "`beats` should be a list of beat ids")
    for key in ("clock", "walkthroughs"):
        value = f.mapping(root.get(key), root.val_pos.get(key, root.pos), f"`{key}`")
        setattr(out, key, value)
    return out


def _trust_range(f: Fields, root: YMap, out: Manifest) -> None:
    trust = f.mapping(root.get("trust"), root.val_pos.get("trust", root.pos), "`trust`")
    if not trust:
        return
    f.keys(trust, ("min", "max", "levels"), "`trust`")
    out.trust_min = f.integer(trust, "min", 0, -TRUST_LIMIT, TRUST_LIMIT)
    out.trust_max = f.integer(trust, "max", 10, -TRUST_LIMIT, TRUST_LIMIT)
    if out.trust_max <= out.trust_min:
        f.error("E113", trust.pos, "trust `max` must be greater than `min`")
        out.trust_max = out.trust_min + 1
    levels = [text for text, _ in f.strings(trust, "levels")]
    if levels:
        out.trust_levels = tuple(levels)


def _characters(f: Fields, root: YMap, out: Manifest) -> None:
    chars = f.mapping(
        root.get("characters"), root.val_pos.get("characters", root.pos), "`characters`"
    )
    if chars is None:
        return
    players = []
    for cid, body in chars.items():
        pos = chars.key_pos[cid]
        if not f.check_id(cid, pos, "character"):
            continue
        m = f.mapping(body, chars.val_pos[cid], f"character `{cid}`")
        if m is None:
            continue
        f.keys(m, CHARACTER_KEYS, f"character `{cid}`")
        name = f.line(m, "name", cid.title())
        words = [w for w in name.split() if w.rstrip(".") not in NAME_TITLES]
        short = f.line(m, "short", words[0] if words else name)
        player = f.boolean(m, "player")
        trust = f.integer(m, "trust", (out.trust_min + out.trust_max) // 2)
        if not player and not out.trust_min <= trust <= out.trust_max:
            f.error(
                "E113",
                m.val_pos["trust"],
                f"trust {trust} is outside {out.trust_min}..{out.trust_max}",
            )
        if player:
            players.append(cid)
        out.characters[cid] = Character(
            cid, name, short, f.text(m, "side"), trust, player, f.position(pos), _pronoun(f, m)
        )
    if len(players) != 1:
        f.error(
            "E113",
            chars.pos,
            f"exactly one character must have `player: true` (found {len(players)})",
            "mark the character the player plays with `player: true`",
        )


def _pronoun(f: Fields, m: YMap) -> str | None:
    """A character's `pronoun:` (`he`, `she` or `they`), or None when not given."""
    value = m.get("pronoun")
    if value is None:
        return None
    if isinstance(value, str) and value in PRONOUNS:
        return value
    shown = f"`{value}`" if isinstance(value, str) else "that"
    f.error(
        "E113",
        m.val_pos.get("pronoun", m.pos),
        f"`pronoun` is `he`, `she` or `they`, not {shown}",
        "write the pronoun the text uses for this character, or leave it out",
    )
    return None


def _crew_trust(f: Fields, root: YMap, out: Manifest) -> None:
    pairs = f.mapping(
        root.get("crew_trust"), root.val_pos.get("crew_trust", root.pos), "`crew_trust`"
    )
    if not pairs:
        return
    crew = [c for c, ch in out.characters.items() if not ch.player]
    for key in pairs:
        pos = pairs.key_pos[key]
        a, sep, b = key.partition("-")
        bad = [x for x in (a, b) if x not in crew]
        if not sep or bad or a == b:
            hint = suggest(bad[0], crew) if bad else ""
            f.error(
                "E113",
                pos,
                f"`{key}` is not a pair of two crew ids joined by `-`",
                hint or "write it like `alexey-nicholai: 8`",
            )
            continue
        pair = f"{a}-{b}" if a <= b else f"{b}-{a}"
        if pair in out.crew_trust:
            f.error("E120", pos, f"the pair {a}/{b} is declared twice")
            continue
        out.crew_trust[pair] = f.integer(pairs, key, out.trust_min, out.trust_min, out.trust_max)


def _variables(f: Fields, root: YMap, out: Manifest) -> None:
    variables = f.mapping(
        root.get("variables"), root.val_pos.get("variables", root.pos), "`variables`"
    )
    if not variables:
        return
    reserved = {*NAMESPACES, "true", "false"}
    for name, body in variables.items():
        pos = variables.key_pos[name]
        if not f.check_id(name, pos, "variable"):
            continue
        if name in reserved or name in out.characters:
            f.error(
                "E120",
                pos,
                f"`{name}` is already a name in expressions; pick another variable name",
            )
            continue
        m = f.mapping(body, variables.val_pos[name], f"variable `{name}`")
        if m is None:
            continue
        f.keys(m, VARIABLE_KEYS, f"variable `{name}`")
        kind = f.text(m, "type", "int")
        if kind not in VARIABLE_TYPES:
            f.error(
                "E113",
                m.val_pos.get("type", m.pos),
                f"unknown variable type `{kind}`",
                suggest(kind, VARIABLE_TYPES) or "use int, bool or text",
            )
            continue
        if kind == "int":
            low = f.integer(m, "min", 0) if "min" in m else None
            high = f.integer(m, "max", 0) if "max" in m else None
            default = f.integer(m, "default", low if low is not None and low > 0 else 0)
            out.variables[name] = Variable(name, kind, default, low, high, (), f.position(pos))
        elif kind == "bool":
            out.variables[name] = Variable(name, kind, f.boolean(m, "default"), pos=f.position(pos))
        else:
            values = tuple(t for t, _ in f.strings(m, "values"))
            word = f.text(m, "default", values[0] if values else "")
            if values and word not in values:
                f.error(
                    "E113",
                    m.val_pos.get("default", m.pos),
                    f"default `{word}` is not one of the values",
                    f"use one of: {', '.join(values)}",
                )
            out.variables[name] = Variable(name, kind, word, values=values, pos=f.position(pos))


def _flags_and_items(f: Fields, root: YMap, out: Manifest) -> None:
    flags = root.get("flags")
    if isinstance(flags, YList):
        for name, pos in f.strings(root, "flags"):
            if f.check_id(name, pos, "flag"):
                out.flags[name] = Flag(name, "", f.position(pos))
    else:
        m = f.mapping(flags, root.val_pos.get("flags", root.pos), "`flags`")
        for name, known in (m or {}).items():
            assert m is not None
            if not f.check_id(name, m.key_pos[name], "flag"):
                continue
            if isinstance(known, YMap | YList):
                f.error(
                    "E112",
                    m.val_pos[name],
                    f"the sentence of flag `{name}` should be text, not a "
                    f"{'mapping' if isinstance(known, YMap) else 'list'}",
                    "write the line the player reads once it is true, like `met: You met Alexey.`",
                )
                continue
            out.flags[name] = Flag(name, f.text(m, name), f.position(m.key_pos[name]))
    items = f.mapping(root.get("items"), root.val_pos.get("items", root.pos), "`items`")
    for iid, body in (items or {}).items():
        assert items is not None
        pos = items.key_pos[iid]
        if not f.check_id(iid, pos, "item"):
            continue
        if isinstance(body, YMap):
            f.keys(body, ("name", "description"), f"item `{iid}`")
            out.items[iid] = Item(
                iid, f.line(body, "name", iid), f.text(body, "description"), f.position(pos)
            )
        elif isinstance(body, YList):
            f.error(
                "E112",
                items.val_pos[iid],
                f"the name of item `{iid}` should be text, not a list",
                "write `key: Weronika's key`, or `key: {name: ..., description: ...}`",
            )
        else:
            out.items[iid] = Item(
                iid, f.text(items, iid, iid.replace("_", " ")), "", f.position(pos)
            )


BRANCH_DECLARATIONS = ("flags", "items", "variables")
"""What a scene file may declare for itself, next to `endings:` and `walkthroughs:`."""


def merge_declarations(f: Fields, root: YMap, into: Manifest) -> None:
    """A scene file's own `flags:`, `items:` and `variables:`, added to the manifest's.
    A name declared twice is an error naming both places."""
    if not any(key in root for key in BRANCH_DECLARATIONS):
        return
    own = Manifest(characters=into.characters)
    _variables(f, root, own)
    _flags_and_items(f, root, own)
    tables: tuple[tuple[str, dict[str, Any], dict[str, Any]], ...] = (
        ("flag", own.flags, into.flags),
        ("item", own.items, into.items),
        ("variable", own.variables, into.variables),
    )
    for kind, theirs, ours in tables:
        for name, thing in theirs.items():
            first = ours.get(name)
            if first is None:
                ours[name] = thing
                continue
            at = (thing.pos.line, thing.pos.col) if thing.pos else root.pos
            f.error(
                "E120",
                at,
                f"{kind} `{name}` is declared twice: in {first.pos} and in {thing.pos}",
                "declare it once; a branch can use what story.yaml or another branch declares",
            )


def compile_endings(f: Fields, data: object, pos: tuple[int, int], into: dict[str, Ending]) -> None:
    """Endings from the manifest or from a branch file's `endings:`."""
    endings = f.mapping(data, pos, "`endings`")
    for eid, body in (endings or {}).items():
        assert endings is not None
        epos = endings.key_pos[eid]
        if not f.check_id(eid, epos, "ending"):
            continue
        if eid in into:
            first = into[eid].pos
            f.error("E120", epos, f"ending `{eid}` is declared twice (first at {first})")
            continue
        m = f.mapping(body, endings.val_pos[eid], f"ending `{eid}`")
        if m is None:
            continue
        f.keys(m, ENDING_KEYS, f"ending `{eid}`")
        into[eid] = Ending(
            eid,
            f.line(m, "title", eid.replace("_", " ").title()),
            f.text(m, "kind", "ending"),
            f.boolean(m, "canonical"),
            f.line(m, "hint", limit=MAX_LINE_CHARS),
            f.position(epos),
        )
