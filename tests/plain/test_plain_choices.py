"""Plain mode shows what the UI shows: time costs on choices, emphasis, and `:status`."""

from __future__ import annotations

import io
from pathlib import Path

from iss.authoring.loader import load_story
from iss.paths import bundled_story_dir
from iss.plain import PlainGame
from tests.conftest import edited_copy

TINY = Path(__file__).resolve().parent.parent / "fixtures" / "tiny"
STATION = Path(__file__).resolve().parent.parent / "ui" / "fixtures" / "station"


def play(story_dir: Path, typed: str) -> list[str]:
    story = load_story(story_dir).story
    assert story is not None
    out = io.StringIO()
    PlainGame(story, io.StringIO(typed), out).run()
    return out.getvalue().splitlines()


def test_choices_that_take_an_hour_or_more_say_so() -> None:
    lines = play(TINY, "")
    assert "  1) Knock and ask what the order said" in lines
    assert "  2) Wait for him to come to you · 1h of the 2h to reentry" in lines


def test_emphasis_shows_no_marks() -> None:
    """Underscores round italics read as formatting leaking out (blind readers R272, R276)."""
    lines = play(TINY, "")
    assert "The hatch to the Russian segment is shut. Behind it, Alexey is waiting." in lines


def test_status_tells_place_clocks_kit_and_knowledge() -> None:
    lines = play(STATION, "1\n:status\n1\n:status\n:quit\n")
    first = lines.index("> :status") + 1  # piped input is echoed after the prompt
    assert lines[first] == "Where: Node 1, the galley"
    assert lines[first + 1 : first + 5] == [
        "Clock: 5h 50m to reentry",
        "Carrying: nothing but your badge",
        "Known:",
        "  You saw the flashes spread across the night side.",
    ]
    later = lines[first + 5 :]
    assert "Carrying:" in later and "  Weronika's key" in later


def test_a_locked_reason_is_rendered_for_the_route_taken(tmp_path: Path) -> None:
    reason = (
        '        reason: "{if flag.asked_alexey: Not yet. | {alexey} *still* waits for you'
        ' to knock, {clock.reentry} from reentry.}"\n'
    )
    take = "        do: has.key = true\n"
    story = edited_copy(TINY, tmp_path / "tiny", scenes=(take, reason + take))
    lines = play(story, "wait\ntake_the_key\n:quit\n")
    shown = "  1) Take the key  [locked: Alexey still waits for you to knock, 1h from reentry.]"
    assert lines.count(shown) == 2  # emphasis is dropped, as in choice text
    said = "That choice is locked: Alexey still waits for you to knock, 1h from reentry."
    assert any(line.endswith(said) for line in lines)  # its own full stop, not another


def test_a_locked_choice_keeps_its_number_and_says_why_when_typed(tmp_path: Path) -> None:
    """A locked choice is numbered in its place, so the one after it keeps its number
    on every route (blind reader R292 #11 typed the number he remembered, and took
    another choice because one above it was locked on his second route)."""
    lines = play(TINY, "wait\n1\n2\n")
    assert "  1) Take the key  [locked: Alexey doesn't trust you enough]" in lines
    assert "  2) Keep waiting · all the 1h to reentry" in lines
    assert "Choice 1 is locked: Alexey doesn't trust you enough." in lines
    assert any(line.startswith("ENDING: ") for line in lines)  # 2 kept waiting


def test_a_locked_reason_is_said_as_one_sentence(tmp_path: Path) -> None:
    """Plain mode ends "That choice is locked: …" with a full stop only when the
    reason has none: "Wait." must not print as "Wait..", and "Wait" gets one."""
    for reason, said in (
        ("Wait.", "Wait."),
        ("Wait", "Wait."),
        ("Wait?", "Wait?"),
        ("He says ‘wait.’", "He says ‘wait.’"),
        ("(Wait)", "(Wait)."),
    ):
        take = "        do: has.key = true\n"
        lock = f'        reason: "{reason}"\n' + take
        story = edited_copy(TINY, tmp_path / reason, scenes=(take, lock))
        lines = play(story, "wait\ntake_the_key\n:quit\n")
        assert f"  1) Take the key  [locked: {reason}]" in lines
        assert [line for line in lines if "is locked" in line] == [f"That choice is locked: {said}"]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_piped_input_is_echoed_so_what_follows_starts_a_line() -> None:
    """A terminal echoes what the player types; a pipe does not, so plain mode
    writes it after the prompt. Without that, a transcript read `> (Gordon thinks
    better of you for it.)`, as if the notice had been typed."""
    story = load_story(bundled_story_dir()).story
    assert story is not None
    out = io.StringIO()
    PlainGame(story, io.StringIO("1\n1\n1\n1\n1\n1\n"), out).run()
    lines = out.getvalue().splitlines()
    prompts = [line for line in lines if line.startswith(">")]
    assert prompts[:6] == ["> 1"] * 6
    assert any(line.startswith("(") for line in lines)  # notices there are, on lines of their own


def test_typed_input_is_left_to_the_terminal_to_echo() -> None:
    story = load_story(STATION).story
    assert story is not None
    out = io.StringIO()
    PlainGame(story, _Terminal("1\n:quit\n"), out).run()
    assert "> 1" not in out.getvalue().splitlines()
