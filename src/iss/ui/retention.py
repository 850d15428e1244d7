"""Workarounds for two places where Textual keeps removed widgets alive.

1. Watchers: `data_bind` and `watch` register a watcher on the watched object,
   and Textual drops it only when the watched value changes (Textual issue
   #6666, open as of Textual 8.2). The Footer binds every FooterKey to its
   `compact` reactive and recomposes each time its screen resumes, so every
   dialog opened and closed left about 18 keys behind.
2. Styles: `StylesCache.get_inner_outer` is an `lru_cache` on a method, so it
   keys on (and keeps) the StylesCache of up to 1,024 widgets, with every line
   each widget last drew. After a few playthroughs those are all dead widgets.

Both are safe to undo: a watcher of a detached widget has nothing to update,
and the cache only saves rebuilding two styles.
"""

from __future__ import annotations

from textual._styles_cache import StylesCache
from textual.dom import DOMNode

WATCHERS = "__watchers"
"""Where Textual keeps the watchers of a reactive object (textual/reactive.py, `_watch`)."""


def forget_detached_watchers(node: DOMNode) -> int:
    """Drop watchers on `node` that belong to widgets no longer in the DOM.

    Returns how many were dropped. A widget that is not mounted yet is not
    listed: `data_bind` registers its watcher only after the widget mounts."""
    watchers: dict[str, list[tuple[object, object]]] = getattr(node, WATCHERS, {})
    dropped = 0
    for name, entries in watchers.items():
        kept = [
            (owner, callback)
            for owner, callback in entries
            if not isinstance(owner, DOMNode) or owner is node or owner.is_attached
        ]
        dropped += len(entries) - len(kept)
        watchers[name] = kept
    return dropped


def release_removed_styles() -> None:
    """Let removed widgets' style caches (and the lines they drew) be collected."""
    StylesCache.get_inner_outer.cache_clear()
