"""Random small stories for the explorer fuzz, and the brute-force truth about them.

A story is up to ten scenes `s0`..`s9` of one to three choices each, over a
manifest that uses every feature the explorer reasons about: trust and crew
trust, flags, items, a ranged number, statuses, `seen`, an expiring air timer
`t` (optionally with `while:`), a power timer `u` (plain, with `while:`, or
expiring too), clocks read in `when:`, in routes and in text, and scenes that
spend time and change things on entry. `all_states` plays every path there
is through the engine, breadth-first, so its depths are shortest routes.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from hypothesis import strategies as st

from iss.authoring.explore.traps import components, trapped  # room internals, tested deliberately
from iss.engine.model import Story
from iss.engine.runner import choose, new_game
from iss.engine.state import GameState

MANIFEST = """\
title: Fuzz
start: s0
characters:
  kira: {{name: Dr. Kira Foster, side: US, player: true}}
  alexey: {{name: Alexey Pulov, side: RU, trust: 4}}
  gordon: {{name: Gordon Barrett, side: US, trust: 5}}
crew_trust:
  alexey-gordon: 5
variables:
  n: {{type: int, min: 0, max: 4}}
flags:
  f0: F0.
  f1: F1.
items:
  key: {{name: A key}}
clock:
  t: {{label: of air, start: 2h, expires: timed_out{running}}}
  u: {{label: of power, start: 90m{power}}}
endings:
  good: {{title: Good, kind: good, canonical: true}}
  bad: {{title: Bad, kind: failure}}
  late: {{title: Late, kind: failure}}
  dark: {{title: Dark, kind: failure}}
