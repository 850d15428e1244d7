"""One meaning under both YAML parsers.

Story files are read with libyaml's CSafeLoader where it is installed and
PyYAML's pure-Python SafeLoader elsewhere (PyPy, a source install). The two
must give the same data or the same diagnostic for every file, or a story
would load on one machine and not on another.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

import iss.authoring.source as source
import iss.authoring.yaml_tree as yaml_tree
from iss.authoring.diagnostics import Report

ROOT = Path(__file__).resolve().parents[2]
REPO_YAML = sorted(
    p
    for folder in ("story", "tests", "docs")
    for p in (ROOT / folder).rglob("*.yaml")
    if "snapshots" not in p.parts
)

needs_libyaml = pytest.mark.skipif(
    not hasattr(yaml, "CSafeLoader"), reason="PyYAML was built without libyaml"
)


def read_with(
    loader: Any, path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[Any, list[tuple[str, int, int, str]]]:
    monkeypatch.setattr(yaml_tree, "_Loader", loader)
    report = Report()
    read = source.read_file(path, path.name, report)
    found = [(d.code, d.line, d.col, d.message) for d in report.sorted()]
    return (read.data if read else None), found


def both(path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    return [read_with(loader, path, monkeypatch) for loader in (yaml.CSafeLoader, yaml.SafeLoader)]


@needs_libyaml
@pytest.mark.parametrize("path", REPO_YAML, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_yaml_file_in_the_repository_reads_the_same(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast, pure = both(path, monkeypatch)
    assert fast == pure


@needs_libyaml
@pytest.mark.parametrize(
    "text",
    [
        "x: " + "[" * 5000 + "]" * 5000 + "\n",
        "x: " + "[" * 65 + "]" * 65 + "\n",
        "".join("  " * i + f"k{i}:\n" for i in range(200)) + "  " * 200 + "v: 1\n",
    ],
    ids=["libyaml-limit", "just-past-ours", "block"],
)
def test_deep_nesting_is_one_diagnostic_under_both_parsers(
    text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text(text, encoding="utf-8")
    fast, pure = both(path, monkeypatch)
    # Columns may differ: libyaml's scanner reads ahead of its parser on one line.
    assert [(c, ln, m) for c, ln, _, m in fast[1]] == [(c, ln, m) for c, ln, _, m in pure[1]]
    assert [code for code, *_ in fast[1]] == ["E103"]
    assert f"more than {yaml_tree.MAX_NESTING} levels" in fast[1][0][3]


@needs_libyaml
def test_nesting_at_the_limit_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "deep.yaml"
    depth = yaml_tree.MAX_NESTING - 1  # the top-level mapping is one level
    path.write_text("x: " + "[" * depth + "]" * depth + "\n", encoding="utf-8")
    fast, pure = both(path, monkeypatch)
    assert fast == pure
    assert fast[1] == []


@needs_libyaml
@pytest.mark.parametrize(
    "text",
    [
        "a: {hint: What if you waited?}\n",
        "a: {hint: wh?at, b: c}\n",
        "a: [one, two?]\n",
    ],
)
def test_a_question_mark_in_flow_text_is_one_diagnostic(
    text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "flow.yaml"
    path.write_text(text, encoding="utf-8")
    fast, pure = both(path, monkeypatch)
    assert fast[1] == pure[1]
    [(code, line, col, message)] = fast[1]
    assert (code, line) == ("E100", 1)
    assert text[col - 1] == "?"
    assert "cannot contain `?`" in message


@needs_libyaml
def test_quoted_question_marks_in_flow_text_are_fine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "flow.yaml"
    path.write_text("a: {hint: \"What if?\"}\nb: ['why?']\nc: plain? in a block\n", "utf-8")
    fast, pure = both(path, monkeypatch)
    assert fast == pure
    assert fast[0] == {"a": {"hint": "What if?"}, "b": ["why?"], "c": "plain? in a block"}
