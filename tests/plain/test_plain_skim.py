"""Plain mode's skim: on a replay, `--skim` (or `:skim on`) folds runs of paragraphs read
in an earlier playthrough into one line, and `:more` prints them. Off by default;
`:skim on|off` is kept in the saves folder's settings (the UI's Read text, folded or
not), and `--skim`/`--no-skim` override it for one run."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest

from iss.authoring.loader import load_story
from iss.cli import main
from iss.plain import PlainGame
from iss.plain.skim import REPLAY_HINT
from iss.settings import Settings, load_settings, save_settings

REPLAY = Path(__file__).resolve().parent.parent / "fixtures" / "replay"
PASSING = REPLAY.with_name("replay_passing")
FOLDED_LOCKER = (
    "== The Locker ==\n(1 paragraph read before; :more shows it.)\n\n"
    "Gordon checks his gloves twice, then a third time.\n"
)

HATCH_KNOCKED = """\
== The Hatch ==
The hatch is cold under your glove, and the gauge needle shivers.

Someone knocks back from the other side, twice.

Gordon puts his helmet against the metal and listens.

The pumps fall quiet, one after another.

The light above the hatch turns from red to amber.
"""


def play(typed: str, saves: Path | None, skim: bool | None = None, folder: Path = REPLAY) -> str:
    """Plain mode's output; `skim` None is as the saves folder's settings keep it."""
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
    assert hatch.splitlines() == [  # one fold line a scene, where the first fold sat
        "(3 paragraphs read before, here and further on; :more shows them.)",
        "",
        "Someone knocks back from the other side, twice.",
        "",
        "The light above the hatch turns from red to amber.",  # the last: always shown
        "",
        "  1) Open the hatch (taken before)",
    ]
    more = out.split("> :more\n")[1].split("\n> ")[0]
    assert more.splitlines() == [  # where the new paragraph sat between the two folds
        "The hatch is cold under your glove, and the gauge needle shivers.",
        "",
        "(Here came the paragraph shown in the scene.)",
        "",
        "Gordon puts his helmet against the metal and listens.",
        "",
        "The pumps fall quiet, one after another.",
    ]
    # a scene read whole before folds all but its last paragraph, what the choices
    # answer; an ending of one paragraph is shown whole
    assert FOLDED_LOCKER in out
    assert "== Inside ==\nThe hatch swings in, and the air tastes of metal.\n" in out


def test_skim_is_off_by_default_and_a_command_turns_it_on_and_off(tmp_path: Path) -> None:
    play("wait\nopen\n", tmp_path)
    plain = play("knock\n:more\nopen\n", tmp_path)
    assert HATCH_KNOCKED in plain and "read before;" not in plain
    assert "(Nothing is folded here.)" in plain
    out = play(":skim on\n:look\nknock\n:skim off\n:look\n:more\n:skim sideways\nopen\n", tmp_path)
    assert "(Skim is on: paragraphs read in an earlier playthrough fold" in out
    assert FOLDED_LOCKER in out
    assert "(Skim is off: every paragraph is shown." in out
    assert out.count(HATCH_KNOCKED) == 1  # after :skim off, :look shows it whole
    assert out.split("> :more\n")[1].startswith("(Nothing is folded here.)")
    assert "Type :skim on or :skim off." in out


def test_a_replay_with_skim_left_off_says_once_that_skim_folds_it(tmp_path: Path) -> None:
    first = play("wait\nopen\n", tmp_path)
    assert REPLAY_HINT not in first  # nothing was read before
    out = play("knock\nopen\n", tmp_path)
    assert out.count(REPLAY_HINT) == 1  # under the first scene mostly read before
    assert HATCH_KNOCKED + "\n" + REPLAY_HINT + "\n" in out
    # asked for plainly, or answered with :skim, it is never said
    assert REPLAY_HINT not in play("knock\nopen\n", tmp_path, skim=False)
    assert REPLAY_HINT not in play(":skim off\nknock\nopen\n", tmp_path)


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
    fold = "(1 paragraph read before; :more shows it.)"  # each scene's last is shown
    waking = "Somewhere aft a fan changes its note."
    assert f"== Waking ==\n{fold}\n\n{waking}\n\n== The Locker ==" in out  # the start
    corridor = "Gordon floats ahead of you without looking back."  # passed through
    assert f"== The Corridor ==\n{fold}\n\n{corridor}\n\n== The Hatch ==" in out
    more = [part.split("\n> ")[0] for part in out.split("> :more\n")[1:]]
    assert more[0].splitlines() == ["The sleeping bag lets go of you one zip at a time."]
    assert more[1].splitlines() == ["The corridor lights come on one by one as you pass."]


def test_skim_on_is_kept_for_the_next_game_and_the_command_line_overrides_it(
    tmp_path: Path,
) -> None:
    play("wait\nopen\n", tmp_path)
    out = play(":skim on\n:quit\n", tmp_path)
    assert (
        "(Skim is on: paragraphs read in an earlier playthrough fold into one line;"
        " :more shows them. It stays on in the games you start next.)"
    ) in out
    assert load_settings(tmp_path).read_text == "folded"
    assert FOLDED_LOCKER in play(":quit\n", tmp_path)  # the next game starts with it on
    assert FOLDED_LOCKER not in play(":quit\n", tmp_path, skim=False)  # --no-skim
    assert load_settings(tmp_path).read_text == "folded"  # the flag changed nothing kept
    out = play(":skim off\n:quit\n", tmp_path)
    assert "It stays off in the games you start next.)" in out
    assert load_settings(tmp_path).read_text == "dimmed"
    assert FOLDED_LOCKER not in play(":quit\n", tmp_path)
    assert FOLDED_LOCKER in play(":quit\n", tmp_path, skim=True)  # --skim
    assert load_settings(tmp_path).read_text == "dimmed"


def test_skim_is_the_ui_setting_read_text_folded(tmp_path: Path) -> None:
    """One store, one meaning: the UI's Read text folded is plain mode's skim, and
    `:skim off` keeps every other setting the UI wrote."""
    play("wait\nopen\n", tmp_path)
    save_settings(Settings(effect="words", read_text="folded", theme="ansi-dark"), tmp_path)
    assert FOLDED_LOCKER in play(":quit\n", tmp_path)
    play(":skim off\n:quit\n", tmp_path)
    assert load_settings(tmp_path) == Settings(effect="words", theme="ansi-dark")
    save_settings(Settings(read_text="new"), tmp_path)
    play(":skim off\n:quit\n", tmp_path)  # already off: shown as new stays as it was
    assert load_settings(tmp_path).read_text == "new"
    play(":skim on\n:quit\n", tmp_path)
    assert load_settings(tmp_path).read_text == "folded"


def test_skim_that_cannot_be_kept_says_why_and_still_turns_on(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")  # a saves folder that is a file
    out = play(":skim on\n:quit\n", blocker)
    assert "\n(Settings could not be saved: " in out
    assert "(Skim is on: " in out and "It stays on" not in out


@pytest.mark.parametrize(("flag", "folded"), [("--skim", True), ("--no-skim", False)])
def test_the_command_line_flags_set_skim_for_the_run(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    flag: str,
    folded: bool,
) -> None:
    saves = tmp_path / "saves"
    play("wait\nopen\n", saves)
    save_settings(Settings(read_text="dimmed" if folded else "folded"), saves)
    monkeypatch.setattr("sys.stdin", io.StringIO(":quit\n"))
    assert main(["play", "--plain", "--story", str(REPLAY), "--saves", str(saves), flag]) == 0
    assert (FOLDED_LOCKER in capsys.readouterr().out) is folded


CLOCK_MANIFEST = """\
title: The Clock
start: bay
characters:
  kira: {name: Dr. Kira Foster, side: US, player: true}
