"""Plain mode takes any input without a traceback, and its exit code says how it ended."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from iss.engine.model import Story
from iss.engine.spans import Span
from iss.plain import EXIT_INPUT_ENDED, EXIT_OK, PlainGame, read_leniently, small_number
from iss.plain.status import plain_text
from tests.conftest import BASE_SCENES, WriteStory, fuzz_settings, load_ok
from tests.hostile.attacks import leaked
from tests.saves.conftest import FIXTURES, station

ISS = [sys.executable, "-m", "iss"]
STATION = FIXTURES / "station"
HUGE = "9" * 5000


def play_text(story: Story, text: str, saves: Path | None = None) -> tuple[int, str]:
    out = io.StringIO()
    code = PlainGame(story, io.StringIO(text), out, saves_dir=saves).run()
    return code, out.getvalue()


def play_bytes(
    story: Story, data: bytes, encoding: str = "utf-8", saves: Path | None = None
) -> tuple[int, str]:
    """Play raw bytes through a strict text stream made lenient as `iss play` does."""
    stdin = read_leniently(io.TextIOWrapper(io.BytesIO(data), encoding=encoding, errors="strict"))
    raw_out = io.BytesIO()
    stdout = read_leniently(io.TextIOWrapper(raw_out, encoding=encoding, errors="strict"))
    code = PlainGame(story, stdin, stdout, saves_dir=saves).run()
    stdout.flush()
    return code, raw_out.getvalue().decode(encoding, errors="replace")


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("²", "`²` is not a choice here"),
        ("٣", "`٣` is not a choice here"),
        (HUGE, "There is no choice 999"),
        (f":undo {HUGE}", "You can go back at most"),
        (":undo ²", "Type :undo to take back"),
        (":undo 0", "Give a number of choices"),
    ],
)
def test_odd_numbers_get_an_answer_not_a_traceback(line: str, said: str) -> None:
    code, out = play_text(station(), f"1\n{line}\n:quit\n")
    assert code == EXIT_OK
    assert said in out, out


def test_small_number_reads_ascii_digits_only_and_caps_long_ones() -> None:
    assert small_number("12") == 12
    assert small_number("007") == 7
    assert small_number("²") is None
    assert small_number("-1") is None
    assert small_number(HUGE) == 10**9


def test_end_of_input_before_an_ending_exits_3_and_says_so() -> None:
    code, out = play_text(station(), "1\n")
    assert code == EXIT_INPUT_ENDED == 3
    assert out.rstrip().endswith("(The input ended before an ending; the game stops here.)")


def test_an_ending_exits_0() -> None:
    code, out = play_text(station(), "greet\ncall_home\nto_cupola\ntake_key\nopen_it\n")
    assert code == EXIT_OK
    assert "ENDING: Home" in out
    assert "home" not in out.split("ENDING")[1].split("\n")[0]  # ids are for --trace


def test_trace_names_the_ending_id_as_it_names_scenes() -> None:
    out = io.StringIO()
    route = io.StringIO("greet\ncall_home\nto_cupola\ntake_key\nopen_it\n")
    assert PlainGame(station(), route, out, trace=True).run() == EXIT_OK
    assert "ENDING home: Home" in out.getvalue()


def test_trace_names_each_choice_id_and_plain_play_does_not() -> None:
    """A reader replaying numbers from another run picked the wrong choice where a hidden
    one had shown and moved the numbers below it (R10): --trace names the ids to type."""
    traced = io.StringIO()
    PlainGame(station(), io.StringIO("greet\n"), traced, trace=True).run()
    assert "1) " in traced.getvalue() and "[id: greet]" in traced.getvalue()
    _, out = play_text(station(), "greet\n")
    assert "[id: " not in out


@pytest.mark.parametrize("encoding", ["utf-8", "ascii", "latin-1"])
def test_undecodable_bytes_are_replaced_in_any_encoding(encoding: str) -> None:
    code, out = play_bytes(station(), b"\xff\xfe\x80\n\xc3(\n1\n:quit\n", encoding)
    assert code == EXIT_OK
    assert "is not a choice here" in out and "== The Lab ==" in out


@pytest.mark.parametrize(
    "env",
    [
        {"LC_ALL": "C"},
        {"LC_ALL": "C.UTF-8"},
        {"LC_ALL": "en_US.UTF-8"},
        {"LC_ALL": "en_US.UTF-8", "PYTHONIOENCODING": "utf-8:strict"},
        {"LC_ALL": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"},
    ],
)
def test_invalid_utf8_never_crashes_iss_play(tmp_path: Path, env: dict[str, str]) -> None:
    out = subprocess.run(
        [*ISS, "play", "--plain", "--story", str(STATION), "--saves", str(tmp_path)],
        input=b"\xff\xfe\n\xed\xa0\x80\n1\n:save \xff\n:quit\n",
        capture_output=True,
        env={**os.environ, **env},
        timeout=60,
    )
    assert b"Traceback" not in out.stdout + out.stderr, out.stderr.decode(errors="replace")
    assert out.returncode == EXIT_OK
    assert b"== The Lab ==" in out.stdout


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_a_utf16_or_utf32_terminal_without_a_byte_order_mark_is_read(
    tmp_path: Path, encoding: str
) -> None:
    """Their incremental decoders raise without a mark, whatever `errors` says."""
    native = f"{encoding}-{sys.byteorder[0]}e"
    for stdin in ("1\n:quit\n".encode(native), "\ufeff1\n:quit\n".encode(native), b"11\n"):
        out = subprocess.run(
            [*ISS, "play", "--plain", "--story", str(STATION), "--saves", str(tmp_path)],
            input=stdin,
            capture_output=True,
            env={**os.environ, "PYTHONIOENCODING": encoding},
            timeout=60,
        )
        assert b"Traceback" not in out.stderr, out.stderr.decode(errors="replace")
        shown = out.stdout.decode(encoding, errors="replace")
        assert "== The Dock ==" in shown
        if stdin != b"11\n":
            assert out.returncode == EXIT_OK and "== The Lab ==" in shown, shown


def test_a_byte_order_mark_before_the_first_line_is_not_part_of_it() -> None:
    code, out = play_text(station(), "\ufeff1\n:quit\n")
    assert code == EXIT_OK
    assert "== The Lab ==" in out and "not a choice" not in out


def test_iss_play_exits_3_when_the_input_runs_out(tmp_path: Path) -> None:
    out = subprocess.run(
        [*ISS, "play", "--plain", "--story", str(STATION), "--saves", str(tmp_path)],
        input="1\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 3
    assert "The input ended before an ending" in out.stdout


def test_iss_play_help_documents_the_exit_codes() -> None:
    out = subprocess.run(
        [*ISS, "play", "--help"], capture_output=True, text=True, timeout=60, check=True
    )
    assert "exit codes" in out.stdout.lower()
    assert "3" in out.stdout and "input ended" in out.stdout


TOKENS = [
    b"1",
    b"2",
    b"9",
    b"0",
    b":undo",
    b":undo ",
    b":load ",
    b":save ",
    b":save a",
    b":load a",
    b":undo 2",
    b"\x9b2J",
    b":saves",
    b":look",
    b":trust",
    b":endings",
    b":help",
    b"\xc2\xb2",
    b"\xff",
    b"\x00",
    b"\x1b[2J",
    b"greet",
    b"take_key",
    b" ",
    b"\r",
    HUGE.encode(),
]
LINES = st.lists(st.one_of(st.sampled_from(TOKENS), st.binary(max_size=12)), max_size=6).map(
    b"".join
)
STREAMS = st.lists(LINES, max_size=12).map(lambda lines: b"\n".join(lines))


ENCODINGS = ["utf-8", "ascii", "latin-1", "cp1252", "shift_jis", "utf-16", "koi8-r", "gb18030"]
"""What a locale may make of stdin and stdout: `iss play` reads and writes in the locale's."""


