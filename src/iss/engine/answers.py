"""The paragraphs that answer the choice just made: a replay never folds them.

    answered = Answered.after(story, previous, choice_id, step)   # after each choice
    read = answered.unread(read_before, state)   # what may fold: less the answers

Folding what was read on an earlier playthrough (`iss.engine.read_text`) hid the
answer to a question the player had just asked again, since they had read it before
(blind reader R186: "How long have you two been together?" asked in the Cupola, its
answer folded at the top of the next scene), and a photograph handed over in a folded
paragraph turned up later from nowhere. The first paragraph the choice changed is
shown, and so is the opening of a scene the choice picked (`chosen_opening`), in the
scene the step stopped at and in the scenes it passed through on the way (blind reader
R215: a hub's second visit, passed through by its fallback, told the village she grew
up in under "(1 paragraph read before)").

Only the first: the paragraphs after it that carry the choice on ("I've got a mast to
climb in the dark" in Night Pass, after "Cap it") fold when read before, as any read
paragraph does. Held back too, a replay that took its first playthrough's choices
reread every paragraph of Night Pass and of three other scenes of the spacewalk, which
every blind reader since wave 60 named as what a replay rereads. On a replay with the
first playthrough's choices, 54.8% of the words fold, 49.7% before; on a fresh random
replay 20.2%, 19.4% before (twenty pairs each).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import TypeVar

from iss.engine.events import PassedThrough
from iss.engine.model import Choice, Scene, Story
from iss.engine.read_text import digests
from iss.engine.runner import Step
from iss.engine.state import GameState

V = TypeVar("V")


def answering(
    scene: Scene, previous: GameState, choice: Choice, state: GameState
) -> frozenset[str]:
    """The digest of the paragraph of `scene`'s text in `state` that answers `choice`,
    just made in `previous`: the first its text would not show had the choice not been
    taken, nor set the flags, items, status and variables its `do:` writes (none when
    the choice changed nothing). It is never folded, though the same choice on an
    earlier playthrough read it: folded, the question a player had just asked looked
    unanswered (blind reader R186: "How long have you two been together?" at the top of
    Unity). Trust is left as it is: nearly every choice moves it, and a line that
    turns on a trust level is the relationship's, not this choice's answer."""
    flags, items = set(state.flags), set(state.items)
    variables, status = dict(state.variables), dict(state.status)
    for effect in choice.effects:
        write = effect.write
        if write is None or write.what in ("trust", "crew_trust"):
            continue
        name = write.name
        if write.what == "flag":
            _restore(flags, previous.flags, name)
        elif write.what == "item":
            _restore(items, previous.items, name)
        elif write.what == "status":
            _put_back(status, previous.status, name)
        else:
            _put_back(variables, previous.variables, name)
    undone = replace(
        state,
        taken=previous.taken,
        flags=frozenset(flags),
        items=frozenset(items),
        variables=variables,
        status=status,
    )
    if undone == state:
        return frozenset()
    without = frozenset(digests(scene.text.render(undone)))
    first = next((d for d in digests(scene.text.render(state)) if d not in without), None)
    return frozenset() if first is None else frozenset({first})


def chosen_opening(
    story: Story, scene: Scene, previous: GameState, choice: Choice, state: GameState
) -> frozenset[str]:
    """The digest of `scene`'s first paragraph in `state` when `choice` picked the scene:
    another choice where it was made goes elsewhere, and no scene those lead to shows
    that paragraph. An answer told by where a choice goes, not by a condition, was folded
    (blind reader R215: "Ask about the village she grew up in" opened Small Hours, Past
    Three on "(1 paragraph read before)", the village read in another scene on an
    earlier playthrough). A paragraph the other roads share ("The whiteboard hangs by the
    hatch" in both the lab and the galley) still folds."""
    if not any(route.scene == scene.id for route in choice.routes):
        return frozenset()
    made_in = story.scenes[previous.scene]
    elsewhere = {
        route.scene
        for other in made_in.choices
        if other.id != choice.id
        for route in other.routes
        if route.scene != scene.id and route.scene in story.scenes
    }
    opening = digests(scene.text.render(state))[:1]
    if not elsewhere or not opening:
        return frozenset()
    for other in sorted(elsewhere):
        if opening[0] in digests(story.scenes[other].text.render(state)):
            return frozenset()
    return frozenset(opening)


def _restore(kept: set[str], before: frozenset[str], name: str) -> None:
    """Put `name` back in or out of `kept` as it was `before`."""
    if name in before:
        kept.add(name)
    else:
        kept.discard(name)


def _put_back(values: dict[str, V], before: Mapping[str, V], name: str) -> None:
    """Put `values[name]` back as it was `before` (absent if it was)."""
    if name in before:
        values[name] = before[name]
    else:
        values.pop(name, None)


class Answered:
    """The last choice and the state it led to; what answers it (`answering`) is worked
    out only when something is read before and may fold, so a first playthrough, or one
    with nothing folded, renders nothing twice. A load, undo or rewind leaves a new
    state, and nothing it shows is an answer."""

    def __init__(
        self,
        story: Story | None = None,
        scene: Scene | None = None,
        previous: GameState | None = None,
        choice: Choice | None = None,
        state: GameState | None = None,
        passed: tuple[str, ...] = (),
    ) -> None:
        self.story, self.passed = story, passed
        self.scene, self.previous, self.choice, self.state = scene, previous, choice, state
        self.digests: frozenset[str] | None = None

    @classmethod
    def after(cls, story: Story, previous: GameState, choice_id: str, step: Step) -> Answered:
        """After taking `choice_id` in `previous`: `step` stopped at its state, through the
        scenes its fallbacks passed on the way (its `PassedThrough` events)."""
        choice = story.scenes[previous.scene].choice_index.get(choice_id)
        state = step.state
        passed = tuple(e.scene for e in step.events if isinstance(e, PassedThrough))
        return cls(story, story.scenes[state.scene], previous, choice, state, passed)

    def unread(self, read: frozenset[str], state: GameState) -> frozenset[str]:
        """`read` less the answers, while `state` is still the one the choice led to."""
        scene, previous, choice = self.scene, self.previous, self.choice
        if not read or state is not self.state:
            return read
        if scene is None or previous is None or choice is None:
            return read
        if self.digests is None:
            self.digests = answering(scene, previous, choice, state)
            story = self.story
            if story is not None:
                self.digests |= chosen_opening(story, scene, previous, choice, state)
                for scene_id in self.passed:
                    on_the_way = story.scenes[scene_id]
                    self.digests |= answering(on_the_way, previous, choice, state)
                    self.digests |= chosen_opening(story, on_the_way, previous, choice, state)
        return read - self.digests if self.digests else read
