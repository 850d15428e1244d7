"""`iss explore --to`, `iss play --at`, and a story whose walkthrough fails (issue 11)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from iss.authoring.explore import Budget, find_route, replay_path
from tests.cli.test_cli import run
from tests.conftest import TINY, WriteStory, load_ok


def test_explore_to_a_scene_a_choice_and_an_ending_prints_a_shortest_route() -> None:
    story = load_ok(TINY)
    for target, last in (
        ("the_key", "the_key"),
        ("the_key.take_the_key", "home"),
        ("burn", "burning_up"),  # the ending `burn`, whose scene is `burning_up`
    ):
        out = run("explore", str(TINY), "--to", target, "--json")
        assert out.returncode == 0, out.stderr
        found = json.loads(out.stdout)
        assert found["status"] == "found" and found["shortest"] is True
        assert replay_path(story, tuple(found["route"])).scene == last
    text = run("explore", str(TINY), "--to", "the_key")
    assert "the shortest (no route has fewer)" in text.stdout
    assert "ask_him" in text.stdout


def test_explore_to_an_unknown_id_exits_2() -> None:
    out = run("explore", str(TINY), "--to", "nowhere")
    assert out.returncode == 2 and "not a scene" in out.stderr


def test_play_at_replays_the_route_and_says_which() -> None:
    out = run("play", "--plain", "--story", str(TINY), "--at", "the_key", stdin=":quit\n")
    assert out.returncode == 0, out.stderr
    assert "Playtest at `the_key`: replayed the route ask_him" in out.stdout
    assert "1 choices, the shortest" in out.stderr


def _broken_walkthrough(tmp_path: Path) -> Path:
    folder = tmp_path / "tiny"
    shutil.copytree(TINY, folder)
    manifest = folder / "story.yaml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace("[ask_him, take_the_key]", "[ask_him, go_home]"), "utf-8")
    return folder


def test_a_failing_walkthrough_is_an_error_but_the_tools_still_work(tmp_path: Path) -> None:
    folder = _broken_walkthrough(tmp_path)
    check = run("check", str(folder))
    assert check.returncode == 1
    assert "E160" in check.stdout and f"iss explore {folder} --to home" in check.stdout
    assert run("explore", str(folder)).returncode == 0
    assert run("graph", str(folder)).returncode == 0
    play = run("play", "--plain", "--story", str(folder), stdin="1\n1\n")
    assert play.returncode == 0 and "still plays" in play.stderr
    hinted = run("explore", str(folder), "--to", "home")
    assert hinted.returncode == 0 and "ask_him take_the_key" in hinted.stdout


def _combination_lock(n: int) -> tuple[str, str]:
    """A story whose ending needs the one right answer at each of `n` dials: far
    past a small search, and a random walk's 1 in 2**n; its walkthrough knows."""
    scenes = ["scenes:"]
    for i in range(n):
        after = f"dial{i + 1}" if i + 1 < n else "vault"
        scenes += [
            f"  dial{i}:",
            f"    text: Dial {i}.",
            "    choices:",
            f"      - {{id: right{i}, text: Right, do: right += 1, go: {after}}}",
            f"      - {{id: wrong{i}, text: Wrong, go: {after}}}",
        ]
    scenes += [
        "  vault:",
        "    text: The vault.",
        "    choices:",
        f"      - {{id: open_it, text: Open it, when: right == {n}, go: inside}}",
        "      - {id: give_up, text: Give up, go: outside}",
        "  inside: {text: Inside., ending: rich}",
        "  outside: {text: Outside., ending: poor}",
    ]
    right = ", ".join(f"right{i}" for i in range(n))
    manifest = (
        "title: Lock\nstart: dial0\n"
        "characters:\n  kira: {name: Kira, side: US, player: true}\n"
        f"variables:\n  right: {{type: int, min: 0, max: {n}}}\n"
        "endings:\n  rich: {title: Rich, kind: good, canonical: true}\n"
        "  poor: {title: Poor, kind: failure}\n"
        f"walkthroughs:\n  canonical: {{ending: rich, choices: [{right}, open_it]}}\n"
    )
    return manifest, "\n".join(scenes) + "\n"


def test_a_route_past_the_budget_comes_from_a_walkthrough(write_story: WriteStory) -> None:
    """When the searches run out before they reach the target, a walkthrough that
    passes there gives the route, and it really plays."""
    manifest, scenes = _combination_lock(14)
    story = load_ok(write_story(manifest, scenes=scenes))
    tiny = Budget(max_states=20, time_limit=30)
    for target, expected in (("rich", 15), ("vault.open_it", 15), ("dial5", 5)):
        found = find_route(story, target, tiny)
        assert found.status == "found", found
        assert len(found.route) == expected
        assert replay_path(story, found.route[:expected]).scene in {"inside", "vault", "dial5"}
    assert find_route(story, "rich", tiny).by == "walkthrough `canonical`"
    assert find_route(story, "rich", tiny).shortest  # every route to it has 15 choices: proved


def test_play_at_shows_the_scene_once_in_plain_mode_and_starts_there_in_json() -> None:
    """Reader T: `--at` printed the scene's header twice (plain, --trace; not seen
    again here), and `--json` ignored `--at`, starting from the docking."""
    out = run(
        "play", "--plain", "--trace", "--story", str(TINY), "--at", "the_key", stdin=":quit\n"
    )
    assert out.returncode == 0, out.stderr
    title = load_ok(TINY).scenes["the_key"].title
    assert out.stdout.count("@ the_key") == 1
    assert out.stdout.count(f"== {title} ==") == 1
    out = run("play", "--json", "--story", str(TINY), "--at", "the_key", stdin="")
    first = json.loads(out.stdout.splitlines()[0])
    assert first["scene"]["id"] == "the_key"
    assert first["notice"] == "Playtest at `the_key`: replayed the route ask_him"