@fuzz_settings(ci_examples=600, fuzz_examples=10_000)
@given(data=STREAMS, encoding=st.sampled_from(ENCODINGS), with_saves=st.booleans())
def test_fuzz_random_byte_streams_never_crash(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, encoding: str, with_saves: bool
) -> None:
    """Random bytes in any locale's encoding, with or without a saves folder to write."""
    saves = tmp_path_factory.mktemp("fuzz") if with_saves else None
    code, out = play_bytes(FUZZ_STORY, data, encoding, saves)
    assert code in (EXIT_OK, EXIT_INPUT_ENDED)
    assert not leaked(out), out


FUZZ_STORY = station()


def test_italic_phrases_are_quoted_and_single_words_and_bold_left_plain() -> None:
    """Underscores round italics read as formatting leaking out (blind readers R272,
    R276); with no mark at all, words said or written in italics read as an error
    (R282 #9). A phrase is quoted (single quotes inside speech), unless quotation
    marks stand round it already; a single stressed word, and bold, stand alone."""
    spans = [Span("You said "), Span("home", "em"), Span(", with "), Span("22h", "strong")]
    assert plain_text([*spans, Span(" left. "), Span("Both of us", "em strong")]) == (
        'You said home, with 22h left. "Both of us"'
    )
    said = [
        Span('"Say '),
        Span("all six", "em"),
        Span(', he says."\n\nThen '),
        Span("all six", "em"),
    ]
    assert plain_text(said) == '"Say \'all six,\' he says."\n\nThen "all six"'
    assert plain_text([Span('"'), Span("We don't do this,", "em"), Span('" she says.')]) == (
        '"We don\'t do this," she says.'
    )


