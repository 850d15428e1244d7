"""`walkthroughs:` tables, from story.yaml and from scene files, compiled together.

A walkthrough may follow another until it branches off: with `from: canonical`
it plays the canonical walkthrough's choices until its own first choice can be
taken, then its own. A branch's walkthrough names only the choices that leave
the main route, not the twenty before them:

    walkthroughs:
      slept_through: {from: canonical, ending: slept_through, choices: [admit_youre_sick]}
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from iss.authoring.fields import Fields
from iss.authoring.manifest import WALKTHROUGH_KEYS
from iss.authoring.suggestions import suggest
from iss.authoring.yaml_data import Pos, YList, YMap
from iss.engine.errors import EngineError
from iss.engine.limits import MAX_WALKTHROUGH_CHOICES
from iss.engine.model import Ending, Story, Walkthrough
from iss.engine.runner import can_take, choose, new_game


@dataclass
class _Raw:
    name: str
    ending: str
    choices: tuple[str, ...]
    start: str | None
    f: Fields
    pos: Pos
    from_pos: Pos


@dataclass
class Starts:
    """Where each walkthrough with `from:` starts, for `resolve_starts` once the story is built."""

    starts: dict[str, str]
    where: dict[str, tuple[Fields, Pos]]


def compile_walkthroughs(
    tables: list[tuple[Fields, YMap]], endings: dict[str, Ending]
) -> tuple[tuple[Walkthrough, ...], Starts]:
    """Every walkthrough of every table, in the order written, each with its own choices
    only, and where those with `from:` start (see `resolve_starts`)."""
    raw: dict[str, _Raw] = {}
    for f, table in tables:
        for name in table:
            walk = _read(f, table, name, endings)
            if walk is None:
                continue
            first = raw.get(name)
            if first is not None:
                f.error(
                    "E120",
                    walk.pos,
                    f"walkthrough `{name}` is declared twice: in {first.f.file}:{first.pos[0]} "
                    f"and in {f.file}:{walk.pos[0]}",
                    "rename one of them",
                )
                continue
            raw[name] = walk
    out = []
    starts = Starts({}, {})
    for walk in raw.values():
        if not _starts_resolve(walk, raw):
            continue
        if walk.start is not None:
            starts.starts[walk.name] = walk.start
            starts.where[walk.name] = (walk.f, walk.from_pos)
        out.append(Walkthrough(walk.name, walk.ending, walk.choices, walk.f.position(walk.pos)))
    return tuple(out), starts


def resolve_starts(story: Story, starts: Starts) -> tuple[Walkthrough, ...]:
    """The story's walkthroughs with those of `from:` walkthroughs put before their own:
    the `from:` walkthrough is played until the first own choice can be taken there."""
    walks = {w.name: w for w in story.walkthroughs}
    done: dict[str, Walkthrough] = {}
    failed: set[str] = set()

    def full(name: str) -> Walkthrough:
        if name in done:
            return done[name]
        walk = walks[name]
        start = starts.starts.get(name)
        if start is not None and start in walks and walk.choices:
            before = _prefix(story, full(start).choices, walk.choices[0])
            if before is None:
                f, pos = starts.where[name]
                f.error(
                    "E160",
                    pos,
                    f"walkthrough `{name}` follows `{start}`, but its first choice "
                    f"`{walk.choices[0]}` never opens along it",
                    f"start from a walkthrough that passes the scene of `{walk.choices[0]}`, "
                    "or list the choices from the start",
                )
                failed.add(name)
            else:
                walk = replace(walk, choices=(*before, *walk.choices))
        done[name] = walk
        return walk

    resolved = [full(w.name) for w in story.walkthroughs]
    return tuple(w for w in resolved if w.name not in failed)


def _prefix(story: Story, path: tuple[str, ...], first: str) -> tuple[str, ...] | None:
    """The choices of `path` taken before `first` can be taken, or None if it never can."""
    state = new_game(story).state
    for number, choice_id in enumerate((*path, None)):
        choice = story.scenes[state.scene].choice_index.get(first)
        if choice is not None and can_take(choice, state):
            return path[:number]
        if choice_id is None:
            return None
        try:
            state = choose(story, state, choice_id).state
        except EngineError:
            return None
    return None


def _read(f: Fields, table: YMap, name: str, endings: dict[str, Ending]) -> _Raw | None:
    m = f.mapping(table[name], table.val_pos[name], f"walkthrough `{name}`")
    if m is None:
        return None
    f.keys(m, WALKTHROUGH_KEYS, f"walkthrough `{name}`")
    if not (
        f.require(m, "ending", f"walkthrough `{name}`")
        & f.require(m, "choices", f"walkthrough `{name}`")
    ):
        return None
    ending = f.text(m, "ending")
    if ending not in endings:
        f.error(
            "E131",
            m.val_pos["ending"],
            f"walkthrough `{name}` names ending `{ending}`, which is not declared",
            suggest(ending, endings) or "declare the ending under `endings:`",
        )
        return None
    choices = m["choices"]
    if not isinstance(choices, YList):
        f.error("E112", m.val_pos["choices"], "`choices` should be a list of choice ids")
        return None
    if len(choices) > MAX_WALKTHROUGH_CHOICES:
        f.error(
            "E113",
            m.val_pos["choices"],
            f"walkthrough `{name}` lists {len(choices):,} choices; "
            f"the limit is {MAX_WALKTHROUGH_CHOICES:,}",
            "split the route: a walkthrough proves one ending can be reached",
        )
        return None
    start = f.text(m, "from") or None if "from" in m else None
    return _Raw(
        name,
        ending,
        tuple(str(c) for c in choices),
        start,
        f,
        table.key_pos[name],
        m.val_pos.get("from", m.pos),
    )


def _starts_resolve(walk: _Raw, raw: dict[str, _Raw]) -> bool:
    """True when the chain of `from:` of `walk` ends at a walkthrough from the start."""
    chain = [walk]
    while chain[-1].start is not None:
        start = chain[-1].start
        before = raw.get(start)
        if before is None:
            chain[-1].f.error(
                "E130",
                chain[-1].from_pos,
                f"walkthrough `{chain[-1].name}` starts from `{start}`, which is not a walkthrough",
                suggest(start, raw) or "name a walkthrough declared in story.yaml or a scene file",
            )
            return False
        if before in chain:
            walk.f.error(
                "E120",
                walk.from_pos,
                "walkthroughs start from each other in a circle: "
                + " -> ".join(w.name for w in [*chain, before]),
                "one of them must start at the beginning (no `from:`)",
            )
            return False
        chain.append(before)
    return True
