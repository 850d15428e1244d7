"""Random playthroughs step a `Walk` in place (`iss.engine.walk`) instead of calling
`choose()`: the same choices offered, the same states after every step, the same
random draws and the same reports, on the bundled story and on generated ones."""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from iss.authoring.explore import RandomReport, play_randomly
from iss.authoring.loader import load_story
from iss.authoring.report.pacing import Reading, WordCounts  # room internals, tested deliberately
from iss.authoring.report.sampling import (  # room internals, tested deliberately
    Sample,
    play_and_read,
)
from iss.engine.growing import extended
from iss.engine.model import Story
from iss.engine.runner import (  # room internals, tested deliberately
    Step,
    _enter,
    _follow_fallbacks,
    _take,
    can_take,
    choose,
    fallbacks_followed,
    new_game,
)
from iss.engine.state import Draft, GameState, initial_state
from iss.engine.walk import Walker
from iss.paths import bundled_story_dir
from tests.authoring.fuzz_story import Extras, Spec, extras_st, load_written, story_st
from tests.authoring.test_explore import STATION
from tests.conftest import load_ok


def played_with_choose(story: Story, runs: int, seed: int, max_steps: int) -> RandomReport:
    """`play_randomly` as the `choose()` loop plays it: the walk's specification."""
    report = RandomReport(
        runs=runs,
        seed=seed,
        endings={eid: 0 for eid in story.endings},
        total_scenes=len(story.scenes),
        total_choices=sum(len(s.choices) for s in story.scenes.values()),
    )
    for run in range(runs):
        rng = random.Random(f"{seed}:{run}")
        state = new_game(story, seed=run).state
        steps = 0
        while state.ending is None:
            if steps >= max_steps:
                report.too_long += 1
                break
            scene = story.scenes[state.scene]
            options = [c for c in scene.choices if can_take(c, state)]
            if not options:
                report.dead_ends[scene.id] = report.dead_ends.get(scene.id, 0) + 1
                break
            choice = options[0] if len(options) == 1 else rng.choice(options)  # one: no draw
            report.choices_taken.add((scene.id, choice.id))
            step = choose(story, state, choice.id)
            report.choices_taken.update(fallbacks_followed(story, step.events))
            state = step.state
            steps += 1
        report.scenes_seen.update(state.visited)
        report.lengths.append(steps)
        if state.ending is not None:
            report.endings[state.ending] += 1
            report.examples.setdefault(state.ending, (run, state.history))
    return report


def assert_same_reports(story: Story, runs: int, seed: int, max_steps: int = 2_000) -> None:
    walked = play_randomly(story, runs, seed, max_steps)
    chosen = played_with_choose(story, runs, seed, max_steps)
    assert walked.lengths == chosen.lengths
    assert walked.endings == chosen.endings
    assert walked.dead_ends == chosen.dead_ends
    assert walked.too_long == chosen.too_long
    assert walked.scenes_seen == chosen.scenes_seen
    assert walked.choices_taken == chosen.choices_taken
    assert walked.examples == chosen.examples
    assert {**walked.to_json(), "seconds": 0} == {**chosen.to_json(), "seconds": 0}


def assert_same_steps(story: Story, runs: int, max_steps: int = 2_000) -> int:
    """Play `runs` seeded playthroughs with `choose()` and with a walk, side by side;
    compare the options, the states and the fallbacks taken after every step. Returns
    the number of steps compared."""
    walker = Walker(story)
    compared = 0
    for run in range(runs):
        rng = random.Random(run)
        step = new_game(story, seed=run)
        walk = walker.start(seed=run)
        assert walk.freeze() == step.state
        for _ in range(max_steps):
            state = step.state
            options = [c for c in story.scenes[state.scene].choices if can_take(c, state)]
            offered = walker.options(walk)
            assert [o.choice for o in offered] == options
            assert [o.pair for o in offered] == [(state.scene, c.id) for c in options]
            if state.ending is not None or not options:
                break
            at = rng.randrange(len(options))
            step = choose(story, state, options[at].id)
            walker.choose(walk, offered[at])
            assert walk.freeze() == step.state, (run, compared)
            assert walk.followed == fallbacks_followed(story, step.events)
            walk.followed.clear()
            compared += 1
    return compared


