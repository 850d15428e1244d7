"""What the analyses of one story share in a `sharing_reach` block (issue 16) must not
change what they find: with the comparisons of each condition source read once and the
call tops worked out once, each `Relevance` (with the claims' `reads` or without) gives
the same live names, bounds and cut points (in the same order) as an analysis alone."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from iss.authoring.explore import Relevance, sharing_reach
from iss.authoring.explore.claims import (  # room internals, tested deliberately
    claim_reads,
)
from iss.authoring.stated import stated_claims
from iss.engine.model import Condition, Story
from iss.paths import bundled_story_dir
from tests.authoring.fuzz_story import Extras, Spec, extras_st, load_written, story_st
from tests.conftest import load_ok

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _reads(story: Story) -> list[Mapping[str, Sequence[Condition]]]:
    """No reads, the properties' and the continuity checks' reads, and a part of them
    (as the claims' split passes read)."""
    properties = [s.claim for s in stated_claims(story, continuity=False)]
    every = [s.claim for s in stated_claims(story, continuity=True)]
    some = claim_reads(story, properties)
    part = {sid: conds[:1] for sid, conds in list(some.items())[::2]}
    return [{}, some, claim_reads(story, every), part]


def _found(relevance: Relevance) -> tuple[object, ...]:
    return (
        list(relevance.live.items()),
        [(sid, list(b.items())) for sid, b in relevance.bounds.items()],
        list(relevance.cuts.items()),
        relevance.call_tops,
        relevance.return_targets,
    )


def _same_shared_and_alone(story: Story) -> None:
    for text in (False, True):
        alone = [_found(Relevance(story, text=text, reads=r)) for r in _reads(story)]
        with sharing_reach():
            Relevance(story, text=text)  # the exploration's, first
            shared = [_found(Relevance(story, text=text, reads=r)) for r in _reads(story)]
        assert shared == alone


@pytest.mark.parametrize(
    "folder",
    [bundled_story_dir(), FIXTURES / "station", FIXTURES / "stall"],
    ids=["bundled", "station", "stall"],
)
def test_shared_analyses_find_what_each_finds_alone(folder: Path) -> None:
    _same_shared_and_alone(load_ok(folder))


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(spec=story_st, extras=extras_st)
def test_shared_analyses_of_generated_stories(spec: Spec, extras: Extras, tmp_path: Path) -> None:
    _same_shared_and_alone(load_written(tmp_path, spec, extras))
