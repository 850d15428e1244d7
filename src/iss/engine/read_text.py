"""Paragraphs the player has read: a short digest of each, kept in the player's record.

    for paragraph in read_paragraphs(scene_text(story, state), record.read):
        paragraph.spans, paragraph.plain, paragraph.read     # read in an earlier playthrough?
        paragraph.foldable              # read, no figure in it, and nothing shown leans on it
    for run in runs(paragraphs): ...                         # neighbours that agree on both
    digest(spans)                                            # "4adf4367f96e584f"

A paragraph's digest is blake2b of its text (UTF-8, styles left out, every
digit read as 0), 8 bytes, in hex: the same words read in any scene count as
read, whatever time a clock in them showed. Rendered text is
already tidy (`iss.engine.spans.tidy`): paragraphs are separated by exactly
one blank line, so a paragraph's text is the same wherever it is rendered.

The record keeps at most `MAX_READ` digests per story (the whole bundled
story, every variant, is far fewer); past that, nothing more is added. In the
file they are one string, sorted and space-separated. Read from a file it is
taken leniently: a word that is not a digest is left out, a value that is not
a string is no digests, and never an error.

A read paragraph is kept shown (`Paragraph.context`) when the shown paragraph
after it leans on it: opens with a pronoun ("She settles beside him at the
glass"), with a word that goes on from it ("Then another."), or with a speech
whose speaker is a pronoun or not named at all (`leans_back`). Folded, it left
that paragraph's "she" or speech to whoever was named last in what was shown
(blind reader R16: Weronika's entrance folded, her line read as another's). The
rule chains backwards: a paragraph kept for context that leans too keeps the one
before it. Where all a paragraph needs is who its "she" or "he" is, and the story says
its cast's pronouns, the one kept is the nearest that names her, and what lies between
folds (`iss.engine.leaning`: "Cargo", one woman talking for five paragraphs, never
folded at all). A new paragraph (not read before) also keeps the one before it when its
first sentence says "his" or "she" before it names anyone (`pronoun_first`): blind
reader R52 met "Under his voice the suit's fans whisper" on a new route under a
folded "Gordon's voice is in your ear" (a second random play folds 21.1% of its words
with it, 21.8% before, twenty pairs; only new paragraphs, since a read one's "his"
is known to the player, and counting them too cost another 3 points). So does a short beat
after speech ("The table holds still." after the toast; `needs_lead_in`): folded,
the speech left the beat answering nothing (blind readers R35-R38).

A scene's last paragraph is kept shown too, read or not: it is most often what the
choices answer ('"Kira?" Gordon says. "Talk to me. What do you see?"'), and folded,
the choices answered a question the screen did not show (36% of a replay's scenes
ended on a folded paragraph). It costs skim a little: 32.7% of a second random
play's words folded before, 28.5% after (200 pairs).

So is the last paragraph in which someone asks a question aloud (`last_question`):
the choices most often answer that, and a replay that folded "Why are you up here?
Not the press-kit answer." showed only "Take your time," Gordon says, above them
(blind reader R279 #9). It costs skim half a point: 21.7% of a second random
play's words fold, 22.3% before (twenty pairs).

A single short read paragraph between two shown ones is shown too (`lone_fold`): folded,
it was most often the beat the next one answers without naming it (blind reader
R44: the first flash folded under "Lightning, you think."; Weronika's entrance
under "Weronika settles beside Gordon at the glass"; the shaking under "He holds
the cage until your hands stop shaking"), and its fold line saved one paragraph
at the price of a break in the middle of the scene. A second random play folds
20.4% of its words with it (25.7% before, 100 pairs).

And a scene folded down to a fragment keeps its first paragraph (`anchored`): when
two or more paragraphs fold (`FRAGMENT_WORDS` words or more) and what is left
shown holds fewer than that of prose, the opening that says where Kira is and who is
with her is shown too, as a "previously" (blind reader R42: `before_eva` shrank to
one line about a clip, with no suit, no Gordon and no airlock around it; about 6% of
a second random play's scenes did).

The paragraph that answers the choice just made (the first one the choice changed) is
never counted read (`iss.engine.answers`): asked again on a replay, a question looked
unanswered.

An ending folds nothing (`folds_read_text`): it is a route's payoff, read once per
route, and what it shares with other endings (who lived, "You stay.") reads as new
on an ending the player has not reached (blind reader R51: an unseen ending opened
on "1 paragraph read before").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from types import MappingProxyType

from iss.engine.leaning import antecedent, needs_lead_in, pronoun_first
from iss.engine.model import Scene
from iss.engine.spans import Span
from iss.engine.text_digest import is_digest, text_digest

MAX_READ = 40_000
"""Digests kept per story: about a megabyte of record file at most."""

_WELL_FORMED = re.compile(r"[0-9a-f]{16}(?: [0-9a-f]{16})*")
_ONE_DIGIT = str.maketrans("123456789", "000000000")
_FIGURE = re.compile(r"[0-9]")
PARAGRAPH_BREAK = "\n\n"
NO_CAST: Mapping[str, str] = MappingProxyType({})
"""No pronouns known: every leaning paragraph keeps the one before it."""
FRAGMENT_WORDS = 60
"""Words of prose shown, fewer than which a scene folded around them reads as a fragment."""
LONE_WORDS = 25
"""Words from which a read paragraph between two shown ones folds after all (`lone_fold`):
the beats that rule keeps ("Lightning, you think.") are a line or two. At 40, Torque's
"Cold-welded" exchange (31 words) came back word for word on every replay (blind
readers R261 #14, R262 #5); at 25 a second random play folds 20.9% of its words, 18.8%
at 40 (twenty pairs)."""


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph of rendered text, and whether the player read it before."""

    spans: tuple[Span, ...]
    read: bool = False
    context: bool = False
    """Read, but shown: the scene's last paragraph, or the shown paragraph after it
    leans on it (`leans_back`)."""

    @property
    def plain(self) -> str:
        return "".join(span.text for span in self.spans)

    @property
    def foldable(self) -> bool:
        """Read before, and no figure in it, so folding it hides nothing new. The digest
        reads every digit as 0: "6h 35m on the laptop" counts as read whatever the
        clock showed, and a skimming blind reader (R14) lost the run's clock when its
        paragraph folded. About 6% of the bundled story's paragraphs carry a figure
        (nearly all of them a clock); they are shown, dimmed where the setting dims.
        A paragraph kept for `context` is shown the same way."""
        return self.read and not self.context and not _FIGURE.search(self.plain)


def folds_read_text(scene: Scene) -> bool:
    """May a replay fold or dim what the player read before in `scene`? Not in an ending
    (see the module docstring)."""
    return scene.ending is None


def paragraphs(spans: Iterable[Span]) -> list[tuple[Span, ...]]:
    """Rendered text cut at its paragraph breaks, each paragraph's styled runs kept."""
    out: list[tuple[Span, ...]] = []
    current: list[Span] = []
    for span in spans:
        parts = span.text.split(PARAGRAPH_BREAK)
        for n, part in enumerate(parts):
            if n:
                if current:
                    out.append(tuple(current))
                current = []
            if part:
                current.append(Span(part, span.style))
    if current:
        out.append(tuple(current))
    return out


def digest(spans: Iterable[Span]) -> str:
    """The digest of one paragraph: blake2b of its text, 8 bytes, hex. Digits count as
    one digit: a paragraph that only reads a clock differently ("3h 20m left") is the
    paragraph read before, as a visual novel's line is the same line whatever number
    it interpolates."""
    return text_digest("".join(span.text for span in spans).translate(_ONE_DIGIT))


def digests(spans: Iterable[Span]) -> list[str]:
    """The digest of every paragraph of rendered text, in order (as `digest` of each of
    `paragraphs(spans)`, without building them: the record takes this after every step)."""
    text = "".join(span.text for span in spans).translate(_ONE_DIGIT)
    return [text_digest(p) for p in text.split(PARAGRAPH_BREAK) if p]


def read_paragraphs(
    spans: Iterable[Span], read: AbstractSet[str], cast: Mapping[str, str] = NO_CAST
) -> list[Paragraph]:
    """A scene's rendered text's paragraphs, each marked read when `read` holds its
    digest, and kept for context when it is the last or a shown paragraph after it
    leans on it (`with_context`; `cast` is `iss.engine.leaning.cast_pronouns`)."""
    return with_context([Paragraph(p, digest(p) in read) for p in paragraphs(spans)], cast)


def needs_context(shown: Paragraph, before: str) -> bool:
    """Does a shown paragraph keep the read one before it? When it needs a lead-in
    (`needs_lead_in`), and when it is new on this playthrough and says "his" or "she"
    before naming anyone (`pronoun_first`): read before, the player knows who it means."""
    return needs_lead_in(shown.plain, before) or (not shown.read and pronoun_first(shown.plain))


def with_context(items: Sequence[Paragraph], cast: Mapping[str, str] = NO_CAST) -> list[Paragraph]:
    """`items`, one scene's paragraphs: the last marked `context` when it is foldable
    (the choices answer it) and the last that asks a question aloud (`last_question`),
    and a foldable paragraph marked `context` where the paragraph after it is shown
    and needs it (`needs_lead_in`); from the last paragraph
    back, so the marks chain. Where all a shown paragraph needs is who its "she" is,
    the paragraph kept is the nearest that names her (`iss.engine.leaning.antecedent`,
    with the `cast`'s pronouns). Then a lone paragraph between shown ones
    (`lone_fold`), and the first when the rest would leave a fragment (`anchored`)."""
    out = list(items)
    texts = [p.plain for p in out]
    if out and out[-1].foldable:
        out[-1] = replace(out[-1], context=True)
    asked = last_question(texts)
    if asked is not None and out[asked].foldable:
        out[asked] = replace(out[asked], context=True)
    for n in range(len(out) - 1, 0, -1):
        before, shown = out[n - 1], out[n]
        if before.foldable and not shown.foldable and needs_context(shown, before.plain):
            kept = antecedent(texts, n, cast)
            if out[kept].foldable:
                out[kept] = replace(out[kept], context=True)
    for n in range(1, len(out) - 1):
        if lone_fold(out, n):
            out[n] = replace(out[n], context=True)
    if anchored(out):
        out[0] = replace(out[0], context=True)
    return out


_SPOKEN_QUESTION = re.compile(r"[\"“][^\"”]*\?[^\"”]*[\"”]")
"""A question said aloud: a question mark inside a quotation, wherever it falls in it
("Why are you up here? Not the press-kit answer.")."""


def last_question(texts: Sequence[str]) -> int | None:
    """The last paragraph of a scene where someone asks a question aloud, if any: the
    choices most often answer it, not the paragraph they follow. Folded, the replay
    showed "Take your time," Gordon says, and choices (and then "You don't answer
    that.") answering a "Why are you up here?" it had hidden (blind reader R279 #9)."""
    for n in range(len(texts) - 1, -1, -1):
        if _SPOKEN_QUESTION.search(texts[n]):
            return n
    return None


def lone_fold(items: Sequence[Paragraph], n: int) -> bool:
    """Would paragraph `n` fold alone, with a shown paragraph on either side of it, and
    is it short (under `LONE_WORDS`)? A short one is most often a beat the next
    paragraph answers; a long one is a passage of its own, and a fold line costs less
    than rereading it (blind readers R259 #3 and R255 #13 reread the 70-word news
    digest of "Unity, the Uplink" on every replay)."""
    return (
        0 < n < len(items) - 1
        and items[n].foldable
        and len(items[n].plain.split()) < LONE_WORDS
        and not items[n - 1].foldable
        and not items[n + 1].foldable
    )


def anchored(items: Sequence[Paragraph]) -> bool:
    """Should a scene's first paragraph be shown although it was read? When it would
    fold with at least one more paragraph, the fold holds `FRAGMENT_WORDS` words or
    more, and the paragraphs left shown hold fewer than that of prose (a paragraph
    with a figure in it is most often a clock, not prose): shown alone, a line like
    "While you seal the last clip Gordon pats the chest of the suit" has lost the
    room it happens in."""
    if not items or not items[0].foldable or sum(p.foldable for p in items) < 2:
        return False
    folded = sum(len(p.plain.split()) for p in items if p.foldable)
    prose = sum(
        len(p.plain.split()) for p in items if not p.foldable and not _FIGURE.search(p.plain)
    )
    return prose < FRAGMENT_WORDS <= folded


def runs(items: Sequence[Paragraph]) -> list[list[Paragraph]]:
    """Neighbouring paragraphs grouped while they agree on `read` and `foldable` (a fold
    is a foldable run; a read paragraph with a figure is a run of its own kind)."""
    out: list[list[Paragraph]] = []
    for paragraph in items:
        first = out[-1][0] if out else None
        if first is not None and (first.read, first.foldable) == (
            paragraph.read,
            paragraph.foldable,
        ):
            out[-1].append(paragraph)
        else:
            out.append([paragraph])
    return out


def add_read(read: set[str], new: Iterable[str]) -> bool:
    """Add the digests `new` to `read` (in place), up to `MAX_READ`; True when any was new."""
    changed = False
    for item in new:
        if item not in read and len(read) < MAX_READ:
            read.add(item)
            changed = True
    return changed


def decode_read(value: object) -> set[str]:
    """A record file's `read` string, leniently: digests only, at most `MAX_READ`."""
    if not isinstance(value, str) or not value:
        return set()
    if _WELL_FORMED.fullmatch(value):  # as this version writes it: one check for all
        read = set(value.split(" "))
    else:
        read = {v for v in value.split() if is_digest(v)}
    if len(read) > MAX_READ:
        read = set(sorted(read)[:MAX_READ])
    return read


def encode_read(read: AbstractSet[str]) -> str:
    """The digests as one string, sorted, a space between each: a list of 40,000
    strings would cost the record's writer (JSON with indents) many milliseconds."""
    return " ".join(sorted(read))
