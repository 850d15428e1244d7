"""The README's pitch says how many endings there are; it must say what the story has.

The number is written as a word ("twenty-one endings"), as prose would; a story that
gains or loses an ending fails here until the README says so.
"""

from __future__ import annotations

import re

import pytest

from iss.paths import checkout_root
from tests.story.test_outline import story

ENDINGS = re.compile(r"There are\s+([a-z]+(?:-[a-z]+)?)\s+endings")

UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50}


def number(word: str) -> int:
    """'twenty-one' -> 21; 'nine' -> 9 (up to fifty-nine)."""
    tens, _, unit = word.partition("-")
    if tens in TENS:
        return TENS[tens] + (UNITS.index(unit) if unit else 0)
    return UNITS.index(word)


def test_number_words_read_as_numbers() -> None:
    assert [number(w) for w in ("nine", "sixteen", "twenty", "twenty-one", "forty-two")] == [
        9,
        16,
        20,
        21,
        42,
    ]


def test_the_readme_says_how_many_endings_the_story_has() -> None:
    root = checkout_root()
    if root is None:
        pytest.skip("the README ships only with a checkout")
    readme = (root / "README.md").read_text(encoding="utf-8")
    found = ENDINGS.search(readme)
    assert found is not None, "README.md no longer says 'There are N endings'"
    assert number(found.group(1)) == len(story().endings), (
        f"README.md says {found.group(1)} endings; the story has {len(story().endings)}"
    )
