"""The scan for hidden characters skips what cannot hold one (ASCII text holds no
invisible character; a text with no character of the control class holds no control):
it reports exactly what one scan of every character would."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from iss.authoring.characters import _CONTROL, _INVISIBLE, _is_joining, check_text
from iss.authoring.diagnostics import Report

ALPHABET = "ab \n\t\r\x00\x07\x0b\x0c\x1b\x7f\x85\x9f\u200b\u200c\u200d\u202e\ufeffé✓"


@given(st.text(alphabet=ALPHABET, max_size=60))
def test_the_scan_reports_every_hidden_character(text: str) -> None:
    report = Report()
    clean = check_text(text, "story.yaml", report)
    controls = [m.start() for m in _CONTROL.finditer(text)]
    invisible = [m.start() for m in _INVISIBLE.finditer(text) if not _is_joining(text, m.start())]
    assert clean == (not controls)
    assert sum(d.code == "E106" for d in report.items) == min(len(controls), 11)
    assert sum(d.code == "W106" for d in report.items) == min(len(invisible), 11)


def test_ascii_text_with_a_control_is_still_reported() -> None:
    report = Report()
    assert not check_text("plain words\x1b[2J and more", "story.yaml", report)
    assert [(d.code, d.line, d.col) for d in report.items] == [("E106", 1, 12)]
    assert check_text("crlf line\r\nnext line\r\n", "story.yaml", Report())
