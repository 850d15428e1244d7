"""A scene the story only passes through by its fallback is reached, not unreachable.

Such a scene is never a state's scene (the step goes on by itself), and `iss
check --strict` failed a story whose start scene had only a fallback with "scene
`wake` can never be reached" (W200); `iss explore` listed it as unreachable.
"""

from __future__ import annotations

import pytest

from iss.authoring.explore import explore
from iss.cli import main
from tests.conftest import ROOT, load_ok

PASSING = ROOT / "tests" / "fixtures" / "replay_passing"


def test_scenes_passed_through_by_their_fallback_are_reached() -> None:
    found = explore(load_ok(PASSING))
    assert found.complete
    assert {"wake", "corridor"} <= found.scenes_reached  # the start, and one mid-route
    assert found.unreachable_scenes == []


def test_check_finds_nothing_unreachable_in_a_story_of_fallbacks(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["check", str(PASSING), "--strict"]) == 0
    assert "W200" not in capsys.readouterr().out
