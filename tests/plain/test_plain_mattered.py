"""Plain mode's What mattered: the choices in the order they were played, each quoted in
the story's own straight quotes."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from iss.authoring import explore
from iss.authoring.explore import Mattered
from iss.authoring.loader import load_story
from iss.paths import bundled_story_dir
from iss.plain import PlainGame
from tests.authoring.test_mattered import FORK_SCENES, FORKS, GATE_SCENES, GATED
from tests.conftest import WriteStory, load_ok

SCENES = FORK_SCENES.replace("text: Stay quiet", """text: '"Not a word."'""")
"""Going left closes one ending off; then going home closes off two (so weighed most
first, the second choice came before the first)."""


def test_what_mattered_is_told_in_the_order_played_in_one_style_of_quotes(
    write_story: WriteStory,
) -> None:
    story = load_ok(write_story(FORKS, scenes=SCENES))
    out = io.StringIO()
    PlainGame(story, io.StringIO("left\nhome_way\n\n"), out, mattered_seconds=60).run()
    told = out.getvalue().split("What mattered:\n")[1].splitlines()
    assert told[:2] == [
        '  1. The Hatch: You chose "Go left." Instead, "Not a word." could have led elsewhere.',
        '  2. The Node: You chose "Go home." Instead, "Get lost" or "Go far" could have led elsewhere.',
    ]
    assert "\u201c" not in out.getvalue() and "\u201d" not in out.getvalue()


def test_ways_is_in_help_and_says_when_it_works_mid_game() -> None:
    """`:ways` is offered at an ending's prompt; typed during play it says where it works
    instead of 'Unknown command', and `:help` lists it (blind reader R52)."""
    story = load_story(bundled_story_dir()).story
    assert story is not None
    out = io.StringIO()
    PlainGame(story, io.StringIO(":ways\n:help\n:quit\n"), out).run()
    text = out.getvalue()
    assert "Unknown command" not in text
    assert "`:ways` and `:again` work at an ending" in text
    assert "\n  :ways     at an ending" in text


def test_what_led_here_follows_what_mattered(write_story: WriteStory) -> None:
    """The choice without which the ending was out of reach, though it closed nothing off
    (so What mattered leaves it out), is told under "What led here:" (blind reader R95 #8)."""
    story = load_ok(write_story(GATED, scenes=GATE_SCENES))
    out = io.StringIO()
    PlainGame(story, io.StringIO("tell\nvote\n\n"), out, mattered_seconds=60).run()
    text = out.getvalue()
    assert text.index("What mattered:") < text.index("What led here:")
    led = text.split("What led here:\n")[1].splitlines()
    assert led[0] == (
        '  2. The Hatch: You chose "Tell them." Instead, "Keep it quiet" would have put this ending out of reach.'
    )


def test_again_goes_back_to_a_numbered_choice_to_choose_again(write_story: WriteStory) -> None:
    """At the ending, `:again N` goes back to just before choice N of What mattered and
    play goes on from there, to another ending (replaying starts where the run turned:
    blind reader R102 #10). A number not in the list is refused with what to type; Enter
    at the next ending finishes."""
    story = load_ok(write_story(FORKS, scenes=SCENES))
    out = io.StringIO()
    typed = "left\nhome_way\n:again 7\n:again 2\nfar_way\n\n"
    PlainGame(story, io.StringIO(typed), out, mattered_seconds=60).run()
    text = out.getvalue()
    assert "(Type :again N to go back to choice N and choose again" in text
    assert "Type :again and a number from the list above, 1 to 2." in text
    again = text.split("(Back to your choice 2 in this playthrough. Choose again.)\n")[1]
    assert again.startswith("\n== The Node ==")
    assert "ENDING: Far" in again
    assert text.count("What mattered:") == 2


class TypedAtATerminal(io.StringIO):
    """Input a person types at a terminal (which echoes it, so the game doesn't)."""

    def isatty(self) -> bool:
        return True


def test_at_a_terminal_one_stray_enter_at_the_ending_does_not_lose_the_way_back(
    write_story: WriteStory,
) -> None:
    """A player pressed Enter to read on past the ending, and that Enter finished the
    game before they could type `:again` (blind reader R185). At a terminal the first
    Enter says what a second will do; `:again` still works after it, and a second
    Enter finishes. Scripts (piped input) keep one Enter."""
    story = load_ok(write_story(FORKS, scenes=SCENES))
    out = io.StringIO()
    typed = "left\nhome_way\n\n:again 2\nfar_way\n\n\n"
    PlainGame(story, TypedAtATerminal(typed), out, mattered_seconds=60).run()
    text = out.getvalue()
    assert text.count("(Press Enter again to close the game; :again N still goes back.)") == 2
    assert "(Back to your choice 2 in this playthrough. Choose again.)" in text
    assert "ENDING: Far" in text

    piped = io.StringIO()
    PlainGame(story, io.StringIO("left\nhome_way\n\n"), piped, mattered_seconds=60).run()
    assert "Press Enter again" not in piped.getvalue()


def test_commands_that_look_back_work_at_the_ending_and_others_say_so(
    write_story: WriteStory,
) -> None:
    """`:endings` typed at an ending's prompt once finished the session without a word
    (blind reader R218 #10). Now the commands that only look back run there, `:help`
    says what works, a command that needs a scene says so, and the prompt is asked again
    after each; a bare choice number is told `:again`; `:again` still goes back, and
    `:quit` finishes."""
    story = load_ok(write_story(FORKS, scenes=SCENES))
    out = io.StringIO()
    typed = "left\nhome_way\n:endings\n:help\n:undo\n2\n:again 1\nleft\nhome_way\n:quit\n"
    PlainGame(story, io.StringIO(typed), out, mattered_seconds=60).run()
    first, again = out.getvalue().split("What mattered:\n", 1)[1].split("> :again 1", 1)
    endings, rest = first.split("> :endings\n", 1)[1].split("> :help\n", 1)
    assert "found" in endings.lower() and "Not found yet" in endings
    assert rest.startswith("At an ending:\n  :again N  go back to choice N")
    assert (
        "> :undo\n(`:undo` works during play, not at an ending. Type :help for what does.)" in rest
    )
    assert "> 2\n(At an ending, :again 2 goes back to choose again; Enter closes the game.)" in rest
    # asked again after each, but not after the number: its line says the same
    assert first.count("(Type :again N to go back to choice N") == 4
    assert first.endswith(
        "> 2\n(At an ending, :again 2 goes back to choose again; Enter closes the game.)\n"
    )
    assert "Back to your choice 1" in again and again.count("What mattered:") == 1
    assert again.rstrip().endswith("> :quit")


def test_ways_says_why_it_has_nothing_where_no_choice_turned_away(
    write_story: WriteStory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where What mattered is empty (here: nothing weighed in time) but What led here is
    not, `:ways` once fell through to the hint for a bare word, which never said why it
    showed nothing. It says so now, and `:again` still goes back."""
    story = load_ok(write_story(GATED, scenes=GATE_SCENES))
    monkeypatch.setattr(explore, "what_mattered", lambda *_args: Mattered((), 0, 2))
    out = io.StringIO()
    PlainGame(story, io.StringIO("tell\nvote\n:ways\n:again 1\nkeep\nleave\n:quit\n"), out).run()
    text = out.getvalue()
    assert "What led here:" in text
    assert (
        "> :ways\n(No choice of those weighed in time on this route turned away from another"
        " ending, so :ways has none to show; :again N still goes back.)"
    ) in text
    assert "Back to your choice 1" in text


def chain_of_forks(forks: int) -> tuple[str, str]:
    """A story of `forks` scenes in a row, each with a way on and a way to its own
    ending: going on every time, every choice closed one ending off."""
    endings = "".join(f"  off{n}: {{title: Off {n}, kind: failure}}\n" for n in range(forks))
    manifest = (
        "title: Chain\nstart: s0\ncharacters:\n"
        "  kira: {name: Dr. Kira Foster, side: US, player: true}\n"
        f"endings:\n  home: {{title: Home, kind: good, canonical: true}}\n{endings}"
    )
    scenes = ["scenes:"]
    for n in range(forks):
        on = f"s{n + 1}" if n + 1 < forks else "home_end"
        scenes += [
            f"  s{n}:",
            f"    title: Fork {n}",
            "    text: Two ways.",
            "    choices:",
            f"      - {{id: on{n}, text: Go on {n}, go: {on}}}",
            f"      - {{id: off{n}, text: Turn off {n}, go: off{n}_end}}",
            f"  off{n}_end: {{title: Off {n}, text: Off., ending: off{n}}}",
        ]
    scenes.append("  home_end: {title: Home, text: Home., ending: home}")
    return manifest, "\n".join(scenes) + "\n"


def test_plain_mode_tells_more_choices_than_the_ending_screen_has_room_for(
    write_story: WriteStory,
) -> None:
    """The ending screen tells five; plain mode tells up to twelve, so `:again` reaches
    each ("4 more choices mattered too" named choices nothing could reach, blind
    reader R279 #12). Past twelve, the rest are counted."""
    manifest, scenes = chain_of_forks(14)
    story = load_ok(write_story(manifest, scenes=scenes))
    out = io.StringIO()
    typed = "".join(f"on{n}\n" for n in range(14)) + ":again 9\n" + "off8\n\n"
    PlainGame(story, io.StringIO(typed), out, mattered_seconds=60).run()
    first = out.getvalue().split("What mattered:\n")[1].split("(Type :again")[0].splitlines()
    assert first[:12] == [
        f'  {n + 1}. Fork {n}: You chose "Go on {n}." Instead, "Turn off {n}" could have led elsewhere.'
        for n in range(12)
    ]
    assert first[12] == "  2 more choices mattered too."
    # What led here leaves out what What mattered told: none of the twelve again
    assert not any(f"Fork {n}:" in line for line in first[13:] for n in range(12))
    assert "Back to your choice 9" in out.getvalue()


def test_a_save_loads_at_the_ending_and_play_goes_on_from_it(
    write_story: WriteStory, tmp_path: Path
) -> None:
    """Blind reader R341 #9: `:load` was refused at an ending ("works during play, not at
    an ending") while `:again` worked there; the player had to quit and start the game
    again with `--load`. It loads there now, and play goes on from the save to an ending
    of its own, with its own What mattered."""
    story = load_ok(write_story(FORKS, scenes=SCENES))
    out = io.StringIO()
    typed = "left\n:save fork\nhome_way\n:help\n:load fork\nlost_way\n:quit\n"
    code = PlainGame(story, io.StringIO(typed), out, saves_dir=tmp_path, mattered_seconds=60).run()
    text = out.getvalue()
    assert code == 0
    assert "  :load NAME  load a save and play on from it" in text
    first, loaded = text.split("> :load fork\n", 1)
    assert "ENDING: Home" in first and "Loaded “fork”." in loaded
    assert "ENDING: Lost" in loaded and loaded.count("What mattered:") == 1
