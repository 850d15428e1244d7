"""Untrusted strings reach the terminal with no control character left in them."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from iss.engine import terminal_safety
from iss.engine.terminal_safety import (
    BIDI_CONTROLS,
    C0_CONTROLS,
    C1_CONTROLS,
    DELETE,
    control_name,
    is_control,
    json_escape_controls,
    safe_for_terminal,
    safe_line,
)

DANGEROUS = C0_CONTROLS | C1_CONTROLS | BIDI_CONTROLS | {DELETE, "\u200b", "\ufeff", "\u2028"}

ATTACKS = [
    "\x1b[2J\x1b[H",
    "\x1b]0;pwned\x1b\\",
    "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\",
    "\x9b31m red \x9d0;title\x9c",
    "nul\x00del\x7fbell\x07",
    "\u202egnp.exe",
    "zero\u200bwidth\ufeff",
    "line\u2028break",
]


def test_escape_sequences_become_visible_text() -> None:
    assert safe_for_terminal("\x1b[2J") == "␛[2J"
    assert safe_for_terminal("a\x00b\x7fc") == "a␀b␡c"
    assert safe_for_terminal("\x9b31m") == "\ufffd31m"
    assert safe_for_terminal("\u202etxt") == "\ufffdtxt"


def test_newlines_and_tabs_survive_except_on_one_line() -> None:
    assert safe_for_terminal("a\n\tb") == "a\n\tb"
    assert safe_line("a\n\tb\u2029c") == "a  b c"


def test_ordinary_text_is_unchanged() -> None:
    text = "Dr. Kira Foster — «Союз» 宇宙 👩‍🚀 [b]not markup[/b] *em*"
    assert safe_for_terminal(text) == text
    assert safe_line(text) == text


def test_every_known_attack_is_defused() -> None:
    for attack in ATTACKS:
        for shown in (safe_for_terminal(attack), safe_line(attack)):
            assert not set(shown) & DANGEROUS, repr(shown)


@given(st.text())
def test_no_dangerous_character_survives(text: str) -> None:
    assert not set(safe_for_terminal(text)) & DANGEROUS
    assert not set(safe_line(text)) & (DANGEROUS | {"\n", "\t"})


def test_every_character_the_tables_change_is_unprintable() -> None:
    """Text that is printable (newlines and tabs aside) is returned as it is, without
    the per-character `translate`: that is only right while every character the
    tables change is one `str.isprintable` refuses."""
    for table in (terminal_safety._MULTI_LINE, terminal_safety._ONE_LINE):
        assert not [hex(n) for n in table if chr(n).isprintable()]


@given(st.text())
def test_the_quick_path_gives_what_the_table_gives(text: str) -> None:
    assert safe_for_terminal(text) == text.translate(terminal_safety._MULTI_LINE)
    assert safe_line(text) == text.translate(terminal_safety._ONE_LINE)


@given(st.text())
def test_making_safe_twice_changes_nothing(text: str) -> None:
    once = safe_for_terminal(text)
    assert safe_for_terminal(once) == once


@given(st.dictionaries(st.text(), st.text()))
def test_escaped_json_reads_back_the_same(data: dict[str, str]) -> None:
    document = json_escape_controls(json.dumps(data, ensure_ascii=False))
    assert json.loads(document) == data
    assert not set(document) & DANGEROUS


def test_controls_are_named_for_diagnostics() -> None:
    assert control_name("\x1b") == "U+001B (ESC)"
    assert control_name("\x01") == "U+0001"
    assert is_control("\x9b") and is_control("\x7f") and not is_control("\n")
