"""Through a real terminal (a pty): no escape sequence from a story or a save reaches it.

`iss play --plain` writes no control sequence of its own, so any ESC, C1 or
bidi control in what the terminal receives would have come from the story.
"""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import BASE_MANIFEST, BASE_SCENES, ROOT
from tests.hostile.attacks import ATTACK, FORBIDDEN

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pty")


def run_in_pty(args: list[str], stdin: str, env: dict[str, str]) -> bytes:
    """Run `iss` on a pty, type `stdin`, and return every byte the terminal got."""
    return run_command_in_pty([sys.executable, "-m", "iss", *args], stdin, env)


def run_command_in_pty(command: list[str], stdin: str, env: dict[str, str]) -> bytes:
    """Run `command` on a pty, type `stdin`, and return every byte the terminal got."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        command,
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=env,
        cwd=ROOT,
        close_fds=True,
    )
    os.close(follower)
    os.write(leader, stdin.encode())
    received = bytearray()
    deadline = time.monotonic() + 60  # a guard against a hang, not a timing assertion
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 1.0)
        if ready:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            received += chunk
        elif process.poll() is not None:
            break
    process.wait(timeout=30)
    os.close(leader)
    return bytes(received)


def forbidden_in(output: bytes) -> set[str]:
    text = output.decode("utf-8", errors="replace")
    return set(text) & (FORBIDDEN - {"\r"})  # the pty turns "\n" into "\r\n"


def story(folder: Path, manifest: str, scenes: str) -> Path:
    folder.mkdir(parents=True)
    (folder / "story.yaml").write_text(manifest, encoding="utf-8")
    (folder / "scenes.yaml").write_text(scenes, encoding="utf-8")
    return folder


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "ISS_SAVES": str(tmp_path / "saves"), "TERM": "xterm-256color"}


def test_a_story_holding_escape_sequences_is_refused_quietly(
    tmp_path: Path, env: dict[str, str]
) -> None:
    scenes = BASE_SCENES.replace("text: Start.", f'text: "{ATTACK}"').replace(
        "title: A", "title: A \x1b]0;pwned\x07"
    )
    folder = story(tmp_path / "story", BASE_MANIFEST, scenes)
    output = run_in_pty(["play", "--plain", "--story", str(folder)], "1\n", env)
    assert b"E106" in output
    assert not forbidden_in(output), output


def test_bidi_and_zero_width_text_is_shown_defused(tmp_path: Path, env: dict[str, str]) -> None:
    scenes = BASE_SCENES.replace("text: Start.", "text: Start \u202eevil\u200b.").replace(
        "text: Go on", "text: Go \u2066on"
    )
    folder = story(tmp_path / "story", BASE_MANIFEST, scenes)
    output = run_in_pty(["play", "--plain", "--story", str(folder)], "1\n", env)
    assert b"ENDING: Good" in output
    assert not forbidden_in(output), output


def test_a_crafted_save_is_listed_without_its_escapes(tmp_path: Path, env: dict[str, str]) -> None:
    folder = story(tmp_path / "story", BASE_MANIFEST, BASE_SCENES)
    run_in_pty(["play", "--plain", "--story", str(folder)], ":save mine\n:quit\n", env)
    saved = [p for p in (tmp_path / "saves").rglob("*.json") if "mine" in p.name]
    assert saved
    data = json.loads(saved[0].read_text(encoding="utf-8"))
    data["scene"]["title"] = ATTACK
    data["scene"]["excerpt"] = ATTACK
    saved[0].write_text(json.dumps(data), encoding="utf-8")
    output = run_in_pty(
        ["play", "--plain", "--story", str(folder)], ":saves\n:load mine\n:quit\n", env
    )
    assert b"mine" in output
    assert not forbidden_in(output), output


PLAY_HOSTILE = """
import sys
from iss.plain import PlainGame, read_leniently
from tests.conftest import TINY, load_ok
from tests.hostile.attacks import hostile_story

story = hostile_story(load_ok(TINY))
game = PlainGame(story, read_leniently(sys.stdin), read_leniently(sys.stdout), saves_dir=None)
sys.exit(game.run())
"""


def test_a_story_the_loader_let_through_still_reaches_the_terminal_defused(
    env: dict[str, str],
) -> None:
    """The second line of defence on a real terminal: every shown string of the story
    (titles, text, names, choices, flags, items, endings, trust levels) is an escape
    sequence, as if a loader had let one through, and the player opens every view."""
    output = run_command_in_pty(
        [sys.executable, "-c", PLAY_HOSTILE],
        ":look\n:trust\n:endings\n:help\n:saves\nask_him\n1\n:ways\n\n\n",  # :ways, then Enter twice finishes
        env,
    )
    assert b"ENDING: " in output, output  # the title is an attack too
    assert "\u241b[2J".encode() in output  # ESC made visible, the rest plain text
    assert not forbidden_in(output), output
