"""A scene's `title:` that changes with the visit: `Unity{sequence: | , Evening | , Late}`.

A title is shown on one line, in headers, saves and lists, so it is plain text,
or plain text around one `{sequence: ...}` or `{cycle: ...}`. Each item is the
title of one visit, joined to the text around it:

    title_variants("Unity{sequence: | , Evening | , Late}")
    # TitleVariants(titles=("Unity", "Unity, Evening", "Unity, Late"), cycles=False)

The first visit's title is the scene's name everywhere a visit is not known
(check, graph, the map). Nothing else of the text's markup is read here:
names, `{if ...}` fragments and emphasis would need a state to show, and a
title is also shown where there is none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_VARIED = re.compile(
    r"(?P<before>[^{}]*)\{\s*(?P<kind>\w+)\s*:(?P<items>[^{}]*)\}(?P<after>[^{}]*)"
)
_SPACES = re.compile(r"\s+")
_BEFORE_MARK = re.compile(r"\s+(?=[,.:;!?])")
TITLE_VARIATIONS = ("sequence", "cycle")
"""The variations a title may use: each visit has a title. (`once` runs out, and
`shuffle` would retitle a scene the player has not left.)"""


@dataclass(frozen=True, slots=True)
class TitleVariants:
    titles: tuple[str, ...]
    """One per item, in order: the first visit's title first."""
    cycles: bool
    """True for `{cycle: ...}`: the titles go round instead of stopping at the last."""


@dataclass(frozen=True, slots=True)
class TitleProblem:
    offset: int
    """Where in the title the problem starts."""
    message: str
    hint: str


def title_variants(source: str) -> TitleVariants | TitleProblem | None:
    """The titles of each visit when `source` holds a variation; None when it holds no
    `{`; a `TitleProblem` when it holds braces that are not one title variation."""
    if "{" not in source and "}" not in source:
        return None
    found = _VARIED.fullmatch(source)
    if found is None:
        return TitleProblem(
            source.find("{") if "{" in source else source.find("}"),
            "a scene's `title` is plain text, or text around one `{sequence: ...}` "
            "or `{cycle: ...}`",
            "write the name itself (Alexey, not {alexey}); names and conditions belong "
            "in `text:`; to change the title with the visit, write "
            "`Unity{sequence: | , Evening}`",
        )
    kind = found.group("kind")
    if kind not in TITLE_VARIATIONS:
        return TitleProblem(
            found.start("kind"),
            f"a title varies with `{{sequence: ...}}` or `{{cycle: ...}}`, not `{{{kind}: ...}}`",
            "every visit needs a title: `once` would leave later visits without one, "
            "and `shuffle` picks at random; use `sequence` (the last item stays) or `cycle`",
        )
    before, after = found.group("before"), found.group("after")
    titles = tuple(
        _BEFORE_MARK.sub("", _SPACES.sub(" ", f"{before}{item.strip()}{after}")).strip()
        for item in found.group("items").split("|")
    )
    if not all(titles):
        return TitleProblem(
            found.start("items"),
            "an item of this title's variation leaves the title empty",
            "give every visit a title, or write text around the variation",
        )
    return TitleVariants(titles, cycles=kind == "cycle")
