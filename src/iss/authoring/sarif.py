"""Diagnostics as SARIF 2.1.0, the format editors and CI code scanning read.

    iss check --format sarif story > iss.sarif

GitHub code scanning (`github/codeql-action/upload-sarif`) and SARIF viewers
in editors then show each problem at its line, with its hint.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePath
from typing import Any

from iss import __version__
from iss.authoring.codes import CODES
from iss.authoring.diagnostics import Diagnostic

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def to_sarif(diagnostics: Iterable[Diagnostic], strict: bool = False) -> dict[str, Any]:
    """One SARIF run of `iss check`; with `strict`, warnings are reported as errors."""
    found = list(diagnostics)
    used = sorted({d.code for d in found})
    rules = [
        {
            "id": code,
            "name": CODES[code].title,
            "shortDescription": {"text": CODES[code].description},
            "help": {"text": "see `iss check --codes` and docs/story-format.md, Diagnostics"},
            "defaultConfiguration": {"level": CODES[code].severity},
        }
        for code in used
    ]
    results = []
    for d in found:
        level = "note" if d.is_note else "error" if d.is_error or strict else "warning"
        text = f"{d.message}\nhint: {d.hint}" if d.hint else d.message
        results.append(
            {
                "ruleId": d.code,
                "ruleIndex": used.index(d.code),
                "level": level,
                "message": {"text": text},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": PurePath(d.file).as_posix()},
                            "region": {"startLine": max(1, d.line), "startColumn": max(1, d.col)},
                        }
                    }
                ],
            }
        )
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "iss check",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "results": results,
            }
        ],
    }
