"""What the plain mode shows beyond the story's words: `:status` (the play screen's
header and side panels, as lines a screen reader reads in order), `:trust`, and
emphasis."""

from __future__ import annotations

from collections.abc import Iterable

from iss.engine.clocks import clock_readings
from iss.engine.knowledge import known_lines
from iss.engine.model import Story, pair_members
from iss.engine.state import GameState
from iss.engine.terminal_safety import safe_line
from iss.engine.text import Span, format_minutes
from iss.engine.trust_moves import TrustMove, last_moves, told
from iss.notices import clock_note


def status_lines(story: Story, state: GameState) -> list[str]:
    """Where Kira is, the clocks that matter now, what she carries and what she knows."""
    scene = story.scenes[state.scene]
    lines = [f"Where: {scene.location or scene.title_in(state.visits)}"]
    readings = clock_readings(story, state)
    if state.ending is not None and readings:
        # An ending's text is the last word on time: "the readout climbs: weeks" stood
        # over "Clock: 7h 20m to reentry" here, and read as the truth (blind reader R323 #1).
        lines.append("Clocks: stopped; the story has ended.")
        readings = []
    for clock in readings:
        warning = clock_note(clock)
        lines.append(
            f"Clock: {format_minutes(clock.minutes)} {clock.label}"
            + (f" ({warning})" if warning else "")
        )
    held = [item for item in story.items.values() if item.id in state.items]
    lines.append("Carrying:" if held else "Carrying: nothing but your badge")
    lines.extend(
        f"  {item.name}" + (f": {item.description}" if item.description else "") for item in held
    )
    known = known_lines(story, state)
    lines.append("Known:" if known else "Known: nothing yet")
    lines.extend(f"  {plain_text(fact)}" for fact in known)  # as scene text shows it
    return lines


def trust_lines(story: Story, state: GameState) -> list[str]:
    """`:trust`: how far each of the crew trusts Kira, and the crew each other, in words,
    each with the way it has moved since the start ("neutral, up from wary"): a notice
    said "trusts you far more", and a level alone read as if nothing had moved (R48).
    Then where it last moved ("last fell at All Measures"): a notice said "That costs
    you dearly", and a level that stayed in its band read as if it had not (R259 #1)."""
    moves = last_moves(story, state)
    lines = ["Trust in you:"]
    living = state.living_trust
    for member in story.crew:
        if member.id not in living:
            lines.append(f"  {member.name:<26} dead")
            continue
        value = living[member.id]
        status = "" if state.status[member.id] == "aboard" else f" ({state.status[member.id]})"
        level = _level_since(story, member.trust, value)
        last = _last_move(story, moves.get((member.id, None)), value)
        lines.append(f"  {member.name:<26} {level}{last}{status}")
    ties = state.living_ties
    if ties:
        lines.append("Between the crew:")
        for key, value in ties.items():
            a, b = pair_members(key)
            pair = f"{story.characters[a].short} and {story.characters[b].short}"
            start = story.crew_trust.get(key, value)
            move = moves.get((a, b))
            lines.append(
                f"  {pair}: {_level_since(story, start, value)}{_last_move(story, move, value)}"
            )
    return lines


def _last_move(story: Story, move: TrustMove | None, value: int) -> str:
    """ "; last rose at The Cupola", or nothing when it has never moved."""
    return "" if move is None else f"; {safe_line(told(story, move, value))}"


def _level_since(story: Story, start: int, value: int) -> str:
    """The level `value` reads as, and the level it started at when they differ."""
    levels = story.trust_levels
    was, now = story.trust_level(start), story.trust_level(value)
    if was == now:
        return now
    way = "up" if levels.index(now) > levels.index(was) else "down"
    return f"{now}, {way} from {was} at the start"


def plain_text(spans: Iterable[Span]) -> str:
    """Scene text for plain mode, where nothing is italic or bold. An italic phrase of
    two words or more is most often words said, mouthed or written ("Over Africa he
    tells the window *I didn't have a choice*"): it is put in quotation marks (single
    ones inside someone's speech), or it reads as an error (blind reader R282 #9). A
    single italic word is stress ("Not *whoever*.") and stands alone, as bold does.
    Plain mode once showed italics as `_word_`, and blind readers R272 and R276 read
    the underscores as formatting leaking onto the screen."""
    parts: list[str] = []
    speaking = False
    """Inside an open double quotation mark of the paragraph so far."""
    closing = ""
    """The mark that closes the phrase just quoted, when nothing came after it yet."""
    for span in spans:
        text = span.text
        if "em" in span.style.split() and len(text.split()) > 1 and not _quoted(parts, text):
            core = text.strip()
            lead = text[: len(text) - len(text.lstrip())]
            trail = text[len(text.rstrip()) :]
            mark = "'" if speaking else '"'
            parts.append(f"{lead}{mark}{core}{mark}{trail}")
            closing = "" if trail else mark
            continue
        if closing and text[:1] in ",.":
            # A comma or full stop goes inside the marks, as everywhere else in the
            # story: '"Keep it that way," she told you', not '"Keep it that way",' (R284 #5).
            parts[-1] = parts[-1][: -len(closing)] + text[0] + closing
            text = text[1:]
        closing = ""
        parts.append(text)
        paragraph = text.rpartition("\n\n")
        if paragraph[1]:
            speaking = False
        speaking ^= paragraph[2].count('"') % 2 == 1
    return "".join(parts)


def _quoted(before: list[str], text: str) -> bool:
    """Does an italic phrase already stand in quotation marks ('"*We don't do this,*"')?"""
    core = text.strip()
    return core[:1] in "\"'" or core[-1:] in "\"'" or bool(before and before[-1].endswith('"'))
