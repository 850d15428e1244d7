"""docs/story-format.md's airlock example: once-only choices, a fallback, visit counts,
text variations, a choice group and a sub-scene call, through loader, engine, explorer
and saves."""

from __future__ import annotations

import io
import re
from fractions import Fraction
from pathlib import Path

import pytest

from iss.authoring import story_cache
from iss.authoring.explore import explore
from iss.authoring.graph import story_graph
from iss.authoring.lint import lint
from iss.authoring.loader import load_story
from iss.authoring.report import ReportOptions, build_report
from iss.engine.errors import ChoiceUnavailable
from iss.engine.events import PassedThrough
from iss.engine.model import Story
from iss.engine.runner import choices, choose, new_game, replay, scene_text
from iss.engine.save_format import state_from_json
from iss.plain import EXIT_INPUT_ENDED, EXIT_OK, PlainGame
from iss.protocol import step_object
from tests.authoring.test_story_cache import assert_same, compiled_and_cached
from tests.conftest import ROOT, WriteStory, load_ok

DOC = ROOT / "docs" / "story-format.md"


def _airlock(tmp_path: Path) -> Story:
    text = DOC.read_text(encoding="utf-8")
    folder = tmp_path / "airlock"
    folder.mkdir()
    for name in ("story.yaml", "scenes.yaml"):
        match = re.search(rf"`airlock/{name}`:\n\n```yaml\n(.*?)```", text, re.S)
        assert match is not None, f"docs/story-format.md has no airlock/{name} block"
        (folder / name).write_text(match.group(1), encoding="utf-8")
    result = load_story(folder)
    assert result.story is not None, result.diagnostics
    assert result.diagnostics == []
    assert lint(result.story) == []
    return result.story


def _text(story: Story, state: object) -> str:
    return "".join(span.text for span in scene_text(story, state))  # type: ignore[arg-type]


def _offered(story: Story, state: object) -> list[str]:
    return [v.id for v in choices(story, state)]  # type: ignore[arg-type]


def test_the_example_checks_clean_and_the_explorer_settles_it(tmp_path: Path) -> None:
    story = _airlock(tmp_path)
    found = explore(story)
    assert found.complete
    assert found.endings["outside"].path is not None
    assert found.endings["outside"].path.choices == (
        "check_suit",
        "ask_nika",
        "continue",
        "cycle_the_lock",
    )
    assert found.endings["stay"].path is not None
    assert found.endings["stay"].path.choices == ("give_up", "listen")
    assert ("inside", "fallback") in found.choices_taken


def test_variations_follow_the_visits(tmp_path: Path) -> None:
    story = _airlock(tmp_path)
    first = new_game(story).state
    second = choose(story, first, "check_suit").state
    third = choose(story, second, "check_suit").state
    texts = [_text(story, s) for s in (first, second, third)]
    assert texts[0].startswith("The airlock is cold. The pump goes thud. Frost creeps")
    assert texts[1] == "Still cold. The pump goes hiss."
    assert texts[2] == "Cold as ever. The pump goes thud."
    assert third.visits["airlock"] == 3


def test_shuffle_is_fixed_by_the_seed(tmp_path: Path) -> None:
    story = _airlock(tmp_path)

    def words(seed: int) -> list[str]:
        state = new_game(story, seed).state
        out = []
        for _ in range(6):
            view = next(v for v in choices(story, state) if v.id == "check_suit")
            out.append(view.plain.split("'s ")[1])
            state = choose(story, state, "check_suit").state
        return out

    assert words(1) == words(1)
    assert sorted(words(1)[:3]) == ["gloves", "seals", "visor"]
    assert sorted(words(1)[3:]) == ["gloves", "seals", "visor"]
    assert any(words(seed) != words(1) for seed in range(2, 8))


def test_once_group_call_and_return(tmp_path: Path) -> None:
    story = _airlock(tmp_path)
    state = new_game(story).state
    assert _offered(story, state) == ["check_suit", "ask_nika", "cycle_the_lock", "give_up"]
    called = choose(story, state, "ask_nika").state
    assert (called.scene, called.calls) == ("nika_answers", ("airlock",))
    assert state_from_json(called.to_json()) == called
    back = choose(story, called, "continue").state
    assert (back.scene, back.calls, back.visits["airlock"]) == ("airlock", (), 2)
    assert "ask_nika" not in _offered(story, back)
    assert "radio.ask_nika" in back.taken
    with pytest.raises(ChoiceUnavailable, match="once only"):
        choose(story, back, "ask_nika")
    locked = next(v for v in choices(story, back) if v.id == "cycle_the_lock")
    assert not locked.available
    assert locked.reason == "Weronika said to wait for the green light."  # the reason's route
    first = next(v for v in choices(story, state) if v.id == "cycle_the_lock")
    assert first.reason == "You want to hear from Weronika first."
    assert choose(story, back, "check_suit").state.visits["airlock"] == 3


