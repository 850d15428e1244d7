"""`iss play`: the game, in the Textual UI or the plain line mode."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from iss.engine.limits import MAX_SAVE_INT
from iss.paths import bundled_story_dir, default_saves_dir

if TYPE_CHECKING:
    from iss.records import Records

NAME = "play"

EPILOG = """\
where saves go:
  --saves DIR, else $ISS_SAVES, else saves/ of the checkout when run from inside
  a checkout (make play), else the user data folder (on Linux
  ~/.local/share/iss-story/saves). Each story keeps its saves and its record
  (profile.json) in its own folder there, named after the story id
  (saves/iss/ for I.S.S.); settings.json (the UI's Settings, and plain mode's
  :skim and :notices) sits in the folder itself. Saves from older versions, kept directly
  in that folder, are moved into the story's folder on the first start.
  Here and now: {saves}

exit codes (plain mode):
  0  an ending was reached, or the player typed :quit
  1  the story or the save given to --load could not be loaded
  2  the command line was wrong
  3  the input ended before an ending (scripts: the run did not finish)
"""


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        NAME,
        help="play the game (the default command)",
        description="Play the story.",
        epilog=EPILOG.format(saves=default_saves_dir()),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "story",
        nargs="?",
        type=Path,
        default=None,
        help="the story folder (default: the bundled story)",
    )
    p.add_argument(
        "--story",
        dest="story_option",
        metavar="STORY",
        type=Path,
        default=None,
        help="the story folder, as an option (the same as STORY)",
    )
    p.add_argument("--saves", type=Path, default=None, help="the saves folder (default: see below)")
    p.add_argument(
        "--seed",
        type=seed_number,
        default=None,
        help="the random seed of a new game (default: a fresh one when a person is typing, so"
        " {shuffle} text differs from one playthrough to the next; 0 for pipes and scripts)",
    )
    p.add_argument(
        "--plain", action="store_true", help="line-based mode for screen readers, pipes and scripts"
    )
    p.add_argument("--load", metavar="SLOT", default=None, help="start from a saved game")
    p.add_argument(
        "--trace",
        action="store_true",
        help="plain mode: print `@ <scene id>` before each scene, each choice's id, and the"
        " ending's id",
    )
    p.add_argument(
        "--skim",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="plain mode: fold paragraphs read in an earlier playthrough into one line"
        " (`:more` shows them), or not, for this run; default: as `:skim on|off` (or the"
        " UI's Settings, Read text folded) last left it, off at first",
    )
    p.add_argument(
        "--notices",
        choices=("all", "big", "off"),
        default=None,
        help="which trust notices the text tells (with --json: each step's `told`), for"
        " this run: every change, only big ones and the first about each person, or none"
        " (the crew panel and :trust still show trust); default: as Settings → Trust"
        " notices (or plain mode's `:notices`) last left it, big at first",
    )
    p.add_argument(
        "--json",
        action="store_true",
        help="one JSON object per step on stdout, choice ids or commands on stdin "
        "(for tools and bots: see docs/protocol.md)",
    )
    p.add_argument(
        "--at",
        metavar="SCENE",
        default=None,
        help="playtest from SCENE: replay the shortest route there, and say which",
    )
    p.add_argument(
        "--save-code",
        metavar="CODE",
        default=None,
        help="keep saves in the code's own folder under --saves, and let the title screen "
        "take another code (what `iss serve --public` gives each visitor)",
    )
    p.set_defaults(run=run)


def new_game_seed(asked: int | None, *, typing: bool) -> int:
    """The seed of a new game: the one asked for; else, when a person is typing, a
    fresh one (any a save can hold), so a replay's `{shuffle}` text is not the last
    one's; else 0, so a piped script prints the same text every run.

    Drawn before the title screen: 63 bits of `os.urandom`, as `secrets.randbelow(2**63)`
    draws, without importing `secrets` (hmac, hashlib, random) there."""
    if asked is not None:
        return asked
    return int.from_bytes(os.urandom(8), "big") & MAX_SAVE_INT if typing else 0


def seed_number(text: str) -> int:
    """A seed a save can hold (see `limits.MAX_SAVE_INT`)."""
    digits = text.removeprefix("-")
    if not (digits.isascii() and digits.isdigit()) or len(digits) > 19:
        raise argparse.ArgumentTypeError(
            f"`{text[:40]}` is not a whole number of 19 digits or fewer"
        )
    seed = int(text)
    if abs(seed) > MAX_SAVE_INT:
        raise argparse.ArgumentTypeError(f"the seed must lie within ±{MAX_SAVE_INT}")
    return seed


def run(args: argparse.Namespace) -> int:
    if args.story and args.story_option and args.story != args.story_option:
        print("iss play: give the story folder once, as STORY or as --story", file=sys.stderr)
        return 2
    story_dir: Path = args.story or args.story_option or bundled_story_dir()
    saves_dir: Path = args.saves or default_saves_dir()
    save_code = None
    if args.save_code is not None:
        from iss.engine.save_codes import read_code

        save_code = read_code(args.save_code)
        if save_code is None:
            print("iss play: --save-code takes a code such as K7QD-9XTR-M2WB-4HNE", file=sys.stderr)
            return 2
    # Under `iss serve` the game talks to the browser through Textual's web driver.
    served = "TEXTUAL_DRIVER" in os.environ
    plain = args.plain or not (served or (sys.stdin.isatty() and sys.stdout.isatty()))
    if save_code is not None and (plain or args.json):
        saves_dir = saves_dir / save_code  # no title screen to take another code
    # The Textual UI (a terminal, or a browser under `iss serve`) always has a person at it;
    # plain and JSON mode only when their input is a terminal.
    typing = not (plain or args.json) or sys.stdin.isatty()
    fresh_seeds = args.seed is None
    args.seed = new_game_seed(args.seed, typing=typing)
    route = None
    if args.at is not None:
        route = route_to_scene(story_dir, args.at)
        if route is None:
            return 1
    if args.json:
        return _run_json(story_dir, saves_dir, args.seed, route, args.notices)
    if not plain:
        from iss.ui.app import make_app  # imported here so plain mode never loads Textual

        app = make_app(
            story_dir,
            saves_dir,
            seed=args.seed,
            next_seed=partial(new_game_seed, None, typing=True) if fresh_seeds else None,
            load=args.load,
            start_route=route,
            save_code=save_code,
            load_in_background=True,
            notices=args.notices,
        )
        app.run()
        say_last_words(app.records, sys.stderr)
        return int(app.return_code or 0)
    from iss.cli.options import load_or_report
    from iss.plain import PlainGame, read_leniently

    loaded = load_or_report(story_dir)
    if loaded is None:
        return 1

    game = PlainGame(
        loaded,
        read_leniently(sys.stdin),
        read_leniently(sys.stdout),
        saves_dir=saves_dir,
        seed=args.seed,
        trace=args.trace,
        start_route=route,
        skim=args.skim,
        notices=args.notices,
    )
    return game.run(load=args.load)


def say_last_words(records: Records | None, out: TextIO) -> None:
    """Once the UI has closed: write the record a failed write held back, and say on the
    terminal it leaves what became of it (and of failures no toast told), as plain mode does.

    Without this an ending the record could not take on a full disk would be lost when
    the player quits, even after the disk was freed.
    """
    if records is None:
        return
    from iss.engine.terminal_safety import safe_for_terminal  # not before the title

    for line in records.last_words():
        with contextlib.suppress(OSError, ValueError):  # the terminal may be gone
            print(f"({safe_for_terminal(line)})", file=out, flush=True)


def _run_json(
    story_dir: Path,
    saves_dir: Path,
    seed: int,
    route: tuple[str, ...] | None = None,
    notices: str | None = None,
) -> int:
    import json

    from iss.authoring.loader import load_story
    from iss.plain import read_leniently
    from iss.protocol import PROTOCOL_VERSION, JsonGame

    result = load_story(story_dir)
    if result.story is None:
        errors = [str(d) for d in result.errors]
        print(
            json.dumps(
                {
                    "protocol": PROTOCOL_VERSION,
                    "type": "error",
                    "error": "story",
                    "message": f"the story in {story_dir} has errors",
                    "details": errors,
                }
            )
        )
        return 1
    game = JsonGame(
        result.story,
        read_leniently(sys.stdin),
        sys.stdout,
        saves_dir,
        seed,
        start_route=route,
        notices=notices,
    )
    return game.run()


def route_to_scene(story_dir: Path, scene: str) -> tuple[str, ...] | None:
    """`--at`: the shortest route to `scene`; None (after saying why) when there is none."""
    from iss.authoring.explore import UnknownTarget, find_route
    from iss.cli.options import load_or_report
    from iss.engine.terminal_safety import safe_line

    story = load_or_report(story_dir)
    if story is None:
        return None
    if scene not in story.scenes:
        print(f"iss play: `{safe_line(scene)}` is not a scene of this story", file=sys.stderr)
        return None
    try:
        found = find_route(story, scene)
    except UnknownTarget as exc:
        print(f"iss play: {safe_line(str(exc))}", file=sys.stderr)
        return None
    if found.status != "found":
        print(f"iss play: {safe_line(found.describe())}", file=sys.stderr)
        return None
    print(f"iss play --at: {safe_line(found.describe())}", file=sys.stderr)
    return found.route
