"""A playthrough stepped in place, for players that read no states or events.

    walker = Walker(story)               # compiled once per story
    walk = walker.start(seed=3)          # `new_game(story, 3)`, as a `Walk`
    options = walker.options(walk)       # `[c for c in choices if can_take(c, state)]`
    walker.choose(walk, options[0])      # `choose(story, state, options[0].choice.id)`
    state = walk.freeze()                # the `GameState` that `choose` would have returned

`choose()` builds a new frozen `GameState` and the step's events at every step:
front ends, saves and the explorer rely on both. Random playthroughs read
neither; they need the choices available, the ending and, at the end, the
history and the scenes seen. A `Walker` compiles each scene's entry and each
choice's step into closures (effects, timers, routes and calls as `_take` and
`_enter` in `runner` run them), and a `Walk` is one playthrough's state,
changed in place: no `Draft`, `GameState`, `Step` or event per step.

It takes the same steps to the same states: `tests/engine/test_walk.py` plays
seeded playthroughs and generated stories both ways and compares the states
after every step. A change to `runner`'s step must be made here too (those
tests fail until it is).
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import Any

from iss.engine.expressions import every_holds
from iss.engine.model import RETURN, Choice, Condition, Scene, Story
from iss.engine.runner import MAX_FALLBACKS
from iss.engine.state import StateView, initial_state
from iss.engine.walk_state import Walk, in_place

__all__ = ["Option", "Walk", "Walker", "holds"]

Test = Callable[[StateView], Any]
"""A compiled condition: truthy when it holds."""
Step = Callable[["Walk"], None]
Enter = Callable[["Walk", bool], None]
Timers = tuple[tuple[str, str | None, Test | None, str | None], ...]


class Option:
    """A choice the player may be offered, compiled: `test` (None: always available)
    says whether `can_take` holds, `take` takes it as `choose` does. `pair` is
    (scene id, choice id)."""

    __slots__ = ("choice", "pair", "take", "test")

    def __init__(self, scene: str, choice: Choice, test: Test | None, take: Step) -> None:
        self.choice = choice
        self.pair = (scene, choice.id)
        self.test = test
        self.take = take


class Walker:
    """A story compiled for walks: one entry closure per scene, one step per choice."""

    def __init__(self, story: Story) -> None:
        self.story = story
        self.start_state = initial_state(story)
        self.timers: Timers = tuple(
            (
                t.id,
                _flag_read(t.running),
                None if t.running is None else holds(t.running),
                t.expires,
            )
            for t in story.timers.values()
        )
        """(timer, the flag its `while:` reads if it reads just one, the `while:`, expiry)"""
        self.clock_in_timers = any(
            name.startswith("clock.")
            for t in story.timers.values()
            if t.running is not None
            for name in t.running.names
        )
        """A timer's `while:` reads a clock: timers then count down on a copy, as
        `runner._advance` does, so none reads another's new minutes."""
        self.falling_back = frozenset(
            sid for sid, s in story.scenes.items() if s.choices and s.choices[-1].fallback
        )
        """The scenes whose last choice is a fallback: `follow_fallbacks` stops at once
        in any other, so a step into any other need not call it."""
        self.fallbacks = bool(self.falling_back)
        self.enters: dict[str, Enter] = {}
        self.fallback_steps: dict[str, Step] = {}
        """Scene -> the step `_take` runs for its fallback (no history, no fallbacks after)."""
        self.offers: dict[str, tuple[list[Option], bool]] = {}
        """Scene -> (its options, True when every one is always available)."""
        # Thousands of closures for a large story: the cyclic GC would scan the whole
        # story again and again while they are made (3 times the time), for nothing.
        collecting = gc.isenabled()
        gc.disable()
        try:
            for scene in story.scenes.values():
                self.enters[scene.id] = self._compile_enter(scene)
            for sid, scene in story.scenes.items():
                if scene.choices and scene.choices[-1].fallback:
                    self.fallback_steps[sid] = self._compile_take(scene.choices[-1])
                self.offers[sid] = self._compile_offers(scene)
        finally:
            if collecting:
                gc.enable()

    def start(self, seed: int = 0, followed: bool = False, on_pass: Step | None = None) -> Walk:
        """`new_game(story, seed)`: the start scene entered, its fallbacks followed. Those
        are left in `walk.followed` only when `followed` is true (as `fallbacks_followed`
        of `new_game`'s events), since most callers never ask. `on_pass` becomes the
        walk's (`Walk.on_pass`): called in each scene a fallback passes through."""
        walk = Walk(self.story, self.start_state)
        walk.seed = seed
        walk.on_pass = on_pass
        self.enters[self.story.start](walk, True)
        if self.fallbacks:
            self.follow_fallbacks(walk)
            if not followed:
                walk.followed.clear()
        return walk

    def options(self, walk: Walk) -> list[Option]:
        """The options `can_take` allows now, in the scene's order."""
        offers, always = self.offers[walk.scene]
        if always:
            return offers
        return [o for o in offers if o.test is None or o.test(walk)]

    def choose(self, walk: Walk, option: Option) -> None:
        """Take an available option, as `choose(story, state, option.choice.id)` does."""
        option.take(walk)

    def follow_fallbacks(self, walk: Walk) -> None:
        """`runner._follow_fallbacks`: take the scene's fallback while it is all there is."""
        scenes = self.story.scenes
        for _ in range(MAX_FALLBACKS):
            scene = scenes[walk.scene]
            choices = scene.choices
            if walk.ending is not None or not choices or not choices[-1].fallback:
                break
            fallback = choices[-1]
            if fallback.once and fallback.key in walk.taken:
                break
            offers, _ = self.offers[scene.id]
            if any(o.test is None or o.test(walk) for o in offers):
                break
            if fallback.routes[0].scene == RETURN and not walk.calls:
                break
            if fallback.when is not None and fallback.when.failing_reason(walk) is not None:
                break
            if walk.on_pass is not None:
                walk.on_pass(walk)
            self.fallback_steps[scene.id](walk)
            walk.followed.append((scene.id, fallback.id))

    def _compile_offers(self, scene: Scene) -> tuple[list[Option], bool]:
        offers = []
        for choice in scene.choices:
            if choice.fallback:
                continue  # never offered
            offers.append(Option(scene.id, choice, _can_take(choice), self._chosen(choice)))
        return offers, all(o.test is None for o in offers)

    def _chosen(self, choice: Choice) -> Step:
        """The player's step: the choice recorded in the history, then fallbacks followed."""
        recorded = self._compile_take(choice, recorded=True)
        if not self.fallbacks:
            return recorded
        follow, falling_back = self.follow_fallbacks, self.falling_back

        def chosen_then_fallbacks(walk: Walk) -> None:
            recorded(walk)
            if walk.scene in falling_back:
                follow(walk)

        return chosen_then_fallbacks

    def _advance(self) -> Callable[[Walk, int], str | None]:
        """`runner._advance`: spend minutes on the walk's clock; the expiry scene, if any."""
        timers, copy = self.timers, self.clock_in_timers

        def advance(walk: Walk, minutes: int) -> str | None:
            clock = dict(walk.clock) if copy else walk.clock
            flags = walk.flags
            expired: str | None = None
            least = 0  # what the timer that ran out first had left
            for name, flag, running, expires in timers:
                if flag is not None:  # most timers run while a flag is set
                    if flag not in flags:
                        continue
                elif running is not None and not running(walk):
                    continue
                before = clock[name]
                left = before - minutes
                if left <= 0:
                    left = 0
                    if before > 0 and expires and (expired is None or before < least):
                        expired, least = expires, before
                clock[name] = left
            walk.clock = clock
            walk.elapsed += minutes
            return expired

        return advance

    def _compile_enter(self, scene: Scene) -> Enter:
        """`runner._enter` for this scene."""
        story, enters = self.story, self.enters
        sid, ending = scene.id, scene.ending
        effects = tuple(in_place(e, story) for e in scene.effects)
        minutes = scene.minutes if story.timers else 0
        counted = sid in story.counted
        advance = self._advance()

        def enter(walk: Walk, allow_expiry: bool) -> None:
            if minutes > 0:
                expired = advance(walk, minutes)
                if expired is not None and allow_expiry and ending is None:
                    enters[expired](walk, False)
                    return
            for apply in effects:
                apply(walk)
            if counted:
                visits = walk.visits
                visits[sid] = visits.get(sid, 0) + 1
            if ending is not None:
                walk.ending = ending
            walk.visited.add(sid)
            walk.scene = sid

        return enter

    def _compile_take(self, choice: Choice, recorded: bool = False) -> Step:
        """`runner._take` for this choice (its availability already checked); `recorded`:
        its id added to the history first, as `choose` does (a fallback's is not)."""
        story, enters = self.story, self.enters
        history_of = choice.id if recorded else None
        key = choice.key if choice.key in story.tracked else None
        effects = tuple(in_place(e, story) for e in choice.effects)
        minutes = choice.minutes if story.timers else 0
        first = choice.routes[0]
        returns = first.scene == RETURN
        routes = tuple((r.scene, None if r.when is None else holds(r.when)) for r in choice.routes)
        fixed = first.scene if first.when is None else None
        call = choice.call
        advance = self._advance()
        if fixed is not None and history_of is not None and not (minutes or call or returns):
            enter = enters[fixed]  # most choices: no time, one target, no call

            def take_plainly(walk: Walk) -> None:
                walk.history.append(history_of)
                if key is not None:
                    walk.taken.add(key)
                for apply in effects:
                    apply(walk)
                enter(walk, True)

            return take_plainly

        def take(walk: Walk) -> None:
            if history_of is not None:
                walk.history.append(history_of)
            if key is not None:
                walk.taken.add(key)
            for apply in effects:
                apply(walk)
            expired = advance(walk, minutes) if minutes > 0 else None
            if expired is not None:
                enters[expired](walk, False)
                return
            target = fixed
            if target is None:
                for scene, test in routes:
                    if test is None or test(walk):
                        target = scene
                        break
                else:
                    raise StopIteration  # as `next()` on no route: the compiler allows none
            if call is not None:
                if not returns:  # `call:` with `go: return` is a tail call: no new frame
                    walk.calls = (*walk.calls, target)
                target = call
            elif returns:
                calls = walk.calls
                target, walk.calls = calls[-1], calls[:-1]
            enters[target](walk, True)

        return take


