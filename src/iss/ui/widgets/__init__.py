"""Widgets of the play screen. They draw what they are given; no game logic."""
