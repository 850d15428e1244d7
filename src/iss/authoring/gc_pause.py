"""The cyclic garbage collector paused around work that builds many short-lived objects.

    @gc_paused()
    def explore(story, budget): ...

A search builds tens of thousands of states (each a handful of dicts and sets)
beside a story of hundreds of thousands of objects. Every 700 new objects the
cyclic GC scans the young ones, and now and then everything: about a fifth of
`iss explore story`'s time, for nothing, since a search, a proof pass and the
claims make no cycles that need collecting (freed by reference counts as they
go). What they do leave is collected once the GC runs again. It stays paused
only while the work runs; nested pauses leave it as the outermost found it.
"""

from __future__ import annotations

import atexit
import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused(keep_as_old: bool = False) -> Iterator[None]:
    """Pause the cyclic GC for the block (or the decorated function), then restore it.

    `keep_as_old`: what the block built lives on (a loaded story): file it with the
    old objects when the GC resumes, instead of letting the first collection scan all
    of it as young (about 3% of a load). Only when nobody else has frozen objects,
    which this would thaw."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if keep_as_old and gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()


_skipping = False


def no_collection_at_exit() -> None:
    """Skip the cyclic GC's last collection when the process ends.

    Python ends by collecting every object it still tracks, one last time,
    looking for cycles to finalize: after `iss explore`, the story, the
    proof passes' memo and the modules, about 0.1 s of the command's CPU
    spent scanning what the operating system frees anyway. An `atexit` hook
    (registered once; it runs only when the process ends, never in a caller
    that goes on) moves all of it to the permanent generation first, which no
    collection scans."""
    global _skipping
    if not _skipping:
        _skipping = True
        atexit.register(gc.freeze)


_left: list[object] = []


def left_to_exit(value: object) -> None:
    """Leave `value` (a command's loaded story) for the operating system to free when the
    process ends, instead of Python freeing it object by object as the command returns.

    A 10,000-scene story is about 300,000 objects: freeing them is 3% of `iss check`'s
    CPU, for memory the process hands back whole a moment later. `value` is held in a
    cycle of its own and `no_collection_at_exit` freezes it at exit, so neither the
    clearing of the modules nor a last collection frees it. Only the last value is
    held: in a caller that goes on (a test calling a command again), the one before is
    an unreachable cycle, collected as any other."""
    no_collection_at_exit()
    holder: list[object] = [value]
    holder.append(holder)
    _left[:] = [holder]


__all__ = ["gc_paused", "left_to_exit", "no_collection_at_exit"]
