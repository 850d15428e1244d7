"""A branch file that stands alone: its own flags, items, variables, ending and
walkthrough (following the canonical one with `from:`), with story.yaml untouched."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from iss.authoring.lint import lint
from iss.authoring.loader import load_story
from iss.cli import main
from tests.conftest import ROOT, TINY, WriteStory, load_ok

MANIFEST = """\
title: Branches
start: a
characters:
  kira: {name: Dr. Kira Foster, side: US, player: true}
  alexey: {name: Alexey Pulov, side: RU, trust: 4}
flags:
  met: You met Alexey.
endings:
  good: {title: Good, kind: good, canonical: true}
walkthroughs:
  canonical: {ending: good, choices: [go_on, onward]}
"""

SCENES = """\
scenes:
  a:
    text: Alexey waits by the hatch, quiet as ever.
    choices:
      - id: go_on
        text: Go on through the hatch
        do: flag.met = true
        go: mid
  mid:
    text: "{if flag.met: Alexey nods.} The corridor runs on toward the lab."
    choices:
      - id: onward
        text: Walk on to the lab
        go: b
  b:
    text: The hatch closes behind you both, and you are home.
    ending: good
"""

BRANCH = """\
flags:
  hid: You hid in the locker.
items:
  torch: a small torch
variables:
  nerve: {type: int, min: 0, max: 3}
extend:
  mid:
    choices:
      - id: hide
        text: Hide in the locker instead
        do: [flag.hid = true, has.torch = true, nerve += 1]
        go: locker
scenes:
  locker:
    text: "The locker is cold and dark. {if has.torch: Your torch shows old socks.}"
    choices:
      - id: wait_it_out
        text: Wait it out
        when: flag.hid and nerve >= 1
        go: locker_end_scene
  locker_end_scene:
    text: You wait in the locker until the station falls quiet.
    ending: locker_end
endings:
  locker_end: {title: The Locker, kind: quiet, hint: "What is in the locker?"}
walkthroughs:
  locker: {from: canonical, ending: locker_end, choices: [hide, wait_it_out]}
"""


def test_a_branch_with_its_own_declarations_passes_strict(write_story: WriteStory) -> None:
    folder = write_story(MANIFEST, scenes=SCENES, z_branch=BRANCH)
    story = load_ok(folder)
    hid = story.flags["hid"].pos
    assert hid is not None and hid.file.endswith("z_branch.yaml")
    assert "torch" in story.items and story.variables["nerve"].max == 3
    assert [w.name for w in story.walkthroughs] == ["canonical", "locker"]
    assert lint(story) == []
    assert main(["check", "--strict", str(folder)]) == 0


def test_from_follows_the_other_walkthrough_until_the_branch_opens(
    write_story: WriteStory,
) -> None:
    story = load_ok(write_story(MANIFEST, scenes=SCENES, z_branch=BRANCH))
    locker = next(w for w in story.walkthroughs if w.name == "locker")
    assert locker.choices == ("go_on", "hide", "wait_it_out")
    chained = (
        BRANCH + "  locker_again: {from: locker, ending: locker_end, choices: [wait_it_out]}\n"
    )
    story = load_ok(write_story(MANIFEST, scenes=SCENES, z_branch=chained))
    again = next(w for w in story.walkthroughs if w.name == "locker_again")
    assert again.choices == ("go_on", "hide", "wait_it_out")


def test_from_must_pass_where_the_branch_opens(write_story: WriteStory) -> None:
    never = BRANCH.replace("choices: [hide, wait_it_out]", "choices: [wait_it_out]")
    errors = load_story(write_story(MANIFEST, scenes=SCENES, z=never)).errors
    [d] = [d for d in errors if d.code == "E160"]
    assert "first choice `wait_it_out` never opens along it" in d.message
    assert d.file.endswith("z.yaml")


def test_from_names_a_walkthrough_that_exists_and_no_circle(write_story: WriteStory) -> None:
    branch = BRANCH.replace("from: canonical", "from: canonicl")
    [d] = load_story(write_story(MANIFEST, scenes=SCENES, z=branch)).errors
    assert d.code == "E130" and "starts from `canonicl`" in d.message
    assert "did you mean `canonical`?" in d.hint
    circle = BRANCH.replace("from: canonical", "from: other") + (
        "  other: {from: locker, ending: locker_end, choices: [hide]}\n"
    )
    errors = load_story(write_story(MANIFEST, scenes=SCENES, z=circle)).errors
    assert any("in a circle: locker -> other -> locker" in d.message for d in errors), errors


def test_a_clash_names_both_files(write_story: WriteStory) -> None:
    folder = write_story(
        MANIFEST,
        scenes=SCENES,
        z_branch=BRANCH.replace("  hid: You hid in the locker.", "  met: You met him again."),
        z_other="walkthroughs:\n  canonical: {ending: good, choices: [go_on, onward]}\n"
        "variables:\n  nerve: {type: bool}\n",
    )
    errors = [f"{d.code} {d.file} {d.message}" for d in load_story(folder).errors]
    flag = next(e for e in errors if "flag `met`" in e)
    assert "story.yaml:" in flag and "z_branch.yaml:" in flag
    variable = next(e for e in errors if "variable `nerve`" in e)
    assert "z_branch.yaml:" in variable and "z_other.yaml:" in variable
    walk = next(e for e in errors if "walkthrough `canonical`" in e)
    assert "story.yaml:" in walk and "z_other.yaml:" in walk
    assert all(e.startswith("E120") for e in (flag, variable, walk))


def test_the_docs_branch_of_the_tiny_example_passes_strict(tmp_path: Path) -> None:
    doc = (ROOT / "docs" / "story-format.md").read_text(encoding="utf-8")
    match = re.search(r"`tiny/branches/locker\.yaml`:\n\n```yaml\n(.*?)```", doc, re.S)
    assert match is not None
    folder = tmp_path / "tiny"
    shutil.copytree(TINY, folder)
    (folder / "branches").mkdir()
    (folder / "branches" / "locker.yaml").write_text(match.group(1), encoding="utf-8")
    assert (folder / "story.yaml").read_text() == (TINY / "story.yaml").read_text()
    story = load_ok(folder)
    locker = next(w for w in story.walkthroughs if w.name == "locker")
    assert locker.choices == ("ask_him", "hide_the_key")
    assert lint(story) == []
    assert main(["check", "--strict", str(folder)]) == 0
