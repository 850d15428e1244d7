"""Lock reasons are templates to the author tools: a mistake in one is a diagnostic at its
line, the lints read the names in it, and `iss diff` sees it change."""

from __future__ import annotations

import re

import pytest

from iss.authoring.lint import lint
from iss.authoring.loader import load_story
from iss.engine.runner import choices, replay
from tests.conftest import BASE_MANIFEST, ROOT, WriteStory, load_ok

SCENES = """\
scenes:
  a:
    title: A
    text: Alexey waits by the hatch with the key.
    choices:
      - {id: wait, text: Wait with him, do: [flag.met = true, allegiance = 2], go: b}
      - {id: lose_him, text: Let him go outside alone, do: status.alexey = dead, go: b}
  b:
    title: B
    text: The corridor is quiet now, and the lights are low.
    choices:
      - id: open
        text: Open the hatch
        when: trust.nicholai >= 9
        reason: REASON
        go: home
      - {id: home, text: Go home, go: home}
  home: {text: You are home at last and the air is sweet., ending: good}
  burn: {text: Fire and noise and then nothing at all., ending: burn}
"""
REASON_LINE = 15


def _scenes(reason: str) -> str:
    return SCENES.replace("REASON", reason)


@pytest.mark.parametrize(
    ("reason", "code", "words"),
    [
        ('"{if flag.met: a | b | c}"', "E180", "second `|`"),
        ('"{if flag.met: never closed"', "E180", "never closed"),
        ('"*never closed"', "E180", "emphasis"),
        ('"{alexy} says no."', "E141", "alexy"),
        ('"{if flag.mte: yes}"', "E141", "did you mean `met`"),
        ('"{cycle: a | b"', "E180", "never closed"),
        ('"' + "{if flag.met: " * 30 + "x" + "}" * 30 + '"', "E180", "nest"),
    ],
)
def test_a_mistake_in_a_reason_is_reported_at_its_line_with_a_hint(
    write_story: WriteStory, reason: str, code: str, words: str
) -> None:
    result = load_story(write_story(scenes=_scenes(reason)))
    found = [d for d in result.diagnostics if d.code == code]
    assert found, [str(d) for d in result.diagnostics]
    assert found[0].file.endswith("scenes.yaml") and found[0].line == REASON_LINE
    assert words in found[0].message + found[0].hint
    assert found[0].hint


def test_a_reason_past_the_text_limit_is_refused(write_story: WriteStory) -> None:
    result = load_story(write_story(scenes=_scenes("x" * 100_001)))
    assert [(d.code, d.line) for d in result.errors] == [("E113", REASON_LINE)]


def _w214(write_story: WriteStory, reason: str, when: str = "trust.nicholai >= 9") -> list[str]:
    scenes = _scenes(reason).replace("when: trust.nicholai >= 9", f"when: {when}")
    return [d.message for d in lint(load_ok(write_story(scenes=scenes))) if d.code == "W214"]


def test_a_reason_naming_someone_who_may_be_dead_warns(write_story: WriteStory) -> None:
    found = _w214(write_story, "Alexey says Nicholai has the code.")
    assert len(found) == 1 and "the reason of choice `open` of `b`" in found[0]
    assert _w214(write_story, '"{alexey} says Nicholai has the code."') == found


def test_warnings_about_a_reason_point_at_the_reason_not_the_choice(
    write_story: WriteStory,
) -> None:
    """W214 (and the other lints about a reason) give the reason's own line, also when
    it is a block under `reason: >-`, whose words start on the line below."""
    one_line = _scenes("Alexey says Nicholai has the code.")
    block = _scenes(">-\n          Alexey says\n          Nicholai has the code.")
    for scenes, line in ((one_line, REASON_LINE), (block, REASON_LINE + 1)):
        found = [d for d in lint(load_ok(write_story(scenes=scenes))) if d.code == "W214"]
        assert [(d.file.rsplit("/", 1)[-1], d.line) for d in found] == [("scenes.yaml", line)]


def test_a_reason_may_name_the_dead_to_explain_a_lock_on_them(write_story: WriteStory) -> None:
    assert _w214(write_story, "Only Alexey knew the code.", "alive.alexey") == []
    guarded = '"{if dead.alexey: Only Alexey knew the code. | Nicholai shakes his head.}"'
    assert _w214(write_story, guarded) == []
    hidden = SCENES.replace(
        "        reason: REASON\n", "        hidden: true\n        reason: Alexey says no.\n"
    )
    assert [d for d in lint(load_ok(write_story(scenes=hidden))) if d.code == "W214"] == []


def test_names_read_only_in_a_reason_count_as_read(write_story: WriteStory) -> None:
    """`allegiance` is set by `wait` and read only in the reason: no W203."""
    read = lint(load_ok(write_story(scenes=_scenes('"{if allegiance > 1: Not yet. | No.}"'))))
    unread = lint(load_ok(write_story(scenes=_scenes("No."))))
    assert not any(d.code == "W203" and "`allegiance`" in d.message for d in read)
    assert any(d.code == "W203" and "`allegiance`" in d.message for d in unread)


def test_the_documented_example_renders_by_route(write_story: WriteStory) -> None:
    """docs/story-format.md, "Lock reasons": its choice, in a scene, on three routes."""
    doc = (ROOT / "docs" / "story-format.md").read_text(encoding="utf-8")
    section = doc.split("### Lock reasons", 1)[1]
    block = re.search(r"```yaml\n(.*?)```", section, re.S)
    assert block is not None
    manifest = BASE_MANIFEST.replace("items:\n", "items:\n  research_data: The research\n")
    scenes = DOC_SCENES.replace("      @CHOICE@\n", block.group(1))
    story = load_ok(write_story(manifest, scenes=scenes))
    said = {}
    for route in ("lose_nicholai", "lose_alexey", "keep_both"):
        state = replay(story, [route]).state
        said[route] = next(v.reason for v in choices(story, state) if v.id == "reboost_station")
    assert said == {
        "lose_nicholai": "Only Nicholai could wake Zvezda's engines, and Nicholai is dead. "
        "2h to reentry.",
        "lose_alexey": "Nicholai won't touch the engines without his brother. 2h to reentry.",
        "keep_both": "You have nothing worth buying the time for, yet. 2h to reentry.",
    }
    assert [d for d in lint(story) if d.code == "W214"] == []


DOC_SCENES = """\
scenes:
  a:
    title: A
    text: Nicholai and Alexey wait by the engines.
    choices:
      - {id: lose_nicholai, text: Lose Nicholai, do: status.nicholai = dead, go: zvezda}
      - {id: lose_alexey, text: Lose Alexey, do: status.alexey = dead, go: zvezda}
      - {id: keep_both, text: Keep both, go: zvezda}
  zvezda:
    title: Zvezda
    text: The engines are cold.
    choices:
      @CHOICE@
      - {id: home, text: Go home, go: b}
  zvezda_truce: {text: The engines wake and the station climbs., ending: good}
  b: {text: You are home at last and the air is sweet., ending: good}
  burn: {text: Fire and noise and then nothing at all., ending: burn}
"""
