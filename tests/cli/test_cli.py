"""The `iss` command end to end, through subprocesses, against fixture stories."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import BASE_SCENES, ROOT, TINY, WriteStory

ISS = [sys.executable, "-m", "iss"]


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([*ISS, *args], input=stdin, capture_output=True, text=True, timeout=60)


def test_version() -> None:
    out = run("--version")
    assert out.returncode == 0
    assert re.match(r"iss \d+\.\d+", out.stdout)


def test_check_clean_story_exits_0() -> None:
    out = run("check", str(TINY))
    assert out.returncode == 0, out.stdout + out.stderr
    assert "0 error(s)" in out.stdout


def test_check_reports_file_line_and_exits_1(write_story: WriteStory) -> None:
    folder = write_story(scenes=BASE_SCENES.replace("go: b", "go: bb"))
    out = run("check", str(folder))
    assert out.returncode == 1
    assert re.search(r"story/scenes\.yaml:7:\d+: error E130: no scene `bb`", out.stdout)
    assert "did you mean `b`" in out.stdout
    assert "Traceback" not in out.stdout + out.stderr


def test_check_bad_usage_exits_2() -> None:
    assert run("check", "--format", "xml").returncode == 2
    assert run("frobnicate").returncode == 2


def test_check_strict_counts_warnings(write_story: WriteStory) -> None:
    folder = write_story(scenes=BASE_SCENES.replace("text: End.", "text: Hi."))
    relaxed = run("check", str(folder))
    assert relaxed.returncode == 0 and "W208" in relaxed.stdout
    strict = run("check", str(folder), "--strict")
    assert strict.returncode == 1
    summary = strict.stdout.strip().splitlines()[-1]
    assert re.search(
        r"0 error\(s\), (\d+) warning\(s\) \(\1 counted as errors by --strict\)", summary
    )
    assert strict.stderr == ""  # the summary goes to stdout, pass or fail


def test_check_sarif_for_code_scanning(write_story: WriteStory) -> None:
    folder = write_story(scenes=BASE_SCENES.replace("go: b", "go: bb"))
    out = run("check", str(folder), "--format", "sarif")
    assert out.returncode == 1
    sarif = json.loads(out.stdout)
    assert sarif["version"] == "2.1.0"
    [run_] = sarif["runs"]
    [rule] = run_["tool"]["driver"]["rules"]
    assert rule["id"] == "E130"
    [result] = run_["results"]
    assert (result["ruleId"], result["level"]) == ("E130", "error")
    assert "hint: did you mean `b`?" in result["message"]["text"]
    place = result["locations"][0]["physicalLocation"]
    assert place["artifactLocation"]["uri"].endswith("story/scenes.yaml")
    assert place["region"] == {"startLine": 7, "startColumn": 13}


def test_check_prints_paths_from_the_current_directory(write_story: WriteStory) -> None:
    folder = write_story(scenes=BASE_SCENES.replace("go: b", "go: bb"))
    out = subprocess.run(
        [*ISS, "check", "story"], cwd=folder.parent, capture_output=True, text=True, check=False
    )
    assert out.stdout.startswith("story/scenes.yaml:7:13: error E130"), out.stdout
    out = subprocess.run(
        [*ISS, "check", "."], cwd=folder, capture_output=True, text=True, check=False
    )
    assert out.stdout.startswith("scenes.yaml:7:13: error E130"), out.stdout


def test_check_json_shape() -> None:
    out = run("check", str(TINY), "--format", "json")
    data = json.loads(out.stdout)
    assert set(data) >= {"errors", "warnings", "stats", "scenes", "endings", "walkthroughs"}
    assert data["stats"]["scenes"] == 4 and data["stats"]["endings"] == 2
    assert data["stats"]["words"] > 20
    scene = data["scenes"][0]
    assert set(scene) == {"id", "title", "file", "line", "words", "beat", "tags"}
    assert {"id": "home", "title": "Home", "kind": "good", "canonical": True} in data["endings"]
    assert all(w["ok"] for w in data["walkthroughs"])


def test_check_json_lists_errors(write_story: WriteStory) -> None:
    out = run("check", str(write_story(scenes="scenes: [")), "--format", "json")
    assert out.returncode == 1
    [error] = json.loads(out.stdout)["errors"]
    assert set(error) == {"code", "severity", "file", "line", "col", "message", "hint"}
    assert error["code"] == "E100" and error["hint"] and error["hint"] not in error["message"]


def test_plain_play_reaches_both_endings() -> None:
    out = run("play", "--plain", "--story", str(TINY), stdin="1\n1\n")
    assert out.returncode == 0
    assert "== The Hatch ==" in out.stdout
    assert "  1) Knock and ask what the order said" in out.stdout
    # the player's own choice and the other way, and the endings only when asked for
    # (named at once, they read as a checklist: blind reader R18)
    assert out.stdout.rstrip().endswith(
        'ENDING: Home\n\nWhat mattered:\n  1. The Key: You chose "Take the key." Instead, '
        '"Keep waiting" could have led elsewhere.\n'
        "What led here:\n"
        '  2. The Hatch: You chose "Knock and ask what the order said." Instead, '
        '"Wait for him to come to you" would have put this ending out of reach.\n'
        "(Type :again N to go back to choice N and choose again, or :ways for where the"
        " other choices could have led; Enter closes the game.)\n>"
    )
    out = run("play", "--plain", "--story", str(TINY), stdin="wait\nkeep_waiting\n:ways\n")
    assert out.returncode == 0
    assert "ENDING: Reentry" in out.stdout
    # Home was found by the first run, so it is named; waiting is what lost it, and
    # knocking is the way that was open.
    mattered, ways = out.stdout.split("What mattered:\n")[1].split("> :ways\n")
    assert "Home" not in mattered
    assert ways.strip().splitlines()[:2] == [
        "Where the other ways led, of the endings your choice turned away from:",
        '  1. The Hatch: You chose "Wait for him to come to you." Instead, "Knock and ask'
        ' what the order said" could have led to Home.',
    ]


def test_plain_shows_locked_choices_with_reasons_and_survives_bad_input() -> None:
    out = run(
        "play",
        "--plain",
        "--story",
        str(TINY),
        "--trace",
        stdin="2\n\n99\nxyzzy\ntake_the_key\n:bogus\n:trust\n:help\n",
    )
    assert out.returncode == 3  # the input ends before an ending
    text = out.stdout
    assert "@ hatch" in text and "@ the_key" in text
    assert "  1) Take the key  [locked: Alexey doesn't trust you enough]" in text
    assert "There is no choice 99" in text
    assert "`xyzzy` is not a choice here" in text
    assert "That choice is locked" in text
    assert "Unknown command `:bogus`" in text
    assert "Alexey Pulov" in text and "wary" in text
    assert "Traceback" not in text + out.stderr


def test_plain_quit_exits_0_and_end_of_input_exits_3() -> None:
    assert run("play", "--plain", "--story", str(TINY), stdin=":quit\n").returncode == 0
    assert run("play", "--plain", "--story", str(TINY), stdin="").returncode == 3


def test_play_a_broken_story_exits_1_with_diagnostics(write_story: WriteStory) -> None:
    out = run("play", "--plain", "--story", str(write_story(scenes="scenes: [")))
    assert out.returncode == 1
    assert "E100" in out.stderr and "Traceback" not in out.stderr


def test_iss_defaults_to_play() -> None:
    out = run("--plain", "--story", str(TINY), stdin="1\n1\n")
    assert "ENDING: Home" in out.stdout


def test_the_story_folder_is_a_positional_argument_like_the_author_tools() -> None:
    for args in (["play", "--plain", str(TINY)], ["--plain", str(TINY)], [str(TINY), "--plain"]):
        out = run(*args, stdin="1\n1\n")
        assert out.returncode == 0, args
        assert "ENDING: Home" in out.stdout, args


def test_a_story_folder_given_twice_must_agree(tmp_path: Path) -> None:
    out = run("play", "--plain", str(TINY), "--story", str(tmp_path), stdin="1\n1\n")
    assert out.returncode == 2
    assert "once" in out.stderr and "Traceback" not in out.stderr
    assert run("play", "--plain", str(TINY), "--story", str(TINY), stdin="1\n1\n").returncode == 0


@pytest.mark.parametrize("name", ["story.yaml", "scenes.yaml"])
def test_docs_example_is_the_tiny_fixture(name: str) -> None:
    doc = (ROOT / "docs" / "story-format.md").read_text(encoding="utf-8")
    blocks = dict(re.findall(r"`tiny/(\w+\.yaml)`:\n\n```yaml\n(.*?)```", doc, re.S))
    assert blocks[name] == (TINY / name).read_text(encoding="utf-8")


def test_bundled_story_is_found_from_the_package() -> None:
    from iss.paths import bundled_story_dir

    assert (bundled_story_dir() / "story.yaml").is_file() or not (
        ROOT / "story" / "story.yaml"
    ).exists()
    assert Path(bundled_story_dir()).resolve() == (ROOT / "story").resolve()


def _loaded_after(imports: str, prefixes: tuple[str, ...]) -> list[str]:
    """The modules starting with `prefixes` that a fresh interpreter holds after
    running `imports` and building the `play` command's parser."""
    code = (
        f"import sys, {imports}; iss.cli.build_parser(only='play'); "
        f"print(','.join(sorted(m for m in sys.modules if m.startswith({prefixes!r}))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return [m for m in out.stdout.strip().split(",") if m]


def test_play_loads_no_author_tool() -> None:
    """`iss play` starts faster without the checker, explorer, report and diff (issue 15)."""
    author_tools = (
        "iss.authoring.lint",
        "iss.authoring.explore",
        "iss.authoring.report",
        "iss.authoring.diff",
        "iss.cli.check_cmd",
    )
    assert _loaded_after("iss.cli", author_tools) == []


def test_the_title_screen_needs_neither_story_nor_engine() -> None:
    """`iss play` draws its title before it reads the story: the modules that draw it
    import no loader, runner, saves or record (they come in a thread afterwards)."""
    story_and_engine = (
        "iss.authoring",
        "iss.engine.runner",
        "iss.engine.model",
        "iss.engine.saves",
        "iss.records",
        "iss.ui.screens.play",
        "yaml",
    )
    assert _loaded_after("iss.cli, iss.cli.play_cmd, iss.ui.app", story_and_engine) == []


NOTICE_STORY = """\
title: Notices
start: hatch
characters:
  kira: {name: Dr. Kira Foster, side: US, player: true}
  alexey: {name: Alexey Pulov, side: RU, trust: 4}
items:
  key: Weronika's key
  drive: the research drive
endings:
  home: {title: Home, kind: good, canonical: true}
"""
NOTICE_SCENES = """\
scenes:
  hatch:
    title: The Hatch
    text: Alexey floats by the hatch.
    choices:
      - text: Take the key he holds out
        do: has.key = true
        go: lab
  lab:
    title: The Lab
    do: has.drive = true
    text: He presses the drive into your other hand.
    choices:
      - text: Go home
        go: home
  home:
    title: Home
    ending: home
    text: You fall toward the ocean.
"""


def test_plain_notices_follow_the_text_that_tells_them(write_story: WriteStory) -> None:
    """What a choice did is told right after it, before the next scene: told after that
    scene's text, "(Christian warms to you a little.)" read as his answer to cutting the
    air (blind reader R5). What a scene's own `do:` did follows the scene's text: told
    before the title, an item was announced before the prose handed it over (R2, R4)."""
    story = write_story(NOTICE_STORY, scenes=NOTICE_SCENES)
    out = run("play", "--plain", "--story", str(story), stdin="1\n1\n").stdout
    key, lab = out.index("(You now have Weronika's key.)"), out.index("== The Lab ==")
    assert out.index("Alexey floats by the hatch.") < key < lab
    drive = out.index("(You now have the research drive.)")
    assert lab < out.index("He presses the drive into your other hand.") < drive
    assert drive < out.index("1) Go home") < out.index("== Home ==")
    assert out.count("(You now have") == 2


def test_drawing_the_new_game_seed_needs_no_engine() -> None:
    """`iss play` draws a new game's seed before its title: that must not import the
    engine either (it once imported the save format, and with it the runner and model,
    for one constant)."""
    engine = ("iss.engine.runner", "iss.engine.model", "iss.engine.save_format", "secrets")
    imports = "iss.cli, iss.cli.play_cmd; iss.cli.play_cmd.new_game_seed(None, typing=True)"
    assert _loaded_after(imports, engine) == []
