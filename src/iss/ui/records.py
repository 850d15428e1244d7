"""Saves and the player's record, as the UI uses them: see `iss.records` (shared with
plain mode). This module keeps the names the screens import."""

from __future__ import annotations

from iss.records import Entry, Outcome, Records, when

__all__ = ["Entry", "Outcome", "Records", "when"]
