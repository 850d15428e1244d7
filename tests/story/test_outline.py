"""docs/story-outline.md stays a true map of the bundled story (issue 14).

The outline has one `#### \\`scene_id\\` — Title` section per scene, whose first line names
the scene's file. It went stale once (a dozen scenes without a section, a count from an
older draft), so these tests fail when a scene of the bundled story has no section, when a
section names a scene that no longer exists, when a section sits under the wrong file, or
when the opening's scene and ending counts are wrong.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from iss.authoring.loader import load_story
from iss.engine.model import Story
from iss.paths import bundled_story_dir, checkout_root

SECTION = re.compile(r"^#### `([^`]+)`", re.MULTILINE)
FILE = re.compile(r"`story/([^`]+\.yaml)`")
COUNTS = re.compile(r"The story has (\d+) scenes and (\d+) endings")


@cache
def story() -> Story:
    result = load_story(bundled_story_dir(), run_walkthroughs=False)
    assert result.story is not None, "\n".join(map(str, result.errors[:20]))
    return result.story


def outline_text() -> str:
    root = checkout_root()
    if root is None:
        pytest.skip("docs/ ships only with a checkout")
    return (root / "docs" / "story-outline.md").read_text(encoding="utf-8")


def sections(text: str) -> dict[str, list[str]]:
    """Each section's scene id, and every heading for it (more than one is a mistake)."""
    found: dict[str, list[str]] = {}
    for match in SECTION.finditer(text):
        found.setdefault(match.group(1), []).append(match.group(0))
    return found


def section_files(text: str) -> dict[str, str]:
    """The story file each section names first, before the next heading."""
    files: dict[str, str] = {}
    for match in SECTION.finditer(text):
        body = text[match.end() :].split("\n#", 1)[0]
        named = FILE.search(body)
        files[match.group(1)] = named.group(1) if named else ""
    return files


def problems(text: str, s: Story) -> list[str]:
    """What the outline gets wrong about story `s`; empty when it is a true map."""
    out: list[str] = []
    found = sections(text)
    out += [f"no section for scene {sid!r}" for sid in s.scenes if sid not in found]
    out += [f"section for {sid!r}, which is no scene" for sid in found if sid not in s.scenes]
    out += [f"{len(heads)} sections for {sid!r}" for sid, heads in found.items() if len(heads) > 1]
    files = section_files(text)
    for sid, scene in s.scenes.items():
        if sid in files and scene.pos is not None:
            want = Path(scene.pos.file).name
            if files[sid] != want:
                out.append(f"section {sid!r} names file {files[sid]!r}, not {want!r}")
    counts = COUNTS.search(text)
    if counts is None:
        out.append("the opening no longer says how many scenes and endings there are")
    elif (int(counts.group(1)), int(counts.group(2))) != (len(s.scenes), len(s.endings)):
        out.append(
            f"the opening says {counts.group(1)} scenes and {counts.group(2)} endings;"
            f" the story has {len(s.scenes)} and {len(s.endings)}"
        )
    return out


def test_the_outline_has_one_section_for_every_scene_and_none_for_others() -> None:
    found = problems(outline_text(), story())
    assert found == [], "docs/story-outline.md is out of date:\n" + "\n".join(found)


def test_a_missing_section_is_caught() -> None:
    text = outline_text()
    first = SECTION.search(text)
    assert first is not None
    broken = text.replace(first.group(0), "#### (a scene someone forgot)", 1)
    assert f"no section for scene {first.group(1)!r}" in problems(broken, story())


def test_a_section_for_a_renamed_or_removed_scene_is_caught() -> None:
    text = outline_text() + "\n#### `no_such_scene` — Gone\n\n*`story/endings.yaml`*\n"
    assert "section for 'no_such_scene', which is no scene" in problems(text, story())


def test_a_section_under_the_wrong_file_is_caught() -> None:
    text = outline_text()
    first = SECTION.search(text)
    assert first is not None
    head, _, tail = text.partition(first.group(0))
    moved_tail = FILE.sub("`story/elsewhere.yaml`", tail, count=1)
    found = problems(head + first.group(0) + moved_tail, story())
    assert any(
        p.startswith(f"section {first.group(1)!r} names file 'elsewhere.yaml'") for p in found
    )


def test_a_stale_count_is_caught() -> None:
    text = COUNTS.sub("The story has 85 scenes and 11 endings", outline_text(), count=1)
    assert any("says 85 scenes and 11 endings" in p for p in problems(text, story()))