"""

POWER = {
    "plain": "",
    "while": ", while: not flag.f0",
    "expires": ", while: not flag.f0, expires: dark_end",
}

CONDITIONS = [
    "trust.alexey >= 5",
    "flag.f0",
    "not flag.f1",
    "n >= 2",
    "has.key",
    "clock.t < 60m",
    "clock.t >= 90m",
    "clock.u < 30m",
    "trust.alexey.gordon > 5",
    "seen.s1",
    "seen.s2",
    "trust.gordon <= 3 or flag.f1",
    "alive.gordon",
    "dead.gordon",
    'status.alexey == "missing"',
]
EFFECTS = [
    "trust.alexey += 1",
    "trust.alexey -= 2",
    "flag.f0 = true",
    "flag.f1 = true",
    "n += 1",
    "has.key = true",
    "trust.alexey.gordon -= 1",
    "trust.gordon -= 2",
    "status.gordon = dead",
    "status.alexey = missing",
    "status.alexey = aboard",
]
ENDS = ["good_end", "bad_end"]
TEXT = (
    "Scene number {i} of the fuzzed story. {{clock.t}} of air. "
    "{{if alive.gordon: Gordon waits by the hatch.| Nobody waits.}} "
    "{{if clock.u < 30m: The lights dim.}}"
)

Choice = dict[str, object]
Spec = tuple[list[list[Choice]], bool]
Extras = dict[str, object]
NO_EXTRAS: Extras = {"scene_time": [0] * 10, "scene_do": [None] * 10, "power": "plain"}

choice_st = st.fixed_dictionaries(
    {
        "when": st.sampled_from([*[None] * 12, *CONDITIONS]),
        "do": st.lists(st.sampled_from(EFFECTS), max_size=2),
        "time": st.sampled_from([0, 0, 30, 60]),
        "go": st.integers(min_value=0, max_value=11),
        "route": st.sampled_from([*[None] * 12, *CONDITIONS]).flatmap(
            lambda cond: st.none() if cond is None else st.tuples(st.just(cond), st.integers(0, 11))
        ),
    }
)
story_st = st.tuples(
    st.lists(st.lists(choice_st, min_size=1, max_size=3), min_size=4, max_size=10),
    st.booleans(),
)
extras_st = st.fixed_dictionaries(
    {
        "scene_time": st.lists(st.sampled_from([0, 0, 0, 30, 60]), min_size=10, max_size=10),
        "scene_do": st.lists(st.sampled_from([*[None] * 4, *EFFECTS]), min_size=10, max_size=10),
        "power": st.sampled_from(sorted(POWER)),
    }
)


def plain(go: int, time: int = 0, do: tuple[str, ...] = (), when: str | None = None) -> Choice:
    """A choice with one target."""
    return {"when": when, "do": list(do), "time": time, "go": go, "route": None}


def routed(go: int, time: int, cond: str, other: int) -> Choice:
    """A choice that goes to `other` when `cond` holds after its time, else to `go`."""
    return {"when": None, "do": [], "time": time, "go": go, "route": (cond, other)}


def _target(index: int, scenes: int) -> str:
    return f"s{index}" if index < scenes else ENDS[index % 2]


def write(folder: Path, spec: Spec, extras: Extras = NO_EXTRAS) -> Path:
    """Write the story folder for `spec` and `extras`."""
    scenes, while_flag = spec
    scene_time = cast(list[int], extras["scene_time"])
    scene_do = cast(list[str | None], extras["scene_do"])
    folder.mkdir(parents=True, exist_ok=True)
    running = ", while: flag.f1" if while_flag else ""
    manifest = MANIFEST.format(running=running, power=POWER[str(extras["power"])])
    (folder / "story.yaml").write_text(manifest, encoding="utf-8")
    lines = ["scenes:"]
    for i, choices in enumerate(scenes):
        lines += [f"  s{i}:", f"    text: '{TEXT.format(i=i)}'"]
        if scene_time[i]:
            lines.append(f"    time: {scene_time[i]}m")
        if scene_do[i]:
            lines.append(f"    do: [{scene_do[i]}]")
        lines.append("    choices:")
        for j, c in enumerate(choices):
            lines += [f"      - id: c{i}_{j}", f"        text: Choice {j} in scene {i}"]
            if c["when"]:
                lines.append(f"        when: '{c['when']}'")
            if c["do"]:
                lines.append(f"        do: [{', '.join(cast(list[str], c['do']))}]")
            if c["time"]:
                lines.append(f"        time: {c['time']}m")
            target = _target(cast(int, c["go"]), len(scenes))
            if c["route"]:
                cond, other = cast(tuple[str, int], c["route"])
                lines += [
                    "        go:",
                    f"          - when: '{cond}'",
                    f"            go: {_target(other, len(scenes))}",
                    f"          - {target}",
                ]
            else:
                lines.append(f"        go: {target}")
    lines += [
        "  good_end: {text: It ends well for everyone aboard., ending: good}",
        "  bad_end: {text: It ends badly for everyone aboard., ending: bad}",
        "  timed_out: {text: The air runs out before anyone moves., ending: late}",
        "  dark_end: {text: The power dies and the station goes dark., ending: dark}",
    ]
    (folder / "scenes.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@dataclass
class Truth:
    """Every reachable state (history aside), found by playing every path there is."""

    states: list[GameState]
    depth: list[int]
    """The fewest choices that reach each state (breadth-first)."""
    edges: list[list[int]]
    trap: bool
    """Some loop of states can never reach an ending."""

    def fewest(self, scene: str) -> int | None:
        """The fewest choices any playthrough needs to reach `scene`."""
        found = [d for s, d in zip(self.states, self.depth, strict=True) if s.scene == scene]
        return min(found) if found else None


def available(story: Story, state: GameState) -> list[str]:
    return [
        c.id
        for c in story.scenes[state.scene].choices
        if c.when is None or c.when.failing_reason(state) is None
    ]


def all_states(story: Story, limit: int = 4000) -> Truth | None:
    """The truth (see `Truth`); None past `limit` states."""
    start = new_game(story).state
    number = {key(start): 0}
    out: list[GameState] = [start]
    depth = [0]
    edges: list[list[int]] = [[]]
    todo = deque([0])
    while todo:
        index = todo.popleft()
        state = out[index]
        if state.ending is not None:
            continue
        for choice_id in available(story, state):
            after = choose(story, state, choice_id).state
            k = key(after)
            if k not in number:
                number[k] = len(out)
                out.append(after)
                depth.append(depth[index] + 1)
                edges.append([])
                todo.append(number[k])
                if len(out) > limit:
                    return None
            edges[index].append(number[k])
    endings = [i for i, s in enumerate(out) if s.ending is not None]
    hopeless = trapped(edges, endings)
    loop = any(len(m) > 1 or m[0] in edges[m[0]] for m in components(edges, hopeless))
    return Truth(out, depth, edges, loop)


def key(s: GameState) -> tuple[object, ...]:
    """Everything about a state that the future can depend on."""
    return (
        s.scene,
        tuple(sorted(s.trust.items())),
        tuple(sorted(s.crew_trust.items())),
        s.flags,
        s.items,
        tuple(sorted(s.variables.items())),
        tuple(sorted(s.status.items())),
        tuple(sorted(s.clock.items())),
        s.visited,
        s.ending,
    )
