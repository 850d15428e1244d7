"""Named conditions (`conditions:`): declared once, used by bare name in conditions, text
and effects; mistakes reported at the line that declares them; and the explorer's proofs
see the clock thresholds behind a name as if they were written out."""

from __future__ import annotations

from pathlib import Path

import pytest

from iss.authoring.explore import explore
from iss.authoring.loader import load_story
from iss.engine.errors import ExpressionError
from iss.engine.expressions import Names, compile_condition
from iss.engine.named_conditions import expand, resolve
from iss.engine.runner import choices, choose, new_game, scene_text
from tests.conftest import BASE_MANIFEST, ROOT, WriteStory, codes, load_ok

MANIFEST = (
    BASE_MANIFEST
    + """\
conditions:
  late: clock.reentry <= 1h
  close_brothers: trust.alexey.nicholai >= 8
  late_and_close: late and close_brothers
"""
)

SCENES = """\
scenes:
  a:
    title: A
    text: "{if late: The glow is close. | Time yet.}"
    choices:
      - id: wait
        text: Wait
        time: 1h
        go: a
      - id: jump
        text: Jump
        when: late
        reason: It is not time.
        do: flag.met = late_and_close
        go: b
  b:
    title: B
    text: "{if flag.met: They hold together. | Alone.}"
    ending: good
  burn:
    title: Burn
    text: Fire.
    ending: burn
"""


def _text(story: object, state: object) -> str:
    return "".join(s.text for s in scene_text(story, state))  # type: ignore[arg-type]


def test_a_named_condition_reads_in_conditions_text_and_effects(
    write_story: WriteStory,
) -> None:
    story = load_ok(write_story(MANIFEST, scenes=SCENES))
    state = new_game(story).state
    assert "Time yet." in _text(story, state)
    jump = next(v for v in choices(story, state) if v.id == "jump")
    assert not jump.available
    assert jump.reason == "It is not time."
    state = choose(story, state, "wait").state
    assert "The glow is close." in _text(story, state)
    state = choose(story, state, "jump").state
    assert "They hold together." in _text(story, state)


def test_compiled_sources_spell_the_names_out(write_story: WriteStory) -> None:
    story = load_ok(write_story(MANIFEST, scenes=SCENES))
    jump = next(c for c in story.scenes["a"].choices if c.id == "jump")
    assert jump.when is not None
    assert jump.when.source == "(clock.reentry <= 1h)"
    assert jump.effects[0].source == (
        "flag.met = ((clock.reentry <= 1h) and (trust.alexey.nicholai >= 8))"
    )


def test_the_explorer_sees_the_clock_behind_a_name(write_story: WriteStory) -> None:
    """The ending lies past a threshold only the named condition states: a proof that
    missed it would merge the clock's values and call the jump never open, or always."""
    story = load_ok(write_story(MANIFEST, scenes=SCENES))
    found = explore(story)
    assert found.complete
    route = found.endings["good"].path
    assert route is not None
    assert list(route.choices) == ["wait", "jump"]


def test_a_cached_story_keeps_its_named_conditions(write_story: WriteStory) -> None:
    folder = write_story(MANIFEST, scenes=SCENES)
    load_ok(folder)
    again = load_story(folder)  # from the cache
    assert again.story is not None
    assert again.story.named_conditions["late"] == "clock.reentry <= 1h"
    state = choose(again.story, new_game(again.story).state, "wait").state
    assert "The glow is close." in _text(again.story, state)


def test_a_branch_file_may_name_conditions(write_story: WriteStory) -> None:
    branch = SCENES + "conditions:\n  very_late: late and clock.reentry <= 5m\n"
    branch = branch.replace("when: late\n", "when: late and not very_late\n")
    story = load_ok(write_story(MANIFEST, scenes=branch))
    assert "very_late" in story.named_conditions


EXTRA = len(MANIFEST.splitlines()) + 1
"""The line of the first condition a test adds to MANIFEST."""


