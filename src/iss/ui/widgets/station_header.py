"""The play screen's header: scene title, location and the station clock."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from iss.engine.clocks import ClockReading
from iss.engine.terminal_safety import safe_line
from iss.engine.text import format_minutes
from iss.notices import clock_note


class StationHeader(Static):
    """Scene title and location on the left, the timers on the right."""

    DEFAULT_CSS = """
    StationHeader {
        dock: top;
        height: auto;
        padding: 0 1;
        background: $panel;
        color: $foreground;
        text-style: none;
    }
    """

    def show(self, title: str, location: str, clocks: Sequence[ClockReading]) -> None:
        """Draw the header for a scene."""
        left = Text(safe_line(title), style="bold")
        if location:
            left.append("  ·  ", style="dim")
            left.append(safe_line(location), style="italic")
        right = Text(justify="right")
        for n, reading in enumerate(clocks):
            if n:
                right.append("   ")
            warning = clock_note(reading)
            urgent = reading.running and bool(warning)
            right.append(
                format_minutes(reading.minutes),
                style="bold reverse" if urgent else "bold",
            )
            right.append(f" {safe_line(reading.label)}")
            if warning:
                right.append(f" ({warning})", style="bold" if urgent else "dim")
        grid = Table.grid(expand=True)
        grid.add_column(ratio=1, no_wrap=False)
        grid.add_column(justify="right", no_wrap=False)
        grid.add_row(left, right)
        self.update(grid)