def read_with_choose(story: Story, runs: int, seed: int, max_steps: int) -> Sample:
    """`play_and_read` (the sample behind `iss report`) as the `choose()` loop plays it,
    the scenes fallbacks pass through read too (`follow_reading`)."""
    sample = Sample(runs, seed, counts={eid: 0 for eid in story.endings})
    words = WordCounts(story)
    for run in range(runs):
        rng = random.Random(f"{seed}:{run}")
        reading = Reading(story, words)
        draft = Draft(story, initial_state(story, run))
        entered = _enter(story, draft, story.start, (), draft.base.clock, 0)
        state = follow_reading(story, reading, entered)
        assert state == new_game(story, seed=run).state
        reading.see(state)
        for _ in range(max_steps):
            if state.ending is not None:
                break
            scene = story.scenes[state.scene]
            options = [c for c in scene.choices if can_take(c, state)]
            if not options:
                break
            choice = options[0] if len(options) == 1 else rng.choice(options)
            reading.choose(scene.id, choice.id, len(options))
            history = extended(state.history, choice.id)
            after = follow_reading(story, reading, _take(story, state, choice.id, history).state)
            assert after == choose(story, state, choice.id).state
            state = after
            reading.see(state)
        sample.walks.append(reading.done(state.ending))
        if state.ending is None:
            sample.trapped += 1
        else:
            sample.counts[state.ending] += 1
    return sample


def follow_reading(story: Story, reading: Reading, state: GameState) -> GameState:
    """`runner._follow_fallbacks` from a state that has not followed them yet, reading
    each scene passed through in the state it is shown in (`PassedThrough`)."""
    return _follow_fallbacks(story, Step(state, ()), reading.pass_through).state


def test_walks_take_the_steps_choose_takes_on_the_bundled_story() -> None:
    story = load_story(bundled_story_dir()).story
    assert story is not None
    assert assert_same_steps(story, 150) > 150 * 10


def test_random_reports_are_the_choose_loops_on_the_bundled_story() -> None:
    story = load_story(bundled_story_dir()).story
    assert story is not None
    assert_same_reports(story, 400, seed=3)


def test_report_samples_read_what_the_choose_loop_reads() -> None:
    """Every playthrough of `iss report`'s sample: its ending, words read (text rendered
    in each state), share, choices, decisions, longest run and choices taken."""
    story = load_story(bundled_story_dir()).story
    assert story is not None
    assert play_and_read(story, 300, seed=4) == read_with_choose(story, 300, 4, 2_000)
    station = load_ok(STATION)
    assert play_and_read(station, 200, seed=1) == read_with_choose(station, 200, 1, 2_000)
    assert play_and_read(station, 50, 2, max_steps=3) == read_with_choose(station, 50, 2, 3)


def test_random_reports_are_the_choose_loops_with_loops_and_dead_ends() -> None:
    story = load_ok(STATION)
    assert_same_reports(story, 300, seed=1)
    assert_same_reports(story, 100, seed=2, max_steps=4)


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(spec=story_st, extras=extras_st)
def test_walks_match_choose_on_generated_stories(
    spec: Spec, extras: Extras, tmp_path: Path
) -> None:
    """Generated stories use every feature a step runs: timers that expire on a choice's
    time or a scene's, `while:` timers, routes, calls and returns, once-only choices,
    fallbacks, counted visits and taken choices."""
    story = load_written(tmp_path, spec, extras)
    assert_same_steps(story, 12, max_steps=40)
    assert_same_reports(story, 25, seed=7, max_steps=40)
    assert play_and_read(story, 10, 5, max_steps=40) == read_with_choose(story, 10, 5, 40)
