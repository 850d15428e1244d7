"""The screens of the game, one per file, each with its stylesheet beside it."""
