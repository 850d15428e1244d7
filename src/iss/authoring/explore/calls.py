"""Where a `go: return` may resume, scene by scene: the tops the call stack may have.

    tops = call_tops(story)                   # from the start, with no call running
    tops["ship_log"]                          # {"nicholai_threat", "weronika_cupola", ...}
    EMPTY in tops["mourning"]                 # True: no call may be running there

A `call:` choice pushes the scene its route names and enters the sub-scene;
a `go: return` pops the top and enters it (the engine, `runner._take`). A
return taken in one sub-scene resumes only where a call *into that sub-scene*
left off; without this, the proof pass sent every return to every scene any
call may resume at, and so found loops no playthrough can go round (return
to an earlier caller, call again) and, with no way to see that a stack
cannot be empty where only calls lead, took a scene whose choices all
return for a dead end.

This is worked out on the scene graph alone, every choice taken as available
(conditions only ever take choices away), so it over-approximates: each
scene gets the set of scenes that may be on top of the stack on entering it
(`EMPTY` when the stack may be empty), and each scene a call may push the set
of tops that may lie beneath it. A timer that runs out enters its expiry
scene with the stack as it was (on a choice's time, before its call pushes;
on a scene's time, after).
"""

from __future__ import annotations

from collections.abc import Sequence

from iss.engine.model import RETURN, Story

EMPTY = ""
"""In a scene's tops: no call may be running there (the stack may be empty)."""


def call_tops(
    story: Story, start: str | None = None, calls: Sequence[str] = ()
) -> dict[str, frozenset[str]]:
    """Scene -> what may be on top of the call stack on entering it (`EMPTY`: nothing).

    From `start` (the story's start) with the stack `calls` (empty); a scene
    missing from the result cannot be reached."""
    scenes = story.scenes
    expiry = sorted({t.expires for t in story.timers.values() if t.expires and t.expires in scenes})
    tops: dict[str, set[str]] = {}
    under: dict[str, set[str]] = {}
    """A scene a call may push -> the tops that may lie beneath it."""
    beneath = EMPTY
    for frame in calls:
        under.setdefault(frame, set()).add(beneath)
        beneath = frame
    returning = [sid for sid, scene in scenes.items() if any(c.returns for c in scene.choices)]
    work: list[str] = []
    queued: set[str] = set()

    def again(scene: str) -> None:
        if scene not in queued:
            queued.add(scene)
            work.append(scene)

    def enter(scene: str, on_top: set[str] | frozenset[str], by_time: bool = True) -> None:
        if scene not in scenes or not on_top:
            return
        known = tops.setdefault(scene, set())
        if not on_top <= known:
            known |= on_top
            again(scene)
        if by_time and scenes[scene].minutes > 0 and scenes[scene].ending is None:
            for other in expiry:  # its time may run a timer out: the expiry scene instead
                enter(other, on_top, by_time=False)

    def push(frame: str, on_top: set[str]) -> None:
        known = under.setdefault(frame, set())
        if not on_top <= known:
            known |= on_top
            for sid in returning:  # a return to `frame` now resumes with more beneath
                if frame in tops.get(sid, ()):
                    again(sid)

    enter(start or story.start, {calls[-1] if calls else EMPTY})
    while work:
        sid = work.pop()
        queued.discard(sid)
        here = set(tops[sid])
        called = here - {EMPTY}  # a return, or a tail call, needs a call running
        for choice in scenes[sid].choices:
            if choice.minutes > 0:
                for other in expiry:
                    enter(other, here, by_time=False)
            routes = [r.scene for r in choice.routes if r.scene != RETURN]
            if choice.call is not None and choice.returns:
                enter(choice.call, called)  # a tail call: no new frame
            elif choice.call is not None:
                for frame in routes:
                    push(frame, here)
                    enter(choice.call, {frame})
            elif choice.returns:
                for frame in sorted(called):
                    enter(frame, under.get(frame, set()))
            else:
                for target in routes:
                    enter(target, here)
    return {sid: frozenset(on_top) for sid, on_top in tops.items()}


__all__ = ["EMPTY", "call_tops"]
