"""A compiled story as plain data (JSON-ready), and back: what the story cache holds.

    data = encode(story, names, diagnostics, files)    # lists, dicts, str, int, bool
    story, diagnostics, files = decode(data)            # raises on anything malformed

Compiled conditions, effects and templates are closures, which no file can
hold safely; each is kept as its source (and a condition's reasons) and
compiled again, by the same functions and shared by source text as in a
load, when the story is decoded. Every other field is written as it is,
by a codec worked out from the field's annotation: a field added to a model
record is stored without a change here, and a type this module does not know
is refused when the codecs are built (a test builds them all).

Scenes are decoded when first looked up (`LazyScenes`): a 10,000-scene
story is ready as soon as its manifest is, and a playthrough only compiles
the scenes it visits.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import Field, fields
from functools import partial
from typing import Any

from iss.authoring.codes import CODES
from iss.authoring.compiling import CompileCache, join_conditions
from iss.authoring.diagnostics import Diagnostic
from iss.engine import model
from iss.engine.expressions import Names
from iss.engine.model import Condition, Effect, Scene, Story
from iss.engine.template import deferred
from iss.engine.text import Template, has_markup, join_lines, static_template

Encode = Callable[[Any], Any]
Decode = Callable[[Any], Any]

_PLAIN = frozenset(
    {"str", "int", "bool", "Value", "str | None", "int | None", "bool | None", "Value | None"}
)
_RECORDS: dict[str, type] = {
    name: cls
    for name, cls in vars(model).items()
    if isinstance(cls, type) and cls.__module__ == model.__name__ and hasattr(cls, "__slots__")
}
_SPECIAL = frozenset({"Condition", "Effect", "Template", "Story"})
_DERIVED = {("Scene", "choice_index")}
"""Fields rebuilt from others instead of stored."""


def _same(value: Any) -> Any:
    return value


class DataError(ValueError):
    """The data does not describe a story this code can build."""


class Codecs:
    """Encoders and decoders by type annotation; decoding compiles through `cache`."""

    def __init__(self, cache: CompileCache | None = None) -> None:
        self.cache = cache
        self._made: dict[str, tuple[Encode, Decode]] = {}

    def get(self, annotation: str) -> tuple[Encode, Decode]:
        found = self._made.get(annotation)
        if found is None:
            found = self._made[annotation] = self._make(annotation.strip())
        return found

    def _make(self, tp: str) -> tuple[Encode, Decode]:
        if tp in _PLAIN:
            return _same, _same
        if tp.endswith(" | None"):
            enc, dec = self.get(tp[: -len(" | None")])
            return (
                lambda v: None if v is None else enc(v),
                lambda v: None if v is None else dec(v),
            )
        if tp.startswith("tuple[") and tp.endswith(", ...]"):
            inner = tp[len("tuple[") : -len(", ...]")]
            if inner in _PLAIN:
                return list, tuple
            enc, dec = self.get(inner)
            return (lambda v: [enc(x) for x in v], lambda v: tuple([dec(x) for x in v]))
        if tp == "frozenset[str]":
            return sorted, frozenset
        if tp.startswith("Mapping[str, ") and tp.endswith("]"):
            enc, dec = self.get(tp[len("Mapping[str, ") : -1])
            if enc is _same and dec is _same:
                return dict, _plain_dict
            return (
                lambda v: {k: enc(x) for k, x in v.items()},
                lambda v: {_text(k): dec(x) for k, x in _items(v)},
            )
        if tp == "Condition":
            return _encode_condition, self._condition
        if tp == "Effect":
            return _encode_effect, self._effect
        if tp == "Template":
            return _encode_template, self._template
        cls = _RECORDS.get(tp)
        if cls is not None and tp not in _SPECIAL:
            return self.record(cls)
        raise TypeError(f"the story cache cannot store a `{tp}`")

    def record(self, cls: type) -> tuple[Encode, Decode]:
        names = [f.name for f in fields(cls) if (cls.__name__, f.name) not in _DERIVED]
        codecs = [self.get(_type(f)) for f in fields(cls) if f.name in names]
        encoders = list(zip(names, [c[0] for c in codecs], strict=True))
        decoders = [c[1] for c in codecs]
        count = len(decoders)
        derive = _choice_index if cls is Scene else None

        def encode(obj: Any) -> list[Any]:
            if derive is not None and derive(obj) != obj.choice_index:
                raise DataError(f"scene `{obj.id}`: its choice index is not its choices")
            return [enc(getattr(obj, name)) for name, enc in encoders]

        def decode(data: Any) -> Any:
            if type(data) is not list or len(data) != count:
                raise DataError(f"a {cls.__name__} of {count} fields was expected")
            # By name: a derived field left out may stand before stored ones.
            obj = cls(**{n: dec(v) for n, dec, v in zip(names, decoders, data, strict=True)})
            if derive is not None:
                obj.choice_index = derive(obj)
            return obj

        return encode, decode

    def _cache(self) -> CompileCache:
        if self.cache is None:
            raise DataError("decoding needs the story's names")
        return self.cache

    def _condition(self, data: Any) -> Condition:
        source, reasons, parts = data
        if parts:
            conditions, at = [], 0
            for part in parts:
                condition = self._clauses(_text(part), reasons[at:])
                at += len(condition.clauses)
                conditions.append(condition)
            joined = join_conditions(conditions)
            if joined.source != source or at != len(reasons):
                raise DataError(f"condition `{source}` does not rebuild")
            return joined
        return self._clauses(_text(source), reasons)

    def _clauses(self, source: str, reasons: list[Any]) -> Condition:
        """The condition compiled from `source` whose clauses give `reasons` (in front)."""
        cache = self._cache()
        condition = cache.condition(source, None)
        count = len(condition.clauses)
        wanted = reasons[:count]
        if [reason for _, reason in condition.clauses] != wanted:
            if not wanted or any(r != wanted[0] for r in wanted):
                raise DataError(f"condition `{source}` does not rebuild")
            condition = cache.condition(source, _text(wanted[0]))
        return condition

    def _effect(self, data: Any) -> Effect:
        return self._cache().effect(_text(data))

    def _template(self, data: Any) -> Template:
        """Text with markup is compiled when first read (`deferred`): an explorer decodes
        every scene and renders none of them. It compiled cleanly when the entry was
        written, by this same code (the key holds its fingerprint)."""
        source = _text(data)
        if not has_markup(source):
            return static_template(join_lines(source.rstrip()))
        return deferred(source, partial(self._cache().template, source))


def _type(declared: Field[Any]) -> str:
    """A field's annotation as written (the model modules postpone annotations)."""
    if not isinstance(declared.type, str):
        raise TypeError(f"`{declared.name}` has an annotation the cache cannot read")
    return declared.type


