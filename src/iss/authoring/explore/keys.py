"""State keys, compiled to one function per scene (see `Relevance.key_function`).

A scene's key tells two states apart exactly when they differ in the value of
a name that matters there (`live`), each as it is read (`relevance.reader`)
and then clamped, bucketed or scaled as the key asks. The searches compute
one for every state they reach, and only look it up: two keys must be equal
exactly when the tuples of those values, name by name, would be. Built from a
closure per name, a key of twenty-five names cost twenty-five Python calls and
a list; here each scene's key is one function whose body reads every name
inline, and the names it takes as they are together: the flags (or items,
scenes seen, choices taken) of the key as one frozenset, those the state holds
(`K0 & f0`), and a dict's plain names with one `itemgetter`:

    def key(s, K0=K0, K1=K1, K2=K2, K3=K3, ...):
        f0 = s.flags
        f1 = s.trust
        return (K0 & f0, (K3 if K3 < (v1 := (K2 if K2 > (v0 := f1[K1]) else v0)) else v1), ...)

The source is made from this module's own text only: every name, bound and
cut point of the story is passed in as a constant (`K0`, `K1`, ...), never
written into the source. Keys merge the states the closures' keys merge
(`tests/authoring/test_explore_walks.py` compares them on every state the
searches reach, `tests/authoring/test_explore_keys.py` with a plain key per
name on generated states). A key reads a `GameState` and a `Walk` alike. The
quick search asks for two keys of every state (`compile_keys`): one function
reads each name once into a local and returns both, each merging what the
single key (`compile_key`) merges.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from operator import itemgetter
from types import CodeType
from typing import Any

StateKey = tuple[Any, ...]
KeyFunction = Callable[[Any], StateKey]
"""A state's key: of a `GameState` or a `Walk` (anything with a state's fields)."""
KeyPairFunction = Callable[[Any], tuple[StateKey, StateKey]]
"""A state's two keys at once (the quick search's, `compile_keys`)."""

Transform = tuple[str, Any]
"""How a name's value enters the key: ("plain", None), ("clamp", (low, high)),
("bucket", sorted cut points) or ("scale", step)."""
PLAIN: Transform = ("plain", None)

INLINE_CUTS = 8
"""Buckets of up to this many cut points are compared inline (more: `bisect_right`)."""
_INF = float("inf")
_DICTS = {"trust": "trust", "clock": "clock", "status": "status", "visits": "visits"}
_SETS = {"flag": "flags", "has": "items", "seen": "visited", "taken": "taken"}
_GROUPED = frozenset({"trust", "crew_trust", "clock", "status", "variables"})
"""Dicts whose names a key reads plainly are read with one `itemgetter` (every name is
there: `visits` is read with a default instead)."""


def where(name: str) -> tuple[str, str]:
    """(the state's field that holds `name`, its key there), as `relevance.reader` reads."""
    head, _, rest = name.partition(".")
    if head == "trust":
        return ("crew_trust" if "-" in rest else "trust"), rest
    if head in _SETS:
        return _SETS[head], rest
    if head == "calls":
        return "calls", ""
    return _DICTS.get(head, "variables"), rest


def compile_key(names: Iterable[str], transforms: Mapping[str, Transform]) -> KeyFunction:
    """The key of the values of `names`, sorted, each transformed as `transforms` says."""
    compiled: KeyFunction = _compile(names, (transforms,), pair=False)
    return compiled


def compile_keys(
    names: Iterable[str], transforms: Mapping[str, Transform], coarse: Mapping[str, Transform]
) -> KeyPairFunction:
    """Both keys of the quick search in one call, each name read once (one function
    compiled instead of two, and called once): the first merges the states that
    `compile_key(names, transforms)` merges, the second those `compile_key(names,
    coarse)` merges (a name read as it is in one and transformed in the other is read
    apart in both, so the tuples may differ)."""
    compiled: KeyPairFunction = _compile(names, (transforms, coarse), pair=True)
    return compiled


def _compile(
    names: Iterable[str], transforms: tuple[Mapping[str, Transform], ...], pair: bool
) -> Any:
    constants: dict[str, object] = {}
    fields: dict[str, str] = {}
    temporaries: list[str] = []
    reads: list[str] = []

    def constant(value: object) -> str:
        label = f"K{len(constants)}"
        constants[label] = value
        return label

    def temporary() -> str:
        temporaries.append(f"v{len(temporaries)}")
        return temporaries[-1]

    # Names every key reads as they are (no clamp, bucket or scale) are read together:
    # a set's as the frozenset of those it holds, a dict's through one `itemgetter`.
    together: dict[str, list[str]] = {}
    apart: list[tuple[str, str, str]] = []
    for name in sorted(names):
        field, key = where(name)
        plain = all(table.get(name, PLAIN) == PLAIN for table in transforms)
        if plain and (field in _SETS.values() or field in _GROUPED):
            together.setdefault(field, []).append(key)
        else:
            apart.append((name, field, key))
    shared: list[str] = []
    for field, keys_read in together.items():
        local = fields.setdefault(field, f"f{len(fields)}")
        if field in _SETS.values():
            shared.append(f"{constant(frozenset(keys_read))} & {local}")
        elif len(keys_read) == 1:
            shared.append(f"{local}[{constant(keys_read[0])}]")
        else:
            shared.append(f"{constant(itemgetter(*keys_read))}({local})")
    if pair and len(transforms) > 1:  # computed once, into locals both keys use
        reads += [f"    r{i} = {read}" for i, read in enumerate(shared)]
        shared = [f"r{i}" for i in range(len(shared))]
    keys: list[list[str]] = [list(shared) for _ in transforms]
    for name, field, key in apart:
        local = fields.setdefault(field, f"f{len(fields)}")
        if field in _SETS.values():
            read = f"{constant(key)} in {local}"
        elif field == "calls":
            read = f"{constant('/')}.join({local})"
        elif field == "visits":
            read = f"{local}.get({constant(key)}, 0)"
        else:
            read = f"{local}[{constant(key)}]"
        if pair:  # read once, into a local both keys use
            reads.append(f"    r{len(reads)} = {read}")
            read = f"r{len(reads) - 1}"
        for out, table in zip(keys, transforms, strict=True):
            out.append(_transformed(read, table.get(name, PLAIN), constant, temporary))
    if not keys[0]:
        return _empty_pair if pair else _empty
    # The constants are default arguments: read as locals, faster than globals.
    lines = [f"def key(s, {', '.join(f'{k}={k}' for k in constants)}):"]
    lines += [f"    {local} = s.{field}" for field, local in fields.items()]
    lines += reads
    tuples = [f"({', '.join(values)},)" for values in keys]
    lines.append(f"    return {', '.join(tuples)}")
    namespace: dict[str, Any] = {"bisect_right": bisect_right, **constants}
    return define("\n".join(lines), "key", namespace)  # the story's values are constants


def define(source: str, name: str, namespace: dict[str, Any]) -> Any:
    """Run `source`, text this package generates (never the story's: its values come
    in `namespace`), and return what it defines as `name`. Keys of the same shape
    (and marks tests of the same counts, `marks.py`) share their source: each text
    is compiled once."""
    exec(_compiled(source), namespace)
    return namespace[name]


@lru_cache(maxsize=1024)
def _compiled(source: str) -> CodeType:
    return compile(source, "<explore: generated>", "exec")


def _transformed(
    read: str,
    transform: Transform,
    constant: Callable[[object], str],
    temporary: Callable[[], str],
) -> str:
    """`read` transformed, as an expression. A clamp and a bucket of a few cut points
    are written out as the comparisons `min`, `max` and `bisect_right` make (so the
    same value, of the same type), without a call each; `temporary()` names a local
    that holds the value read (unless `read` is a local already)."""
    kind, arg = transform

    def bound() -> tuple[str, str]:
        """(the expression that reads the value first, a name that holds it after)."""
        if read.isidentifier():
            return read, read
        value = temporary()
        return f"({value} := {read})", value

    if kind == "clamp":
        low, high = arg
        first, value = bound()
        if low == -_INF:  # min(v, high) is high only when high < v
            top = constant(high)
            return f"({top} if {top} < {first} else {value})"
        bottom = constant(low)
        raised = f"({bottom} if {bottom} > {first} else {value})"  # max(v, low)
        if high == _INF:
            return raised
        top, kept = constant(high), temporary()
        return f"({top} if {top} < ({kept} := {raised}) else {kept})"
    if kind == "bucket":
        cuts = tuple(arg)
        if len(cuts) > INLINE_CUTS:
            return f"bisect_right({constant(arg)}, {read})"
        first, value = bound()
        out = str(len(cuts))  # bisect_right: how many cut points are <= the value
        for i in reversed(range(len(cuts))):
            tested = first if i == 0 else value
            out = f"({i} if {tested} < {constant(cuts[i])} else {out})"
        return out
    if kind == "scale":  # 0 stays 0: an expired timer is its own bucket
        return f"-(-int({read}) // {constant(arg)})"
    return read


def _empty(state: object) -> StateKey:
    return ()


def _empty_pair(state: object) -> tuple[StateKey, StateKey]:
    return (), ()
