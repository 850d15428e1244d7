"""Lint: the checks `iss check` runs once a story loads (the W2xx codes).

    diagnostics = lint(story)

Structure (W200 unreachable scenes, W202 endings no scene reaches) is read
from the scene graph alone. Whether a scene or ending can really be reached,
dead ends (W201) and loops with no way out (W211) come from the explorer
(`iss.authoring.explore`), run with a budget of counted work (`LINT_BUDGET`):
what it finds depends on the story alone, never on how fast or busy the
machine is. When it cannot finish within that budget, only the structural
findings and what it did find are reported, and W221 says what was left
unchecked; a story too large for the budget is not explored at all (W221 too).
"""

from __future__ import annotations

import re
import time

from iss.authoring.diagnostics import Diagnostic
from iss.authoring.explore import Budget, Exploration, Work, explore, sharing_reach
from iss.authoring.gc_pause import gc_paused
from iss.authoring.graph import canonical_walkthrough, static_reachable
from iss.authoring.lint.properties import (
    CLAIM_BUDGET,
    check_claims_of,
    check_routes_cross_requires,
    printed_routes,
)
from iss.authoring.lint.ranges import check_ranges
from iss.authoring.lint.usage import Place, check_names, usage
from iss.authoring.walkthroughs import play_walkthrough
from iss.engine.model import Story

LINT_BUDGET = Budget(
    max_states=40_000, time_limit=60.0, work=Work(quick_states=50_000, proof_visits=5_000)
)
"""How far `iss check` explores: counted (see `Work`), so every machine reports the same.
The bundled story takes about 15,500 quick and exact states; the exact
search gets 40,000 states. The 60 s are only a safety net: a check that reaches it
says so (W221)."""
MAX_EXPLORED_SCENES = 2_000
"""Stories with more scenes than this that choices link to from the start are not
explored by `iss check` (W221 says so; `iss explore` does it): their analysis alone
costs more than the rest of the check, and its budget could not prove anything there."""
MIN_WORDS = 5
"""A scene with fewer words than this is reported as very short (W208)."""
_SHOWN_STEPS = 12


def lint(
    story: Story, found: Exploration | None = None, budget: Budget = LINT_BUDGET
) -> list[Diagnostic]:
    """Every warning about a story that loaded; `found` reuses an exploration already run.
    The checks that explore do so within `budget` (see `LINT_BUDGET`)."""
    # The checks build hundreds of thousands of short-lived objects (claims, mentions,
    # analyses) beside a story that may hold millions: each full collection the cyclic
    # GC starts scans all of them, for a quarter of lint's time on a 10,000-scene story.
    # What the checks leave is collected once they are done.
    with gc_paused(), sharing_reach():
        return _lint(story, found, budget)


def _lint(story: Story, found: Exploration | None, budget: Budget) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    linked = static_reachable(story)
    if found is None:
        if len(linked) > MAX_EXPLORED_SCENES:
            found = _not_explored(story)
            out.append(_too_large(story, len(linked)))
        else:
            found = explore(story, budget)
            out += check_exploration(story, found)
    out += check_reachability(story, found, linked)
    out += check_names(story, usage(story))
    out += check_ranges(story)
    out += check_choices_and_text(story)
    out += check_beats(story)
    out += check_walkthrough_coverage(story, found)
    started = time.perf_counter()
    claims = check_claims_of(story, CLAIM_BUDGET)
    if time.perf_counter() - started > CLAIM_BUDGET.time_limit:  # every part stops by then
        out.append(_stopped_early(story, "the claims' search", CLAIM_BUDGET.time_limit))
    out += claims
    routes = [(f"walkthrough `{w.name}`", w.pos, w.choices) for w in story.walkthroughs]
    routes += [
        (f"the route to the dead end in `{d.scene}`", story.scenes[d.scene].pos, d.path.choices)
        for d in found.dead_ends
    ]
    routes += printed_routes(claims)
    out += check_routes_cross_requires(story, routes)
    out += check_ending_hints(story)
    out += check_branch_choice_ids(story)
    impossible = {(d.file, d.line) for d in out if d.code == "W206"}
    out = [d for d in out if d.code != "W212" or (d.file, d.line) not in impossible]
    return sorted(out, key=Diagnostic.sort_key)


