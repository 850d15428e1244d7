"""What a paragraph leans on (`iss.engine.leaning`): with the cast's pronouns, a "she"
keeps shown the nearest paragraph that names her, and the read paragraphs between
fold, where before the whole chain back to it stayed open (blind readers R224 #7 and
R225 #9: "Cargo" reprinted word for word on every replay)."""

from __future__ import annotations

from iss.authoring.loader import load_story
from iss.engine.leaning import antecedent, cast_pronouns, leaning_pronoun
from iss.engine.read_text import digests, read_paragraphs
from iss.engine.spans import Span
from iss.paths import bundled_story_dir
from tests.conftest import BASE_MANIFEST, BASE_SCENES, WriteStory, codes, load_ok

CAST = {"Weronika": "she", "Gordon": "he", "Christian": "he"}

CARGO = [
    "Weronika has started without you, and passes you the bags one at a time.",
    "Fresh oranges, twelve of them, in a mesh sack. She holds one to her nose and closes"
    " her eyes, and sets a pouch for Christian aside unopened, and a drawing too.",
    "Then she shows you the descent module, the part that goes home, and the three seat"
    " liners, two of them molded to you and to Christian, with your names on them.",
    '"Anyone can ride in the third," she says. "Loose, without a liner, with a cargo bag'
    ' for company. Mine left with the ship that brought me up here."',
    "She pats the headrest of the third seat as she leaves, lightly, as if someone were"
    " already in it, and goes on through the hatch without looking back at you.",
]


def shown(paragraphs: list[str], cast: dict[str, str]) -> list[bool]:
    """Which paragraphs a replay of the same text keeps shown (not folded)."""
    read = set(digests([Span("\n\n".join(paragraphs))]))
    return [not p.foldable for p in read_paragraphs([Span("\n\n".join(paragraphs))], read, cast)]


def test_a_she_keeps_the_paragraph_naming_her_and_what_lies_between_folds() -> None:
    assert shown(CARGO, {}) == [False, True, True, True, True]  # a chain, back to the oranges
    assert shown(CARGO, CAST) == [True, False, False, False, True]


def test_the_pronoun_leaned_on_is_the_first_word_or_the_speaker() -> None:
    assert leaning_pronoun("She pats the headrest.") == "she"
    assert leaning_pronoun("His voice comes back.") == "he"
    assert leaning_pronoun('"Everyone gets one," she says.') == "she"
    assert leaning_pronoun('"Copy," Gordon says.') is None
    assert leaning_pronoun("Then another.") is None  # goes on from the one before
    assert leaning_pronoun("They wait.") is None  # may be anyone


def test_without_one_named_person_of_that_pronoun_the_one_before_is_kept() -> None:
    texts = ["Gordon and Christian come in together.", "A long quiet.", "He laughs."]
    assert antecedent(texts, 2, CAST) == 1  # two men named: who is "he"?
    texts = ["Weronika waits.", "A long quiet.", "She laughs."]
    assert antecedent(texts, 2, CAST) == 0
    assert antecedent(texts, 2, {}) == 1  # no pronouns known: as always


def test_nothing_folds_that_the_pronoun_could_mean_instead() -> None:
    """A daughter or a brother the cast doesn't name, a "him" beside the "she", or a
    short beat answering speech: the paragraph before stays, as it always did."""
    kin = ["Weronika waits.", "Christian talks about his daughter, who is five.", "She laughs."]
    assert antecedent(kin, 2, CAST) == 1
    both = ["Weronika waits.", "Gordon comes in.", "She smiles at him."]
    assert antecedent(both, 2, CAST) == 1
    beat = ["Weronika waits.", '"Go," Gordon says.', "She goes."]
    assert antecedent(beat, 2, CAST) == 1
    possessive = ["Gordon's hands are full.", "A long quiet.", "He laughs."]
    assert antecedent(possessive, 2, CAST) == 0


def test_the_cast_pronouns_come_from_the_story(write_story: WriteStory) -> None:
    manifest = BASE_MANIFEST.replace("trust: 4}", "trust: 4, pronoun: he}")
    story = load_ok(write_story(manifest))
    assert cast_pronouns(story) == {"Alexey": "he", "Pulov": "he"}
    bundled = load_story(bundled_story_dir()).story
    assert bundled is not None
    assert cast_pronouns(bundled)["Weronika"] == "she"
    assert "Kira" not in cast_pronouns(bundled)  # the player is "you"


def test_a_pronoun_that_is_not_one_of_three_is_an_error_at_its_line(
    write_story: WriteStory,
) -> None:
    manifest = BASE_MANIFEST.replace("trust: 4}", "trust: 4, pronoun: it}")
    result = load_story(write_story(manifest, scenes=BASE_SCENES))
    assert codes(result) == ["E113"]
    error = result.diagnostics[0]
    assert "`pronoun` is `he`, `she` or `they`, not `it`" in error.message
    assert error.file.endswith("story.yaml") and error.line == 5
