"""Where each trust last moved (`last_moves`): `:trust` names it beside the level, so a
notice of a fall that leaves the level in its band is not read as a fall that never
happened (blind readers R258 #7, R259 #1)."""

from __future__ import annotations

from dataclasses import replace

from iss.engine.runner import choose, new_game
from iss.engine.trust_moves import TrustMove, last_moves, told
from tests.conftest import BASE_MANIFEST, BASE_SCENES, WriteStory, load_ok

SCENES = """\
scenes:
  a:
    title: A
    text: Start.
    choices:
      - text: Help him
        do: [trust.alexey += 3, trust.nicholai.alexey -= 1]
        go: c
  c:
    title: "Counted{sequence: | , Again}"
    text: His brother watches.
    do: trust.nicholai -= 1
    choices:
      - text: Stay
        do: trust.alexey -= 1
        go: c
      - text: Go
        go: b
""" + BASE_SCENES[BASE_SCENES.index("  b:\n") :]  # the ending scenes b and burn


def test_each_trust_is_placed_at_the_scene_whose_text_it_follows(
    write_story: WriteStory,
) -> None:
    """What a choice did sits at the scene it was chosen in; what a scene's own `do:`
    did, at that scene; a later move replaces an earlier one; a pair has one key."""
    story = load_ok(write_story(BASE_MANIFEST, scenes=SCENES))
    state = new_game(story).state
    assert last_moves(story, state) == {}
    state = choose(story, state, story.scenes["a"].choices[0].id).state
    assert last_moves(story, state) == {
        ("alexey", None): TrustMove(rose=True, scene="a"),
        ("alexey", "nicholai"): TrustMove(rose=False, scene="a"),
        ("nicholai", None): TrustMove(rose=False, scene="c"),
    }
    state = choose(story, state, story.scenes["c"].choices[0].id).state
    moves = last_moves(story, state)
    assert moves[("alexey", None)] == TrustMove(rose=False, scene="c", visit=1)
    assert moves[("nicholai", None)] == TrustMove(rose=False, scene="c", visit=2)
    assert story.scenes["c"].title_on_visit(moves[("nicholai", None)].visit) == "Counted, Again"


def test_a_history_the_story_no_longer_plays_gives_the_moves_so_far(
    write_story: WriteStory,
) -> None:
    """`:trust` on a state whose history no longer replays says what it can, never a
    traceback (a loaded save is rebuilt first; this is the guard behind that)."""
    story = load_ok(write_story(BASE_MANIFEST, scenes=SCENES))
    state = choose(story, new_game(story).state, story.scenes["a"].choices[0].id).state
    bad = replace(state, history=(*state.history, "no_such_choice", "nor_this"))
    assert last_moves(story, bad) == last_moves(story, state)


def test_a_trust_at_the_top_or_bottom_of_its_range_says_since_when(
    write_story: WriteStory,
) -> None:
    """A choice that would raise a trust already at the top changes nothing, so
    "last rose at First Night" after a later warm choice read as the game forgetting it
    (blind reader R265 #16). At the top after a rise it says "at its height since";
    at the bottom after a fall, "at its lowest since"; anywhere else, as before."""
    story = load_ok(write_story(BASE_MANIFEST, scenes=SCENES))
    rose, fell = TrustMove(rose=True, scene="a"), TrustMove(rose=False, scene="a")
    assert told(story, rose, story.trust_max - 1) == "last rose at A"
    assert told(story, rose, story.trust_max) == "at its height since A"
    assert told(story, fell, story.trust_min) == "at its lowest since A"
    assert told(story, fell, story.trust_max) == "last fell at A"
