"""`iss report`'s read share: per scene, the distinct text any of its visits shows.

A hub shown twice with a different variation item and branch each time has
read both; the same text twice counts once; a reading that shows every piece of
every scene reads 100% of `Scene.words`; a single visit counts what it shows.
"""

from __future__ import annotations

import pytest

from iss.authoring.report.pacing import Reading, follow  # room internals, tested deliberately
from iss.engine.model import Story
from iss.engine.runner import choose, new_game
from tests.conftest import WriteStory, load_ok

MANIFEST = """\
title: Share
start: hub
characters:
  kira: {name: Dr. Kira Foster, side: US, player: true}
flags:
  read: Read later.
endings:
  good: {title: Good, kind: good, canonical: true}
  bad: {title: Bad, kind: failure}
"""

# `Scene.words` of hub: Hub. Red one. Blue two three. Late word. Early. (9 words; the
# first visit shows "Hub. Red one. Early.", the second "Hub. Blue two three. Late word.")
HUB = """\
scenes:
  hub:
    text: "Hub. {cycle: Red one. | Blue two three.} {if flag.read: Late word. | Early.}"
    choices:
      - {id: again, text: Again, do: flag.read = true, go: hub}
      - {id: out, text: Out, go: good_end}
      - {id: give_up, text: Give up, go: bad_end}
  good_end: {text: Good., ending: good}
  bad_end: {text: "Bad — very bad.", ending: bad}
"""


@pytest.fixture
def story(write_story: WriteStory) -> Story:
    return load_ok(write_story(MANIFEST, scenes=HUB))


def _words(story: Story) -> int:
    return sum(scene.words for scene in story.scenes.values())


def test_a_hub_shown_twice_with_different_variants_counts_both(story: Story) -> None:
    assert story.scenes["hub"].words == 9
    once = follow(story, ["out"])
    twice = follow(story, ["again", "out"])
    assert once.share * _words(story) == pytest.approx(4 + 1)
    assert twice.share * _words(story) == pytest.approx(9 + 1)


def test_the_same_variant_shown_again_counts_once(story: Story) -> None:
    two = follow(story, ["again", "out"])
    # The third visit shows the first cycle item again, and the flag's branch again.
    three = follow(story, ["again", "again", "out"])
    assert three.words > two.words  # words read count every visit
    assert three.share == two.share


def test_a_reading_of_every_piece_of_every_scene_is_all_of_the_story(story: Story) -> None:
    reading = Reading(story)
    state = new_game(story).state
    reading.see(state)
    for choice in ("again", "out"):
        state = choose(story, state, choice).state
        reading.see(state)
    reading.see(choose(story, new_game(story).state, "give_up").state)
    assert reading.done(None).share == 1.0


def test_a_single_visit_counts_the_words_it_shows(story: Story) -> None:
    walk = follow(story, ["give_up"])
    # "Hub. Red one. Early." and "Bad — very bad." (the dash is a word of `Scene.words`).
    assert story.scenes["bad_end"].words == 4
    assert walk.share * _words(story) == pytest.approx(4 + 4)


def test_every_bundled_scene_is_split_into_pieces() -> None:
    """`TextCoverage` falls back to counting a whole scene on every visit when the
    parser's places and the compiled pieces disagree; no scene of the story may."""
    from iss.authoring.loader import load_story
    from iss.authoring.report import TextCoverage
    from iss.paths import bundled_story_dir

    bundled = load_story(bundled_story_dir()).story
    assert bundled is not None
    whole = [s.id for s in bundled.scenes.values() if TextCoverage(s).pieces == 0]
    assert whole == []
