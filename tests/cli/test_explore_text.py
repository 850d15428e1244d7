"""`iss explore`'s text names a route for every dead end, even one at the start."""

from __future__ import annotations

import pytest

from iss.cli import main
from tests.authoring.test_explore_stuck import FALLBACK_LOOP, FALLBACK_LOOP_MANIFEST
from tests.conftest import WriteStory


def test_a_dead_end_at_the_start_says_so(
    write_story: WriteStory, capsys: pytest.CaptureFixture[str]
) -> None:
    manifest = FALLBACK_LOOP_MANIFEST.replace("start: a", "start: hatch")
    main(["explore", str(write_story(manifest, scenes=FALLBACK_LOOP))])
    out = capsys.readouterr().out
    assert "  hatch: no choice is available; reached by\n" in out
    assert "      (at the start, before any choice)\n" in out


def test_a_dead_end_names_its_route(
    write_story: WriteStory, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["explore", str(write_story(FALLBACK_LOOP_MANIFEST, scenes=FALLBACK_LOOP))])
    assert "reached by\n      hatch\n" in capsys.readouterr().out
