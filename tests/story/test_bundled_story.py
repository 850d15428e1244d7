"""The bundled I.S.S. story: clean, complete, and true to the bible's canonical path."""

from __future__ import annotations

from dataclasses import replace
from functools import cache

import pytest

from iss.authoring.loader import load_story
from iss.engine import EndingReached, SceneEntered, choose, new_game
from iss.engine.model import Story
from iss.engine.runner import replay
from iss.paths import bundled_story_dir

BEATS = [
    "arrival",
    "first_night",
    "the_flash",
    "orders",
    "spacewalk",
    "sabotage",
    "nikas_offer",
    "diversion",
    "brothers",
    "gordon_returns",
    "silence",
    "the_galley",
    "restore",
    "the_fall",
]
BIBLE_ENDINGS = {
    "the_fall",
    "one_crew",
    "open_channel",
    "flag_bearer",
    "nikas_way",
    "three_seats",
    "stowaway",
    "float",
    "reentry",
    "the_arm",
}
CREW = ["kira", "christian", "gordon", "weronika", "nicholai", "alexey"]


@cache
def story() -> Story:
    result = load_story(bundled_story_dir())
    assert result.story is not None, "\n".join(map(str, result.errors[:20]))
    return result.story


def test_story_loads_without_errors_or_warnings() -> None:
    from iss.authoring.explore import EXPLORE_BUDGET, explore
    from iss.authoring.lint import lint

    result = load_story(bundled_story_dir())
    assert result.story is not None
    # A search bounded by states, not by a busy machine's seconds, so the result is the same.
    found = explore(result.story, replace(EXPLORE_BUDGET, time_limit=600))
    # Complete, so `iss explore` proves no dead end and no trap: a story change that left the
    # search at its state limit (a loop at soyuz_last still open) had passed every other test.
    assert found.complete, found.cut_reason
    problems = [*result.diagnostics, *lint(result.story, found)]
    assert problems == [], "\n".join(map(str, problems[:30]))


def test_canonical_walkthrough_passes_the_fourteen_beats_in_order() -> None:
    s = story()
    walk = next(w for w in s.walkthroughs if w.name == "canonical")
    step = new_game(s)
    events = list(step.events)
    state = step.state
    for choice_id in walk.choices:
        step = choose(s, state, choice_id)
        events.extend(step.events)
        state = step.state
    beats = [
        s.scenes[e.scene].beat
        for e in events
        if isinstance(e, SceneEntered) and s.scenes[e.scene].beat
    ]
    assert beats == BEATS
    assert events[-1] == EndingReached("the_fall")
    assert s.canonical_ending is not None and s.canonical_ending.id == "the_fall"


def test_every_ending_of_the_bible_exists_and_has_a_walkthrough_that_reaches_it() -> None:
    s = story()
    assert set(s.endings) >= BIBLE_ENDINGS
    assert len(s.endings) >= 10
    walked = {w.ending for w in s.walkthroughs}
    assert walked == set(s.endings)
    for walk in s.walkthroughs:
        assert replay(s, walk.choices).state.ending == walk.ending, walk.name


def test_each_crew_member_lives_in_some_ending_and_dies_in_another() -> None:
    s = story()
    lives: dict[str, set[str]] = {who: set() for who in CREW}
    dies: dict[str, set[str]] = {who: set() for who in CREW}
    for walk in s.walkthroughs:
        state = replay(s, walk.choices).state
        for who in CREW:
            (dies if state.status[who] == "dead" else lives)[who].add(walk.ending)
    for who in CREW:
        assert lives[who], f"{who} never survives an ending"
        assert dies[who], f"{who} never dies in an ending"


def test_size_floors() -> None:
    s = story()
    words = sum(scene.words for scene in s.scenes.values())
    assert len(s.scenes) >= 70
    assert words >= 18_000


def test_few_continue_scenes_and_few_fake_choices() -> None:
    s = story()
    playable = [scene for scene in s.scenes.values() if scene.ending is None]
    single = [scene.id for scene in playable if len(scene.choices) == 1]
    assert len(single) <= 0.15 * len(s.scenes), single
    choices = [(scene, c) for scene in playable for c in scene.choices]
    meaningful = 0
    for scene, choice in choices:
        targets = {r.scene for r in choice.routes}
        others = {r.scene for c in scene.choices if c is not choice for r in c.routes}
        if choice.effects or choice.minutes or len(targets) > 1 or targets - others:
            meaningful += 1
    assert meaningful >= 0.6 * len(choices)


@pytest.mark.parametrize("branch_scene", ["spacewalk", "nikas_offer", "the_galley"])
def test_real_branches_at_the_spacewalk_the_offer_and_the_galley(branch_scene: str) -> None:
    s = story()
    scene = next(sc for sc in s.scenes.values() if sc.beat == branch_scene)
    targets = {r.scene for c in scene.choices for r in c.routes}
    assert len(scene.choices) >= 2 and len(targets) >= 2, (scene.id, targets)
