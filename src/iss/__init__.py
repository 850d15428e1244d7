"""I.S.S.: a branching story and a choice-based story engine for the terminal."""

__version__ = "0.1.0"