clock:
  reentry: {label: to reentry, start: 6h, expires: lost}
endings:
  home: {title: Home, kind: good, canonical: true}
  lost: {title: Lost, kind: failure}
"""
HOME_AND_LOST = """\
  home: {title: Home, ending: home, text: You go home at last and the air is sweet.}
  lost: {title: Lost, ending: lost, text: The orbit runs out and the station falls.}
"""
"""The two endings of the small stories below (CLOCK_MANIFEST's)."""
CLOCK_SCENES = (
    """\
scenes:
  bay:
    title: The Bay
    text: The bay is quiet and the fans turn.
    choices:
      - {id: rest, text: Rest a while, time: 1h, go: board}
      - {id: work, text: Work through it, time: 3h, go: board}
  board:
    title: The Board
    text: |
      The whiteboard hangs by the hatch.

      The figure on it reads {clock.reentry}.

      Gordon caps the marker and looks away.

      The marker turns on its string.

      The fans turn.
    choices:
      - {id: go_home, text: Go home, go: home}
"""
    + HOME_AND_LOST
)


def test_skim_never_folds_a_paragraph_with_a_figure_in_it(
    tmp_path: Path, write_story: Callable[..., Path]
) -> None:
    """The record reads every digit as 0, so "reads 5h" was read before when this run's
    board says 3h: folded, a blind reader (R14) lost the run's clock. It is shown, and
    the folds around it keep their own paragraphs for :more."""
    folder = write_story(CLOCK_MANIFEST, scenes=CLOCK_SCENES)
    saves = tmp_path / "saves"
    play("rest\ngo_home\n", saves, skim=True, folder=folder)
    out = play("work\n:more\ngo_home\n", saves, skim=True, folder=folder)
    board = out.split("== The Board ==\n")[1].split("\n> ")[0]
    assert board.splitlines() == [
        "(3 paragraphs read before, here and further on; :more shows them.)",
        "",
        "The figure on it reads 3h.",
        "",
        "The fans turn.",
        "",
        "  1) Go home (taken before)",
    ]
    more = out.split("> :more\n")[1].split("\n> ")[0]
    assert more.splitlines() == [
        "The whiteboard hangs by the hatch.",
        "",
        "(Here came the paragraph shown in the scene.)",
        "",
        "Gordon caps the marker and looks away.",
        "",
        "The marker turns on its string.",
    ]


def test_an_ending_folds_nothing_read_before(tmp_path: Path) -> None:
    """An ending is a route's payoff: what it shares with what was read before (here the
    same ending, a playthrough earlier) is shown, not folded (blind reader R51)."""
    import shutil

    folder = tmp_path / "story"
    shutil.copytree(REPLAY, folder)
    scenes = next(p for p in folder.glob("*.yaml") if "inside:" in p.read_text("utf-8"))
    scenes.write_text(
        scenes.read_text("utf-8").replace(
            "      The hatch swings in, and the air tastes of metal.\n",
            "      The hatch swings in, and the air tastes of metal.\n\n"
            "      Gordon laughs at nothing, and so do you.\n\n"
            "      Nobody writes this part down.\n",
        ),
        "utf-8",
    )
    saves = tmp_path / "saves"
    play("wait\nopen\n", saves, skim=True, folder=folder)
    out = play("wait\nopen\n", saves, skim=True, folder=folder)
    assert "read before" in out.split("== Inside ==")[0]  # the scenes before it fold
    inside = out.split("== Inside ==\n")[1]
    assert "read before" not in inside
    assert inside.startswith("The hatch swings in, and the air tastes of metal.\n\n")
    assert "Gordon laughs at nothing, and so do you." in inside


ANSWER_SCENES = (
    """\
scenes:
  bay:
    title: The Bay
    text: The bay is quiet and the fans turn.
    choices:
      - {id: ask, text: '"How long have you two been together?"', go: board}
      - {id: look_away, text: Look away, go: board}
  board:
    title: The Board
    text: |
      {if taken.bay.ask: "Since my first week aboard," she says, low. | You let them have it.}

      The whiteboard hangs by the hatch.

      Gordon caps the marker and turns it in his hand.

      The marker floats on its string.

      The fans turn.
    choices:
      - {id: go_home, text: Go home, go: home}
"""
    + HOME_AND_LOST
)


LONG_ANSWER_SCENES = ANSWER_SCENES.replace(
    "      Gordon caps the marker and turns it in his hand.\n",
    "      {if taken.bay.ask: Gordon caps the marker and turns it in his hand, and says nothing"
    " more about her, not to you and not to the board, for the rest of the watch. | Gordon"
    " caps the marker.}\n",
)


@pytest.mark.parametrize(
    "scenes", [ANSWER_SCENES, LONG_ANSWER_SCENES], ids=["one_paragraph", "two_paragraphs"]
)
def test_skim_never_folds_the_answer_to_the_choice_just_made(
    tmp_path: Path, write_story: Callable[..., Path], scenes: str
) -> None:
    """Asked again on a replay, a question's answer was folded with what was read
    before, and on screen the question looked unanswered (blind reader R186). The
    first paragraph the choice changed is shown; what the choice changed nothing in
    folds, and so do the paragraphs after the answer that only carry the choice on
    (`two_paragraphs`): held back too, a replay that took the same choices reread every
    paragraph of the spacewalk's Night Pass as its own answer."""
    assert LONG_ANSWER_SCENES != ANSWER_SCENES
    folder = write_story(CLOCK_MANIFEST, scenes=scenes)
    saves = tmp_path / "saves"
    play("ask\ngo_home\n", saves, skim=True, folder=folder)
    board = play("ask\ngo_home\n", saves, skim=True, folder=folder)
    board = board.split("== The Board ==\n")[1].split("\n> ")[0]
    assert board.splitlines() == [
        '"Since my first week aboard," she says, low.',
        "",
        "(3 paragraphs read before; :more shows them.)",
        "",
        "The fans turn.",
        "",
        "  1) Go home (taken before)",
    ]


ROUTED_SCENES = (
    """\
scenes:
  bay:
    title: The Bay
    text: The bay is quiet and the fans turn.
    choices:
      - {id: ask, text: Ask about the village she grew up in, go: village}
      - {id: sleep, text: Go to sleep, go: bunk}
  village:
    title: Small Hours
    text: |
      Eleven houses on the Kama, she says, and the ice going out every spring.

      The whiteboard hangs by the hatch.

      Gordon caps the marker and turns it in his hand.

      The fans turn.
    choices:
      - {id: go_home, text: Go home, go: home}
  bunk:
    title: The Bunk
    text: |
      The whiteboard hangs by the hatch.

      Gordon caps the marker and turns it in his hand.

      The fans turn.
    choices:
      - {id: go_home, text: Go home, go: home}
"""
    + HOME_AND_LOST
)


def test_skim_never_folds_the_opening_of_the_scene_a_choice_picked(
    tmp_path: Path, write_story: Callable[..., Path]
) -> None:
    """An answer told by where the choice goes, not by a condition, folded on a replay:
    "Ask about the village she grew up in" opened on "(1 paragraph read before)" (blind
    reader R215). The opening of the scene the choice picked is shown; what the other
    road shares (the bunk's whiteboard and marker) folds."""
    folder = write_story(CLOCK_MANIFEST, scenes=ROUTED_SCENES)
    saves = tmp_path / "saves"
    play("ask\ngo_home\n", saves, skim=True, folder=folder)
    again = play("ask\ngo_home\n", saves, skim=True, folder=folder)
    village = again.split("== Small Hours ==\n")[1].split("\n> ")[0]
    assert village.splitlines() == [
        "Eleven houses on the Kama, she says, and the ice going out every spring.",
        "",
        "(2 paragraphs read before; :more shows them.)",
        "",
        "The fans turn.",
        "",
        "  1) Go home (taken before)",
    ]
    bunk = play("sleep\ngo_home\n", saves, skim=True, folder=folder)
    bunk = bunk.split("== The Bunk ==\n")[1].split("\n> ")[0]
    assert "The whiteboard hangs by the hatch." not in bunk


PASSED_SCENES = (
    """\
flags:
  asked:
scenes:
  bay:
    title: The Bay
    text: The bay is quiet and the fans turn.
    choices:
      - {id: ask, text: Ask about the village she grew up in, do: flag.asked = true, go: hub}
      - {id: sleep, text: Go to sleep, go: hub}
  hub:
    title: Small Hours
    text: |
      {if flag.asked: Eleven houses on the Kama, she says, and the ice going out every spring. | You let her sleep.}

      The whiteboard hangs by the hatch.

      Gordon caps the marker and turns it in his hand.

      The marker floats on its string.
    choices:
      - {fallback: true, go: board}
  board:
    title: The Board
    text: The fans turn.
    choices:
      - {id: go_home, text: Go home, go: home}
"""
    + HOME_AND_LOST
)


def test_skim_never_folds_the_answer_in_a_scene_passed_through(
    tmp_path: Path, write_story: Callable[..., Path]
) -> None:
    """The answer can be in a scene the story passes through by its fallback on the way
    to the next choice: a hub's second visit told the village she grew up in under "(1
    paragraph read before)" (blind reader R215). It is shown there too."""
    folder = write_story(CLOCK_MANIFEST, scenes=PASSED_SCENES)
    saves = tmp_path / "saves"
    play("ask\ngo_home\n", saves, skim=True, folder=folder)
    again = play("ask\ngo_home\n", saves, skim=True, folder=folder)
    hub = again.split("== Small Hours ==\n")[1].split("== The Board ==")[0]
    assert hub.splitlines()[0] == (
        "Eleven houses on the Kama, she says, and the ice going out every spring."
    )
    assert "read before" in hub


SHARED_SCENES = (
    """\
scenes:
  bay:
    title: The Bay
    text: The bay is quiet and the fans turn.
    choices:
      - {id: left, text: Go left, go: lab}
      - {id: right, text: Go right, go: galley}
  lab:
    title: The Lab
    text: |
      The whiteboard hangs by the hatch.

      Gordon caps the marker and turns it in his hand.

      The lab smells of warm plastic.
    choices:
      - {id: go_home, text: Go home, go: home}
  galley:
    title: The Galley
    text: |
      The whiteboard hangs by the hatch.

      Gordon caps the marker and turns it in his hand.

      The galley smells of coffee.
    choices:
      - {id: go_home, text: Go home, go: home}
"""
    + HOME_AND_LOST
)


def test_a_fold_in_a_scene_never_seen_says_it_was_read_in_other_scenes(
    tmp_path: Path, write_story: Callable[..., Path]
) -> None:
    """The Galley, reached for the first time, opened on "(2 paragraphs read before)":
    text read in another scene, and a replaying blind reader (R185) could not tell what
    was missing. In a scene seen before the fold line is as it was."""
    folder = write_story(CLOCK_MANIFEST, scenes=SHARED_SCENES)
    saves = tmp_path / "saves"
    play("left\ngo_home\n", saves, skim=True, folder=folder)
    galley = play("right\ngo_home\n", saves, skim=True, folder=folder)
    assert "== The Galley ==\n(2 paragraphs read before in other scenes; :more shows them.)" in (
        galley
    )
    lab = play("left\ngo_home\n", saves, skim=True, folder=folder)
    assert "== The Lab ==\n(2 paragraphs read before; :more shows them.)" in lab
