"""The author tools print story titles too: bidi controls (only a warning) arrive defused."""

from __future__ import annotations

from pathlib import Path

import pytest

from iss.cli import main
from tests.conftest import BASE_MANIFEST, BASE_SCENES, WriteStory
from tests.hostile.attacks import leaked

BIDI_TITLE = BASE_MANIFEST.replace("title: Test", "title: Test \u202eevil\u2066")
BIDI_SCENES = BASE_SCENES.replace("title: A", "title: A \u202eevil").replace(
    "text: Go on", "text: Go \u2067on"
)


@pytest.mark.parametrize(
    "command",
    [
        ["check"],
        ["check", "--format", "json"],
        ["explore"],
        ["explore", "--json"],
        ["explore", "--random", "3"],
        ["graph"],
        ["graph", "--format", "mermaid"],
        ["report", "--runs", "3"],
        ["report", "--runs", "3", "--json"],
    ],
)
def test_author_tools_defuse_bidi_titles(
    command: list[str], write_story: WriteStory, capsys: pytest.CaptureFixture[str]
) -> None:
    folder: Path = write_story(BIDI_TITLE, scenes=BIDI_SCENES)
    main([*command, str(folder)])
    out = capsys.readouterr()
    assert out.out.strip()
    assert not leaked((out.out + out.err).replace("\n", "")), out.out