def _text(value: Any) -> str:
    if type(value) is not str:
        raise DataError("text was expected")
    return value


def _items(value: Any) -> Iterator[tuple[Any, Any]]:
    if type(value) is not dict:
        raise DataError("a mapping was expected")
    return iter(value.items())


def _plain_dict(value: Any) -> dict[str, Any]:
    return dict(_items(value))


def _choice_index(scene: Scene) -> dict[str, model.Choice]:
    return {c.id: c for c in scene.choices}


def _encode_condition(condition: Condition) -> list[Any]:
    return [condition.source, [reason for _, reason in condition.clauses], list(condition.parts)]


def _encode_effect(effect: Effect) -> str:
    return effect.source


def _encode_template(template: Template) -> str:
    return template.source


Fallback = Callable[[], Mapping[str, Scene]]


class LazyScenes(Mapping[str, Scene]):
    """A story's scenes, each decoded the first time it is looked up.

    `fetch(id)` gives a scene's data as `encode` wrote it; `ids` holds the
    scenes' ids in the story's order. Should a scene's data not decode (a
    cache written by a bug, or by hand), `fallback()` gives every scene
    compiled from source instead, and those are used from then on.
    """

    __slots__ = ("_built", "_decode", "_fallback", "_fetch", "_ids")

    def __init__(
        self,
        ids: Mapping[str, Any],
        fetch: Callable[[str], Any],
        decode: Decode,
        fallback: Fallback | None = None,
    ) -> None:
        self._ids = ids
        self._fetch = fetch
        self._decode = decode
        self._fallback = fallback
        self._built: dict[str, Scene] = {}

    def __getitem__(self, key: str) -> Scene:
        scene = self._built.get(key)
        if scene is None:
            if key not in self._ids:
                raise KeyError(key)
            try:
                scene = self._built[key] = self._decode(self._fetch(key))
            except Exception:  # whatever a bad file makes the compiler raise
                if self._fallback is None:
                    raise
                self._built = dict(self._fallback())
                self._fallback = None
                scene = self._built[key]
        return scene

    def __contains__(self, key: object) -> bool:
        return key in self._ids

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)

    def __repr__(self) -> str:
        return f"LazyScenes({len(self._ids)} scenes, {len(self._built)} decoded)"


