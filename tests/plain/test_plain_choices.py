"""Plain mode lists what a choice costs in time, as the UI does."""

from __future__ import annotations

import io
from pathlib import Path

from iss.authoring.loader import load_story
from iss.plain import PlainGame

TINY = Path(__file__).resolve().parent.parent / "fixtures" / "tiny"


def test_choices_that_take_an_hour_or_more_say_so() -> None:
    story = load_story(TINY).story
    assert story is not None
    out = io.StringIO()
    PlainGame(story, io.StringIO(""), out).run()
    lines = out.getvalue().splitlines()
    assert "  1) Knock and ask what the order said" in lines
    assert "  2) Wait for him to come to you · 1h" in lines
