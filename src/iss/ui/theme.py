"""The "station" theme: dark hull, cool instrument light, amber alarms."""

from __future__ import annotations

from textual.theme import Theme

STATION = Theme(
    name="station",
    primary="#5fb3d9",
    secondary="#7a8fa6",
    accent="#e0a84a",
    warning="#e0a84a",
    error="#e0625a",
    success="#6cc28a",
    foreground="#d8e1ea",
    background="#0b1016",
    surface="#121a23",
    panel="#1a2430",
    dark=True,
    variables={
        "footer-key-foreground": "#e0a84a",
        "block-cursor-background": "#24506a",
        "block-cursor-foreground": "#f2f6fa",
        "block-cursor-text-style": "bold",
    },
)
"""The default theme. Other built-in themes stay available from the palette."""
