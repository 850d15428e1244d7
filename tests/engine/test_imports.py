"""The engine and the authoring tools never import the UI toolkit."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEADLESS = [
    "iss.engine",
    "iss.engine.runner",
    "iss.engine.expressions",
    "iss.engine.text",
    "iss.authoring.loader",
    "iss.authoring.walkthroughs",
    "iss.authoring.explore",
    "iss.authoring.lint",
    "iss.plain",
    "iss.records",
    "iss.settings",
    "iss.write_problems",
    "iss.cli.check_cmd",
    "iss.authoring.report",
    "iss.cli.report_cmd",
]


@pytest.mark.parametrize("module", HEADLESS)
def test_headless_module_does_not_import_textual_or_rich(module: str) -> None:
    code = (
        f"import sys, importlib; importlib.import_module({module!r}); "
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')); "
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"{module} pulled in: {out.stdout.strip()}"


def test_every_engine_and_authoring_module_is_headless() -> None:
    from pathlib import Path

    import iss

    root = Path(iss.__file__).parent
    for package in ("engine", "authoring"):
        for path in (root / package).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            for line in text.splitlines():
                stripped = line.strip()
                if stripped.startswith(("import ", "from ")):
                    assert "textual" not in stripped and " rich" not in stripped, f"{path}: {line}"
