"""The cyclic GC paused around the searches, and skipped at the end of `iss explore` and
`iss check` (which leaves its story for the process's end to free)."""

from __future__ import annotations

import atexit
import gc
import subprocess
import sys
import weakref
from collections.abc import Callable

import pytest

from iss.authoring import gc_pause
from iss.authoring.gc_pause import gc_paused, left_to_exit, no_collection_at_exit
from tests.conftest import ROOT, TINY


def test_a_pause_restores_the_gc_as_the_outermost_found_it() -> None:
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_the_last_collection_is_skipped_by_one_hook_at_exit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    hooks: list[Callable[[], None]] = []
    monkeypatch.setattr(gc_pause, "_skipping", False)
    monkeypatch.setattr(atexit, "register", hooks.append)
    no_collection_at_exit()
    no_collection_at_exit()
    assert hooks == [gc.freeze]  # once, and nothing frozen before the process ends
    assert gc.get_freeze_count() == 0


def test_iss_explore_leaves_the_frozen_objects_uncollected_at_exit() -> None:
    """In a process of its own: after the command, the hook has moved every object to
    the permanent generation, so the final collection scans nothing."""
    code = (
        "import atexit, gc, sys\n"
        "atexit.register(lambda: print('frozen', gc.get_freeze_count() > 0, file=sys.stderr))\n"
        "from iss.cli import main\n"
        f"main(['explore', {str(TINY)!r}])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert "frozen True" in done.stderr  # atexit runs the first registered last


def test_iss_explore_runs_without_a_collection_and_files_what_it_leaves_as_old(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A collection after each search's pause scanned all the search had built."""
    from iss.cli import build_parser

    args = build_parser(only="explore").parse_args(["explore", str(TINY)])
    collections: list[str] = []

    def counted(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collections.append(f"generation {info['generation']}")

    gc.collect()
    gc.callbacks.append(counted)
    try:
        assert args.run(args) == 0
        young = gc.get_count()[0]
    finally:
        gc.callbacks.remove(counted)
    assert collections == []
    assert gc.isenabled()
    assert young < 50  # what the command built was not left to the next young collection
    assert "Endings" in capsys.readouterr().out


class _Story:
    """Something a command loaded (weakly referable)."""


def test_a_value_left_to_exit_lives_on_and_the_one_before_is_collected(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(gc_pause, "_skipping", True)  # no hook registered by this test
    monkeypatch.setattr(gc_pause, "_left", [])
    first, second = _Story(), _Story()
    first_ref, second_ref = weakref.ref(first), weakref.ref(second)
    left_to_exit(first)
    del first
    gc.collect()
    assert first_ref() is not None  # held: the process's end frees it, not Python
    left_to_exit(second)
    del second
    gc.collect()
    assert first_ref() is None  # a caller that goes on holds one value at a time
    assert second_ref() is not None


def test_iss_check_leaves_its_story_to_the_end_of_the_process() -> None:
    code = (
        "import atexit, gc, sys\n"
        "atexit.register(lambda: print('frozen', gc.get_freeze_count() > 0, file=sys.stderr))\n"
        "from iss.cli import main\n"
        "from iss.authoring import gc_pause\n"
        f"main(['check', {str(TINY)!r}])\n"
        "print('held', type(gc_pause._left[0][0]).__name__, file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert "held LoadResult" in done.stderr
    assert "frozen True" in done.stderr
