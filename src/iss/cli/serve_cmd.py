"""`iss serve`: play in a web browser (textual-serve)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from iss.paths import bundled_story_dir, default_saves_dir

NAME = "serve"


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        NAME,
        help="play in a web browser",
        description=(
            "Serve the game to web browsers: each visitor gets their own game. "
            "The browser view is a canvas that screen readers cannot read; screen-reader "
            "users should play with `iss play --plain` instead."
        ),
    )
    p.add_argument("--story", type=Path, default=None, help="the story folder")
    p.add_argument("--saves", type=Path, default=None, help="the saves folder")
    p.add_argument("--host", default="127.0.0.1", help="the address to listen on")
    p.add_argument("--port", type=int, default=8000, help="the port to listen on")
    p.add_argument("--public-url", default=None, help="the address browsers use, if different")
    p.add_argument(
        "--public",
        action="store_true",
        help="give each visitor a fresh saves folder, named by a save code in their address",
    )
    p.add_argument(
        "--max-players", type=int, default=8, help="how many games may run at once (default 8)"
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from iss.serve import StoryServer, is_loopback

    if not 1 <= args.max_players <= 1000:
        print("iss serve: --max-players takes 1 to 1000", file=sys.stderr)
        return 2
    if not is_loopback(args.host):
        print(
            f"iss serve: listening on {args.host}, not only this machine: anyone who can reach "
            "it can play (and, without --public, shares your saves).",
            file=sys.stderr,
        )
    story = (args.story or bundled_story_dir()).resolve()
    saves = (args.saves or default_saves_dir()).resolve()
    if args.public:
        saves = saves / "visitors"
    server = StoryServer(story, saves, args.host, args.port, args.public, args.max_players)
    if args.public_url:
        server.public_url = args.public_url.rstrip("/")
    server.serve()
    return 0
