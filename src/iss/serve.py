"""`iss serve`: the game in a web browser, served with textual-serve.

Every visitor's browser gets its own game process (`iss play`), drawn by
Textual's web driver. Locally the game uses the player's usual saves folder.
With `public`, each visitor gets a fresh saves folder named by a save code
(`iss.engine.save_codes`: 80 random bits, so codes can't be guessed, and
only that exact shape names a folder, so a code can't reach outside the
visitors' folder). The code is in the page's address (`/?code=…`), so a
bookmark restores the saves, and on the title screen, where the visitor can
also type a code to get those saves back. At most `max_players` games run
at once; a visitor past that gets a page saying the station is full.
"""

from __future__ import annotations

import asyncio
import logging
import shlex
import sys
from pathlib import Path
from typing import Any

from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server

from iss.engine.save_codes import new_code, read_code

log = logging.getLogger("iss.serve")


FULL_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>I.S.S.</title></head>
<body style="background:#0b1020;color:#dde;font-family:monospace;padding:3em">
<h1>The station is full.</h1><p>All {seats} seats are taken. Try again in a few minutes.</p>
</body></html>"""


def is_loopback(host: str) -> bool:
    return host in ("localhost", "::1") or host.startswith("127.")


class StoryServer(Server):
    """textual-serve's server, with one saves folder per visitor and a cap on players."""

    def __init__(
        self,
        story: Path,
        saves: Path,
        host: str = "127.0.0.1",
        port: int = 8000,
        public: bool = False,
        max_players: int = 8,
    ) -> None:
        super().__init__(command="iss play", host=host, port=port, title="I.S.S.")
        self.story = story
        self.saves = saves
        self.public = public
        self.max_players = max_players
        self.players = 0

    def command_for(self, code: str | None) -> str:
        """The game process one visitor gets, with that visitor's saves folder."""
        parts = [sys.executable, "-m", "iss", "play", "--story", str(self.story)]
        parts += ["--saves", str(self.saves)]
        if code:
            parts += ["--save-code", code]
        return shlex.join(parts)

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.router.add_get("/ws/{code}", self.handle_websocket)
        return app

    async def handle_index(self, request: web.Request) -> Any:
        if self.players >= self.max_players:
            return web.Response(
                status=503,
                text=FULL_PAGE.format(seats=self.max_players),
                content_type="text/html",
            )
        typed = request.query.get("code", "")
        code = read_code(typed)
        if self.public and code != typed:
            raise web.HTTPFound(f"/?code={code or new_code()}")
        context: Any = await super().handle_index(request)
        response: web.Response = context
        if self.public and response.text is not None:
            # The page's websocket carries the code, so the game gets its own folder.
            response.text = response.text.replace('/ws"', f'/ws/{code}"', 1)
        return response

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        code = read_code(request.match_info.get("code", ""))
        if self.public and (code is None or code != request.match_info.get("code")):
            raise web.HTTPForbidden(text="a save code is needed")
        if self.players >= self.max_players:
            raise web.HTTPServiceUnavailable(text="the station is full")
        websocket = web.WebSocketResponse(heartbeat=15)
        width = _int(request.query.get("width"), 80)
        height = _int(request.query.get("height"), 24)
        self.players += 1
        service: AppService | None = None
        try:
            await websocket.prepare(request)
            if self.public and code:
                (self.saves / code).mkdir(parents=True, exist_ok=True)

            async def close() -> None:
                await websocket.close()

            service = AppService(
                self.command_for(code if self.public else None),
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=close,
                download_manager=self.download_manager,
                debug=self.debug,
            )
            await service.start(width, height)
            await self._process_messages(websocket, service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception:  # a visitor's connection must never stop the server
            log.exception("a game connection failed")
        finally:
            self.players -= 1
            if service is not None:
                await service.stop()
        return websocket


def _int(text: str | None, default: int) -> int:
    try:
        return max(10, min(int(text or default), 500))
    except ValueError:
        return default
