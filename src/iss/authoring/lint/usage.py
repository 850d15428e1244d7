"""Lint: where the story reads and writes its names (W203 set-never-read, W204
read-never-set, W205 unused), and walkers over every condition, effect and text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from iss.authoring.diagnostics import Diagnostic
from iss.authoring.explore import is_update, target_name
from iss.engine.model import Choice, Condition, Effect, Position, Story, pair_members
from iss.engine.template import Branch, Piece, Variation
from iss.engine.text import Template


@dataclass(frozen=True, slots=True)
class Place:
    """Where something is written, and a few words saying what it is."""

    pos: Position | None
    what: str

    def diagnostic(self, code: str, message: str, hint: str = "") -> Diagnostic:
        pos = self.pos
        if pos is None:
            return Diagnostic(code, "story.yaml", 1, 1, message, hint)
        return Diagnostic(code, pos.file, pos.line, pos.col, message, hint)


def template_conditions(template: Template) -> Iterator[Condition]:
    """The conditions of a template's `{if ...: }` fragments, nested ones included, and
    those inside variations (`{cycle: {if flag.x: a | b} | c}`): any item may show."""
    if not template.dynamic:
        return  # no fragment at all
    work: list[Piece] = list(template.pieces)
    while work:
        piece = work.pop()
        if isinstance(piece, Branch):
            yield piece.when
            work.extend(piece.then)
            work.extend(piece.otherwise)
        elif isinstance(piece, Variation):
            for item in piece.items:
                work.extend(item)


def conditions(story: Story) -> Iterator[tuple[Condition, Place]]:
    """Every condition in the story, with where it is written."""
    for timer in story.timers.values():
        if timer.running is not None:
            yield timer.running, Place(timer.pos, f"the `while:` of timer `{timer.id}`")
    for prop in story.properties:
        yield prop.condition, Place(prop.pos, f"property `{prop.name}`")
    for scene in story.scenes.values():
        if scene.requires is not None:
            yield scene.requires, Place(scene.pos, f"the `requires:` of scene `{scene.id}`")
        for cond in template_conditions(scene.text):
            yield cond, Place(scene.pos, f"the text of scene `{scene.id}`")
        for choice in scene.choices:
            place = Place(choice.pos or scene.pos, f"choice `{choice.id}` of scene `{scene.id}`")
            if choice.when is not None:
                yield choice.when, place
            for cond in template_conditions(choice.text):
                yield cond, Place(place.pos, f"the text of {place.what}")
            if choice.reason is not None:
                for cond in template_conditions(choice.reason):
                    at = choice.reason_pos or place.pos
                    yield cond, Place(at, f"the reason of {place.what}")
            for route in choice.routes:
                if route.when is not None:
                    yield (
                        route.when,
                        Place(place.pos, f"the route to `{route.scene}` of {place.what}"),
                    )


def bare_conditions(story: Story) -> Iterator[Condition]:
    """The conditions of `conditions()`, in the same order, without their places."""
    for timer in story.timers.values():
        if timer.running is not None:
            yield timer.running
    for prop in story.properties:
        yield prop.condition
    for scene in story.scenes.values():
        if scene.requires is not None:
            yield scene.requires
        if scene.text.dynamic:
            yield from template_conditions(scene.text)
        for choice in scene.choices:
            if choice.when is not None:
                yield choice.when
            if choice.text.dynamic:
                yield from template_conditions(choice.text)
            if choice.reason is not None:
                yield from template_conditions(choice.reason)
            for route in choice.routes:
                if route.when is not None:
                    yield route.when


def condition_names(story: Story) -> set[str]:
    """Every name any condition reads: the names of `conditions()`, without their places."""
    out: set[str] = set()
    # Conditions are compiled once per source text and shared: a large story repeats a
    # few dozen objects tens of thousands of times, and each adds its names once.
    for cond in {id(c): c for c in bare_conditions(story)}.values():
        out |= cond.names
    return out


def effects(story: Story) -> Iterator[tuple[Effect, Place]]:
    """Every effect in the story, with where it is written."""
    for scene in story.scenes.values():
        for effect in scene.effects:
            yield effect, Place(scene.pos, f"scene `{scene.id}`")
        for choice in scene.choices:
            for effect in choice.effects:
                yield effect, Place(choice.pos or scene.pos, f"choice `{choice.id}`")


def templates(story: Story) -> Iterator[Template]:
    for scene in story.scenes.values():
        yield scene.text
        for choice in scene.choices:
            yield from choice_templates(choice)


def choice_templates(choice: Choice) -> tuple[Template, ...]:
    """A choice's text and, when it has one, its `reason:`: both are shown text."""
    return (choice.text,) if choice.reason is None else (choice.text, choice.reason)


