"""Walkthroughs: golden paths a story declares, played through the real engine."""

from __future__ import annotations

from dataclasses import dataclass

from iss.authoring.diagnostics import Report
from iss.engine.errors import EngineError
from iss.engine.model import Story, Walkthrough
from iss.engine.runner import choose, new_game


@dataclass(frozen=True, slots=True)
class WalkthroughResult:
    """How a walkthrough played: whether it reached its ending, and if not, why."""

    walkthrough: Walkthrough
    ok: bool
    reached: str | None
    scenes: tuple[str, ...]
    problem: str = ""


def play_walkthrough(story: Story, walk: Walkthrough) -> WalkthroughResult:
    step = new_game(story)
    scenes = [step.state.scene]
    for number, choice_id in enumerate(walk.choices, start=1):
        try:
            step = choose(story, step.state, choice_id)
        except EngineError as exc:
            return WalkthroughResult(
                walk,
                False,
                None,
                tuple(scenes),
                f"step {number} (`{choice_id}`) in scene `{scenes[-1]}`: {exc}",
            )
        scenes.append(step.state.scene)
    reached = step.state.ending
    if reached != walk.ending:
        where = (
            f"reached ending `{reached}`" if reached else f"stopped in scene `{step.state.scene}`"
        )
        return WalkthroughResult(
            walk, False, reached, tuple(scenes), f"{where} after {len(walk.choices)} choices"
        )
    return WalkthroughResult(walk, True, reached, tuple(scenes))


def check_walkthroughs(story: Story, report: Report, root: str = "") -> list[WalkthroughResult]:
    """Play every walkthrough; each that fails is an E160 whose hint names a command that
    works on the story as it is (`iss explore ROOT --to ENDING`)."""
    results = []
    for walk in story.walkthroughs:
        result = play_walkthrough(story, walk)
        results.append(result)
        if not result.ok:
            pos = walk.pos
            report.add(
                "E160",
                pos.file if pos else "story.yaml",
                pos.line if pos else 1,
                pos.col if pos else 1,
                f"walkthrough `{walk.name}` does not reach `{walk.ending}`: {result.problem}",
                "the story still plays; fix the choice ids, or run "
                f"`iss explore {root + ' ' if root else ''}--to {walk.ending}` for a shortest "
                "route that reaches it",
            )
    return results
