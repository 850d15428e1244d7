"""Branch files: `extend:` and `endings:` in a separate scene file, and their conflicts."""

from __future__ import annotations

from pathlib import Path

from iss.authoring.explore import explore, replay_path
from iss.authoring.lint import lint
from iss.authoring.loader import load_story
from tests.authoring.test_lint import MANIFEST, SCENES
from tests.conftest import WriteStory, load_ok

BRANCH = """\
extend:
  a:
    choices:
      - id: hide
        text: Hide in the locker instead
        go: locker
scenes:
  locker:
    text: The locker is cold and dark, and it smells of old socks.
    ending: locker_end
endings:
  locker_end: {title: The Locker, kind: quiet, hint: "What is in the locker?"}
"""


def _messages(folder: Path, code: str) -> list[str]:
    return [
        f"{d.file}:{d.line} {d.message}" for d in load_story(folder).diagnostics if d.code == code
    ]


def test_a_branch_adds_a_choice_a_scene_and_an_ending(write_story: WriteStory) -> None:
    manifest = MANIFEST + "  locker_end: {ending: locker_end, choices: [hide]}\n"
    story = load_ok(write_story(manifest, scenes=SCENES, z_branch=BRANCH))
    hide = story.scenes["a"].choice_index["hide"]
    assert hide.origin.endswith("z_branch.yaml")
    assert story.scenes["a"].choice_index["go_on"].origin.endswith("scenes.yaml")
    assert story.endings["locker_end"].pos is not None
    assert story.endings["locker_end"].pos.file.endswith("z_branch.yaml")
    found = explore(story)
    path = found.endings["locker_end"].path
    assert path is not None and replay_path(story, path).ending == "locker_end"
    assert lint(story) == []


def test_two_branches_adding_the_same_choice_name_each_other(write_story: WriteStory) -> None:
    folder = write_story(MANIFEST, scenes=SCENES, b1=BRANCH, b2=BRANCH.split("scenes:")[0])
    (message,) = _messages(folder, "E136")
    assert message.split(":")[0].endswith("story/b2.yaml") and ".yaml:4 " in message
    assert "already has a choice `hide`" in message and "story/b1.yaml:4:9)" in message


def test_a_branch_reusing_a_base_choice_id(write_story: WriteStory) -> None:
    branch = BRANCH.replace("id: hide", "id: go_on")
    (message,) = _messages(write_story(MANIFEST, scenes=SCENES, z=branch), "E136")
    assert "`go_on`" in message and "scenes.yaml" in message


def test_extending_a_missing_or_ending_scene(write_story: WriteStory) -> None:
    missing = write_story(MANIFEST, scenes=SCENES, z=BRANCH.replace("  a:\n", "  aa:\n", 1))
    (message,) = _messages(missing, "E130")
    assert "story/z.yaml:2" in message and "`aa`" in message
    ending = write_story(MANIFEST, scenes=SCENES, z=BRANCH.replace("  a:\n", "  b:\n", 1))
    assert any("ending scene" in m for m in _messages(ending, "E132"))


def test_branch_ending_or_scene_clashing_with_the_base(write_story: WriteStory) -> None:
    clash = BRANCH.replace("  locker_end: {", "  good: {").replace("locker:\n", "b:\n")
    folder = write_story(MANIFEST, scenes=SCENES, z=clash)
    messages = _messages(folder, "E120")
    assert any("ending `good` is declared twice" in m and "story.yaml" in m for m in messages)
    assert any("scene `b` is defined twice" in m and "scenes.yaml" in m for m in messages)


def test_a_choice_added_without_an_id_is_a_warning(write_story: WriteStory) -> None:
    branch = BRANCH.replace("      - id: hide\n        text:", "      - text:")
    manifest = (
        MANIFEST + "  locker_end: {ending: locker_end, choices: [hide_in_the_locker_instead]}\n"
    )
    story = load_ok(write_story(manifest, scenes=SCENES, z_branch=branch))
    [warning] = [d for d in lint(story) if d.code == "W216"]
    assert warning.file.endswith("z_branch.yaml") and warning.line == 4
    assert "add `id: hide_in_the_locker_instead`" in warning.hint
    assert not [
        d
        for d in lint(
            load_ok(
                write_story(
                    manifest.replace("hide_in_the_locker_instead", "hide"),
                    scenes=SCENES,
                    z_branch=BRANCH,
                )
            )
        )
        if d.code == "W216"
    ]
