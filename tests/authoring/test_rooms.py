"""Rooms keep their modules to themselves: others import a room's face
(`iss.authoring.explore`, `iss.authoring.lint`, ...), never a module inside it.
Every package under `iss.authoring` is a room.

A test may test a room's internals on purpose; it says so on the import line.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ROOMS = tuple(
    f"iss.authoring.{init.parent.name}"
    for init in sorted((ROOT / "src" / "iss" / "authoring").glob("*/__init__.py"))
)
ON_PURPOSE = "# room internals, tested deliberately"


def imported_modules(tree: ast.Module) -> Iterator[tuple[int, str]]:
    """Every module an import statement names, with its line (absolute imports only)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module


def room_of(module: str) -> str | None:
    """The room whose private module `module` is, if it is one."""
    return next((room for room in ROOMS if module.startswith(room + ".")), None)


def trespasses(path: Path) -> list[str]:
    """Imports in `path` of a module private to a room that `path` is not in."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    inside = path.is_relative_to(ROOT / "src")
    dotted = ".".join(path.relative_to(ROOT / "src").with_suffix("").parts) if inside else ""
    found = []
    for lineno, module in imported_modules(ast.parse(text)):
        room = room_of(module)
        if room is None or dotted.startswith(room + "."):
            continue
        if path.is_relative_to(ROOT / "tests") and lines[lineno - 1].endswith(ON_PURPOSE):
            continue
        found.append(f"{path.relative_to(ROOT)}:{lineno} imports {module}")
    return found


def test_nothing_outside_a_room_imports_its_modules() -> None:
    paths = [p for folder in ("src", "bench", "tests") for p in (ROOT / folder).rglob("*.py")]
    assert len(paths) > 50
    assert [t for path in paths for t in trespasses(path)] == []


def test_every_room_is_known() -> None:
    assert {"iss.authoring.explore", "iss.authoring.lint", "iss.authoring.report"} <= set(ROOMS)
    assert "iss.authoring.diff" in ROOMS


def test_a_private_import_outside_its_room_is_found() -> None:
    assert room_of("iss.authoring.explore.search") == "iss.authoring.explore"
    assert room_of("iss.authoring.explore") is None
    assert room_of("iss.authoring.explorer") is None
    tree = ast.parse(
        "from iss.authoring.lint.usage import usage\nimport iss.authoring.explore.proof\n"
    )
    assert [room_of(m) for _, m in imported_modules(tree)] == [
        "iss.authoring.lint",
        "iss.authoring.explore",
    ]