def holds(condition: Condition) -> Test:
    """`condition.failing_reason(state) is None`, as one call: truthy when it holds."""
    return _all_of([test for test, _ in condition.clauses])


def _flag_read(condition: Condition | None) -> str | None:
    """The flag `condition` is when it is written as just `flag.<name>` (its one clause
    is then `name in state.flags`), else None."""
    if condition is None or len(condition.names) != 1 or len(condition.clauses) != 1:
        return None
    (read,) = condition.names
    if read.startswith("flag.") and condition.source == read:
        return read.removeprefix("flag.")
    return None


def _all_of(tests: list[Test]) -> Test:
    """A test that holds when every one of `tests` does, asked in order."""
    if len(tests) == 1:
        return tests[0]
    if len(tests) == 2:
        first, second = tests
        return lambda state: first(state) and second(state)
    return every_holds(tests)


def _can_take(choice: Choice) -> Test | None:
    """`runner.can_take` for a choice that is not a fallback; None when it always holds."""
    tests: list[Test] = []
    if choice.once:
        key = choice.key
        tests.append(lambda state: key not in state.taken)
    if choice.routes[0].scene == RETURN:
        tests.append(lambda state: state.calls)
    if choice.when is not None:
        tests.append(holds(choice.when))
    return _all_of(tests) if tests else None
