"""The split passes, and the properties' proof pass, end alike in either order (issue 16).

A split pass (`split_proof.py`, and `split_stuck.py` for dead ends and loops) takes the
part first reached first (`_SplitProver.place`), which ends in fewer visits than the
proof pass's order (its scenes' reverse post-order); so does the properties' proof pass
(`prove(first_reached=True)`). The boxes they end with are the least fixed point either
way; held here: every part's box, the parts of each scene, the edges, and for the
dead-end and loop pass the moves, their minutes and what it settles, on the bundled
story, in both orders.
"""

from __future__ import annotations

import pytest

from iss.authoring.explore import Relevance, prove
from iss.authoring.explore.claims import claim_reads  # room internals, tested deliberately
from iss.authoring.explore.guided import BOTH, split_names  # room internals, tested deliberately
from iss.authoring.explore.split_proof import (  # room internals, tested deliberately
    Part,
    _SplitProver,
    prove_split,
)
from iss.authoring.explore.split_stuck import _StuckProver  # room internals, tested deliberately
from iss.authoring.lint import stated_claims
from tests.authoring.test_explore_boxes import bundled


def rank_order(self: _SplitProver, key: Part) -> tuple[int, ...]:
    """The proof pass's order, as the split passes had it."""
    return (self._rank[key[0]], self.number.setdefault(key, len(self.number)))


def summary(prover: _SplitProver) -> dict[str, object]:
    result = prover.result
    out: dict[str, object] = {
        "boxes": dict(result.boxes),
        "parts": {scene: set(parts) for scene, parts in result.of_scene.items()},
        "edges": {part: set(edges) for part, edges in result.edges.items() if edges},
    }
    if isinstance(prover, _StuckProver):
        out["moves"] = {k: set(v) for k, v in prover.moves.items() if v}
        out["timed"] = {k: set(v) for k, v in prover.timed.items() if v}
        out["loops"] = prover.untimed_part_loops()
    return out


def test_the_properties_split_passes_end_alike_in_either_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    story = bundled()
    claims = [s.claim for s in stated_claims(story, continuity=False)]
    relevance = Relevance(story, reads=claim_reads(story, claims))
    names = sorted({n for c in claims for n in split_names(c.condition, BOTH)})
    splits = [tuple(n for n in names if n.startswith("status.")), tuple(names[:6])]
    for split in splits:
        now = _SplitProver(story, relevance, split)
        assert now.run_parts(float("inf")) is not None
        with monkeypatch.context() as patch:
            patch.setattr(_SplitProver, "place", rank_order)
            before = _SplitProver(story, relevance, split)
            assert before.run_parts(float("inf")) is not None
        assert summary(now) == summary(before)
        assert prove_split(story, relevance, split) is not None


def test_the_dead_end_and_loop_split_pass_ends_alike_in_either_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    story = bundled()
    relevance = Relevance(story)
    proof = prove(story, relevance, settle=False)
    assert proof.dead_ends or proof.untimed_loops, "the bundled story's hubs look like loops"
    involved = set(proof.dead_ends) | {s for loop in proof.untimed_loops for s in loop}
    names = sorted(
        {
            n
            for sid in involved
            for choice in story.scenes[sid].choices
            for c in (choice.when, *(r.when for r in choice.routes))
            if c is not None
            for n in split_names(c, BOTH)
        }
    )
    region = involved | {s for (s, _), targets in proof.targets.items() if targets & involved}
    now = _StuckProver(story, relevance, tuple(names), region)
    assert now.run_stuck(float("inf"))
    with monkeypatch.context() as patch:
        patch.setattr(_SplitProver, "place", rank_order)
        before = _StuckProver(story, relevance, tuple(names), region)
        assert before.run_stuck(float("inf"))
    assert summary(now) == summary(before)


def test_a_proof_pass_ends_alike_when_the_scene_first_reached_goes_first() -> None:
    """The properties' proof pass takes the scene first reached first (`first_reached`);
    the explorer's keeps its order, whose visits `iss explore` prints."""
    story = bundled()
    claims = [s.claim for s in stated_claims(story, continuity=False)]
    for relevance in (Relevance(story), Relevance(story, reads=claim_reads(story, claims))):
        now = prove(story, relevance, stuck=False, first_reached=True)
        before = prove(story, relevance, stuck=False)
        assert now.complete and before.complete
        assert now.visits < before.visits
        assert now.boxes == before.boxes
        for field in ("scenes", "choices", "endings", "targets", "distance"):
            assert getattr(now, field) == getattr(before, field), field
