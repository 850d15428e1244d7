"""Save codes: how a visitor of a public `iss serve` gets their saves back.

A code is 16 characters of Crockford's base 32 (80 random bits), shown in
four groups, `K7QD-9XTR-M2WB-4HNE`. It names one folder directly under the
visitors' folder. Reading a code forgives what people do when they copy one
by hand (lower case, missing or extra dashes and spaces, O for 0, I or L
for 1), and anything that is not exactly 16 such characters names nothing,
so a code can never reach outside that folder or into another's.
"""

from __future__ import annotations

import secrets
from pathlib import Path

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
"""Crockford's base 32: no I, L, O or U, so nothing is misread."""

LENGTH = 16
_MISREAD = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_code() -> str:
    """A fresh code in its folder form (16 characters, no dashes)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def read_code(text: str) -> str | None:
    """The folder form of a code as a person typed it, or None if it isn't one."""
    if len(text) > 64:
        return None
    compact = "".join(text.split()).replace("-", "").upper().translate(_MISREAD)
    if len(compact) != LENGTH or any(c not in ALPHABET for c in compact):
        return None
    return compact


def show_code(code: str) -> str:
    """A code as the game shows it: four groups of four."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def code_folder(root: Path, text: str) -> Path | None:
    """The saves folder a typed code names under `root`, or None if it isn't a code."""
    code = read_code(text)
    return None if code is None else root / code
