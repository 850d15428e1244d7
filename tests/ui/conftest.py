"""UI test fixtures: a fixed terminal, no cursor blink, no clocks, no typewriter."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.widgets import Input

from iss.settings import Settings
from iss.ui.app import IssApp, make_app

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
TINY = ROOT / "tests" / "fixtures" / "tiny"
STATION = HERE / "fixtures" / "station"
BROKEN = HERE / "fixtures" / "broken"

SIZE = (80, 24)
"""The terminal size of every test unless it says otherwise."""
WIDE = (120, 40)
SMALL = (60, 20)

FIXED_NOW = datetime(2026, 3, 14, 9, 30, tzinfo=UTC)

MakeApp = Callable[..., IssApp]


@pytest.fixture(autouse=True)
def _steady_screen(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No blinking cursor and no NO_COLOR from the environment, so snapshots are stable."""
    monkeypatch.setattr(Input, "cursor_blink", False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    yield


@pytest.fixture
def saves(tmp_path: Path) -> Path:
    return tmp_path / "saves"


@pytest.fixture
def app_for(saves: Path) -> MakeApp:
    """`app_for(story_dir)`: an app with fixed time, dates and instant text, and
    "what mattered" weighed at once on the ending screen."""

    def build(story: Path = STATION, **options: object) -> IssApp:
        settings = options.pop("settings", None) or Settings(effect="off")
        clock = options.pop("clock", None) or (lambda: 0.0)
        app = make_app(
            story,
            saves,
            settings=settings,  # type: ignore[arg-type]
            clock=clock,  # type: ignore[arg-type]
            now=lambda: FIXED_NOW,
            **options,  # type: ignore[arg-type]
        )
        app.mattered_seconds = 60.0  # fixture stories are weighed in well under a second
        app.mattered_in_thread = False  # so the ending's picture never depends on timing
        return app

    return build


@pytest.fixture
def story_copy(tmp_path: Path) -> Path:
    """A copy of the station fixture that a test may edit (for hot reload)."""
    target = tmp_path / "story"
    shutil.copytree(STATION, target)
    return target
