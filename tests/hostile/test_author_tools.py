"""The author tools print story titles too: bidi controls (only a warning) arrive defused."""

from __future__ import annotations

import io
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


@pytest.mark.parametrize(
    "command",
    [
        ["check"],
        ["play", "--plain", "--story"],
        ["play", "--json", "--story"],
        ["diff", "HEAD"],
        ["graph"],
    ],
)
def test_a_story_folder_named_with_escapes_is_shown_defused(
    command: list[str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A folder unpacked from an archive may be named with an escape sequence; the
    messages that name it (here: a story with an error) must not pass it on."""
    folder = tmp_path / "story\x1b]0;pwned\x07\x1b[2J"
    folder.mkdir()
    (folder / "story.yaml").write_text(BASE_MANIFEST, encoding="utf-8")
    (folder / "scenes.yaml").write_text(BASE_SCENES.replace("go: b", "go: nowhere"), "utf-8")
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    main([*command, str(folder)])
    out = capsys.readouterr()
    assert "nowhere" in out.out + out.err
    assert not leaked((out.out + out.err).replace("\n", "")), out.out + out.err
