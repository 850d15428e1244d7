"""Plain mode's skim: on a replay, `--skim` (or `:skim on`) folds runs of paragraphs read
in an earlier playthrough into one line, and `:more` prints them. Off by default."""

from __future__ import annotations

import io
from pathlib import Path

from iss.authoring.loader import load_story
from iss.plain import PlainGame

REPLAY = Path(__file__).resolve().parent.parent / "fixtures" / "replay"
PASSING = REPLAY.with_name("replay_passing")

HATCH_KNOCKED = """\
== The Hatch ==
The hatch is cold under your glove, and the gauge needle shivers.

Someone knocks back from the other side, twice.

Gordon puts his helmet against the metal and listens.

The light above the hatch turns from red to _amber_.
"""


def play(typed: str, saves: Path | None, skim: bool = False, folder: Path = REPLAY) -> str:
    story = load_story(folder).story
    assert story is not None
    out = io.StringIO()
    PlainGame(story, io.StringIO(typed), out, saves_dir=saves, skim=skim).run()
    return out.getvalue()


def test_skim_folds_runs_read_before_and_more_prints_them(tmp_path: Path) -> None:
    first = play("wait\nopen\n", tmp_path, skim=True)
    assert "read before;" not in first  # the first playthrough reads as always
    out = play("knock\n:more\nopen\n", tmp_path, skim=True)
    hatch = out.split("== The Hatch ==\n")[1].split("\n> ")[0]
    assert hatch.splitlines() == [
        "(1 paragraph read before; :more shows it.)",
        "",
        "Someone knocks back from the other side, twice.",
        "",
        "(2 paragraphs read before; :more shows them.)",
        "",
        "  1) Open the hatch (taken before)",
    ]
    more = out.split("> :more\n")[1].split("\n> ")[0]
    assert more.splitlines() == [
        "The hatch is cold under your glove, and the gauge needle shivers.",
        "",
        "Gordon puts his helmet against the metal and listens.",
        "",
        "The light above the hatch turns from red to _amber_.",
    ]
    # the scene read whole before folds whole; the ending too
    assert "== The Locker ==\n(2 paragraphs read before; :more shows them.)\n" in out
    assert "== Inside ==\n(1 paragraph read before; :more shows it.)\n" in out


def test_skim_is_off_by_default_and_a_command_turns_it_on_and_off(tmp_path: Path) -> None:
    play("wait\nopen\n", tmp_path)
    plain = play("knock\n:more\nopen\n", tmp_path)
    assert HATCH_KNOCKED in plain and "read before;" not in plain
    assert "(Nothing is folded here.)" in plain
    out = play(":skim on\n:look\nknock\n:skim off\n:look\n:more\n:skim sideways\nopen\n", tmp_path)
    assert "(Skim is on: paragraphs read in an earlier playthrough fold" in out
    assert "== The Locker ==\n(2 paragraphs read before; :more shows them.)\n" in out
    assert "(Skim is off: every paragraph is shown." in out
    assert out.count(HATCH_KNOCKED) == 1  # after :skim off, :look shows it whole
    assert out.split("> :more\n")[1].startswith("(Nothing is folded here.)")
    assert "Type :skim on or :skim off." in out


def test_skim_without_a_record_folds_nothing() -> None:
    out = play(":skim on\nknock\nopen\n", None)
    assert HATCH_KNOCKED in out and "read before;" not in out


def test_help_lists_skim_and_more() -> None:
    out = play(":help\n:quit\n", None)
    assert "  :skim     fold paragraphs read in an earlier playthrough: :skim on|off" in out
    assert "  :more     show the paragraphs :skim folded" in out


def test_scenes_passed_through_fold_on_a_replay_and_more_shows_them(tmp_path: Path) -> None:
    """A scene a fallback passed through was read as much as one that stopped for a
    choice: the record keeps its paragraphs, and the next playthrough folds them."""
    first = play("knock\nopen\n", tmp_path, skim=True, folder=PASSING)
    assert "== The Corridor ==\nThe corridor lights come on one by one" in first
    out = play(":more\nwait\n:more\nopen\n", tmp_path, skim=True, folder=PASSING)
    fold = "(2 paragraphs read before; :more shows them.)"
    assert f"== Waking ==\n{fold}\n\n== The Locker ==" in out  # the start passed through
    assert f"== The Corridor ==\n{fold}\n\n== The Hatch ==" in out
    more = [part.split("\n> ")[0] for part in out.split("> :more\n")[1:]]
    assert more[0].splitlines() == [  # what the start passed through, then the locker
        "The sleeping bag lets go of you one zip at a time.",
        "",
        "Somewhere aft a fan changes its note.",
        "",
        "The suits hang in their locker like two tired men.",
    ]
    assert more[1].splitlines() == [
        "The corridor lights come on one by one as you pass.",
        "",
        "Gordon floats ahead of you without looking back.",
        "",
        "The hatch is cold under your glove.",
    ]
