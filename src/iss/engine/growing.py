"""A playthrough's history and visited scenes, extended in constant time.

    history = extended(state.history, "open_the_hatch")   # a Trail: a tuple to its readers
    visited = with_member(state.visited, "airlock")        # a Seen: a frozenset to its readers

Every step of a game adds a choice to the history and often a scene to the
visited set. As a tuple and a frozenset, each step copied both whole: a
playthrough of n steps cost n² (at 1,000 choices, a step spent more time
copying than playing). A `Trail` and a `Seen` share one growing buffer with
the states before them: a step that extends the newest state appends to it
(constant time); extending an older state again (an undo, an explorer trying
another choice) copies what that state holds into a new buffer, once.

To everything that reads them they are the tuple and the frozenset they
stand for: equal to them, with the same hash, order (a `Trail`) and
members, so `GameState` equality, hashing and saves do not change. Slices
and set operations give plain tuples and frozensets.

Growing takes no lock: a step appends its item and then checks that the
buffer holds exactly one more item than before. Appending to a list and
reading its length are each atomic, so of two threads extending the same
state at once at most one sees that, and the other (or both) copies instead;
what a losing thread appended lies past every claimed prefix and is never
read (and no buffer that holds it grows again).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from itertools import islice
from typing import Any, overload


class _Buffer:
    """Items in the order they were added, shared by every state that holds a prefix."""

    __slots__ = ("index", "items")

    def __init__(self, items: list[str], indexed: bool) -> None:
        self.items = items
        self.index: dict[str, int] | None = (
            {item: at for at, item in enumerate(items)} if indexed else None
        )

    def grown(self, size: int, item: str) -> _Buffer | None:
        """Append `item` if `size` is the whole buffer (None if it has grown past it, or
        another thread appended at the same moment)."""
        items = self.items
        if len(items) != size:
            return None
        items.append(item)
        if len(items) != size + 1:
            return None  # another thread appended too: neither claims the buffer
        if self.index is not None:
            self.index[item] = size
        return self


class Trail(Sequence[str]):
    """The first `size` items of a shared buffer, standing in for `tuple(items)`."""

    __slots__ = ("_buffer", "_size", "_tuple")

    def __init__(self, buffer: _Buffer, size: int) -> None:
        self._buffer = buffer
        self._size = size
        self._tuple: tuple[str, ...] | None = None

    def as_tuple(self) -> tuple[str, ...]:
        if self._tuple is None:
            self._tuple = tuple(islice(self._buffer.items, self._size))
        return self._tuple

    def __len__(self) -> int:
        return self._size

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[str, ...]: ...
    def __getitem__(self, index: int | slice) -> str | tuple[str, ...]:
        if isinstance(index, slice):
            return self.as_tuple()[index]
        at = index + self._size if index < 0 else index
        if not 0 <= at < self._size:
            raise IndexError("history index out of range")
        return self._buffer.items[at]

    def __iter__(self) -> Iterator[str]:
        return iter(self.as_tuple())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Trail):
            if other._buffer is self._buffer:
                return other._size == self._size
            return other._size == self._size and other.as_tuple() == self.as_tuple()
        if isinstance(other, tuple):
            return len(other) == self._size and other == self.as_tuple()
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.as_tuple())

    def __repr__(self) -> str:
        return repr(self.as_tuple())


class Seen(AbstractSet[str]):
    """The first `size` items of a shared, indexed buffer, standing in for a frozenset."""

    __slots__ = ("_buffer", "_frozen", "_size")

    def __init__(self, buffer: _Buffer, size: int) -> None:
        self._buffer = buffer
        self._size = size
        self._frozen: frozenset[str] | None = None

    def as_frozenset(self) -> frozenset[str]:
        if self._frozen is None:
            self._frozen = frozenset(islice(self._buffer.items, self._size))
        return self._frozen

    def __contains__(self, item: object) -> bool:
        index = self._buffer.index
        assert index is not None
        at = index.get(item)  # type: ignore[call-overload]
        return at is not None and at < self._size

    def __len__(self) -> int:
        return self._size

    def __iter__(self) -> Iterator[str]:
        return iter(self.as_frozenset())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Seen) and other._buffer is self._buffer:
            return other._size == self._size
        if isinstance(other, AbstractSet):
            return len(other) == self._size and self.as_frozenset() == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.as_frozenset())

    @classmethod
    def _from_iterable(cls, items: Iterable[Any]) -> frozenset[Any]:
        """Set operations (`-`, `&`, `|`) give plain frozensets."""
        return frozenset(items)

    def __repr__(self) -> str:
        return repr(self.as_frozenset())


def extended(history: Sequence[str], item: str) -> tuple[str, ...]:
    """`(*history, item)`, in constant time when `history` is the newest of its trail."""
    if type(history) is Trail:
        size = history._size
        buffer = history._buffer
        items = buffer.items
        if len(items) == size:  # `_Buffer.grown`, written out: every step extends a history
            items.append(item)
            if len(items) == size + 1:
                return Trail(buffer, size + 1)  # type: ignore[return-value]
        items = list(islice(items, size))
    else:
        items = list(history)
    items.append(item)
    return Trail(_Buffer(items, indexed=False), len(items))  # type: ignore[return-value]


def with_member(members: AbstractSet[str], item: str) -> frozenset[str]:
    """`members | {item}`, in constant time when `members` is the newest of its buffer."""
    if type(members) is Seen:
        size = members._size
        buffer = members._buffer
        index = buffer.index
        assert index is not None
        at = index.get(item)
        if at is not None and at < size:
            return members  # type: ignore[return-value]
        grown = buffer.grown(size, item)
        if grown is not None:
            return Seen(grown, size + 1)  # type: ignore[return-value]
        items = list(islice(buffer.items, size))
    else:
        if item in members:
            return members  # type: ignore[return-value]
        items = list(members)
    items.append(item)
    return Seen(_Buffer(items, indexed=True), len(items))  # type: ignore[return-value]
