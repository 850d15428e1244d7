"""`iss explore --ways-in`: the text, the JSON, and a scene the story lacks."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

from tests.authoring.test_tutorial import _block
from tests.authoring.test_ways_in import MANIFEST, SCENES
from tests.cli.test_cli import run
from tests.conftest import ROOT, TINY, WriteStory


def test_ways_in_prints_the_ways_proofs_and_differences(write_story: WriteStory) -> None:
    folder = write_story(MANIFEST, scenes=SCENES)
    out = run("explore", str(folder), "--ways-in", "join", "--random", "100", "--routes")
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert "Ways into `join`: 3 ways in; 100 arrivals in 100 random plays (seed 0)" in text
    assert '"Never offered"' in text and "no sampled play came this way" in text
    assert "Always true on arrival (proved):" in text and "flag.woke" in text
    assert "Never true on arrival (proved): flag.met" not in text
    assert "  flag.met: false on " in text and " only via a.right; true on " in text
    assert "      true: 1 choice, via a.left (found by random play): left" in text
    assert (
        "Unproved within the budget (the same on every sampled arrival, not proved): none" in text
    )


def test_ways_in_json(write_story: WriteStory) -> None:
    folder = write_story(MANIFEST, scenes=SCENES)
    out = run("explore", str(folder), "--ways-in", "join", "--random", "50", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["arrivals"] == 50 and "flag.woke" in data["always"]
    assert any(d["fact"] == "flag.met" for d in data["differs"])


def test_an_unknown_scene_is_one_line_and_exit_2(write_story: WriteStory) -> None:
    folder = write_story(MANIFEST, scenes=SCENES)
    out = run("explore", str(folder), "--ways-in", "jion")
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr == "iss explore: `jion` is not a scene of this story; did you mean `join`?\n"


def test_an_unreachable_scene_exits_1(write_story: WriteStory) -> None:
    folder = write_story(MANIFEST, scenes=SCENES)
    out = run("explore", str(folder), "--ways-in", "island", "--random", "10")
    assert out.returncode == 1
    assert "No route reaches `island` (proved by the" in out.stdout


def test_the_docs_example_is_what_the_command_prints(tmp_path: Path) -> None:
    """docs/authoring.md's `--ways-in` example, on its worked example (the tiny story and
    its properties.yaml), is exactly what the command prints."""
    folder = tmp_path / "my-story"
    shutil.copytree(TINY, folder)
    (folder / "properties.yaml").write_text(_block("my-story/properties.yaml"), "utf-8")
    text = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    match = re.search(r"when the\nplayer arrives:\n\n```text\n(.*?)```", text, re.S)
    assert match is not None
    out = subprocess.run(
        [sys.executable, "-m", "iss", "explore", "my-story", "--ways-in", "the_key"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout == match.group(1)


def test_story_text_is_printed_terminal_safe(write_story: WriteStory) -> None:
    """A bidi control in a choice's text (a warning, W106, not an error) is not printed raw,
    and a choice that is a quotation gets no second pair of quotes."""
    scenes = SCENES.replace("Meet Alexey", "Meet \u202eyexelA")
    folder = write_story(MANIFEST, scenes=scenes.replace("Keep to yourself", "'\"Not now.\"'"))
    out = run("explore", str(folder), "--ways-in", "join", "--random", "20", "--all")
    assert out.returncode == 0, out.stderr
    assert "\u202e" not in out.stdout and '"Meet ' in out.stdout
    assert '"Not now."  ' in out.stdout and '""Not now' not in out.stdout  # one pair of quotes
    assert "seen.a" in out.stdout.split("Never true")[0]  # --all lists seen. in full


def test_paragraphs_print_each_paragraph_and_what_differs_among_its_readers(
    write_story: WriteStory,
) -> None:
    from tests.authoring.test_paragraph_facts import MANIFEST as P_MANIFEST
    from tests.authoring.test_paragraph_facts import SCENES as P_SCENES

    folder = write_story(P_MANIFEST, scenes=P_SCENES)
    out = run("explore", str(folder), "--ways-in", "join", "--paragraphs", "--random", "100")
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert text.startswith(
        "Paragraphs of `join`: 4 distinct paragraphs, 100 arrivals in 100 random plays (seed 0)\n"
    )
    first = text.split("¶ 1: read on 100 of 100 arrivals (100%)\n")[1].split("\n\n")[0]
    assert first.startswith("    The hatch you opened for Alexey still hangs ajar.\n")
    assert re.search(r"\n  \* flag\.held_hatch: (true|false) \d+%, (true|false) \d+%\n", first)
    assert "\n    and 1 other fact (--all lists them)" in first  # flag.met: not named
    every = run(
        "explore", str(folder), "--ways-in", "join", "--paragraphs", "--all", "--random", "100"
    )
    assert re.search(r"\n    flag\.met: (true|false) \d+%", every.stdout)
    data = json.loads(
        run(
            "explore", str(folder), "--ways-in", "join", "--paragraphs", "--json", "--random", "20"
        ).stdout
    )
    assert data["arrivals"] == 20 and len(data["paragraphs"]) >= 3
    unread = run("explore", str(folder), "--ways-in", "island", "--paragraphs", "--random", "10")
    assert unread.returncode == 1 and "No sampled play reached it" in unread.stdout


def test_the_docs_paragraphs_example_is_what_the_command_prints(tmp_path: Path) -> None:
    """docs/authoring.md's `--paragraphs` example: the tiny story with the line it shows
    added to `the_key`, exactly as the command prints it."""
    folder = tmp_path / "my-story"
    shutil.copytree(TINY, folder)
    text = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    section = text.split("**What each paragraph must not assume: `--paragraphs`.**")[1]
    yaml_block, out_block = re.findall(r"```(?:yaml|text)\n(.*?)```", section, re.S)[:2]
    scenes = folder / "scenes.yaml"
    original = scenes.read_text(encoding="utf-8")
    start = original.index("  the_key:\n")
    end = original.index("    choices:\n", start)
    scenes.write_text(original[:start] + yaml_block + original[end:], encoding="utf-8")
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "iss",
            "explore",
            "my-story",
            "--ways-in",
            "the_key",
            "--paragraphs",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout == out_block
