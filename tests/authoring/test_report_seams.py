"""`iss report`'s seams: rendered text that joins badly where its pieces meet."""

from __future__ import annotations

import json

import pytest

from iss.authoring.report import KINDS, ReportOptions, build_report, find_seams, seams_in
from iss.cli import main
from tests.conftest import TINY, WriteStory, load_ok

MANIFEST = """\
title: Seams
start: s0
characters:
  kira: {name: Dr. Kira Foster, side: US, player: true}
flags:
  talked: She talked.
endings:
  end: {title: End, kind: good, canonical: true}
"""

SCENES = """\
scenes:
  s0:
    text: Two ways.
    choices:
      - {id: talk, text: Talk, do: flag.talked = true, go: s1}
      - {id: wait, text: Wait, go: s1}
  s1:
    text: '{if flag.talked: "She talked." | "Nobody talked."}"Then the hatch."'
    choices:
      - {id: go_on, text: '"Go.""Now."', go: end_scene}
  end_scene: {title: End, text: The end., ending: end}
"""


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ('"by now.""And there\'s more."', "quotes touching"),
        ("It stops.Then it starts.", "no space after a sentence"),
        ('"Go,"she says.', "no space after a closing quote"),
        ("The hatch  opens.", "two spaces"),
        ("The hatch opens , slowly.", "space before punctuation"),
        ("First.\n\nand then the rest.", "a paragraph starting in lower case"),
        ("He closes the the hatch.", "the same word twice"),
        ("The The hatch.", "the same word twice"),
        (
            "Alexey went aft, the line still whole,. Weronika waits.",
            "a comma or colon before a stop",
        ),
        ("She says it twice:; then nothing.", "a comma or colon before a stop"),
    ],
)
def test_each_kind_of_seam_is_found(text: str, kind: str) -> None:
    assert [found for found, _ in seams_in(text)] == [kind]


def test_good_text_has_no_seams() -> None:
    text = (
        '"Go," she says. "Now." He had had enough; he knew that that was all. '
        "Wait... then go.\n\nOne, two: three! Dr. Foster, 9.5 meters, U.S. Lab.\n\n_Deal, Foster._"
    )
    assert seams_in(text) == []
    assert set(KINDS) >= {"quotes touching", "two spaces"}


def test_find_seams_names_the_scene_the_choice_and_the_text(write_story: WriteStory) -> None:
    story = load_ok(write_story(MANIFEST, scenes=SCENES))
    seams = find_seams(story, runs=20)
    assert {(s.scene, s.choice, s.kind) for s in seams} == {
        ("s1", "", "quotes touching"),
        ("s1", "go_on", "quotes touching"),
    }
    # Both routes meet the seam, each with its own words: each is told once.
    excerpts = sorted(s.excerpt for s in seams if not s.choice)
    assert excerpts == ['"Nobody talked.""Then the hatch."', '"She talked.""Then the hatch."']


def test_the_report_lists_seams_in_text_and_json(
    write_story: WriteStory, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_story(MANIFEST, scenes=SCENES)
    report = build_report(load_ok(folder), ReportOptions(runs=20, seam_runs=20))
    assert report.seam_runs == 20 and len(report.seams) == 3
    assert main(["report", str(folder), "--runs", "20", "--seam-runs", "20"]) == 0
    out = capsys.readouterr().out
    assert "Seams (rendered text that joins badly where its pieces meet, from 20 random" in out
    assert '  s1: quotes touching: "She talked.""Then the hatch."' in out
    assert '  s1.go_on: quotes touching: "Go.""Now."' in out
    assert main(["report", str(folder), "--json", "--runs", "20", "--seam-runs", "0"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["seam_runs"] == 0 and data["seams"] == []


def test_a_clean_story_has_none() -> None:
    assert main(["report", str(TINY), "--runs", "10", "--seam-runs", "-1"]) == 2
    assert build_report(load_ok(TINY), ReportOptions(runs=10)).seams == []
