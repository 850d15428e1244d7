"""docs/story-outline.md stays a true map of the bundled story (issue 14).

The outline has one `#### \\`scene_id\\` — Title` section per scene, whose first line names
the scene's file. It went stale once (a dozen scenes without a section, a count from an
older draft), so these tests fail when a scene of the bundled story has no section, when a
section names a scene that no longer exists, when a section sits under the wrong file, when
the opening's scene and ending counts are wrong, when a choice has no bullet of its own (a
line starting with a dash and the choice id in backquotes) in its scene's section, when a
bullet quotes a label the story no longer shows (119 had drifted, as helpers reworded
choices the blind readers found too long or untrue), or when a scene that leads into
another is missing from that section's `- From:` line.
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
BULLET = re.compile(r"^- `([^`]+)`", re.MULTILINE)
QUOTED = re.compile(r"^- `([^`]+)` “([^”]*)”", re.MULTILINE)
FROM = re.compile(r"^- From: (.*)$", re.MULTILINE)
NAMED = re.compile(r"`([^`]+)`")
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


def section_bodies(text: str) -> dict[str, str]:
    """Each section's text, from its heading to the next heading of any level."""
    heads = list(SECTION.finditer(text))
    bodies: dict[str, str] = {}
    for here, after in zip(heads, [*heads[1:], None], strict=True):
        body = text[here.end() : after.start() if after else len(text)]
        bodies[here.group(1)] = body.split("\n#", 1)[0]
    return bodies


def choice_problems(text: str, s: Story) -> list[str]:
    """Choices with no bullet, and ways in missing from a `- From:` line."""
    out: list[str] = []
    bodies = section_bodies(text)
    leads_into: dict[str, set[str]] = {}
    for sid, scene in s.scenes.items():
        for choice in scene.choices:
            for route in choice.routes:
                leads_into.setdefault(route.scene, set()).add(sid)
    for sid, scene in s.scenes.items():
        if sid not in bodies:
            continue
        body = bodies[sid]
        listed = set(BULLET.findall(body))
        out += [
            f"section {sid!r} has no bullet for choice {c.id!r}"
            for c in scene.choices
            if c.id not in listed
        ]
        quoted = dict(QUOTED.findall(body))
        out += [
            f"section {sid!r}: choice {c.id!r} is quoted “{quoted[c.id]}”;"
            f" the story now says “{' '.join(c.text.source.split())}”"
            for c in scene.choices
            if c.id in quoted and quoted[c.id] != " ".join(c.text.source.split())
        ]
        line = FROM.search(body)
        named = set(NAMED.findall(line.group(1))) if line else set()
        if line and "itself" in line.group(1):
            named.add(sid)
        out += [
            f"section {sid!r}: `- From:` does not name {before!r}"
            for before in sorted(leads_into.get(sid, set()) - named)
        ]
    return out


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
    return out + choice_problems(text, s)


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


def test_a_choice_without_a_bullet_is_caught() -> None:
    text = outline_text()
    scene = story().scenes["alexey_lab"]
    choice = scene.choices[-1]
    broken = text.replace(f"- `{choice.id}`", "- (a choice someone forgot)", 1)
    assert f"section 'alexey_lab' has no bullet for choice {choice.id!r}" in problems(
        broken, story()
    )


def test_a_way_in_missing_from_the_from_line_is_caught() -> None:
    text = outline_text()
    bodies = section_bodies(text)
    line = FROM.search(bodies["gordon_cold"])
    assert line is not None and "`christian_watch`" in line.group(0)
    broken = text.replace(line.group(0), line.group(0).replace(", `christian_watch`", ""), 1)
    assert "section 'gordon_cold': `- From:` does not name 'christian_watch'" in problems(
        broken, story()
    )


def test_a_reworded_label_is_caught() -> None:
    text = outline_text()
    choice = story().scenes["alexey_lab"].choices[-1]
    label = " ".join(choice.text.source.split())
    broken = text.replace(f"- `{choice.id}` “{label}”", f"- `{choice.id}` “An older label”", 1)
    assert broken != text
    assert any(
        p.startswith(f"section 'alexey_lab': choice {choice.id!r} is quoted “An older label”")
        for p in problems(broken, story())
    )
