"""The bundled story ships inside the wheel, so an installed game finds it too."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import ROOT


def test_wheel_contains_the_story_and_the_schema(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    [wheel] = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    story_files = sorted(p.name for p in (ROOT / "story").glob("*.yaml"))
    assert story_files, "the checkout has no story files"
    for name in story_files:
        assert f"iss/story/{name}" in names
    assert "iss/schema/story.schema.json" in names
    assert any(n.startswith("iss/ui/") and n.endswith(".tcss") for n in names)
