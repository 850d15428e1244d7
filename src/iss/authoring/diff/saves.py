"""Which saves a story change breaks: every save replayed against the new story.

A save holds the choices of its playthrough; loading one replays them
(`iss.engine.rewind.rebuild`, the same replay the game runs). Replayed on the
old and the new story, a save:

- **loads unchanged**: the same state, and the scene reads the same;
- **loads with changed text**: the same state, but its scene reads differently;
- **leads elsewhere**: every choice still works, but they now lead to another
  state (another scene, other trust);
- **resumes earlier**: a choice no longer works, so the game resumes before it.
  Only this loses the player's progress.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from iss.engine.model import Story
from iss.engine.profile import PROFILE_NAME, decode_profile
from iss.engine.rewind import rebuild
from iss.engine.runner import scene_text
from iss.engine.save_files import SaveError
from iss.engine.save_format import decode_save
from iss.engine.state import GameState

UNCHANGED = "loads unchanged"
TEXT_CHANGED = "loads with changed text"
ELSEWHERE = "leads elsewhere"
EARLIER = "resumes earlier"
OTHER_STORY = "another story"
UNREADABLE = "unreadable"

MAX_SAVE_BYTES = 64 * 2**20
"""A file larger than this under the saves folder is not read as a save."""


@dataclass(frozen=True, slots=True)
class SaveVerdict:
    """What loading one save would do with the new story."""

    path: str
    verdict: str
    scene: str = ""
    """Where it resumes (the scene id) with the new story."""
    why: str = ""
    taken: int = 0
    total: int = 0

    @property
    def broken(self) -> bool:
        return self.verdict == EARLIER

    def to_json(self) -> dict[str, object]:
        return {
            "path": self.path,
            "verdict": self.verdict,
            "scene": self.scene,
            "why": self.why,
            "choices_kept": self.taken,
            "choices": self.total,
        }


@dataclass(frozen=True, slots=True)
class RecordLoss:
    """Choices and scenes in the player's record that the new story no longer has."""

    path: str
    scenes: tuple[str, ...]
    choices: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        return {"path": self.path, "scenes": list(self.scenes), "choices": list(self.choices)}


def _text(story: Story, state: GameState) -> str:
    return "".join(span.text for span in scene_text(story, state))


_FIELD_WORDS = {"crew_trust": "trust between the crew", "visited": "scenes seen"}


def _what_differs(was: GameState, now: GameState) -> str:
    """The parts of two states that differ, in words (`trust, flags`)."""
    before, after = was.to_json(), now.to_json()
    keys = [k for k in after if k not in ("history", "seed") and before.get(k) != after[k]]
    return ", ".join(_FIELD_WORDS.get(k, k) for k in keys) or "state"


def judge_history(
    old: Story, new: Story, history: tuple[str, ...], seed: int, path: str
) -> SaveVerdict:
    """The verdict for a playthrough of `history` (a save's, or a walkthrough's)."""
    before = rebuild(old, history, seed)
    after = rebuild(new, history, seed)
    state = after.step.state
    total = len(history)
    if not after.complete:
        return SaveVerdict(path, EARLIER, state.scene, after.problem or "", after.taken, total)
    if not before.complete or before.step.state != state:
        was = before.step.state
        if was.scene != state.scene:
            why = f"saved at `{was.scene}`; its {total} choice(s) now lead to `{state.scene}`"
        else:
            why = f"same scene, other {_what_differs(was, state)}"
        return SaveVerdict(path, ELSEWHERE, state.scene, why, total, total)
    if _text(old, before.step.state) != _text(new, state):
        return SaveVerdict(
            path, TEXT_CHANGED, state.scene, "the scene's text changed", total, total
        )
    return SaveVerdict(path, UNCHANGED, state.scene, "", total, total)


def judge_saves(old: Story, new: Story, folder: Path) -> tuple[list[SaveVerdict], list[RecordLoss]]:
    """Every save under `folder` (slots, quicksaves, autosaves, in any subfolder), and the
    player's record, judged against the new story."""
    verdicts: list[SaveVerdict] = []
    losses: list[RecordLoss] = []
    for file in sorted(folder.rglob("*.json")):
        shown = str(file.relative_to(folder))
        try:
            if file.is_symlink() or file.stat().st_size > MAX_SAVE_BYTES:
                continue
            raw = file.read_bytes()
        except OSError as exc:
            verdicts.append(SaveVerdict(shown, UNREADABLE, why=exc.strerror or str(exc)))
            continue
        if file.name == PROFILE_NAME:
            loss = _record_loss(old, new, raw, shown)
            if loss is not None:
                losses.append(loss)
            continue
        try:
            save = decode_save(raw)
        except SaveError as exc:
            if file.name == "settings.json":
                continue
            verdicts.append(SaveVerdict(shown, UNREADABLE, why=str(exc)))
            continue
        if save.story_id not in (old.id, new.id):
            verdicts.append(SaveVerdict(shown, OTHER_STORY, why=f"a save of `{save.story_id}`"))
            continue
        verdicts.append(judge_history(old, new, save.state.history, save.state.seed, shown))
    return verdicts, losses


def _record_loss(old: Story, new: Story, raw: bytes, shown: str) -> RecordLoss | None:
    try:
        records = decode_profile(raw)
    except SaveError:
        return None
    record = records.get(new.id) or records.get(old.id)
    if record is None:
        return None
    scenes = tuple(sorted(s for s in record.scenes if s not in new.scenes))
    choices = tuple(
        sorted(
            f"{scene}.{choice}"
            for scene, choice in record.choices
            if scene not in new.scenes or choice not in new.scenes[scene].choice_index
        )
    )
    return RecordLoss(shown, scenes, choices) if scenes or choices else None
