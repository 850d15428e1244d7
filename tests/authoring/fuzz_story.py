"""Random small stories for the explorer fuzz, and the brute-force truth about them.

A story is up to ten scenes `s0`..`s9` of one to three choices each, over a
manifest that uses every feature the explorer reasons about: trust and crew
trust, flags, items, a ranged number, statuses, `seen`, an expiring air timer
`t` (optionally with `while:`), a power timer `u` (plain, with `while:`, or
expiring too), clocks read in `when:`, in routes and in text, and scenes that
spend time and change things on entry. The format 2 features come too:
once-only choices, fallbacks, `visits.` and `taken.` in conditions, routes and
text, text variations, a choice group `g` and calls of scenes (`s0`..`s9` or
the sub-scene `sub`) with `go: return`. `all_states` plays every path there
is through the engine, breadth-first, so its depths are shortest routes.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import cast

from hypothesis import strategies as st

from iss.authoring.explore.traps import components, trapped  # room internals, tested deliberately
from iss.authoring.loader import load_story
from iss.engine.events import Event, SceneEntered
from iss.engine.model import Story
from iss.engine.runner import can_take, choose, fallbacks_followed, new_game
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
    "visits.s1 >= 2",
    "visits.s0 < 3",
    "visits.sub == 1",
    "taken.s0.c0_0",
    "not taken.g.g0",
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
RETURN = 12
"""The `go` index of `go: return`."""
SUB = 10
"""The `call` index of the sub-scene `sub`."""
TEXT = (
    "Scene number {i} of the fuzzed story. {{clock.t}} of air. "
    "{{if alive.gordon: Gordon waits by the hatch.| Nobody waits.}} "
    "{{if clock.u < 30m: The lights dim.}}"
)
# Text reads counts no condition reads (s3, s1.c1_0): a property alone reads those it reads.
VARIED = (
    " {{sequence: First. | Again. | Once more.}} {{cycle: Tick. | Tock.}} {{once: New.}}"
    " {{shuffle: Red. | Blue.}} Visit {{visits.s3}}. {{if taken.s1.c1_0: You took it.}}"
)
ENDING_SCENES = ["good_end", "bad_end", "timed_out", "dark_end"]
READ_VISITS = frozenset(m for c in CONDITIONS for m in re.findall(r"visits\.(\w+)", c))
READ_TAKEN = frozenset(m for c in CONDITIONS for m in re.findall(r"taken\.(\w+\.\w+)", c))
"""The counts a condition can read (a text's count changes no future)."""
VISITS_CAP = 4
"""Above every number a `visits.` condition is compared with: counts past it are all one."""

Choice = dict[str, object]
Spec = tuple[list[list[Choice]], bool]
Extras = dict[str, object]
NO_EXTRAS: Extras = {"scene_time": [0] * 10, "scene_do": [None] * 10, "power": "plain"}
"""Extras of a story without the format 2 scene features (fallbacks, groups, variations)."""

choice_st = st.fixed_dictionaries(
    {
        "when": st.sampled_from([*[None] * 12, *CONDITIONS]),
        "do": st.lists(st.sampled_from(EFFECTS), max_size=2),
        "time": st.sampled_from([0, 0, 30, 60]),
        "go": st.integers(min_value=0, max_value=RETURN),
        "route": st.sampled_from([*[None] * 12, *CONDITIONS]).flatmap(
            lambda cond: st.none() if cond is None else st.tuples(st.just(cond), st.integers(0, 11))
        ),
        "once": st.sampled_from([False, False, False, True]),
        "call": st.sampled_from([*[None] * 8, 0, 1, 2, SUB, SUB]),
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
        "fallback": st.lists(
            st.sampled_from([*[None] * 4, *range(RETURN + 1)]), min_size=10, max_size=10
        ),
        "group": st.lists(st.sampled_from([False, False, True]), min_size=10, max_size=10),
        "varied": st.lists(st.booleans(), min_size=10, max_size=10),
        "g": st.lists(choice_st, min_size=1, max_size=2),
        "sub": st.lists(choice_st, min_size=1, max_size=2),
    }
)


def plain(
    go: int,
    time: int = 0,
    do: tuple[str, ...] = (),
    when: str | None = None,
    once: bool = False,
    call: int | None = None,
) -> Choice:
    """A choice with one target (`RETURN` for `go: return`), maybe once only or calling
    a scene (`SUB` for the sub-scene)."""
    return {
        "when": when,
        "do": list(do),
        "time": time,
        "go": go,
        "route": None,
        "once": once,
        "call": call,
    }


def routed(go: int, time: int, cond: str, other: int) -> Choice:
    """A choice that goes to `other` when `cond` holds after its time, else to `go`."""
    return {"when": None, "do": [], "time": time, "go": go, "route": (cond, other)}


def _target(index: int, scenes: int) -> str:
    if index == RETURN:
        return "return"
    return f"s{index}" if index < scenes else ENDS[index % 2]


def _choice(cid: str, c: Choice, scenes: int, indent: str) -> list[str]:
    """The YAML lines of choice `cid`, the first starting with `- `."""
    lines = [f"{indent}- id: {cid}", f"{indent}  text: Choice {cid}"]
    more = indent + "  "
    if c["when"]:
        lines.append(f"{more}when: '{c['when']}'")
    if c["do"]:
        lines.append(f"{more}do: [{', '.join(cast(list[str], c['do']))}]")
    if c["time"]:
        lines.append(f"{more}time: {c['time']}m")
    if c.get("once"):
        lines.append(f"{more}once: true")
    call = cast(int | None, c.get("call"))
    if call is not None:
        lines.append(f"{more}call: {'sub' if call == SUB else f's{call}'}")
    target = _target(cast(int, c["go"]), scenes)
    if c["route"] and target != "return":
        cond, other = cast(tuple[str, int], c["route"])
        lines += [
            f"{more}go:",
            f"{more}  - when: '{cond}'",
            f"{more}    go: {_target(other, scenes)}",
            f"{more}  - {target}",
        ]
    else:
        lines.append(f"{more}go: {target}")
    return lines


def write(
    folder: Path, spec: Spec, extras: Extras = NO_EXTRAS, claim: tuple[str, str, str] | None = None
) -> Path:
    """Write the story folder for `spec` and `extras`, with the property `p` when `claim`
    is (kind, condition, scene) (the loader then counts what it reads)."""
    scenes, while_flag = spec
    count = len(scenes)
    scene_time = cast(list[int], extras["scene_time"])
    scene_do = cast(list[str | None], extras["scene_do"])
    fallback = cast(list[int | None], extras.get("fallback", [None] * 10))
    grouped = cast(list[bool], extras.get("group", [False] * 10))
    varied = cast(list[bool], extras.get("varied", [False] * 10))
    folder.mkdir(parents=True, exist_ok=True)
    running = ", while: flag.f1" if while_flag else ""
    manifest = MANIFEST.format(running=running, power=POWER[str(extras["power"])])
    if claim is not None:
        kind, condition, at = claim
        manifest += f"properties:\n  p:\n    at: {at}\n    {kind}: '{condition}'\n"
    (folder / "story.yaml").write_text(manifest, encoding="utf-8")
    lines = ["groups:", "  g:"]
    for j, c in enumerate(cast(list[Choice], extras.get("g", [plain(0)]))):
        lines += _choice(f"g{j}", c, count, "    ")
    lines += ["scenes:"]
    for i, choices in enumerate(scenes):
        text = TEXT.format(i=i) + (VARIED.format(i=i) if varied[i] else "")
        lines += [f"  s{i}:", f"    text: '{text}'"]
        if scene_time[i]:
            lines.append(f"    time: {scene_time[i]}m")
        if scene_do[i]:
            lines.append(f"    do: [{scene_do[i]}]")
        lines.append("    choices:")
        for j, c in enumerate(choices):
            lines += _choice(f"c{i}_{j}", c, count, "      ")
        if grouped[i]:
            lines.append("      - group: g")
        last = fallback[i]
        if last is not None:
            lines += ["      - fallback: true", f"        go: {_target(last, count)}"]
    lines += ["  sub:", "    text: 'A sub-scene, quiet and small.'", "    choices:"]
    for j, c in enumerate(cast(list[Choice], extras.get("sub", [plain(RETURN)]))):
        lines += _choice(f"b{j}", c, count, "      ")
    lines += [
        "  good_end: {text: It ends well for everyone aboard., ending: good}",
        "  bad_end: {text: It ends badly for everyone aboard., ending: bad}",
        "  timed_out: {text: The air runs out before anyone moves., ending: late}",
        "  dark_end: {text: The power dies and the station goes dark., ending: dark}",
    ]
    (folder / "scenes.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def load_written(
    root: Path, spec: Spec, extras: Extras = NO_EXTRAS, claim: tuple[str, str, str] | None = None
) -> Story:
    """`write` the story in a folder of its own under `root` (hypothesis reuses one tmp_path
    for every example) and load it without its walkthroughs."""
    folder = write(root / f"s{abs(hash(repr((spec, extras, claim))))}", spec, extras, claim)
    story = load_story(folder, run_walkthroughs=False).story
    assert story is not None
    return story


@dataclass
class Truth:
    """Every reachable state (history aside), found by playing every path there is."""

    states: list[GameState]
    depth: list[int]
    """The fewest choices that reach each state (breadth-first)."""
    edges: list[list[int]]
    trap: bool
    """Some loop of states can never reach an ending."""
    entered: frozenset[str] = frozenset()
    """Every scene a step entered: the states' scenes, and the scenes passed through by
    their fallback on the way (shown to the player, though no state stops there)."""

    def fewest(self, scene: str) -> int | None:
        """The fewest choices any playthrough needs to reach `scene`."""
        found = [d for s, d in zip(self.states, self.depth, strict=True) if s.scene == scene]
        return min(found) if found else None


def available(story: Story, state: GameState) -> list[str]:
    """The choices the player can take in `state` (not a fallback, nor a used-up once)."""
    return [c.id for c in story.scenes[state.scene].choices if can_take(c, state)]


def all_states(story: Story, limit: int = 4000) -> Truth | None:
    """The truth (see `Truth`); None past `limit` states.

    The states' `visits` and `taken` are counted here, from the scenes each step
    enters and the choices it takes, for every count a condition of `CONDITIONS`
    can read whether or not the engine keeps it (it keeps only what the story
    reads): a claim about a count the engine failed to keep then disagrees. The
    engine must offer the same choices with either count."""
    first = new_game(story)
    start = _counted(story, first.state, first.events, {}, frozenset(), ())
    number = {key(start): 0}
    out: list[GameState] = [start]
    real: list[GameState] = [first.state]
    depth = [0]
    edges: list[list[int]] = [[]]
    todo = deque([0])
    entered = {e.scene for e in first.events if isinstance(e, SceneEntered)} | {start.scene}
    while todo:
        index = todo.popleft()
        state = out[index]
        if state.ending is not None:
            continue
        engine_state = real[index]
        choices = available(story, engine_state)
        assert choices == available(story, state), (state.scene, "counts differ")
        for choice_id in choices:
            step = choose(story, engine_state, choice_id)
            entered.update(e.scene for e in step.events if isinstance(e, SceneEntered))
            took = story.scenes[state.scene].choice_index[choice_id].key
            after = _counted(story, step.state, step.events, state.visits, state.taken, (took,))
            k = key(after)
            if k not in number:
                number[k] = len(out)
                out.append(after)
                real.append(step.state)
                depth.append(depth[index] + 1)
                edges.append([])
                todo.append(number[k])
                if len(out) > limit:
                    return None
            edges[index].append(number[k])
    endings = [i for i, s in enumerate(out) if s.ending is not None]
    hopeless = trapped(edges, endings)
    loop = any(len(m) > 1 or m[0] in edges[m[0]] for m in components(edges, hopeless))
    return Truth(out, depth, edges, loop, frozenset(entered))


def _counted(
    story: Story,
    state: GameState,
    events: tuple[Event, ...],
    visits: Mapping[str, int],
    taken: frozenset[str],
    took: tuple[str, ...],
) -> GameState:
    """`state` with the visits and taken choices counted from a step's `events`."""
    counts = dict(visits)
    for event in events:
        if isinstance(event, SceneEntered) and (
            event.scene in READ_VISITS or event.scene in story.counted
        ):
            counts[event.scene] = min(counts.get(event.scene, 0) + 1, VISITS_CAP)
    keys = {*took, *(f"{sid}.{cid}" for sid, cid in fallbacks_followed(story, events))}
    keys = {k for k in keys if k in READ_TAKEN or k in story.tracked or _once(story, k)}
    return replace(state, visits=counts, taken=taken | keys)


def _once(story: Story, key: str) -> bool:
    home, _, cid = key.partition(".")
    scene = story.scenes.get(home)
    if scene is not None and cid in scene.choice_index:
        return scene.choice_index[cid].once
    return any(c.key == key and c.once for sc in story.scenes.values() for c in sc.choices)


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
        tuple(sorted(s.visits.items())),
        s.taken,
        s.calls,
    )
