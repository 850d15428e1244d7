"""The plain line mode: for screen readers, pipes and scripts (see `game` for the details).

game = PlainGame(story, read_leniently(sys.stdin), read_leniently(sys.stdout), saves_dir=base)
exit_code = game.run(load=None)
"""

from iss.plain.game import PlainGame
from iss.plain.lines import (
    EXIT_CANNOT_START,
    EXIT_INPUT_ENDED,
    EXIT_OK,
    read_leniently,
    shorten,
    small_number,
)

__all__ = [
    "EXIT_CANNOT_START",
    "EXIT_INPUT_ENDED",
    "EXIT_OK",
    "PlainGame",
    "read_leniently",
    "shorten",
    "small_number",
]
