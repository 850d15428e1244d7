"""`paragraph_facts`: each paragraph a scene shows, and the facts that differ among the
plays that read it (what the paragraph must not assume)."""

from __future__ import annotations

from typing import Any

import pytest

from iss.authoring.explore import UnknownTarget, paragraph_facts
from iss.engine.model import Story
from tests.authoring.test_ways_in import MANIFEST as WAYS_IN_MANIFEST
from tests.conftest import WriteStory, load_ok

MANIFEST = WAYS_IN_MANIFEST.replace("  woke: up\n", "  woke: up\n  held_hatch: You held it.\n")

SCENES = """\
scenes:
  a:
    title: Airlock
    text: Start.
    choices:
      - id: left
        text: Meet Alexey at the hatch
        do: [flag.met = true, flag.held_hatch = true]
        go: join
      - id: right
        text: Keep to yourself
        go: join
  join:
    title: The Galley
    text: |
      The hatch you opened for Alexey still hangs ajar.

      {if flag.met: Alexey waves from the galley. | The galley is empty.}

      The fans hum.
    next: b
  island:
    text: Nobody comes here.
    next: b
  b:
    text: End.
    ending: good
  burn:
    text: Fire.
    ending: burn
"""


@pytest.fixture
def story(write_story: WriteStory) -> Story:
    return load_ok(write_story(MANIFEST, scenes=SCENES))


def test_a_shared_paragraph_lists_the_fact_that_differs_and_a_gated_one_does_not(
    story: Story,
) -> None:
    found = paragraph_facts(story, "join", plays=200)
    assert found.arrivals == 200
    texts = [p.text for p in found.paragraphs]
    assert texts[0] == "The hatch you opened for Alexey still hangs ajar."
    assert set(texts[1:]) == {
        "Alexey waves from the galley.",
        "The galley is empty.",
        "The fans hum.",
    }
    by_text = {p.text: p for p in found.paragraphs}
    shared = by_text["The hatch you opened for Alexey still hangs ajar."]
    assert shared.reads == 200
    met = next(d for d in shared.differs if d.name.expr == "flag.met")
    assert sum(n for _, n in met.values) == 200 and {v for v, _ in met.values} == {True, False}
    # the way in that set it is named by the paragraph's "hatch" (the choice's id is not,
    # but the way in `seen.a` is the same on every arrival, so it does not differ)
    assert not any(d.name.expr == "seen.a" for d in shared.differs)
    for gated in ("Alexey waves from the galley.", "The galley is empty."):
        assert not any(d.name.expr == "flag.met" for d in by_text[gated].differs)
    assert (
        by_text["Alexey waves from the galley."].reads + by_text["The galley is empty."].reads
        == 200
    )


def test_named_facts_come_first(story: Story) -> None:
    """A fact one of whose words starts a word of the paragraph (five letters) is named and
    listed first; a word under four letters (`met`) or a cast member's name does not count."""
    found = paragraph_facts(story, "join", plays=200)
    hatch = found.paragraphs[0]
    assert [(d.name.expr, d.named) for d in hatch.differs] == [
        ("flag.held_hatch", True),
        ("flag.met", False),
    ]
    fans = next(p for p in found.paragraphs if p.text == "The fans hum.")
    assert not any(d.named for d in fans.differs) and len(fans.differs) == 2


def test_the_json_shape(story: Story) -> None:
    data: Any = paragraph_facts(story, "join", plays=50).to_json()
    assert data["scene"] == "join" and data["arrivals"] == 50
    first = data["paragraphs"][0]
    assert set(first) == {"text", "reads", "differs"}
    assert {"name", "family", "named", "values"} <= set(first["differs"][0])


def test_an_unknown_scene_is_refused_as_ways_in_refuses_it(story: Story) -> None:
    with pytest.raises(UnknownTarget, match="did you mean `join`"):
        paragraph_facts(story, "jion", plays=10)
