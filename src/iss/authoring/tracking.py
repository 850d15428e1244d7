"""What a story must count and record while it plays, and the choice keys it can name.

`GameState.visits` counts only the scenes something reads the count of
(`visits.x`, a text variation shown there, or a title that changes with the
visit), and `GameState.taken` holds only the choices something asks about
(`once:` choices, `taken.home.id`): a step then costs the same as before for a
story that uses neither.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from iss.authoring.choices import derive_choice_id
from iss.authoring.yaml_data import YList, YMap
from iss.engine.model import Condition, Scene, Timer


def choice_keys(data: object) -> Iterator[str]:
    """`home.id` of each choice a scene file writes, read before anything is compiled
    (so `taken.home.id` can be checked while conditions compile)."""
    if not isinstance(data, YMap):
        return
    for section in ("scenes", "extend", "groups"):
        table = data.get(section)
        if not isinstance(table, YMap):
            continue
        for home, body in table.items():
            items = body if section == "groups" else None
            if isinstance(body, YMap):
                if "next" in body:
                    yield f"{home}.continue"
                items = body.get("choices")
            if isinstance(items, YList):
                for item in items:
                    text = item.get("text") if item.__class__ is YMap else None
                    if text.__class__ is str and "id" not in item and "group" not in item:
                        yield f"{home}.{derive_choice_id(text)}"  # the most common choice
                        continue
                    cid = _choice_id(item)
                    if cid:
                        yield f"{home}.{cid}"


def _choice_id(item: object) -> str:
    if not isinstance(item, YMap) or "group" in item:
        return ""
    given = item.get("id")
    if isinstance(given, str) and given:
        return given
    text = item.get("text")
    if isinstance(text, str):
        return derive_choice_id(text)
    return "fallback" if item.get("fallback") is True else ""


def counted_and_tracked(
    scenes: Iterable[Scene],
    timers: Mapping[str, Timer],
    conditions: Iterable[Condition] = (),
) -> tuple[frozenset[str], frozenset[str]]:
    """(scenes whose visits to count, choice keys to record when taken). Properties, facts
    (their `conditions`) and `requires:` read them too: a count nobody kept would always
    read 0 there."""
    counted: set[str] = set()
    tracked: set[str] = set()
    names: set[str] = set()
    for timer in timers.values():
        if timer.running is not None:
            names |= timer.running.names
    for condition in conditions:
        names |= condition.names
    for scene in scenes:
        names |= scene.text.names
        if scene.requires is not None:
            names |= scene.requires.names
        if scene.text.per_visit or scene.titles:
            counted.add(scene.id)
        for effect in scene.effects:
            names |= effect.reads
        for choice in scene.choices:
            if choice.once:
                tracked.add(choice.key)
            if choice.text.per_visit or (choice.reason is not None and choice.reason.per_visit):
                counted.add(scene.id)
            names |= choice.text.names
            if choice.reason is not None:
                names |= choice.reason.names
            if choice.when is not None:
                names |= choice.when.names
            for route in choice.routes:
                if route.when is not None:
                    names |= route.when.names
            for effect in choice.effects:
                names |= effect.reads
    for name in names:
        head, _, rest = name.partition(".")
        if head == "visits":
            counted.add(rest)
        elif head == "taken":
            tracked.add(rest)
    return frozenset(counted), frozenset(tracked)
