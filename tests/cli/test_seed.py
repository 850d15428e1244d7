"""A new game's seed: fresh for a person at the keyboard, fixed for a script."""

from __future__ import annotations

from iss.cli.play_cmd import new_game_seed
from iss.engine.save_format import MAX_SAVE_INT


def test_a_seed_asked_for_is_the_seed() -> None:
    assert new_game_seed(7, typing=True) == 7
    assert new_game_seed(0, typing=True) == 0
    assert new_game_seed(-3, typing=False) == -3


def test_a_script_gets_seed_zero_so_its_output_repeats() -> None:
    assert {new_game_seed(None, typing=False) for _ in range(5)} == {0}


def test_a_person_gets_a_fresh_seed_a_save_can_hold() -> None:
    """Every game began at seed 0, so a replay's `{shuffle}` text was the last one's."""
    seeds = [new_game_seed(None, typing=True) for _ in range(20)]
    assert len(set(seeds)) > 1
    assert all(0 <= seed <= MAX_SAVE_INT for seed in seeds)
