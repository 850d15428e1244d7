"""Short lines that tell the player a choice mattered, without numbers."""

from __future__ import annotations

from iss.engine.events import TrustChanged
from iss.engine.model import Story


def trust_notice(story: Story, event: TrustChanged) -> str:
    """'Alexey will remember that.' and the like; never the number."""
    who = story.characters[event.character].short
    if event.other is not None:
        other = story.characters[event.other].short
        if event.delta > 0:
            return f"Something eases between {who} and {other}."
        return f"Something hardens between {who} and {other}."
    if event.delta >= 2:
        return f"{who} will not forget that."
    if event.delta > 0:
        return f"{who} will remember that."
    if event.delta <= -2:
        return f"{who} will not forgive that easily."
    return f"{who} noticed."