def _diagnostics(write_story: WriteStory, extra: str, scenes: str = SCENES) -> list[str]:
    result = load_story(write_story(MANIFEST + extra, scenes=scenes))
    return [f"{Path(d.file).name}:{d.line} {d.code} {d.message}" for d in result.diagnostics]


def test_a_cycle_is_reported_at_its_own_line(write_story: WriteStory) -> None:
    found = _diagnostics(write_story, "  ping: pong\n  pong: ping\n")
    assert any(f"story.yaml:{EXTRA} E143" in d and "ping → pong → ping" in d for d in found), found


def test_a_wrong_condition_is_reported_where_it_is_named(write_story: WriteStory) -> None:
    found = _diagnostics(write_story, "  how_close: trust.alexey + 1\n")
    assert any(d.startswith(f"story.yaml:{EXTRA} E142") for d in found), found


def test_a_name_expressions_already_know_is_refused(write_story: WriteStory) -> None:
    for taken in ("allegiance", "alexey", "flag", "dead", "true"):
        found = _diagnostics(write_story, f"  {taken}: late\n")
        assert any(d.startswith(f"story.yaml:{EXTRA} E120") for d in found), (taken, found)


def test_naming_one_twice_names_both_places(write_story: WriteStory) -> None:
    branch = SCENES + "conditions:\n  late: clock.reentry <= 10m\n"
    found = _diagnostics(write_story, "", branch)
    assert any("E120" in d and f"story.yaml:{EXTRA - 3}" in d for d in found), found


def test_a_named_condition_cannot_be_set(write_story: WriteStory) -> None:
    scenes = SCENES.replace("do: flag.met = late_and_close", "do: late = true")
    result = load_story(write_story(MANIFEST, scenes=scenes))
    assert "E143" in codes(result)
    assert any("worked out, never set" in d.message for d in result.diagnostics)


def test_a_mistake_after_a_name_keeps_its_column(write_story: WriteStory) -> None:
    scenes = SCENES.replace("when: late\n", "when: late and trust.alexy >= 3\n")
    result = load_story(write_story(MANIFEST, scenes=scenes))
    bad = [d for d in result.diagnostics if d.code == "E141"]
    assert bad, result.diagnostics
    line = scenes.splitlines()[bad[0].line - 1]
    assert line[bad[0].col - 1 :].startswith("trust.alexy")


def test_expand_leaves_dotted_names_and_quoted_text_alone() -> None:
    named = {"late": "clock.reentry <= 30"}
    assert expand('late and flag.late and status.gordon == "late"', named) == (
        '(clock.reentry <= 30) and flag.late and status.gordon == "late"'
    )


def test_resolve_spells_names_through_each_other_and_finds_cycles() -> None:
    spelled, cycles = resolve({"a": "b or c", "b": "flag.x", "c": "d", "d": "c"})
    assert spelled == {"b": "flag.x"}
    assert set(cycles) == {"a", "c", "d"}


def test_an_unknown_name_suggests_a_named_condition() -> None:
    names = Names(timers=frozenset({"reentry"}), named={"late": "clock.reentry <= 30"})
    with pytest.raises(ExpressionError) as caught:
        compile_condition("lat", names)
    assert caught.value.hint == "did you mean `late`?"


def test_the_docs_example_names_load(write_story: WriteStory) -> None:
    """docs/story-format.md, "Named conditions": its `conditions:` block, as written."""
    doc = (ROOT / "docs" / "story-format.md").read_text(encoding="utf-8")
    section = doc.split("### Named conditions", 1)[1]
    block = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    manifest = BASE_MANIFEST.replace("  met: You met Alexey.\n", "  met:\n  spare_tank:\n")
    story = load_ok(
        write_story(
            manifest + block,
            scenes=SCENES.replace("late_and_close", "last_chance").replace("late", "air_gone"),
        )
    )
    assert set(story.named_conditions) == {"air_gone", "brothers_close", "last_chance"}
    assert story.named_conditions["last_chance"].startswith("not (clock.reentry <= 4h or")
