"""The words of a trust notice: what a crossing of a trust level reads like.

Every phrase names who it is about (`{who}`, and `{other}` for a tie between two
of the crew) and says which way trust went; none names a level or a number
(three blind readers found "down to trusting" read as a meter), and none holds
parentheses (plain mode puts each notice in its own). None has the person do
or say something either: a notice may be about someone who is not in the
scene, or no longer alive to do it. "Will remember that" and "will not forget
that" said no direction, and two blind readers (R40, R41) read a gain as a loss:
each phrase says it outright. Phrases without a pronoun serve anyone.

`VOICES` adds phrases in the voice of the bundled I.S.S. cast, used only for
the story whose id is `iss`: the engine runs any story, and a story with its
own Christian should not get ours.
"""

from __future__ import annotations

from collections.abc import Mapping

WARMER = (
    "{who} lets you a little further in.",
    "{who} softens toward you.",
    "{who} will remember that in your favor.",
    "{who} warms to you a little.",
    "{who} thinks better of you for it.",
    "You have earned a little more of {who}'s trust.",
    "{who} leans your way a little more.",
    "{who} will count on you a little more now.",
)
COLDER = (
    "{who} cools toward you.",
    "{who} trusts you less than a moment ago.",
    "That costs you with {who}.",
    "{who} thinks less of you for it.",
    "You have lost some of {who}'s trust.",
    "{who} draws back from you.",
    "{who} will be slower to believe you now.",
    "{who} holds that against you.",
)
BIG_WARMER = (
    "Something opens between you and {who}.",
    "{who} trusts you now in a way that was not there before.",
    "You have far more of {who}'s trust than you had.",
    "{who} trusts you far more than before.",
)
BIG_COLDER = (
    "Something breaks between you and {who}.",
    "{who} will not trust you again easily.",
    "{who} trusts you far less than before.",
    "That costs you dearly with {who}.",
)
"""For a move that crosses two levels or more, or moves three points or more, in one
stretch of text: a reader saw saving Gordon's life earn only "Gordon warms to you a
little" (R8). Strong, never final: "Whatever Christian thought of you is gone" came
a scene before he asked Kira to stand with him (R9), since trust can climb back."""
PAIR_WARMER = (
    "Something eases between {who} and {other}.",
    "{who} and {other} stand a little closer to each other now.",
    "{who} and {other} trust each other a little more.",
    "{who} and {other} are easier with each other now.",
)
"""A tie between two of the crew, said as theirs: "Christian and Weronika keep their
distance now", after Kira told Christian of Weronika's offer, read as both of them
cooling toward Kira while Christian's trust in her rose (blind reader R351 #4). Each
phrase says "between" or "each other" (a test holds it)."""
PAIR_COLDER = (
    "Something hardens between {who} and {other}.",
    "{who} and {other} keep their distance from each other now.",
    "{who} and {other} trust each other a little less.",
    "A gap opens between {who} and {other}.",
)

VOICED_STORY = "iss"
"""The story `VOICES` is written for."""

VOICES: Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # character id: (warmer, colder)
    "christian": (
        ("To Christian, you are a little more the friend from the Soyuz.",),
        (
            "To Christian, you are a little less the friend from the Soyuz.",
            "Christian starts to wonder whose side you are on.",
        ),
    ),
    "gordon": (
        ("Gordon trusts your judgment a little more.",),
        (
            "Gordon trusts your judgment a little less.",
            "Gordon will think twice before he leans on you.",
        ),
    ),
    "weronika": (
        (
            "To Weronika, the border between you thins.",
            "Weronika sees a little more of the person she hoped you were.",
        ),
        ("To Weronika, the border between you shows again.", "Weronika hoped for better from you."),
    ),
    "alexey": (
        ("Alexey begins to think he can tell you things.", "Alexey's caution with you eases."),
        ("Alexey grows more careful with you.",),
    ),
    "nicholai": (
        (
            "Nicholai thinks a little better of you than he did.",
            "Nicholai gives you a little of the respect he keeps for his own.",
        ),
        ("Nicholai marks you down as a risk.", "Nicholai thinks less of you than he did."),
    ),
}


def phrases(
    story_id: str, who: str, pair: bool, warmer: bool, big: bool = False
) -> tuple[str, ...]:
    """The phrases that can tell this move, the shared ones first; a `big` move in
    Kira's trust has its own (`BIG_WARMER`, `BIG_COLDER`)."""
    if pair:
        return PAIR_WARMER if warmer else PAIR_COLDER
    if big:
        return BIG_WARMER if warmer else BIG_COLDER
    shared = WARMER if warmer else COLDER
    voiced = VOICES.get(who) if story_id == VOICED_STORY else None
    if voiced is None:
        return shared
    return shared + (voiced[0] if warmer else voiced[1])
