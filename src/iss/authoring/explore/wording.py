"""The wording of what mattered: a choice in quotation marks, the full stop after it,
and where the other choices could have led, with the endings the player has not found
counted, never named."""

from __future__ import annotations

from collections.abc import Collection

from iss.engine.model import Story

_QUOTES = "\"\u201c\u201d'"

WAYS_HEADING = "Where the other ways led, of the endings your choice turned away from"
"""The heading of What mattered when it names the endings the other ways led to (plain
`:ways`, the ending screen's `w`): only those the choice turned away from, not all the
other way could reach, which read as everything it could ever lead to (blind reader
R246 #4)."""


def quoted_choice(said: str) -> str:
    """A choice's text in quotation marks. A choice that is one quotation, a line of
    dialogue ("Get in."), stands as it is: quoting it would nest two pairs. A choice
    with a quotation and more ("Nothing." Wait for her alarm.) is quoted, its own double
    quotes made single, as a quotation inside a quotation is: "'Nothing.' Wait for her
    alarm." (blind reader R130 could not tell where such a choice ended). Straight
    quotes stay straight and curly ones curly, as the story wrote them."""
    if _one_quotation(said):
        return said
    inner = said.replace('"', "'").replace("\u201c", "\u2018").replace("\u201d", "\u2019")
    return f'"{inner}"'


def _one_quotation(said: str) -> bool:
    """True when `said` is a single quotation from its first character to its last."""
    text = said.rstrip()
    if len(text) < 2:
        return False
    for opening, closing in (('"', '"'), ("\u201c", "\u201d"), ("'", "'")):
        if text[0] == opening and text[-1] == closing:
            body = text[1:-1]
            return opening not in body and closing not in body
    return False


def you_chose(said: str) -> str:
    """'You chose "X."': the choice quoted, ended with a full stop inside its marks
    (American style, as the story is written) unless its own text already ends a
    sentence. What follows it starts with "Instead,": two quotations side by side
    ('You chose "Go left". "Stay quiet" could have led elsewhere.') read to blind
    reader R287 (#9) as one run of choices, with the stop outside the marks a slip."""
    quoted = quoted_choice(said.rstrip())
    words = quoted.rstrip(_QUOTES)
    stop = "" if words.endswith((".", "!", "?", "\u2026")) else "."
    return f"You chose {words}{stop}{quoted[len(words) :]}"


def ways_told(
    story: Story, roads: tuple[tuple[str, tuple[str, ...]], ...], found: Collection[str]
) -> str:
    """Where the other choices could have led, the choices that lead to the same
    endings told together: four lines of "... could have led to Falling Home and an
    ending you have not found" in a row read as the list repeating itself (blind reader
    R243 #13)."""
    together: dict[str, list[str]] = {}
    for said, ends in roads:
        together.setdefault(_named(story, ends, found), []).append(quoted_choice(said))
    return "; ".join(
        f"{said[0]} could have led to {named}"
        if len(said) == 1
        else f"{', '.join(said[:-1])} and {said[-1]} could each have led to {named}"
        for named, said in together.items()
    )


def locked_there(locked: tuple[tuple[str, str], ...]) -> str:
    """' Locked there: "Text" (reason).' for the choices a visit showed locked with the
    author's reason ((text, reason) pairs), or "" when there were none."""
    told = "; ".join(f"{quoted_choice(text)} ({reason.rstrip('.')})" for text, reason in locked)
    return f" Locked there: {told}." if told else ""


def _named(story: Story, endings: tuple[str, ...], found: Collection[str]) -> str:
    """Endings as a phrase: found ones by title, the rest only counted (no spoilers)."""
    named = [story.endings[e].title for e in endings if e in found]
    hidden = len(endings) - len(named)
    if hidden:
        named.append(
            f"{'an' if hidden == 1 else hidden} ending{'s' if hidden != 1 else ''} you have not found"
        )
    return named[0] if len(named) == 1 else f"{', '.join(named[:-1])} and {named[-1]}"


__all__ = ["WAYS_HEADING", "locked_there", "quoted_choice", "ways_told", "you_chose"]