@dataclass
class Usage:
    """Which names the story reads, and where it first sets each one."""

    reads: set[str] = field(default_factory=set)
    sets: dict[str, Place] = field(default_factory=dict)
    prose: str = ""
    """All scene and choice text, lowercased, for finding characters named in prose."""


def usage(story: Story) -> Usage:
    out = Usage()
    out.reads |= condition_names(story)
    # Effects are compiled once per source text and shared: an effect met again reads
    # what it read the first time and sets a name that already has its first place.
    met: set[int] = set()
    for scene in story.scenes.values():  # the places as `effects()` gives them
        for effect in scene.effects:
            if id(effect) in met:
                continue
            met.add(id(effect))
            name = _use(out, effect)
            if name is not None:
                out.sets[name] = Place(scene.pos, f"scene `{scene.id}`")
        for choice in scene.choices:
            for effect in choice.effects:
                if id(effect) in met:
                    continue
                met.add(id(effect))
                name = _use(out, effect)
                if name is not None:
                    out.sets[name] = Place(choice.pos or scene.pos, f"choice `{choice.id}`")
    texts = []
    for template in templates(story):
        out.reads |= template.names
        texts.append(template.source)
    out.prose = "\n".join(texts).lower()
    return out


def _use(out: Usage, effect: Effect) -> str | None:
    """Record what `effect` reads; the name it sets when no effect before set it."""
    name = target_name(effect.target)
    if is_update(effect):
        out.reads |= effect.reads - {name}  # `x += 1` alone is not a use of x
    else:
        out.reads |= effect.reads
    return None if name in out.sets else name


def _at(pos: Position | None) -> str:
    return f" (at {pos})" if pos is not None else ""


def check_names(story: Story, used: Usage) -> list[Diagnostic]:
    """W203, W204 and W205."""
    out: list[Diagnostic] = []
    declared: list[tuple[str, str, Position | None, bool]] = [
        (f"flag.{f.name}", "flag", f.pos, bool(f.known)) for f in story.flags.values()
    ]
    declared += [(f"var.{v.name}", "variable", v.pos, False) for v in story.variables.values()]
    for name, kind, pos, shown in declared:
        short = name.partition(".")[2]
        where = Place(pos, f"{kind} `{short}`")
        is_set, is_read = name in used.sets, name in used.reads
        if is_set and not is_read and not shown:
            out.append(
                where.diagnostic(
                    "W203",
                    f"{kind} `{short}` is set but never read",
                    f"it is set by {used.sets[name].what}{_at(used.sets[name].pos)}; read it in "
                    "a `when:` or in text"
                    + (", give it a sentence for the journal" if kind == "flag" else "")
                    + ", or remove it",
                )
            )
        elif is_read and not is_set:
            always = (
                "false" if kind == "flag" else f"its default, {story.variables[short].default!r}"
            )
            out.append(
                where.diagnostic(
                    "W204",
                    f"{kind} `{short}` is read but never set, so it is always {always}",
                    f"set it with `do: {short if kind == 'variable' else name} = ...` somewhere",
                )
            )
    for item in story.items.values():
        name = f"has.{item.id}"
        where = Place(item.pos, f"item `{item.id}`")
        if name in used.reads and name not in used.sets:
            out.append(
                where.diagnostic(
                    "W204",
                    f"item `{item.id}` is checked but never given, so `has.{item.id}` is always false",
                    f"give it with `do: has.{item.id} = true`",
                )
            )
        elif name not in used.reads and name not in used.sets:
            out.append(
                where.diagnostic(
                    "W205",
                    f"item `{item.id}` is never used",
                    f"give it with `do: has.{item.id} = true` and check `has.{item.id}`, "
                    "or remove it",
                )
            )
    for character in story.crew:
        if not _character_used(story, character.id, used):
            out.append(
                Place(character.pos, "").diagnostic(
                    "W205",
                    f"character `{character.id}` ({character.name}) never appears",
                    f"write `{{{character.id}}}` in a scene, use `trust.{character.id}`, "
                    "or remove the character",
                )
            )
    return out


def _character_used(story: Story, cid: str, used: Usage) -> bool:
    if any(_names_character(name, cid) for name in used.reads | set(used.sets)):
        return True
    character = story.characters[cid]
    words = {f"{{{cid}}}", character.short.lower(), character.name.lower()}
    return any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", used.prose) for w in words if w)


def _names_character(name: str, cid: str) -> bool:
    head, _, rest = name.partition(".")
    if head == "trust":
        return cid in pair_members(rest)
    return head == "status" and rest == cid
