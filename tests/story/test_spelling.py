"""The bundled story spells in one variety of English, American, as its narrator does.

Issue #14's read found "gray" and "grey" mixed; later rounds let in "neighbours" and
"grey" again. Each stem here is a British spelling with its American form beside it
(some the story uses, such as gray, meter and center; some it may come to use), so a
line that brings one in fails with its file and line.
"""

from __future__ import annotations

import re

from iss.paths import bundled_story_dir

BRITISH = {
    "grey": "gray",
    "colour": "color",
    "neighbour": "neighbor",
    "metre": "meter",
    "kilometre": "kilometer",
    "centre": "center",
    "favour": "favor",
    "honour": "honor",
    "rumour": "rumor",
    "armour": "armor",
    "litre": "liter",
    "moustache": "mustache",
    "aluminium": "aluminum",
    "realise": "realize",
    "recognise": "recognize",
    "apologise": "apologize",
}
# The British stem, then any ending (greys, colours, neighbouring, metres), as a whole word.
PATTERN = re.compile(r"\b(" + "|".join(BRITISH) + r")\w*", re.IGNORECASE)


def british_spellings(text: str) -> list[str]:
    return [match.group(0) for match in PATTERN.finditer(text)]


def american(word: str) -> str:
    """The American form of a British-spelled word: its stem swapped, its ending kept."""
    stem = next(stem for stem in BRITISH if word.lower().startswith(stem))
    return BRITISH[stem] + word[len(stem) :]


def test_the_pattern_finds_british_forms_and_spares_american_ones() -> None:
    assert british_spellings("Grey light; two metres off; her neighbours.") == [
        "Grey",
        "metres",
        "neighbours",
    ]
    assert british_spellings("Gray light; two meters off; the center seat; her neighbors.") == []
    assert american("neighbours") == "neighbors"


def test_the_story_uses_american_spelling() -> None:
    found = [
        f"{path.name}:{number}: {word} -> {american(word)}"
        for path in sorted(bundled_story_dir().glob("*.yaml"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        for word in british_spellings(line)
    ]
    assert found == []
