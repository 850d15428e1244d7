"""What changed between two versions of a story: scenes, choices and endings.

Scenes and endings are matched by id, choices by scene and id. A choice that
disappeared while another with the same text and the same targets appeared in
the same scene is reported once, as renamed: saves name choices by id, so a
rename is exactly what breaks them.
"""

from __future__ import annotations

from dataclasses import dataclass

from iss.engine.model import Choice, Condition, Scene, Story


@dataclass(frozen=True, slots=True)
class Change:
    """One difference. `what` names the parts that changed, for `changed`."""

    kind: str
    """"scene", "choice" or "ending"."""
    id: str
    """The scene or ending id, or `scene.choice`."""
    change: str
    """"added", "removed", "changed" or "renamed"."""
    what: tuple[str, ...] = ()
    """For `changed`: among title, text, conditions, effects, targets, time, ending, hint."""
    was: str = ""
    """For `renamed`: the old choice id."""

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {"kind": self.kind, "id": self.id, "change": self.change}
        if self.what:
            data["what"] = list(self.what)
        if self.was:
            data["was"] = self.was
        return data

    def describe(self) -> str:
        if self.change == "renamed":
            return f"{self.kind} `{self.id}` renamed (was `{self.was}`)"
        if self.change == "changed":
            return f"{self.kind} `{self.id}` changed: {', '.join(self.what)}"
        return f"{self.kind} `{self.id}` {self.change}"


def _source(condition: Condition | None) -> str:
    return "" if condition is None else condition.source


def _choice_parts(choice: Choice) -> dict[str, object]:
    return {
        "text": choice.text.source,
        "conditions": (
            _source(choice.when),
            None if choice.reason is None else choice.reason.source,
            choice.hidden,
            tuple(_source(r.when) for r in choice.routes),
        ),
        "effects": tuple(e.source for e in choice.effects),
        "targets": tuple(r.scene for r in choice.routes),
        "time": choice.minutes,
    }


def _scene_parts(scene: Scene) -> dict[str, object]:
    return {
        "title": (scene.title, scene.titles, scene.titles_cycle),
        "text": (scene.text.source, scene.location),
        "effects": tuple(e.source for e in scene.effects),
        "time": scene.minutes,
        "ending": scene.ending,
    }


def _what_changed(old: dict[str, object], new: dict[str, object]) -> tuple[str, ...]:
    return tuple(key for key in old if old[key] != new[key])


def _choice_changes(scene_id: str, old: Scene, new: Scene) -> list[Change]:
    before = {c.id: c for c in old.choices}
    after = {c.id: c for c in new.choices}
    removed = [c for cid, c in before.items() if cid not in after]
    added = [c for cid, c in after.items() if cid not in before]
    changes: list[Change] = []
    for choice in added:
        twin = next(
            (
                r
                for r in removed
                if r.text.source == choice.text.source
                and tuple(x.scene for x in r.routes) == tuple(x.scene for x in choice.routes)
            ),
            None,
        )
        if twin is not None:
            removed.remove(twin)
            changes.append(Change("choice", f"{scene_id}.{choice.id}", "renamed", was=twin.id))
        else:
            changes.append(Change("choice", f"{scene_id}.{choice.id}", "added"))
    changes.extend(Change("choice", f"{scene_id}.{c.id}", "removed") for c in removed)
    for cid, choice in before.items():
        if cid in after:
            what = _what_changed(_choice_parts(choice), _choice_parts(after[cid]))
            if what:
                changes.append(Change("choice", f"{scene_id}.{cid}", "changed", what))
    return changes


def story_changes(old: Story, new: Story) -> list[Change]:
    """Every difference in scenes, choices and endings, scenes in the new story's order."""
    changes: list[Change] = []
    for scene_id, scene in new.scenes.items():
        previous = old.scenes.get(scene_id)
        if previous is None:
            changes.append(Change("scene", scene_id, "added"))
            continue
        what = _what_changed(_scene_parts(previous), _scene_parts(scene))
        if what:
            changes.append(Change("scene", scene_id, "changed", what))
        changes.extend(_choice_changes(scene_id, previous, scene))
    changes.extend(Change("scene", s, "removed") for s in old.scenes if s not in new.scenes)
    for ending_id, ending in new.endings.items():
        previous_ending = old.endings.get(ending_id)
        if previous_ending is None:
            changes.append(Change("ending", ending_id, "added"))
            continue
        what = tuple(
            part
            for part, a, b in (
                ("title", previous_ending.title, ending.title),
                ("kind", previous_ending.kind, ending.kind),
                ("hint", previous_ending.hint, ending.hint),
                ("canonical", previous_ending.canonical, ending.canonical),
            )
            if a != b
        )
        if what:
            changes.append(Change("ending", ending_id, "changed", what))
    changes.extend(Change("ending", e, "removed") for e in old.endings if e not in new.endings)
    return changes
