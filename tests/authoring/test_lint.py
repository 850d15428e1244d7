"""One tiny story per lint code: each warning comes with its code, file:line:col and a hint."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from iss.authoring.codes import CODES
from iss.authoring.lint import lint
from iss.authoring.lint.usage import (  # room internals, tested deliberately
    condition_names,
    conditions,
)
from iss.cli import main
from iss.paths import bundled_story_dir
from tests.authoring.test_explore import STATION
from tests.conftest import TINY, WriteStory, load_ok

MANIFEST = """\
title: Lint
start: a
characters:
  kira: {name: Dr. Kira Foster, side: US, player: true}
  alexey: {name: Alexey Pulov, side: RU, trust: 4}
flags:
  met: You met Alexey.
endings:
  good: {title: Good, kind: good, canonical: true}
walkthroughs:
  canonical: {ending: good, choices: [go_on]}
"""

SCENES = """\
scenes:
  a:
    text: Alexey waits by the hatch, quiet as ever.
    choices:
      - id: go_on
        text: Go on through the hatch
        go: b
  b:
    text: The hatch closes behind you both, and you are home.
    ending: good
"""

NO_WALK = MANIFEST.split("walkthroughs:")[0]


def _choice(extra: str) -> str:
    """SCENES with one more choice in scene `a` (its first line is line 8)."""
    return SCENES.replace("        go: b\n", "        go: b\n" + extra, 1)


# code -> (manifest, scenes, file, line)
CASES: dict[str, tuple[str, str, str, int]] = {
    "W200": (
        MANIFEST,
        SCENES + "  c:\n    text: Nobody ever comes down to this node.\n    next: b\n",
        "scenes.yaml",
        11,
    ),
    "W201": (
        NO_WALK,
        SCENES.replace("        go: b\n", "        when: trust.alexey >= 5\n        go: b\n"),
        "scenes.yaml",
        2,
    ),
    "W202": (
        MANIFEST.replace("walkthroughs:", "  lost: {title: Lost, kind: dark}\nwalkthroughs:"),
        SCENES,
        "story.yaml",
        10,
    ),
    "W203": (
        MANIFEST.replace("  met: You met Alexey.\n", "  met: You met Alexey.\n  secret:\n"),
        _choice("      - {id: hush, text: Keep a secret, do: flag.secret = true, go: b}\n"),
        "story.yaml",
        8,
    ),
    "W204": (
        MANIFEST,
        _choice("      - {id: wave, text: Wave at him, when: flag.met, go: b}\n"),
        "story.yaml",
        7,
    ),
    "W205": (
        MANIFEST.replace("endings:", "items:\n  key: Weronika's key\nendings:"),
        SCENES,
        "story.yaml",
        9,
    ),
    "W206": (
        MANIFEST,
        _choice("      - {id: hug, text: Hug him, when: trust.alexey > 10, go: b}\n"),
        "scenes.yaml",
        8,
    ),
    "W207": (
        MANIFEST,
        _choice("      - {id: go_too, text: Go on through the hatch, go: b}\n"),
        "scenes.yaml",
        8,
    ),
    "W208": (
        MANIFEST,
        SCENES.replace("The hatch closes behind you both, and you are home.", "Home."),
        "scenes.yaml",
        8,
    ),
    "W209": (
        MANIFEST + "beats: [arrival, escape]\n",
        SCENES.replace("  a:\n", "  a:\n    beat: escape\n").replace(
            "    ending: good\n", "    ending: good\n    beat: arrival\n"
        ),
        "scenes.yaml",
        9,
    ),
    "W210": (NO_WALK, SCENES, "story.yaml", 9),
    "W211": (
        NO_WALK,
        _choice("      - {id: round, text: Walk in circles, go: c}\n")
        + "  c:\n    text: The corridor bends and bends and bends again.\n    choices:\n      - {id: again, text: Keep walking, go: c}\n",
        "scenes.yaml",
        12,
    ),
    "W212": (
        MANIFEST,
        _choice("      - {id: hug, text: Hug him, when: trust.alexey >= 6, go: b}\n"),
        "scenes.yaml",
        8,
    ),
    "W213": (
        NO_WALK.replace("flags:", "variables:\n  n: {type: int}\nflags:")
        + "properties:\n  n_stays_small:\n    at: c\n    always: n != 50000\n",
        _choice("      - {id: loop, text: Walk the loop, go: c}\n")
        + "  c:\n    text: The corridor bends and bends and bends again.\n    choices:\n"
        "      - {id: again, text: Keep walking, do: n += 1, go: c}\n"
        "      - {id: out, text: Step out, go: b}\n",
        "story.yaml",
        13,
    ),
    "W214": (
        MANIFEST,
        _choice(
            "      - {id: lose_him, text: Lose him outside, do: status.alexey = dead, go: b}\n"
        ).replace("The hatch closes behind you both", "Alexey closes the hatch"),
        "scenes.yaml",
        9,
    ),
    "W215": (
        MANIFEST.replace("[go_on]", "[lose_him]"),
        _choice(
            "      - {id: lose_him, text: Lose him outside, do: status.alexey = dead, go: b}\n"
        ).replace("  b:\n", "  b:\n    requires: alive.alexey\n"),
        "story.yaml",
        11,
    ),
    "W217": (
        MANIFEST.replace("canonical: true}", "canonical: true}\n  bad: {title: Bad, kind: dark}"),
        SCENES + "  c:\n    text: It all goes wrong from here on in.\n    ending: bad\n",
        "story.yaml",
        10,
    ),
    "W219": (
        MANIFEST + "facts:\n  secret: {says: [the secret], known: flag.met}\n",
        SCENES.replace("The hatch closes behind you both", "The hatch closes on the secret"),
        "scenes.yaml",
        9,
    ),
}
ELSEWHERE = {
    "W216": "test_lint_branches.py: a choice added from another file",
    "W218": "test_properties.py: a mention neither proved nor broken within a small budget",
    "W220": "test_facts.py: a fact neither proved nor broken within a small budget",
    "W221": "test_lint_budget.py: what the budget cut short, or a story too large to explore",
    "W222": "test_facts.py: a mentions_unknown entry listed twice or never said (the loader)",
    "W223": "test_glued.py: a fragment that runs words together (the loader, at the text)",
}


def test_every_lint_code_has_a_case() -> None:
    assert sorted(CASES) == sorted(c for c in CODES if c.startswith("W2") and c not in ELSEWHERE)


def test_the_base_story_is_clean(write_story: WriteStory) -> None:
    story = load_ok(write_story(MANIFEST, scenes=SCENES))
    assert lint(story) == []


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_lint_code_at_its_line(code: str, write_story: WriteStory) -> None:
    manifest, scenes, file, line = CASES[code]
    story = load_ok(write_story(manifest, scenes=scenes))
    found = [d for d in lint(story) if d.code == code]
    assert found, f"{code} not reported; got {[str(d) for d in lint(story)]}"
    where = [(Path(d.file).name, d.line) for d in found]
    assert (file, line) in where, f"{code} reported at {where}"
    for diagnostic in found:
        assert diagnostic.hint, f"{code} has no hint"
        assert diagnostic.col >= 1
        assert not diagnostic.is_error


def test_dead_end_hint_gives_the_path(write_story: WriteStory) -> None:
    manifest, scenes, _, _ = CASES["W201"]
    story = load_ok(write_story(manifest, scenes=scenes))
    (dead,) = [d for d in lint(story) if d.code == "W201"]
    assert "reached by: (at the start)" in dead.hint


def test_no_walkthrough_hint_offers_one(write_story: WriteStory) -> None:
    story = load_ok(write_story(NO_WALK, scenes=SCENES))
    (missing,) = [d for d in lint(story) if d.code == "W210"]
    assert "good: {ending: good, choices: [go_on]}" in missing.hint


def test_never_true_covers_text_values_and_timers(write_story: WriteStory) -> None:
    manifest = MANIFEST.replace(
        "flags:",
        "variables:\n  plan: {type: text, values: [hide, fight]}\n  n: {type: int, min: 0, max: 3}\n"
        "clock:\n  air: {start: 1h}\nflags:",
    )
    scenes = _choice(
        "      - {id: x1, text: One, when: 'plan == \"run\"', go: b}\n"
        "      - {id: x2, text: Two, when: clock.air > 2h, go: b}\n"
        "      - {id: x3, text: Three, when: n * 2 >= 7, go: b}\n"
        "      - {id: x4, text: Four, when: n * 2 >= 6 and clock.air <= 1h, go: b}\n"
        "      - {id: x5, text: Five, when: 'status.alexey == outside', go: b}\n"
    )
    story = load_ok(write_story(manifest, scenes=scenes))
    never = [d.message for d in lint(story) if d.code == "W206"]
    assert len(never) == 3, never
    assert any("x1" in m for m in never)
    assert any("x2" in m for m in never)
    assert any("x3" in m for m in never)


def test_conditions_inside_variations_are_read(write_story: WriteStory) -> None:
    """A flag read only by an `{if}` inside a variation (in a scene's text, a choice's
    text or its reason) is read: no W203. A never-true `{if}` there gets its W206."""
    manifest = CASES["W203"][0].replace("  secret:\n", "  secret:\n  quiet:\n  loud:\n")
    scenes = _choice(
        "      - id: hush\n"
        "        text: '{sequence: Keep it | {if flag.loud: Shout it | Keep it again}}'\n"
        "        when: trust.alexey < 9\n"
        "        reason: '{cycle: No. | {if flag.quiet: Hush. | No.}}'\n"
        "        do: [flag.secret = true, flag.quiet = true, flag.loud = true]\n"
        "        go: b\n"
    ).replace(
        "The hatch closes behind you both, and you are home.",
        "'The hatch closes. {cycle: {if flag.secret: {if trust.alexey > 10: Hm.} Home.} | Home.}'",
    )
    story = load_ok(write_story(manifest, scenes=scenes))
    found = lint(story)
    assert not [d for d in found if d.code == "W203"], [str(d) for d in found]
    never = [d for d in found if d.code == "W206"]
    assert [(d.line, "trust.alexey > 10" in d.message) for d in never] == [(14, True)]
    assert {"flag.secret", "flag.quiet", "flag.loud"} <= condition_names(story)


@pytest.mark.parametrize("folder", [TINY, STATION], ids=["tiny", "station"])
def test_fixture_stories_are_clean(folder: Path) -> None:
    assert lint(load_ok(folder)) == []


def test_check_runs_lint(write_story: WriteStory, capsys: pytest.CaptureFixture[str]) -> None:
    manifest, scenes, _, _ = CASES["W206"]
    folder = write_story(manifest, scenes=scenes)
    assert main(["check", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "scenes.yaml:8:" in out and "W206" in out and "hint:" in out
    assert main(["check", str(folder), "--strict"]) == 1
    capsys.readouterr()
    assert main(["check", str(folder), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [w["code"] for w in data["warnings"]] == ["W206"]


@pytest.mark.parametrize(
    "folder", [bundled_story_dir(), TINY, STATION], ids=["story", "tiny", "station"]
)
def test_condition_names_are_the_names_of_every_condition(folder: Path) -> None:
    """`usage` reads the condition names without building a place for each condition:
    the same names as walking `conditions()`."""
    story = load_ok(folder)
    walked = {name for condition, _ in conditions(story) for name in condition.names}
    assert walked and condition_names(story) == walked
