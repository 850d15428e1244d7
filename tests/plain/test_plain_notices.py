"""Plain mode's trust notices at the player's level: `:notices all|big|off`, kept in the
saves folder's settings (the UI's Settings → Trust notices), `--notices` for one run.

The fixture's route is one choice per stretch: the first line about Alexey (choice 1),
a small move (6), a move between two of the crew (11), a big move and an item (16); the
17th reaches the ending."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from iss.authoring.loader import load_story
from iss.cli import main
from iss.notices import NOTICE_LEVELS
from iss.plain import PlainGame
from iss.settings import NOTICES, Settings, load_settings, save_settings

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "notices"
ROUTE = "1\n" * 17

FIRST = "(Alexey softens toward you.)"
SMALL = "(Alexey leans your way a little more.)"
PAIR = "(Alexey and Gordon are easier with each other now.)"
BIG = "(Something opens between you and Alexey.)"
ITEM = "(You now have the hatch key.)"

TOLD = {
    "all": [FIRST, SMALL, PAIR, BIG, ITEM],
    "big": [FIRST, BIG, ITEM],
    "off": [ITEM],
}
"""What the route tells at each level: items are the kit, told at every level."""


def play(typed: str, saves: Path | None, notices: str | None = None) -> str:
    story = load_story(FIXTURE).story
    assert story is not None
    out = io.StringIO()
    PlainGame(story, io.StringIO(typed), out, saves_dir=saves, notices=notices).run()
    return out.getvalue()


def told(out: str) -> list[str]:
    """The lines in parentheses that follow a choice (not the game's own messages)."""
    return [line for line in out.splitlines() if line.startswith("(") and "notices" not in line]


@pytest.mark.parametrize("level", NOTICE_LEVELS)
def test_each_level_tells_its_lines_on_a_known_route(level: str) -> None:
    assert told(play(ROUTE, None, level)) == TOLD[level]


def test_the_levels_are_the_settings_and_big_is_the_default() -> None:
    assert tuple(NOTICES) == NOTICE_LEVELS  # written out in iss.settings: kept in step here
    assert Settings().notices == "big"
    assert told(play(ROUTE, None)) == TOLD["big"]


def test_trust_and_the_backlog_still_show_every_move_when_notices_are_off() -> None:
    out = play("1\n" * 11 + ":trust\n:backlog\n:quit\n", None, "off")
    trust = out.split("> :trust\n")[1].split("\n> ")[0]
    assert "Alexey Pulov               trusting" in trust
    assert "Alexey and Gordon: trusting" in trust
    backlog = out.split("> :backlog\n")[1].split("\n> ")[0]
    assert "Greet Alexey" in backlog and "softens" not in backlog  # as the player read it


def test_a_change_while_playing_tells_from_the_next_choice_on(tmp_path: Path) -> None:
    """Switched to all after choice 5, the small move at 6 is told: the teller reads the
    route as "all" would have told it from the start."""
    out = play("1\n" * 5 + ":notices all\n" + "1\n" * 12, tmp_path, "big")
    assert told(out) == TOLD["all"]
    out = play("1\n" * 5 + ":notices off\n" + "1\n" * 12, tmp_path / "other", "all")
    assert told(out) == [FIRST, ITEM]


def test_the_command_is_kept_and_the_flag_overrides_it_for_one_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = play(":notices off\n:quit\n", tmp_path)
    assert (
        "(Trust notices are off: the text tells none; :trust shows where everyone stands."
        " It stays so in the games you start next.)"
    ) in out
    assert load_settings(tmp_path).notices == "off"
    assert told(play(ROUTE, tmp_path)) == TOLD["off"]  # the next game starts with it
    saves = tmp_path / "cli"
    save_settings(Settings(notices="off", read_text="folded"), saves)
    monkeypatch.setattr("sys.stdin", io.StringIO(ROUTE))
    code = main(
        ["play", "--plain", "--story", str(FIXTURE), "--saves", str(saves), "--notices", "all"]
    )
    assert code == 0
    assert told(capsys.readouterr().out) == TOLD["all"]
    assert load_settings(saves) == Settings(notices="off", read_text="folded")  # kept as it was


def test_the_command_says_where_it_stands_and_how_to_change_it() -> None:
    out = play(":notices\n:notices loud\n:help\n:quit\n", None)
    assert (
        "(Trust notices: only big changes in trust are told, and the first about each person;"
        " :trust shows the rest. Type :notices all or :notices off to change it.)"
    ) in out
    assert "Type :notices all, :notices big or :notices off." in out
    assert "  :notices  which trust notices the text tells: :notices all|big|off" in out


def test_a_level_that_cannot_be_kept_says_why_and_still_changes(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")  # a saves folder that is a file
    out = play(":notices all\n" + ROUTE, blocker)
    assert "\n(Settings could not be saved: " in out
    assert "It stays so" not in out
    assert SMALL in out


def test_trust_says_how_each_level_moved_since_the_start() -> None:
    """A big move is told as "far more" or "changes": `:trust` shows the level it came
    from, so a middling level after it does not read as if nothing moved (R48 #13)."""
    out = play(":trust\n" + "1\n" * 11 + ":trust\n:quit\n", None)
    first, last = (block.split("\n> ")[0] for block in out.split("> :trust\n")[1:3])
    assert "from" not in first
    assert "Alexey Pulov               trusting, up from wary at the start" in last
    assert "Gordon Barrett             neutral\n" in last  # unmoved: the level alone
    assert "Alexey and Gordon: trusting, up from neutral at the start" in last
