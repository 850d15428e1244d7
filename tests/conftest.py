"""Shared fixtures: small stories written to a temporary folder."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from iss.authoring.loader import LoadResult, load_story
from iss.engine.model import Story

# Hypothesis profiles. `make test` (and so CI) runs "ci": derandomized, so a run
# passes or fails the same way every time. `make fuzz` runs "fuzz": fresh random
# examples, many more of them, for developers hunting new failures. Every failure
# fuzzing finds becomes an `@example` or a fixture, so "ci" keeps checking it.
settings.register_profile(
    "ci",
    max_examples=60,
    derandomize=True,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "fuzz",
    max_examples=int(os.environ.get("ISS_FUZZ_EXAMPLES", "2000")),
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
settings.load_profile(PROFILE)


def fuzz_settings(ci_examples: int, fuzz_examples: int) -> settings:
    """Settings for a fuzz that needs more examples than the profile's default.

    `make test` runs `ci_examples` derandomized; `make fuzz` runs `fuzz_examples`
    (thousands) fresh random ones, so each run can find something new.
    """
    fuzzing = PROFILE == "fuzz"
    fuzz_examples = int(os.environ.get("ISS_FUZZ_EXAMPLES", fuzz_examples))
    return settings(
        max_examples=fuzz_examples if fuzzing else ci_examples,
        derandomize=not fuzzing,
        deadline=None,
        print_blob=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )


# Stories the tests load are cached in a folder of this run (and so are those of
# every `iss` subprocess a test starts), never in the user's cache folder.
_CACHE = tempfile.mkdtemp(prefix="iss-test-cache-")
os.environ["ISS_CACHE_DIR"] = _CACHE
atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)

ROOT = Path(__file__).resolve().parent.parent
TINY = ROOT / "tests" / "fixtures" / "tiny"

BASE_MANIFEST = """\
title: Test
start: a
characters:
  kira: {name: Dr. Kira Foster, side: US, player: true}
  alexey: {name: Alexey Pulov, side: RU, trust: 4}
  nicholai: {name: Nicholai Pulov, side: RU, trust: 2}
crew_trust:
  alexey-nicholai: 8
variables:
  allegiance: {type: int, min: -5, max: 5}
flags:
  met: You met Alexey.
items:
  key: Weronika's key
clock:
  reentry: {label: to reentry, start: 2h, expires: burn}
endings:
  good: {title: Good, kind: good, canonical: true}
  burn: {title: Burn, kind: failure}
"""

BASE_SCENES = """\
scenes:
  a:
    title: A
    text: Start.
    choices:
      - text: Go on
        go: b
  b:
    title: B
    text: End.
    ending: good
  burn:
    title: Burn
    text: Fire.
    ending: burn
"""

WriteStory = Callable[..., Path]


@pytest.fixture(autouse=True)
def isolated_saves(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Every test (and every `iss` subprocess it starts) saves into its own folder,
    never into the checkout's saves/, so one run's record never leaks into the next."""
    folder = tmp_path_factory.mktemp("saves")
    monkeypatch.setenv("ISS_SAVES", str(folder))
    return folder


@pytest.fixture
def write_story(tmp_path: Path) -> WriteStory:
    """Write a story folder: `manifest` text and `files` (name -> text)."""

    def write(manifest: str = BASE_MANIFEST, **files: str) -> Path:
        folder = tmp_path / "story"
        folder.mkdir(exist_ok=True)
        (folder / "story.yaml").write_text(textwrap.dedent(manifest), encoding="utf-8")
        if not files:
            files = {"scenes": BASE_SCENES}
        for name, text in files.items():
            (folder / f"{name}.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
        return folder

    return write


def load_ok(folder: Path) -> Story:
    result = load_story(folder)
    assert result.story is not None, "\n".join(str(d) for d in result.diagnostics)
    return result.story


def codes(result: LoadResult) -> list[str]:
    return [d.code for d in result.diagnostics]


def edited_copy(fixture: Path, target: Path, **edits: tuple[str, str]) -> Path:
    """A copy of the story folder `fixture` at `target`, each file named by a keyword
    (`story`, `scenes`: `<name>.yaml`) with its `(old, new)` text replaced. The text must
    be there: a fixture that changes fails the test loudly, never edits nothing."""
    shutil.copytree(fixture, target)
    for name, (old, new) in edits.items():
        path = target / f"{name}.yaml"
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in {path.name} of {fixture.name}"
        path.write_text(text.replace(old, new), encoding="utf-8")
    return target
