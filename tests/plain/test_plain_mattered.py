"""Plain mode's What mattered: the choices in the order they were played, each quoted in
the story's own straight quotes."""

from __future__ import annotations

import io

from iss.plain import PlainGame
from tests.authoring.test_mattered import FORK_SCENES, FORKS
from tests.conftest import WriteStory, load_ok

SCENES = FORK_SCENES.replace("text: Stay quiet", """text: '"Not a word."'""")
"""Going left closes one ending off; then going home closes off two (so weighed most
first, the second choice came before the first)."""


def test_what_mattered_is_told_in_the_order_played_in_one_style_of_quotes(
    write_story: WriteStory,
) -> None:
    story = load_ok(write_story(FORKS, scenes=SCENES))
    out = io.StringIO()
    PlainGame(story, io.StringIO("left\nhome_way\n\n"), out, mattered_seconds=60).run()
    told = out.getvalue().split("What mattered:\n")[1].splitlines()
    assert told[:2] == [
        '  The Hatch: You chose "Go left". "Not a word." could have led elsewhere.',
        '  The Node: You chose "Go home". "Get lost" or "Go far" could have led elsewhere.',
    ]
    assert "\u201c" not in out.getvalue() and "\u201d" not in out.getvalue()
