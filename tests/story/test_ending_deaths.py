"""An ending whose own `do:` kills someone must not ask the engine whether they are alive.

Effects run before the text renders, so inside such an ending `alive.X` is already false
for everyone it killed. Its text has to read what its `do:` recorded first (the
`flag.burned_*` flags of `end_reentry`), or a dead man speaks on some routes and a living
one is forgotten on others (issue 14, item 1).
"""

from __future__ import annotations

import re

import yaml

from iss.paths import bundled_story_dir

KILL = re.compile(r"^status\.(\w+)\s*=\s*dead$")
CONDITION = re.compile(r"\{if ([^:]*):")


def _endings() -> dict[str, dict[str, object]]:
    scenes: dict[str, dict[str, object]] = {}
    for path in sorted(bundled_story_dir().glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for sid, scene in (data or {}).get("scenes", {}).items():
            if scene.get("ending"):
                scenes[sid] = scene
    return scenes


def _effects(scene: dict[str, object]) -> list[str]:
    effects = scene.get("do") or []
    if isinstance(effects, str):
        effects = [effects]
    assert isinstance(effects, list)
    return [str(e).strip() for e in effects]


def _killed(scene: dict[str, object]) -> set[str]:
    return {m.group(1) for e in _effects(scene) if (m := KILL.match(e))} - {"kira"}


def test_the_endings_are_found() -> None:
    endings = _endings()
    assert len(endings) >= 14
    assert _killed(endings["end_reentry"]) == {
        "christian",
        "gordon",
        "weronika",
        "nicholai",
        "alexey",
    }


def test_an_ending_never_asks_whether_someone_it_killed_is_alive() -> None:
    bad = []
    for sid, scene in _endings().items():
        killed = _killed(scene)
        conditions = CONDITION.findall(" ".join(str(scene.get("text", "")).split()))
        for who in killed:
            for condition in conditions:
                if re.search(rf"\b(alive|dead|status)\.{who}\b", condition):
                    bad.append(f"{sid}: `{condition}` reads {who}, whom its own do: killed")
                if f"trust.{who}" in condition and f"flag.burned_{who}" not in condition:
                    bad.append(
                        f"{sid}: `{condition}` gives {who} a line without checking they were aboard"
                    )
    assert bad == []


def test_reentry_records_everyone_before_it_kills_them() -> None:
    effects = _effects(_endings()["end_reentry"])
    first_kill = next(i for i, e in enumerate(effects) if KILL.match(e) and "kira" not in e)
    recorded = " ".join(effects[:first_kill])
    for who in ("christian", "gordon", "weronika", "nicholai", "alexey"):
        assert f"flag.burned_{who}" in recorded, who
