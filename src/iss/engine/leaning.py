"""What a paragraph leans on: the grammar that decides which read paragraphs a replay
keeps shown around the ones it shows (`iss.engine.read_text`).

    leans_back("She settles beside him at the glass.")      # True: who is "she"?
    leaning_pronoun('"Everyone gets one," she says.')        # "she"
    antecedent(texts, 6, {"Weronika": "she"})               # the paragraph naming her

A paragraph that opens on "she", or on speech that "she says", once kept the read
paragraph before it shown, and that one kept the one before it when it leaned too: a
scene where one woman talks for five paragraphs ("Cargo": Weronika and the descent
module) never folded at all, and blind readers read it word for word on every replay
(R224 #7, R225 #9). With the cast's pronouns (`Character.pronoun`) the one kept is
the nearest paragraph that names the only person "she" can mean, and the paragraphs
between fold: none of them names another she, so the pronoun still points where it
did.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from iss.engine.model import NAME_TITLES

if TYPE_CHECKING:
    from iss.engine.model import Story

_LEANING_START = re.compile(r"(?:He|She|They|His|Her|Their|Him|Them|Then|Another|And|But)\b")
"""A pronoun, or a word that goes on from the paragraph before (`leans_back`)."""
_QUOTED = re.compile(r"[\"“][^\"”]*[\"”]")
_SPEECH = re.compile(r"[\"“]")
_WORD = re.compile(r"[A-Za-z']+")
_PRONOUN_SPEAKERS = frozenset({"he", "she", "they"})
_THIRD_PERSON = frozenset({"he", "him", "his", "she", "her", "hers", "they", "them", "their"})
_SENTENCE_END = re.compile(r"(?<=[.!?])\s")
_CLAUSE_END = re.compile(r"[,;:—–]|\b(?:and|but|while|as|until|when|you)\b")
"""Where a clause ends: a pronoun after it may be the one the clause named ("Gordon
counts the tethers, and you answer him")."""
_AFTER_OBJECT = frozenset(
    "and but or to in on at as away back out off up down again once over into from with "  # noqa: SIM905
    "for the a an his your my their its one".split()
)
"""Words after "her" that show it is the object ("smiles at her and", "hands her the
case"), not the possessive ("her hand")."""
_OPENERS = frozenset(
    "the a an in on at under over through behind beside above below from with without "  # noqa: SIM905
    "for by after before when while now out down up across past inside outside around "
    "every each all no not it its this that these those there here only even still later "
    "once one two three something someone nothing everyone somewhere you your".split()
)
"""Words that open a sentence without naming anyone ("Under his voice"): any other
capitalised first word is taken for a name ("Gordon counts ... and you answer him")."""
SHORT_BEAT = 25
"""Words in a shown paragraph short enough to be a beat answering the speech before it."""


def leans_back(text: str) -> bool:
    """Does a paragraph need the one before it to say who or what it is about? It opens
    with a pronoun ("She settles beside him"), with a word that goes on from the
    paragraph before ("Then another. Then a row of them.": blind reader R39 read it under
    a folded first flash; "Another", "And", "But"), or with a speech whose speaker is a
    pronoun ("'You and me,' he says") or is not named at all ("'They are terrible
    jokes.'"), or it holds speech and its narration names nobody (`names_anyone`: "A
    breath. 'You told me about your sister.'"). "'Ease up,' Gordon says" names its
    speaker and stands alone; so does "It", which is nearly always a thing in the room."""
    if _LEANING_START.match(text):
        return True
    outside = _WORD.findall(_QUOTED.sub(" ", text))
    if not text.startswith(('"', "“")):
        return _SPEECH.search(text) is not None and not names_anyone(outside)
    return not outside or outside[0].lower() in _PRONOUN_SPEAKERS


def names_anyone(words: Sequence[str]) -> bool:
    """Do the words of a paragraph's narration (its speech left out) name someone: a
    capitalised word that is not a common opener (`_OPENERS`), or "you", Kira herself?
    "A breath. 'You told me about your sister...'" names nobody, so its speech is
    whoever was named last (blind reader R174: with the paragraph that turned to
    Christian's private channel folded, Gordon seemed to ask Christian's question)."""
    return any(
        word.lower() in ("you", "your")
        or (word[0].isupper() and word.lower() not in _OPENERS and word != "I")
        for word in words
    )


def pronoun_first(text: str) -> bool:
    """Does the first sentence say "he", "his", "she"... before it names anyone ("Under
    his voice the suit's fans whisper": blind reader R52 read it under a folded "Gordon's
    voice is in your ear")? Or does a clause that names the only person the paragraph
    has named go on to "him", "them" or an object "her" ("The window fills with sunrise.
    Gordon smiles at her.": R197, with the toast that said who she was folded)? That
    pronoun can't be the one named, so it is someone from before. A name is a capitalised
    word, the first one only when it is not a common opener (`_OPENERS`); speech is left
    to `leans_back`'s own rule."""
    if text.startswith(('"', "“")):
        return False
    if _first_pronoun(text) is not None:
        return True
    named: set[str] = set()
    for sentence in _SENTENCE_END.split(_QUOTED.sub(" ", text)):
        clause = len(_WORD.findall(_CLAUSE_END.split(sentence, maxsplit=1)[0]))
        words = _WORD.findall(sentence)
        for n, word in enumerate(words):
            lower = word.lower()
            if lower in _THIRD_PERSON:
                if len(named) == 1 and n < clause and _object_pronoun(lower, words[n + 1 : n + 2]):
                    return True
            elif _is_name(word, n):
                named.add(word)
    return False


def _first_pronoun(text: str) -> str | None:
    """The third-person pronoun ("his", "she", "they"...) a first sentence says before
    it names anyone, lower-cased, or None (speech left out)."""
    first = _SENTENCE_END.split(_QUOTED.sub(" ", text), maxsplit=1)[0]
    words: list[str] = _WORD.findall(first)
    for n, word in enumerate(words):
        if word.lower() in _THIRD_PERSON:
            return word.lower()
        if _is_name(word, n):
            return None
    return None


def _is_name(word: str, n: int) -> bool:
    """Is the `n`th word of a sentence a name: capitalised, not "I", and not a common
    opener (`_OPENERS`) when it is the first?"""
    return word[0].isupper() and word != "I" and (n > 0 or word.lower() not in _OPENERS)


def _object_pronoun(word: str, after: Sequence[str]) -> bool:
    """Is `word` a pronoun that can't be its clause's subject: "him", "them", or "her"
    ending the sentence or followed by a word that no noun is ("at her and", "her
    away")? "her hand" may be the named woman's own."""
    if word in ("him", "them"):
        return True
    return word == "her" and (not after or after[0].lower() in _AFTER_OBJECT)


def needs_lead_in(text: str, before: str) -> bool:
    """Does a shown paragraph need the one before it shown too? When it leans back (a
    pronoun or an unnamed speaker), and when it is a short beat (`SHORT_BEAT` words or
    fewer) after speech: such a beat answers what was said (blind readers R35-R38: "The
    table holds still." under a folded toast, "You know whom he means." under a folded
    "Where is she?")."""
    return leans_back(text) or _short_beat_after_speech(text, before)


_GENDERED = {"he": "he", "his": "he", "him": "he", "she": "she", "her": "she", "hers": "she"}
"""The pronouns that say which of the cast they mean ("they" may be anyone)."""
_KIN = {
    "he": frozenset("brother brothers father dad son sons husband man boy".split()),  # noqa: SIM905
    "she": frozenset("sister sisters mother mom daughter wife woman girl".split()),  # noqa: SIM905
}
"""Words for someone a "he" or "she" may mean whom the cast doesn't name: a paragraph
holding one is never folded under that pronoun (`antecedent`)."""


def cast_pronouns(story: Story) -> dict[str, str]:
    """Each name the text may call a character by (its `short`, and each word of its
    `name` but a title), to its `pronoun`, for the characters that say one. A name two
    characters share with different pronouns is left out: it settles nothing."""
    out: dict[str, str] = {}
    shared: set[str] = set()
    for character in story.characters.values():
        if character.pronoun not in ("he", "she"):
            continue
        words = {character.short, *character.name.split()}
        for word in (w.rstrip(".,") for w in words):
            if not word or word in NAME_TITLES:
                continue
            if out.setdefault(word, character.pronoun) != character.pronoun:
                shared.add(word)
    return {word: pronoun for word, pronoun in out.items() if word not in shared}


def leaning_pronoun(text: str) -> str | None:
    """The gendered pronoun a paragraph leans back on: its first word ("She pats the
    headrest"), the speaker of the speech it opens with ('"Everyone gets one," she
    says'), or the first pronoun of a first sentence that names no one before it ("On
    her way out she tucks...": without it, "Cargo" kept two of Weronika's read paragraphs
    on every new way in, blind reader R263 #3). None when it leans on something else
    ("Then", "They", an unnamed speaker) or not at all."""
    start = _LEANING_START.match(text)
    if start is not None:
        return _GENDERED.get(start.group(0).lower())
    if text.startswith(('"', "“")):
        outside = _WORD.findall(_QUOTED.sub(" ", text))
        return _GENDERED.get(outside[0].lower()) if outside else None
    pronoun = _first_pronoun(text)
    return None if pronoun is None else _GENDERED.get(pronoun)


def antecedent(texts: Sequence[str], n: int, cast: Mapping[str, str]) -> int:
    """Which paragraph before paragraph `n` (of one scene's `texts`) it leans on: the
    one before it, unless all it needs is who its "she" or "he" is
    (`leaning_pronoun`; not a short beat after speech, `needs_lead_in`'s other
    reason). Then it is the nearest paragraph that names someone `cast` calls so,
    when that paragraph names one such person only, no paragraph between says "his
    brother" or "her sister" (`_KIN`), and paragraph `n` says no other "him" or
    "them" (which may mean someone named in between). Otherwise the one before, as
    always. So nothing folded names anyone the pronoun could mean instead."""
    pronoun = leaning_pronoun(texts[n]) if cast else None
    if pronoun is None or _short_beat_after_speech(texts[n], texts[n - 1]):
        return n - 1
    said = {word.lower() for word in _WORD.findall(texts[n])} & _THIRD_PERSON
    if {_GENDERED.get(word) for word in said} != {pronoun}:
        return n - 1  # a "him" or "them" beside the "she" may mean someone in between
    for back in range(n - 1, -1, -1):
        words = [_name(word) for word in _WORD.findall(texts[back])]
        named = {word for word in words if cast.get(word) == pronoun}
        if named:
            return back if len(named) == 1 else n - 1
        if _KIN[pronoun].intersection(word.lower() for word in words):
            return n - 1  # "his brother", "her daughter": someone the cast doesn't name
    return n - 1


def _name(word: str) -> str:
    """A word as a name: "Alexey's" is Alexey."""
    return word[:-2] if word.endswith("'s") else word


def _short_beat_after_speech(text: str, before: str) -> bool:
    """A short beat after a paragraph whose last sentence is speech. Speech earlier in
    a paragraph that goes on in narration is answered there: "Same as last spring," he
    says, and Nicholai clips the tablet to the wall. Keeping that whole paragraph for
    the next short one kept the 70-word news digest of "Unity, the Uplink" on every
    replay (blind readers R251 #1, R255 #13, R259 #3)."""
    if len(text.split()) > SHORT_BEAT:
        return False
    last = _SENTENCE_END.split(before.rstrip())[-1]
    return _SPEECH.search(last) is not None
