"""Plain mode's `:backlog`, `:map` and `:endings`: the text versions of the UI's screens.

`backlog_lines` is everything read in this playthrough, scene by scene, with
the choice taken and what it changed; with a search term, only the
paragraphs that hold it, under their scene's title. `map_lines` is the story
map (`iss.story_map`) as an indented outline a screen reader reads in order.
Lines go out through `PlainGame.say`, which makes control characters visible.
"""

from __future__ import annotations

from iss.backlog import Backlog, Page, find
from iss.engine.model import Story
from iss.engine.profile import Record, gallery
from iss.plain.status import plain_text
from iss.story_map import UNSEEN, StoryMap


def page_lines(page: Page) -> list[str]:
    """One scene: `== Title ==`, its paragraphs, then `You chose: ...` and its notices."""
    head = f"== {page.title} ==" + (" (passed through)" if page.passed else "")
    lines = [head]
    lines.extend(p for p in plain_text(page.text).split("\n\n") if p)
    if page.ending is not None:
        lines.append(f"ENDING: {page.ending}")
    elif page.choice is not None:
        lines.append(f"You chose: {page.choice}")
    elif not page.passed:
        lines.append("(You are here.)")
    lines.extend(f"({notice})" for notice in page.notices)
    return lines


def backlog_lines(read: Backlog, term: str = "") -> list[str]:
    """The whole backlog, or (with `term`) the paragraphs that mention it."""
    lines: list[str] = []
    if read.dropped:
        lines.append(f"({read.dropped} earlier scenes are not kept.)")
    if not term.strip():
        lines.append(f"Backlog: {len(read.pages)} scenes, oldest first.")
        for page in read.pages:
            lines.append("")
            lines.extend(page_lines(page))
        return lines
    hits = find(read, term)
    pages = sorted({hit.page for hit in hits})
    if not hits:
        return [*lines, f"No match for “{term.strip()}” in what you read."]
    lines.append(
        f"“{term.strip()}”: {_count(len(hits), 'match', 'matches')} in "
        f"{_count(len(pages), 'scene', 'scenes')}."
    )
    needle = term.strip().casefold()
    for index in pages:
        page = read.pages[index]
        lines.append("")
        lines.append(f"== {page.title} ==")
        for line in page_lines(page)[1:]:
            if needle in line.casefold():
                lines.append(line)
    return lines


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def map_lines(chart: StoryMap) -> list[str]:
    """The story map as an outline: acts, scenes, their branches, then the endings."""
    found = sum(1 for leaf in chart.endings if leaf.found)
    lines = [
        f"Story map: {chart.seen} of {chart.total} scenes seen, "
        f"{found} of {len(chart.endings)} endings found."
    ]
    for act in chart.acts:
        lines.append("")
        lines.append(f"{act.title}:")
        for node in act.nodes:
            here = " (you are here)" if node.here else ""
            ending = f" (ending: {node.ending})" if node.ending else ""
            lines.append(f"  {node.title}{ending}{here}")
            for branch in node.branches:
                mark = "taken" if branch.taken else "not taken"
                if branch.text == UNSEEN:
                    lines.append(f"    - {UNSEEN}")
                else:
                    lines.append(f"    - {branch.text} ({mark}) -> {branch.target_title}")
    lines.append("")
    lines.append("Endings:")
    for leaf in chart.endings:
        if leaf.found:
            lines.append(f"  {leaf.title} ({leaf.kind}): found")
        else:
            lines.append(
                f"  {UNSEEN} not found yet." + (f" Hint: {leaf.hint}" if leaf.hint else "")
            )
    return lines


def endings_lines(story: Story, record: Record) -> list[str]:
    """`:endings`: how many were found, each found one with its date, a hint for the rest."""
    found, total = record.endings_found(story)
    lines = [f"Endings found: {found} of {total}"]
    for entry in gallery(story, record):
        if entry.found is not None:
            ending = entry.ending
            lines.append(f"  {ending.title} ({ending.kind}): found {entry.found:%Y-%m-%d}")
        else:
            hint = f" Hint: {entry.ending.hint}" if entry.ending.hint else ""
            lines.append(f"  Not found yet.{hint}")
    return lines
