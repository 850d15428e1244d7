"""Hypothesis fuzz of the loader: random nested YAML under the documented keys.

Two shapes of input: stories built from scratch out of the format's own keys
with random values at any depth, and the valid base story with one random
part replaced. Whatever comes in, loading and linting never raise, and every
diagnostic points at a file and a line.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given
from hypothesis import strategies as st

from iss.authoring.choices import CHOICE_KEYS, ROUTE_KEYS
from iss.authoring.lint import lint
from iss.authoring.loader import load_story
from iss.authoring.manifest import (
    CHARACTER_KEYS,
    ENDING_KEYS,
    MANIFEST_KEYS,
    TIMER_KEYS,
    VARIABLE_KEYS,
    WALKTHROUGH_KEYS,
)
from iss.authoring.scenes import SCENE_KEYS
from iss.engine.runner import choices, choose, new_game
from tests.conftest import BASE_MANIFEST, BASE_SCENES

IDS = ("a", "b", "burn", "kira", "alexey", "nicholai", "met", "key", "good", "reentry", "fuel")
KEYS = tuple(
    sorted(
        {
            *MANIFEST_KEYS,
            *CHARACTER_KEYS,
            *VARIABLE_KEYS,
            *ENDING_KEYS,
            *TIMER_KEYS,
            *WALKTHROUGH_KEYS,
            *SCENE_KEYS,
            *CHOICE_KEYS,
            *ROUTE_KEYS,
            *IDS,
        }
    )
)
WORDS = (
    "2h",
    "90m",
    "1h30m",
    "²",
    "0x" + "f" * 60,
    "trust.alexey >= 3",
    "flag.met and not has.key",
    "fuel * fuel > 10",
    "trust.alexey += 1",
    "flag.met = true",
    "{alexey} waits.",
    "{if flag.met: yes | no}",
    "{if flag.met: a | b | c}",
    "*em* and **strong**",
    "\x1b[2J",
    "\u202eevil",
    "int",
    "text",
    "true",
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-20, max_value=20),
    st.integers(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=False),
    st.sampled_from(WORDS),
    st.sampled_from(IDS),
    st.text(max_size=20),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=6), inner, max_size=5),
    ),
    max_leaves=25,
)
manifests = st.dictionaries(st.sampled_from(MANIFEST_KEYS), values, max_size=len(MANIFEST_KEYS))
scene_files = st.fixed_dictionaries(
    {"scenes": st.dictionaries(st.sampled_from(IDS), values, max_size=4)},
    optional={"extend": values, "endings": values},
)

BASE = (yaml.safe_load(BASE_MANIFEST), yaml.safe_load(BASE_SCENES))


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            out += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            out += _paths(value, (*prefix, index))
    return out


def _replace(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    copy: Any = dict(data) if isinstance(data, dict) else list(data)
    copy[path[0]] = _replace(data[path[0]], path[1:], value)
    return copy


@st.composite
def mutated(draw: st.DrawFn) -> tuple[Any, Any]:
    """The base story with one part (of either file) replaced by a random value."""
    which = draw(st.integers(0, 1))
    data = BASE[which]
    path = draw(st.sampled_from(_paths(data)[1:]))
    changed = _replace(data, path, draw(values))
    return (changed, BASE[1]) if which == 0 else (BASE[0], changed)


def _load_and_play(manifest: Any, scenes: Any) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "story"
        folder.mkdir()
        for name, data in (("story.yaml", manifest), ("scenes.yaml", scenes)):
            text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
            (folder / name).write_text(text, encoding="utf-8")
        result = load_story(folder)
        for diagnostic in result.diagnostics:
            assert diagnostic.line >= 1 and diagnostic.col >= 1, diagnostic
            assert diagnostic.file.endswith((".yaml", "story")), diagnostic
        if result.story is None:
            assert result.errors
            return
        lint(result.story)
        step = new_game(result.story)
        for _ in range(5):
            if step.state.over:
                break
            open_ = [view for view in choices(result.story, step.state) if view.available]
            if not open_:
                break
            step = choose(result.story, step.state, open_[0].id)


@given(manifest=manifests, scenes=scene_files)
def test_random_stories_never_crash_the_loader(manifest: Any, scenes: Any) -> None:
    _load_and_play(manifest, scenes)


@given(files=mutated())
def test_the_base_story_with_one_part_replaced_never_crashes(files: tuple[Any, Any]) -> None:
    _load_and_play(*files)