_STORY_FIELDS = [f for f in fields(Story) if f.name != "scenes"]
_NAMES_FIELDS = list(fields(Names))


def encode(
    story: Story, names: Names, diagnostics: list[Diagnostic], files: list[str]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The story, the names its expressions were compiled against, and what the load
    said; and apart, each scene's data by id (read back one by one, when needed)."""
    codecs = Codecs()
    scene = codecs.get("Scene")[0]
    head = {
        "names": [codecs.get(_type(f))[0](getattr(names, f.name)) for f in _NAMES_FIELDS],
        "story": [codecs.get(_type(f))[0](getattr(story, f.name)) for f in _STORY_FIELDS],
        "diagnostics": [[d.code, d.file, d.line, d.col, d.message, d.hint] for d in diagnostics],
        "files": list(files),
    }
    return head, {sid: scene(s) for sid, s in story.scenes.items()}


def decode(
    head: Any, ids: Mapping[str, Any], fetch: Callable[[str], Any], fallback: Fallback | None = None
) -> tuple[Story, list[Diagnostic], list[str]]:
    """The story `encode` wrote, from its head and a way to `fetch` each scene's data.

    Raises `DataError` (or another ValueError, TypeError, KeyError or IndexError)
    when the head is not what `encode` wrote; a scene's data is checked when the
    scene is first looked up (see `LazyScenes` for what `fallback` does).
    """
    if type(head) is not dict:
        raise DataError("a mapping was expected")
    names = _decode_fields(Names, _NAMES_FIELDS, Codecs(), head["names"])
    codecs = Codecs(CompileCache(names))
    values = _decode_fields(None, _STORY_FIELDS, codecs, head["story"])
    story = Story(scenes=LazyScenes(ids, fetch, codecs.get("Scene")[1], fallback), **values)
    diagnostics = [_diagnostic(d) for d in head["diagnostics"]]
    files = [_text(f) for f in head["files"]]
    return story, diagnostics, files


def _diagnostic(data: Any) -> Diagnostic:
    code, file, line, col, message, hint = data
    if code not in CODES or type(line) is not int or type(col) is not int:
        raise DataError("a diagnostic was expected")
    return Diagnostic(code, _text(file), line, col, _text(message), _text(hint))


def _decode_fields(cls: Any, declared: list[Any], codecs: Codecs, data: Any) -> Any:
    if type(data) is not list or len(data) != len(declared):
        raise DataError("the fields are not the ones this version stores")
    values = {f.name: codecs.get(_type(f))[1](v) for f, v in zip(declared, data, strict=True)}
    return values if cls is None else cls(**values)
