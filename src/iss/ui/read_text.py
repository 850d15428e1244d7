"""A scene's text as a replay shows it: paragraphs read in an earlier playthrough
dimmed, or folded away behind one line per scene (where the first of them sat), or
shown like any other text (the "Read text" setting), and which characters appear at
once while the rest types. One fold line per scene, however many runs fold (blind
reader R18 counted up to four in a scene); a read paragraph the next shown one leans
on ("She settles beside him"), and a scene's last paragraph (what the choices answer),
are shown, dimmed (`iss.engine.read_text.Paragraph.context`).

    shown = scene_shown(read_paragraphs(spans, read_before), "folded", unfolded, styles)
    scene_text_widget.show(shown.text, effect=..., instant=shown.instant)
    shown.folds                       # the runs folded: `e` or a click unfolds them all
    passed_notice(read_paragraphs(event.text, read_before), "folded", muted)  # a scene
                                      # passed through, as the notice above the choices

Text is built with `Text.append` from engine spans, never through markup; the
fold lines carry a click action of their own (`screen.unfold(N)`), which no
story text can.
"""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual.content import Content
from textual.style import Style as TextualStyle

from iss.engine.read_text import Paragraph, runs
from iss.engine.terminal_safety import safe_for_terminal
from iss.ui.render import STYLES

UNFOLD_KEY = "e"
"""The play screen's key that unfolds the paragraphs folded as read."""


@dataclass(frozen=True, slots=True)
class ReadStyles:
    """How read text looks: the theme's muted colour, and the fold lines."""

    read: Style
    fold: Style


@dataclass(frozen=True, slots=True)
class SceneShown:
    """A scene's text ready for `SceneText.show`."""

    text: Text
    instant: tuple[tuple[int, int], ...] = ()
    """Ranges of `text` (start, end) that appear at once while the rest types out."""
    folds: tuple[int, ...] = ()
    """The runs (indexes into `runs(paragraphs)`) shown folded."""


FOLD_ROOM = 52
"""The longest a fold line may be: the text's width at 100x30, the narrowest terminal
with the side panels (61 columns less the text's padding, 8, and a spare column). A
longer one ("..., here and further on · e shows them", 63) wrapped in the middle of
its key hint there. (The notice above the choices, where `passed_fold_line` stands, is
58 columns wide there.)"""


def fold_line(count: int, runs: int = 1, elsewhere: bool = False) -> str:
    """'⋯ 3 paragraphs read before · e shows them': a scene's one fold line, for `count`
    paragraphs folded in `runs` places (`FOLD_ROOM`). `elsewhere`: the scene is new to
    the player, and the paragraphs were read in other scenes that share them."""
    if elsewhere:
        many = "1 paragraph" if count == 1 else f"{count} paragraphs"
        return (
            f"⋯ {many} read in other scenes · {UNFOLD_KEY} shows {'it' if count == 1 else 'them'}"
        )
    if count == 1:
        return f"⋯ 1 paragraph read before · {UNFOLD_KEY} shows it"
    if runs > 1:
        return f"⋯ {count} paragraphs read, here and below · {UNFOLD_KEY} shows them"
    return f"⋯ {count} paragraphs read before · {UNFOLD_KEY} shows them"


def scene_shown(
    paragraphs: Sequence[Paragraph],
    mode: str,
    styles: ReadStyles,
    *,
    unfolded: AbstractSet[int] = frozenset(),
    read_at_once: bool = True,
    elsewhere: bool = False,
) -> SceneShown:
    """The text of `paragraphs` for the setting `mode` ("dimmed", "folded" or "new").

    Read paragraphs (and the fold line) appear at once when `read_at_once`; runs in
    `unfolded` are shown dimmed even when `mode` folds. The one fold line sits where
    the first folded run did; a click on it unfolds them all."""
    text = Text()
    instant: list[tuple[int, int]] = []
    grouped = runs(paragraphs)
    folds = [
        index
        for index, run in enumerate(grouped)
        if run[0].foldable and mode == "folded" and index not in unfolded
    ]
    count = sum(len(grouped[index]) for index in folds)
    for index, run in enumerate(grouped):
        read = run[0].read
        if index in folds:
            if index == folds[0]:
                start = _break(text)
                action = {"@click": "screen.unfold()"}
                line = fold_line(count, len(folds), elsewhere)
                text.append(line, styles.fold + Style(meta=action))
                instant.append((start, len(text)))
            continue
        for paragraph in run:
            start = _break(text)
            base = styles.read if read and mode != "new" else Style()
            for span in paragraph.spans:
                text.append(
                    safe_for_terminal(span.text), base + Style.parse(STYLES.get(span.style, ""))
                )
            if read and read_at_once:
                instant.append((start, len(text)))
    return SceneShown(text, _merged(instant), tuple(folds))


def passed_fold_line(count: int) -> str:
    """'⋯ 2 paragraphs read before · b, the backlog, shows them' (no `e` in a notice,
    and no "here and below": in a notice of a few lines it would only cost room)."""
    if count == 1:
        return "⋯ 1 paragraph read before · b, the backlog, shows it"
    return f"⋯ {count} paragraphs read before · b, the backlog, shows them"


def passed_notice(paragraphs: Sequence[Paragraph], mode: str, muted: TextualStyle) -> Content:
    """A scene a fallback passed through, as the notice above the choices shows it: on a
    replay its paragraphs read before are in the muted colour, or folded away behind
    one line, as the "Read text" setting `mode` says (and as the scene's text)."""
    pieces: list[Content] = []
    grouped = runs(paragraphs)
    folding = [run for run in grouped if run[0].foldable] if mode == "folded" else []
    for run in grouped:
        read = run[0].read and mode != "new"
        if folding and run[0].foldable:
            if run is folding[0]:
                count = sum(len(r) for r in folding)
                pieces.append(Content.styled(passed_fold_line(count), muted))
            continue
        for paragraph in run:
            text = safe_for_terminal(paragraph.plain)
            pieces.append(Content.styled(text, muted) if read else Content(text))
    return Content("\n\n").join(pieces)


def _break(text: Text) -> int:
    """Start a new paragraph (a blank line after the last one); where its range starts."""
    start = len(text)
    if start:
        text.append("\n\n")
    return start


def _merged(ranges: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    out: list[tuple[int, int]] = []
    for start, end in ranges:
        if out and out[-1][1] >= start:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return tuple(out)
