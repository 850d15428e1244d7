"""`:status` lists what Kira knows as the story means it: each line once, emphasis as
plain mode shows it in scene text (no marks), and nothing that stops being true."""

from __future__ import annotations

import io
from pathlib import Path

from iss.authoring.loader import load_story
from iss.cli.play_cmd import route_to_scene
from iss.engine.runner import choose, new_game
from iss.paths import bundled_story_dir
from iss.plain import PlainGame
from iss.plain.status import trust_lines
from iss.ui.widgets.crew_panel import crew_text, crew_trust_text
from tests.conftest import BASE_MANIFEST, BASE_SCENES, WriteStory, edited_copy, load_ok
from tests.engine.test_trust_moves import SCENES as MOVES
from tests.plain.test_plain_choices import STATION


def status_after(story_dir: Path, typed: str, route: tuple[str, ...] | None = None) -> list[str]:
    """The lines of the last `:status` in a plain game of `story_dir` fed `typed`."""
    story = load_story(story_dir).story
    assert story is not None
    out = io.StringIO()
    PlainGame(story, io.StringIO(typed + ":status\n:quit\n"), out, start_route=route).run()
    lines = out.getvalue().splitlines()
    start = len(lines) - 1 - lines[::-1].index("> :status")
    return lines[start + 1 : lines.index("> :quit")]


def test_known_lines_come_once_with_their_emphasis_as_in_scene_text(tmp_path: Path) -> None:
    story = edited_copy(
        STATION,
        tmp_path / "station",
        story=(
            '  quiet: ""\n',
            '  quiet: ""\n'
            "  logged: You wrote *sabotage* into the log.\n"
            "  logged_again: You wrote *sabotage* into the log.\n",
        ),
        scenes=(
            "flag.saw_flash = true",
            "flag.saw_flash = true, flag.logged = true, flag.logged_again = true",
        ),
    )
    status = status_after(story, "1\n")
    assert status[status.index("Known:") + 1 :] == [
        "  You saw the flashes spread across the night side.",
        "  You wrote sabotage into the log.",
    ]


def test_what_kira_knows_of_the_research_stays_true_once_the_drive_is_hers() -> None:
    """Christian's drive floats free when Gordon kills him, and Kira catches it: the
    line "Christian has the research ..." stayed in `:status` after it."""
    story = bundled_story_dir()
    route = route_to_scene(story, "gordon_judges")
    assert route is not None
    status = status_after(story, "check_life_support\n", route)
    assert "  Alexey's research drive: " in "\n".join(status)
    assert not any(line.startswith("  Christian has the research") for line in status)
    assert "  Christian went after the research he swore did not exist." in status


def test_trust_shows_no_tie_to_someone_dead(write_story: WriteStory) -> None:
    """Blind reader R247: `:trust` listed "Christian and Weronika: wary" after she died,
    a tie read as a feeling still held. A pair with one of them dead is left out of
    `:trust` and the crew-ties screen; the value stays in the state."""
    scenes = BASE_SCENES.replace(
        "      - text: Go on\n        go: b\n",
        "      - text: Go on\n        go: b\n"
        "      - {text: Lose him, do: status.alexey = dead, go: b}\n",
    )
    story = load_ok(write_story(BASE_MANIFEST, scenes=scenes))
    alive = new_game(story).state
    dead = choose(story, alive, story.scenes["a"].choices[1].id).state
    assert "Between the crew:" in trust_lines(story, alive)
    assert dead.crew_trust == alive.crew_trust
    assert dead.living_ties == {}
    assert not any("Alexey and Nicholai" in line for line in trust_lines(story, dead))
    # and no level for the dead: "loyal ... (dead)" after Kira held the hatch on his
    # killing was a word the story had made a lie (blind reader R323 #2)
    assert any(line.startswith("  Alexey Pulov") for line in trust_lines(story, alive))
    alexey = [line for line in trust_lines(story, dead) if line.startswith("  Alexey Pulov")]
    assert [line.split() for line in alexey] == [["Alexey", "Pulov", "dead"]]
    assert str(crew_trust_text(story, dead)) == "No two of the crew are left alive to read."
    # the crew panel and the Crew screen give the dead no bar and no level either
    assert dead.living_trust.keys() == alive.trust.keys() - {"alexey"}
    living_lines = str(crew_text(story, alive)).splitlines()
    dead_lines = str(crew_text(story, dead)).splitlines()
    assert len(dead_lines) == len(living_lines) - 1
    at = next(n for n, line in enumerate(dead_lines) if line.startswith("Alexey"))
    assert "✕ dead" in dead_lines[at]
    assert not dead_lines[at + 1 :] or not dead_lines[at + 1].lstrip().startswith("trust")


def test_trust_says_where_each_last_moved(write_story: WriteStory) -> None:
    """Blind reader R259 #1: "(That costs you dearly with Christian.)", and `:trust`
    still read "trusting", as if nothing had moved. Each line now says where it last
    moved, at the scene whose text the notice followed; a trust never moved says none."""
    story = load_ok(write_story(BASE_MANIFEST, scenes=MOVES))
    state = new_game(story).state
    state = choose(story, state, story.scenes["a"].choices[0].id).state
    state = choose(story, state, story.scenes["c"].choices[0].id).state
    lines = trust_lines(story, state)
    assert any(
        line.startswith("  Alexey Pulov") and line.endswith("; last fell at Counted")
        for line in lines
    )
    assert any(
        line.startswith("  Nicholai Pulov")
        and line.endswith("; at its lowest since Counted, Again")
        for line in lines
    )
    assert "  Alexey and Nicholai: trusting; last fell at A" in lines
    assert trust_lines(story, new_game(story).state)[1].endswith(" wary")  # never moved


def test_at_an_ending_status_says_the_clocks_stopped_and_gives_no_figure() -> None:
    """Blind reader R323 #1: The Long Orbit ends "the readout climbs: weeks", and
    `:status` then said "Clock: 7h 20m to reentry"; an ending's text has the last word."""
    story = load_story(bundled_story_dir()).story
    assert story is not None
    walk = story.walkthroughs[0]
    playing = status_after(bundled_story_dir(), "", walk.choices[:-1])
    assert any(line.startswith("Clock: ") for line in playing)
    ended = status_after(bundled_story_dir(), walk.choices[-1] + "\n", walk.choices[:-1])
    assert "Clocks: stopped; the story has ended." in ended
    assert not any(line.startswith("Clock: ") for line in ended)
