"""Which wording of a choice the player took, so that "taken before" means the words shown.

    labels = ChoiceLabels()
    labels.add("hatch", "ask_him", "Knock and ask them straight out")
    labels.taken_as({("hatch", "ask_him")}, "hatch", "ask_him", "Knock, and ask")  # False

A choice keeps its id when its label changes with the state ("Tell Christian to seal
the Russian hatch" on one route, "Tell Christian to bar the taped hatch for good" on
another), and the record of choices taken is kept by id. Marked by id alone, a replay
put "(taken before)" on words the player had never been offered, and a blind reader
(R85) steering toward new material was steered away from it. So the record also keeps
a digest of each label as it was taken: a choice is marked when one of its taken
wordings is the one shown now. A choice taken before labels were kept (an older
record, or a route replayed with `iss play --at`) has no wording on file and is
marked by id, as before.

In a scene whose title changes from visit to visit (a hub: "Unity", then "Unity,
the Uplink", then "Unity, Before Dinner"), the same words are offered in a different
situation each time, so the wording kept is the label and the title of that visit
(`wording`): blind readers R175 and R180 saw "Check on your mice (taken before)" on the
first visit to Unity, having checked them only on a later one. A record kept before
this holds the bare label for those choices; it still marks them, as it did.

A label's digest is `iss.engine.text_digest` of its text. In the file the
labels are a list of `[scene id, choice id, digest]`; read leniently: an entry of
another shape is left out, never an error. At most `MAX_LABELS` are kept per story.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from iss.engine.text_digest import is_digest, text_digest

if TYPE_CHECKING:  # the title screen imports this module and must not load the engine
    from iss.engine.model import Story
    from iss.engine.state import GameState

MAX_LABELS = 100_000
"""Labels kept per story at most (the bundled story has about 500 wordings in all)."""


@dataclass(slots=True)
class ChoiceLabels:
    """The wordings taken, as digests, by (scene id, choice id)."""

    by_choice: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    count: int = field(default=0, compare=False)
    """How many digests `by_choice` holds (kept as they are added: a profile file may hold
    `MAX_LABELS` of them, and counting them again for each one read would take minutes)."""

    def add(self, scene_id: str, choice_id: str, label: str) -> bool:
        """Keep this wording of the choice as taken; True when it was new."""
        return self._add(scene_id, choice_id, text_digest(label))

    def _add(self, scene_id: str, choice_id: str, digest: str) -> bool:
        held = self.by_choice.get((scene_id, choice_id))
        if (held is not None and digest in held) or self.count >= MAX_LABELS:
            return False
        self.by_choice.setdefault((scene_id, choice_id), set()).add(digest)
        self.count += 1
        return True

    def absorb(self, other: ChoiceLabels) -> bool:
        """Add what `other` holds (in place); True when anything was new."""
        changed = False
        for (scene_id, choice_id), digests in other.by_choice.items():
            for digest in digests:
                changed = self._add(scene_id, choice_id, digest) or changed
        return changed

    def taken_as(
        self,
        taken: AbstractSet[tuple[str, str]],
        scene_id: str,
        choice_id: str,
        label: str,
        bare: str | None = None,
    ) -> bool:
        """True if the choice was taken with these words (`wording`), or taken with no
        wording on file (`taken` is the record's (scene id, choice id) pairs). `bare` is
        the label alone, which an older record kept for a hub scene's choices too."""
        if (scene_id, choice_id) not in taken:
            return False
        held = self.by_choice.get((scene_id, choice_id))
        return (
            not held
            or text_digest(label) in held
            or (bare is not None and bare != label and text_digest(bare) in held)
        )

    def encode(self) -> list[list[str]]:
        return [
            [scene_id, choice_id, digest]
            for (scene_id, choice_id), digests in sorted(self.by_choice.items())
            for digest in sorted(digests)
        ]

    @classmethod
    def decode(cls, value: object) -> ChoiceLabels:
        """Read the file's list leniently: what is not a [scene, choice, digest] is left out."""
        labels = cls()
        if isinstance(value, list):
            for entry in _entries(value):
                labels._add(*entry)
        return labels


def _entries(value: Iterable[object]) -> Iterable[tuple[str, str, str]]:
    for entry in value:
        if (
            isinstance(entry, list)
            and len(entry) == 3
            and all(isinstance(part, str) for part in entry)
            and is_digest(entry[2])
        ):
            yield entry[0], entry[1], entry[2]


def wording(story: Story, state: GameState, label: str) -> str:
    """The words a choice of the current scene is kept and marked by: its `label`, and in
    a scene whose title changes from visit to visit, the title of this visit too."""
    scene = story.scenes.get(state.scene)
    if scene is None or not scene.titles:
        return label
    return f"{label}\n{scene.title_in(state.visits)}"


def taken_label(story: Story, before: GameState, choice_id: str) -> str | None:
    """The words the choice showed in the state it was taken from (`wording`); None when
    the story no longer has that scene or choice (an edited story, reloaded between two
    steps)."""
    scene = story.scenes.get(before.scene)
    choice = scene.choice_index.get(choice_id) if scene else None
    if choice is None:
        return None
    return wording(story, before, "".join(span.text for span in choice.text.render(before)))