def test_the_fallback_is_taken_by_itself_and_replays(tmp_path: Path) -> None:
    story = _airlock(tmp_path)
    inside = choose(story, new_game(story).state, "give_up").state
    assert _offered(story, inside) == ["listen"]
    with pytest.raises(ChoiceUnavailable, match="fallback"):
        choose(story, inside, "fallback")
    end = choose(story, inside, "listen").state
    assert (end.ending, end.history) == ("stay", ("give_up", "listen"))
    assert replay(story, end.history).state == end


def test_plain_mode_shows_the_scene_a_fallback_went_through(tmp_path: Path) -> None:
    story = _airlock(tmp_path)
    out = io.StringIO()
    code = PlainGame(story, io.StringIO("give_up\nlisten\n"), out).run()
    assert code == EXIT_OK
    text = out.getvalue()
    passed = text.index("You sit by the hatch. The lights flicker.")
    assert text.index("== Inside ==") < passed < text.index("== Stay ==")


def test_plain_mode_takes_a_path_of_ids_on_one_line(tmp_path: Path) -> None:
    story = _airlock(tmp_path)
    out = io.StringIO()
    code = PlainGame(story, io.StringIO("check_suit ask_nika continue cycle_the_lock\n"), out).run()
    assert code == EXIT_OK
    assert "ENDING: Outside" in out.getvalue()
    out = io.StringIO()
    code = PlainGame(story, io.StringIO("give_up nonsense listen\n"), out).run()
    assert code == EXIT_INPUT_ENDED
    assert "`nonsense` is not a choice here" in out.getvalue()
    assert "ENDING" not in out.getvalue()


def test_the_json_protocol_reports_a_passed_scene(tmp_path: Path) -> None:
    story = _airlock(tmp_path)
    inside = choose(story, new_game(story).state, "give_up").state
    step = choose(story, inside, "listen")
    assert [type(e) for e in step.events].count(PassedThrough) == 1
    events = step_object(story, step)["events"]
    passed = next(e for e in events if e["type"] == "passed")
    assert passed["scene"]["id"] == "inside"
    assert passed["text"] == [[{"text": "You sit by the hatch. The lights flicker.", "style": ""}]]


def test_the_graph_marks_once_only_choices_calls_and_the_fallback(tmp_path: Path) -> None:
    graph = story_graph(_airlock(tmp_path))
    labels = {(e.source, e.target, e.label) for e in graph.edges}
    assert ("airlock", "nika_answers", "call: Ask Weronika over the radio") in labels
    assert ("airlock", "airlock", "once: after the call: Ask Weronika over the radio") in labels
    assert ("airlock", "inside", "once: Give up") in labels
    assert ("inside", "stay", "fallback") in labels
    assert ("airlock", "airlock", "Check the suit's seals/gloves/visor") in labels


def test_the_report_counts_visits_and_never_picks_a_fallback(tmp_path: Path) -> None:
    # From the airlock (visit v, asked Nika or not) each open choice is 1 in 3 or 1 in 2:
    # asked and v >= 3 gives p = p/3 + 1/3, so 1/2; then back to the first visit, 1/6.
    odds = build_report(_airlock(tmp_path), ReportOptions(runs=50)).odds
    assert odds.exact
    assert odds.endings["outside"].fraction == Fraction(1, 6)
    assert odds.endings["stay"].fraction == Fraction(5, 6)
    assert odds.trapped.fraction == 0