def show_path(choices: tuple[str, ...]) -> str:
    """A path as the choice ids to type, shortened in the middle when long."""
    if not choices:
        return "(at the start)"
    if len(choices) <= _SHOWN_STEPS:
        return " ".join(choices)
    head, tail = choices[: _SHOWN_STEPS // 2], choices[-_SHOWN_STEPS // 2 :]
    return (
        f"{' '.join(head)} ... ({len(choices) - len(head) - len(tail)} more) ... {' '.join(tail)}"
    )


def _start(story: Story) -> Place:
    return Place(story.scenes[story.start].pos, "")


def _not_explored(story: Story) -> Exploration:
    """An exploration that found nothing and proves nothing (`complete` is False)."""
    return Exploration(
        endings={},
        dead_ends=[],
        trap_loops=[],
        scenes_reached=set(),
        choices_taken=set(),
        all_scenes=list(story.scenes),
        all_choices=[],
        states=0,
        complete=False,
        seconds=0.0,
        cut_reason="not explored",
    )


def _too_large(story: Story, linked: int) -> Diagnostic:
    return _start(story).diagnostic(
        "W221",
        f"not explored: choices link {linked:,} scenes to the start, more than `iss check` "
        f"explores ({MAX_EXPLORED_SCENES:,}); dead ends, loops with no way out, and scenes, "
        "endings and choices the conditions never allow were not looked for",
        "run `iss explore` on the story (`--time-limit` and `--max-states` set how far it goes)",
    )


def _stopped_early(story: Story, what: str, seconds: float) -> Diagnostic:
    return _start(story).diagnostic(
        "W221",
        f"{what} stopped early, at its {seconds:g}-second safety limit, before its counted "
        "budget was spent: on a faster or less busy machine this check may report more",
        "run `iss check` again when the machine is less busy, or `iss explore` on the story",
    )


def check_exploration(story: Story, found: Exploration) -> list[Diagnostic]:
    """W221: what the exploration's budget cut short, said (never taken as a proof)."""
    if found.stopped_early:
        return [_stopped_early(story, "the exploration", LINT_BUDGET.time_limit)]
    if found.complete:
        return []
    dead = (
        f"{len(found.dead_ends)} dead end(s) found, but there may be more"
        if found.dead_ends
        else "no dead end found, but one may exist"
    )
    return [
        _start(story).diagnostic(
            "W221",
            f"the dead-end search covered {found.states:,} states and is not exhaustive: "
            f"{dead}; loops with no way out, and scenes, endings and "
            "choices the conditions never allow, were not checked",
            "run `iss explore` on the story (`--time-limit` and `--max-states` set how far "
            f"it goes); here the search {found.cut_reason}",
        )
    ]


def check_reachability(
    story: Story, found: Exploration, linked: set[str] | None = None
) -> list[Diagnostic]:
    """W200, W201, W202, W211, W212."""
    out = []
    if linked is None:
        linked = static_reachable(story)
    for scene in story.scenes.values():
        if scene.id in linked and (not found.complete or scene.id in found.scenes_reached):
            continue  # the usual case, with no place to build
        place = Place(scene.pos, f"scene `{scene.id}`")
        if scene.id not in linked:
            out.append(
                place.diagnostic(
                    "W200",
                    f"no choice leads to scene `{scene.id}` from the start",
                    f"add a choice with `go: {scene.id}` to a scene the player reaches, "
                    "or remove the scene",
                )
            )
        elif found.complete and scene.id not in found.scenes_reached:
            sources = sorted(
                s.id
                for s in story.scenes.values()
                if any(r.scene == scene.id for c in s.choices for r in c.routes)
            )
            out.append(
                place.diagnostic(
                    "W200",
                    f"scene `{scene.id}` can never be reached: the conditions on the way never "
                    "allow it",
                    f"check the `when:` conditions of the choices into it (from "
                    f"{', '.join(sources) or 'a timer'})",
                )
            )
    for stuck in found.dead_ends:
        scene = story.scenes[stuck.scene]
        out.append(
            Place(scene.pos, "").diagnostic(
                "W201",
                f"dead end: in some reachable state no choice of `{scene.id}` is available",
                f"reached by: {show_path(stuck.path.choices)}; add a choice without `when:`, "
                "or loosen the conditions",
            )
        )
    endings_used = {s.ending for s in story.scenes.values() if s.ending is not None}
    for ending in story.endings.values():
        place = Place(ending.pos, f"ending `{ending.id}`")
        if ending.id not in endings_used:
            out.append(
                place.diagnostic(
                    "W202",
                    f"ending `{ending.id}` is declared but no scene ends with it",
                    f"add a scene with `ending: {ending.id}`, or remove the ending",
                )
            )
        elif found.complete and not found.endings[ending.id].reachable:
            out.append(
                place.diagnostic(
                    "W202",
                    f"ending `{ending.id}` can never be reached",
                    "run `iss explore` to see which scenes are reached, and check the "
                    "conditions on the way to its scene",
                )
            )
    out += check_choices_never_taken(story, found)
    for stuck in found.trap_loops:
        scene = story.scenes[stuck.scene]
        out.append(
            Place(scene.pos, "").diagnostic(
                "W211",
                f"a loop with no way out: {' -> '.join(stuck.loop)} never reaches an ending",
                f"reached by: {show_path(stuck.path.choices)}; give the loop an exit (a choice "
                "that leaves it, or a timer)",
            )
        )
    return out


def check_choices_never_taken(story: Story, found: Exploration) -> list[Diagnostic]:
    """W212: a choice in a reachable scene whose condition fails every time (needs `complete`)."""
    if not found.complete:
        return []
    out = []
    for scene in story.scenes.values():
        if scene.id not in found.scenes_reached:
            continue  # W200 says so already
        for choice in scene.choices:
            if choice.when is None or (scene.id, choice.id) in found.choices_taken:
                continue
            out.append(
                Place(choice.pos, "").diagnostic(
                    "W212",
                    f"choice `{choice.id}` can never be taken: whenever the player is in "
                    f"`{scene.id}`, `{choice.when.source}` is false",
                    "check what sets the names it reads before this scene, or remove the choice",
                )
            )
    return out


def _normal(text: str) -> str:
    if "*" in text or "\\" in text:
        text = re.sub(r"[*\\]", "", text)
    return " ".join(text.casefold().split())


def check_choices_and_text(story: Story) -> list[Diagnostic]:
    """W207 duplicate choice texts, W208 empty or very short scenes."""
    out = []
    for scene in story.scenes.values():
        seen: dict[str, str] = {}
        for choice in scene.choices:
            text = _normal(choice.text.source)
            if text in seen:
                out.append(
                    Place(choice.pos or scene.pos, "").diagnostic(
                        "W207",
                        f"choices `{seen[text]}` and `{choice.id}` of scene `{scene.id}` read "
                        f"the same: {choice.text.source!r}",
                        "players cannot tell them apart: reword one of them",
                    )
                )
            else:
                seen[text] = choice.id
        if scene.words < MIN_WORDS:
            what = "has no text" if scene.words == 0 else f"has only {scene.words} word(s)"
            out.append(
                Place(scene.pos, "").diagnostic(
                    "W208",
                    f"scene `{scene.id}` {what}",
                    f"write at least {MIN_WORDS} words so the player knows where they are",
                )
            )
    return out


def check_branch_choice_ids(story: Story) -> list[Diagnostic]:
    """W216: a choice `extend:` adds from another file without an `id:`. Its id comes
    from its text, so rewording the text would break saves and walkthroughs naming it."""
    out = []
    for scene in story.scenes.values():
        home = scene.pos.file if scene.pos else ""
        for choice in scene.choices:
            if choice.origin == home or choice.named or choice.fallback:
                continue
            out.append(
                Place(choice.pos, "").diagnostic(
                    "W216",
                    f"the choice this file adds to `{scene.id}` has no `id:` "
                    f"(its id is `{choice.id}`, from its text)",
                    f"add `id: {choice.id}`: saves and walkthroughs name choices by id, and "
                    "rewording the text would change it",
                )
            )
    return out


def check_ending_hints(story: Story) -> list[Diagnostic]:
    """W217: an ending the gallery shows locked with no hint (the canonical one is found
    by playing the main route, so it needs none)."""
    return [
        Place(ending.pos, "").diagnostic(
            "W217",
            f"ending `{ending.id}` has no `hint:`",
            "add `hint:` with a question that points the way without giving it away, "
            'like `hint: "What if you never went out?"`; the gallery shows it while the '
            "ending is locked",
        )
        for ending in story.endings.values()
        if not ending.hint and not ending.canonical
    ]


def check_beats(story: Story) -> list[Diagnostic]:
    """W209: the canonical walkthrough passes the manifest's beats in order."""
    walk = canonical_walkthrough(story)
    if walk is None or not story.beats:
        return []
    played = play_walkthrough(story, walk)
    if not played.ok:
        return []  # E160 already says so
    place = Place(walk.pos, f"walkthrough `{walk.name}`")
    order = {beat: i for i, beat in enumerate(story.beats)}
    out = []
    passed: list[str] = []
    for sid in played.scenes:
        beat = story.scenes[sid].beat
        if beat is None or (passed and passed[-1] == beat):
            continue
        if passed and order[beat] < order[passed[-1]]:
            scene = story.scenes[sid]
            out.append(
                Place(scene.pos, "").diagnostic(
                    "W209",
                    f"the canonical walkthrough reaches beat `{beat}` (scene `{sid}`) after "
                    f"beat `{passed[-1]}`, but the manifest lists it before",
                    "reorder `beats:` in story.yaml, or fix this scene's `beat:`",
                )
            )
        passed.append(beat)
    missing = [b for b in story.beats if b not in passed]
    if missing:
        out.append(
            place.diagnostic(
                "W209",
                f"the canonical walkthrough never passes beat(s) {', '.join(missing)}",
                "give a scene on the canonical path that `beat:`, or remove it from `beats:`",
            )
        )
    return out


def check_walkthrough_coverage(story: Story, found: Exploration) -> list[Diagnostic]:
    """W210: every ending has a walkthrough (the hint offers one the explorer found)."""
    covered = {w.ending for w in story.walkthroughs}
    out = []
    for ending in story.endings.values():
        if ending.id in covered:
            continue
        result = found.endings.get(ending.id)
        if result is not None and result.path is not None:
            path = ", ".join(result.path.choices)
            hint = (
                f"add under `walkthroughs:` in story.yaml: "
                f"`{ending.id}: {{ending: {ending.id}, choices: [{path}]}}` (found by iss explore)"
            )
        else:
            hint = "add a walkthrough under `walkthroughs:`; `iss explore` finds a path"
        out.append(
            Place(ending.pos, "").diagnostic(
                "W210", f"ending `{ending.id}` has no walkthrough that proves it", hint
            )
        )
    return out
