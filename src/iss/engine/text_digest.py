"""The short digest the player's record keeps in place of a text: blake2b, 8 bytes, hex.

    text_digest("Knock and ask")   # "4adf4367f96e584f"-like: 16 hex digits
    is_digest(value)               # what a record file holds is one, or is left out

Paragraphs read (`iss.engine.read_text`) and the wordings of choices taken
(`iss.engine.choice_labels`) are kept this way. It imports nothing of the engine: the
UI's title screen reaches it before the story loads.
"""

from __future__ import annotations

import hashlib
import re

DIGEST_BYTES = 8
_DIGEST = re.compile(r"[0-9a-f]{16}")


def text_digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=DIGEST_BYTES).hexdigest()


def is_digest(value: str) -> bool:
    """True for 16 lower-case hex digits, as `text_digest` writes them."""
    return len(value) == DIGEST_BYTES * 2 and _DIGEST.fullmatch(value) is not None