def test_the_story_cache_keeps_every_new_field(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _airlock(tmp_path)
    monkeypatch.setenv(story_cache.ENV, str(tmp_path / "cache"))
    folder = tmp_path / "airlock"
    compiled, cached = compiled_and_cached(folder)
    assert_same(compiled, cached)
    story = cached.story
    assert story is not None and story.counted and story.tracked
    state = new_game(story).state
    for choice_id in ("check_suit", "ask_nika", "continue", "give_up", "listen"):
        state = choose(story, state, choice_id).state
    assert state.ending == "stay" and state.visits["airlock"] == 3
    assert _text(story, new_game(story).state).startswith("The airlock is cold.")


def test_a_call_that_returns_is_a_tail_call(write_story: WriteStory) -> None:
    scenes = """\
scenes:
  a:
    text: You stand at the radio, waiting for your turn to speak.
    choices:
      - {id: ask, text: Ask Houston, call: houston, go: b}
  houston:
    text: Houston asks you to hold for the flight director now.
    choices:
      - {id: hold, text: Hold the line, call: director, go: return}
  director:
    text: The flight director says the walk is a go, whatever happens.
    next: return
  b: {text: You put the headset down and go back to work., ending: good}
  burn: {text: The station burns up on its way down., ending: burn}
"""
    story = load_ok(write_story(scenes=scenes))
    state = choose(story, new_game(story).state, "ask").state
    state = choose(story, state, "hold").state
    assert (state.scene, state.calls) == ("director", ("b",))
    assert choose(story, state, "continue").state.ending == "good"
    found = explore(story)
    assert found.complete and found.endings["good"].path is not None
    assert found.endings["good"].path.choices == ("ask", "hold", "continue")


def test_properties_read_visits_and_taken(tmp_path: Path) -> None:
    _airlock(tmp_path)
    folder = tmp_path / "airlock"
    with (folder / "scenes.yaml").open("a", encoding="utf-8") as out:
        out.write(
            "properties:\n"
            "  asked_before_going: {at: outside, always: taken.radio.ask_nika}\n"
            "  three_visits_first: {at: outside, always: visits.airlock >= 3}\n"
            "  never_five: {at: outside, possible: visits.airlock >= 5}\n"
        )
    story = load_ok(folder)
    assert [p.name for p in story.properties] == [
        "asked_before_going",
        "three_visits_first",
        "never_five",
    ]
    assert [d.code for d in lint(story)] == []  # each one proved
    with (folder / "scenes.yaml").open("a", encoding="utf-8") as more:
        more.write("  gave_up_never: {at: stay, always: not taken.airlock.give_up}\n")
    [failing] = [d for d in lint(load_ok(folder)) if d.code == "E170"]
    assert "gave_up_never" in failing.message and "give_up" in " ".join(failing.route)


def test_continuity_reads_inside_variations(write_story: WriteStory) -> None:
    scenes = """\
scenes:
  a:
    text: Alexey floats by the hatch, waiting for you to decide.
    choices:
      - {id: lose_him, text: Let him go out alone, do: status.alexey = dead, go: c}
      - {id: keep_him, text: Keep him inside, go: c}
  c:
    text: "The hatch is shut. {cycle: Alexey hums. | The fans hum.}"
    choices:
      - {id: on, text: Go on, go: b}
  b: {text: The station turns on and on in the dark., ending: good}
  burn: {text: The station burns up on its way down., ending: burn}
"""
    story = load_ok(write_story(scenes=scenes.replace("id: on,", 'id: "on",')))
    mentions = [d for d in lint(story) if d.code == "W214"]
    assert mentions and "alexey" in mentions[0].message.lower()


def test_a_variation_counts_the_words_it_shows(tmp_path: Path) -> None:
    story = _airlock(tmp_path)
    state = new_game(story).state
    for _ in range(3):
        text = story.scenes["airlock"].text
        assert text.word_count(state) == len(_text(story, state).split())
        state = choose(story, state, "check_suit").state


FALLBACK_LOOP = """\
scenes:
  a:
    title: A
    text: The corridor ahead bends out of sight.
    choices:
      - {id: go_on, text: Go on, go: b}
  b:
    title: B
    text: A long scene the story passes through, round and round the loop.
    choices:
      - {fallback: true, go: c}
  c:
    title: C
    text: The other half of the loop, which leads straight back.
    choices:
      - {fallback: true, go: b}
  good_end: {text: You are home at last and the air is sweet., ending: good}
  burn: {text: Fire and noise and then nothing at all., ending: burn}
"""


def test_a_loop_of_fallbacks_shows_each_scene_it_passes_once(write_story: WriteStory) -> None:
    """Each pass round the loop used to add the scene's text again: 100 of them."""
    story = load_ok(write_story(scenes=FALLBACK_LOOP))
    step = choose(story, new_game(story).state, "go_on")
    passed = [e.scene for e in step.events if isinstance(e, PassedThrough)]
    assert passed == ["b", "c"]
    out = io.StringIO()
    PlainGame(story, io.StringIO("go_on\n"), out).run()
    # once passed through, once as the scene the story rests in after 100 passes
    assert out.getvalue().count("round and round the loop") == 2


def test_the_start_scenes_fallback_is_followed_at_game_start(write_story: WriteStory) -> None:
    scenes = FALLBACK_LOOP.replace(
        "    choices:\n      - {id: go_on, text: Go on, go: b}\n",
        "    choices:\n      - {fallback: true, go: d}\n",
    ) + (
        "  d:\n    title: D\n    text: The hatch at the end of the corridor.\n"
        "    choices:\n      - {id: home, text: Go home, go: good_end}\n"
    )
    story = load_ok(write_story(scenes=scenes))
    step = new_game(story)
    assert step.state.scene == "d" and step.state.history == ()
    assert [e.scene for e in step.events if isinstance(e, PassedThrough)] == ["a"]
    assert replay(story, ["home"]).state.ending == "good"