def test_a_comma_or_full_stop_after_a_quoted_phrase_goes_inside_its_marks() -> None:
    """American style, as the rest of the story is written: R284 read '"Keep it that
    way", she told you' and 'tells the window "I didn't have a choice".' as slips."""
    told = [Span("Keep it that way", "em"), Span(", she told you. He tells the window ")]
    said = [*told, Span("I didn't have a choice", "em"), Span(".")]
    assert plain_text(said) == (
        '"Keep it that way," she told you. He tells the window "I didn\'t have a choice."'
    )
    spaced = [Span("Keep it that way ", "em"), Span(", then")]
    assert plain_text(spaced) == '"Keep it that way" , then'
    assert plain_text([Span("no way home", "em"), Span("; and")]) == '"no way home"; and'


def test_a_number_past_a_single_choice_is_told_to_pick_1(write_story: WriteStory) -> None:
    """A one-choice menu answered a wrong number with "Pick 1 to 1." (blind reader R238).
    The default story's first scene has one choice."""
    story = load_ok(write_story())
    out = io.StringIO()
    PlainGame(story, io.StringIO("2\n:quit\n"), out).run()
    assert "There is no choice 2. Pick 1.\n" in out.getvalue()


def test_enter_goes_on_where_continue_is_the_only_choice(write_story: WriteStory) -> None:
    """A replay's spacewalk asked for "1" under each Continue (blind reader R284 #8):
    Enter turns the page there. Where there is a real choice, Enter only shows them again."""
    # The default story, its first scene's one choice made a Continue into a fork
    lone = "    choices:\n      - text: Go on\n        go: b\n"
    fork = "    next: c\n  c:\n    title: C\n    text: Fork.\n    choices:\n"
    fork += "      - text: Go on\n        go: b\n      - text: Wait\n        go: b\n"
    scenes = BASE_SCENES.replace(lone, fork, 1)
    assert "next: c" in scenes
    story = load_ok(write_story(scenes=scenes))
    out = io.StringIO()
    PlainGame(story, io.StringIO("\n\n:quit\n"), out).run()
    text = out.getvalue()
    assert "== C ==" in text
    assert "Type a choice number, or :help." in text.split("== C ==")[1]
    assert "== B ==" not in text
