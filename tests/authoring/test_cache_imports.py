"""A load from the compiled cache imports no YAML parser (issue 16): PyYAML is a sixth of
`iss explore`'s imports, and a hit reads no YAML (`test_story_cache.py`)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import TINY

LOAD = (
    "import sys\n"
    "from pathlib import Path\n"
    "from iss.authoring.loader import load_story\n"
    "story = load_story(Path(sys.argv[1])).story\n"
    "assert story is not None\n"
    "assert all(scene.id for scene in story.scenes.values())  # every scene decoded\n"
    "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] == 'yaml')))\n"
)


def _yaml_modules_after_a_load(cache: Path) -> str:
    env = {**os.environ, "ISS_CACHE_DIR": str(cache)}
    done = subprocess.run(
        [sys.executable, "-c", LOAD, str(TINY)], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def test_a_cache_hit_imports_no_yaml(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert "yaml" in _yaml_modules_after_a_load(cache).split(",")  # a miss parses the files
    assert _yaml_modules_after_a_load(cache) == ""  # the hit


EXPLORE = (
    "import contextlib, io, sys\n"
    "from iss.cli import main\n"
    "with contextlib.redirect_stdout(io.StringIO()):\n"
    "    main(['explore', sys.argv[1]])\n"
    "print(','.join(sorted(m for m in ('statistics', 'tempfile') if m in sys.modules)))\n"
)


def test_iss_explore_from_the_cache_imports_what_it_uses(tmp_path: Path) -> None:
    """Writing the cache imports `tempfile`, `--random`'s report `statistics` (with
    `fractions` and `decimal`); `iss explore` on a cache hit needs neither."""
    env = {**os.environ, "ISS_CACHE_DIR": str(tmp_path / "cache")}

    def imported() -> str:
        command = [sys.executable, "-c", EXPLORE, str(TINY)]
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
        return done.stdout.strip()

    assert imported() == "tempfile"  # the miss writes the entry
    assert imported() == ""


ON_DEMAND = ("find", "mattered", "ways_in", "arrival_names", "arrivals", "paragraphs")
COMMAND = (
    "import contextlib, io, sys\n"
    "from iss.cli import main\n"
    "with contextlib.redirect_stdout(io.StringIO()):\n"
    "    main(sys.argv[2:] + [sys.argv[1]])\n"
    f"print(','.join(m for m in {ON_DEMAND!r} if 'iss.authoring.explore.' + m in sys.modules))\n"
)


def test_explore_s_route_and_ways_in_modules_load_only_when_asked_for(tmp_path: Path) -> None:
    """`iss explore` and `iss check` never import `--to`'s and `--ways-in`'s modules;
    the package hands them out when first asked for (PEP 562)."""
    env = {**os.environ, "ISS_CACHE_DIR": str(tmp_path / "cache")}

    def imported(*args: str) -> str:
        command = [sys.executable, "-c", COMMAND, str(TINY), *args]
        return subprocess.run(command, env=env, capture_output=True, text=True).stdout.strip()

    assert imported("explore") == ""
    assert imported("check") == ""
    assert imported("explore", "--to", "home") == "find"
    import iss.authoring.explore as explore

    assert explore.what_mattered.__module__ == "iss.authoring.explore.mattered"
    assert explore.ways_in.__module__ == "iss.authoring.explore.ways_in"


def test_the_paragraphs_module_leaves_ways_in_the_function() -> None:
    """paragraphs.py shares the arrival sample with ways_in.py; imported first, it must
    not turn `iss.authoring.explore.ways_in` into the module (the name of both): a
    fresh interpreter asks for `paragraph_facts` before `ways_in`."""
    command = (
        "from iss.authoring.explore import paragraph_facts\n"
        "from iss.authoring.explore import ways_in\n"
        "print(callable(ways_in), ways_in.__module__)\n"
    )
    done = subprocess.run([sys.executable, "-c", command], capture_output=True, text=True)
    assert done.stdout.strip() == "True iss.authoring.explore.ways_in", done.stderr
