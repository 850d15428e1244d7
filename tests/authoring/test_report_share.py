"""`iss report`'s read share: per scene, the distinct text any of its visits shows.

A hub shown twice with a different variation item and branch each time has
read both; the same text twice counts once; a reading that shows every piece of
every scene reads 100% of `Scene.words`; a single visit counts what it shows.
"""

from __future__ import annotations

import pytest

from iss.authoring.report import find_seams
from iss.authoring.report.pacing import Reading, follow  # room internals, tested deliberately
from iss.authoring.report.sampling import play_and_read  # room internals, tested deliberately
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


# `hall` has nothing but its fallback once `flag.read` is set: the player reads its
# text on the way through (a `PassedThrough` event), and the share must count it.
PASSING = """\
scenes:
  hub:
    text: Hub.
    choices:
      - {id: onward, text: Onward, do: flag.read = true, go: hall}
  hall:
    text: "Four words of hall. {if flag.read: Passed.}"
    choices:
      - {id: stay, text: Stay, when: not flag.read, go: good_end}
      - {fallback: true, go: good_end}
  good_end: {text: Good., ending: good}
"""


def test_a_scene_a_fallback_passes_through_is_read(write_story: WriteStory) -> None:
    story = load_ok(write_story(MANIFEST, scenes=PASSING))
    walk = follow(story, ["onward"])
    # "Hub." + "Four words of hall. Passed." + "Good.": every word, the hall's as passed.
    assert walk.words == 1 + 5 + 1
    assert walk.share == 1.0


def test_random_play_reads_the_scenes_it_passes_through(write_story: WriteStory) -> None:
    story = load_ok(write_story(MANIFEST, scenes=PASSING))
    sample = play_and_read(story, runs=3)
    assert [w.words for w in sample.walks] == [7, 7, 7]


def test_a_seam_in_a_scene_passed_through_is_found(write_story: WriteStory) -> None:
    seamed = PASSING.replace("hall. {if", "hall.{if")  # "...of hall.Passed."
    story = load_ok(write_story(MANIFEST, scenes=seamed))
    found = [(s.scene, s.kind) for s in find_seams(story, runs=1)]
    assert found == [("hall", "no space after a sentence")]
