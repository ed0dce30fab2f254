"""The web server behind `hyosan serve`: textual-serve's, with every door a page could open shut.

A browser runs whatever page it is shown, and any page may try to reach a server on this
machine. So:

- requests must be addressed to the served host (`Host`: a page elsewhere cannot point its
  own name at 127.0.0.1, DNS rebinding) and websockets must come from the served page
  (`Origin`), at an address with a secret made at each launch that only the page carries;
- the page's sizes and messages are checked (`game.serve_game`);
- at most `max_games` games run at once; past that the page says so;
- each game ends with its tab, killed after a time limit if it does not quit, and Ctrl+C
  ends them all within a few seconds whatever they do;
- with `public`, each browser gets a save folder of its own, named by a random id kept in a
  cookie, so no player sees, loads or deletes another's saves.
"""

from __future__ import annotations

import asyncio
import hmac
import html
import ipaddress
import logging
import re
import secrets
import signal
from pathlib import Path
from typing import TextIO
from urllib.parse import urlsplit

import aiohttp_jinja2
import jinja2
from aiohttp import WSCloseCode, WSMsgType, web
from aiohttp.web_runner import GracefulExit
from textual_serve.server import Server

from game.serve import page_url
from game.serve_game import QUIT_SECONDS, GameProcess, clamp_size, parse_message

log = logging.getLogger("hyosan.serve")

SHUTDOWN_SECONDS = 1.0
"""After the games are ended, how long open requests get before the server stops."""
CLOSE_SECONDS = 2.0
"""How long closing a websocket waits for the browser's answer."""
MAX_MESSAGE_BYTES = 1024 * 1024
"""The largest message a page may send (a long paste of keys); bigger closes the socket."""
PLAYER_COOKIE = "hyosan_player"
_PLAYER_ID = re.compile(r"^[0-9a-f]{32}$")

_HOST_HEADER = re.compile(r"^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:[0-9]{1,5})?$")
"""A Host header that is a name or an address, with an optional port: nothing to escape."""

_DEFAULT_PORTS = {"http": 80, "https": 443}


def same_origin(origin: str, host: str) -> bool:
    """Whether a request's `Origin` names the host it was sent to (`Host`, with its port).

    A `Host` without a port was reached on the default port of the scheme the browser used,
    which is the Origin's (behind an https proxy the server itself sees plain http)."""
    try:
        page = urlsplit(origin)
        served = urlsplit(f"//{host}")
        default = _DEFAULT_PORTS.get(page.scheme, 0)
        page_port = page.port or default
        served_port = served.port or default
    except ValueError:
        return False
    return (
        page.scheme in ("http", "https")
        and page.hostname is not None
        and page.hostname == served.hostname
        and page_port == served_port
    )


class GameServer(Server):
    """textual-serve's server; what it changes is in the module's docstring."""

    def __init__(
        self,
        game_args: list[str],
        saves: Path,
        host: str,
        port: int,
        title: str,
        public: bool,
        max_games: int,
        out: TextIO,
    ) -> None:
        super().__init__(game_args[0], host=host, port=port, title=title)
        self.game_args = game_args
        self.saves = saves
        self.public = public
        self.max_games = max_games
        self.out = out
        self.secret = secrets.token_urlsafe(24)
        """Part of the websocket's address: only the page served here knows it."""
        self.games: set[GameProcess] = set()
        self.sockets: set[web.WebSocketResponse] = set()
        self.stopping = False

    # ---------------------------------------------------------------- running

    def initialize_logging(self) -> None:
        logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s")

    def serve(self, debug: bool = False) -> None:
        """Serve until Ctrl+C (or SIGTERM); the games are ended first, within seconds."""
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, self.request_exit)
        web.run_app(  # ends on GracefulExit, raised by the signal handlers
            self._make_app(),
            host=self.host,
            port=self.port,
            handle_signals=False,
            loop=loop,
            print=lambda *args: None,
            shutdown_timeout=SHUTDOWN_SECONDS,
            access_log=None,
        )

    def request_exit(self) -> None:
        """The first Ctrl+C stops the server (the games get `QUIT_SECONDS` to quit); another
        while it stops kills every game at once, and never breaks off the stopping."""
        if not self.stopping:
            self.stopping = True
            raise GracefulExit()
        for game in list(self.games):
            game.kill()

    async def _make_app(self) -> web.Application:
        app = web.Application()
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.get("/ws/{key}", self.handle_websocket, name="websocket"),
                web.static("/static", self.statics_path, name="static"),
            ]
        )
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    async def on_startup(self, app: web.Application) -> None:
        url = page_url(self.host, self.port)
        print(f"Serving {self.title} on {url}", file=self.out)
        print(f"Open {url} in a web browser; each tab plays its own game.", file=self.out)
        print("Press Ctrl+C to stop.", file=self.out, flush=True)

    async def on_shutdown(self, app: web.Application) -> None:
        """End every game at once (asked to quit, killed after the time limit)."""
        await asyncio.gather(*(game.end() for game in list(self.games)))
        for ws in list(self.sockets):
            await ws.close(code=WSCloseCode.GOING_AWAY)

    # ---------------------------------------------------------------- checks

    def _check_host(self, request: web.Request) -> None:
        match = _HOST_HEADER.match(request.host)
        if match is None:
            raise web.HTTPBadRequest(text="Bad Host header.")
        if self.public:
            return
        name = match.group(1).strip("[]").lower()
        loopback = name == "localhost"
        if not loopback:
            try:
                loopback = ipaddress.ip_address(name).is_loopback
            except ValueError:
                loopback = False
        if not loopback:
            here = page_url(self.host, self.port)
            raise web.HTTPForbidden(text=f"This game is served to this machine only: {here}")

    def _check_websocket(self, request: web.Request) -> None:
        """The websocket is the served page's: its Origin (which a browser always sends and
        a page cannot change) is the served host, and it knows this launch's secret."""
        self._check_host(request)
        origin = request.headers.get("Origin")
        if origin is not None and not same_origin(origin, request.host):
            raise web.HTTPForbidden(text="This game is played from its own page only.")
        if not hmac.compare_digest(request.match_info["key"], self.secret):
            raise web.HTTPForbidden(text="This game address is out of date; reload the page.")

    def _player(self, request: web.Request) -> str | None:
        """The browser's player id (its cookie), when serving --public."""
        value = request.cookies.get(PLAYER_COOKIE, "")
        return value if _PLAYER_ID.match(value) else None

    def _saves_for(self, player: str | None) -> Path:
        return self.saves / player if player is not None else self.saves

    def _full_text(self) -> str:
        return (
            f"Every game is in use (this server runs {self.max_games} at once). Close a tab "
            "that plays, or try again in a minute."
        )

    # ---------------------------------------------------------------- handlers

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        self._check_host(request)
        if len(self.games) >= self.max_games:
            text = html.escape(self._full_text())
            return web.Response(
                status=503,
                content_type="text/html",
                text=f"<!doctype html><title>{html.escape(self.title)}</title><p>{text}</p>",
                headers={"Retry-After": "60"},
            )
        router = request.app.router
        ws_scheme = "wss" if request.scheme == "https" else "ws"
        ws_path = router["websocket"].url_for(key=self.secret)
        static = str(router["static"].url_for(filename="/")).rstrip("/") + "/"
        try:
            font_size = min(48, max(6, int(request.query.get("fontsize", "16")[:3])))
        except ValueError:
            font_size = 16
        context = {
            "font_size": font_size,
            "app_websocket_url": f"{ws_scheme}://{request.host}{ws_path}",
            "config": {"static": {"url": f"{request.scheme}://{request.host}{static}"}},
            "application": {"name": html.escape(self.title)},  # no autoescape there
        }
        response = aiohttp_jinja2.render_template("app_index.html", request, context)
        response.headers["Cache-Control"] = "no-store"  # the page holds this launch's secret
        if self.public and self._player(request) is None:
            response.set_cookie(
                PLAYER_COOKIE,
                secrets.token_hex(16),
                max_age=400 * 24 * 3600,
                httponly=True,
                samesite="Strict",
                secure=request.scheme == "https",
            )
        return response

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One tab's game, from the page's first size to the end of its process."""
        self._check_websocket(request)
        player = self._player(request) if self.public else None
        if self.public and player is None:
            raise web.HTTPForbidden(text="Open the game's page first (it gives you a player id).")
        width, height = clamp_size(request.query.get("width"), request.query.get("height"))
        websocket = web.WebSocketResponse(
            heartbeat=15, max_msg_size=MAX_MESSAGE_BYTES, timeout=CLOSE_SECONDS
        )
        await websocket.prepare(request)
        if len(self.games) >= self.max_games:
            await websocket.send_bytes(f"\r\n  {self._full_text()}\r\n".encode())
            await websocket.close(code=WSCloseCode.TRY_AGAIN_LATER)
            return websocket
        game = GameProcess(
            [*self.game_args, "--saves", str(self._saves_for(player))],
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=websocket.close,
            download_manager=self.download_manager,
        )
        self.games.add(game)
        self.sockets.add(websocket)
        try:
            await game.start(width, height)
            await self._relay(websocket, game)
        except (asyncio.CancelledError, ConnectionError):
            pass
        finally:
            try:
                await asyncio.shield(game.end(QUIT_SECONDS))  # still counted while it ends
            finally:
                self.games.discard(game)
                self.sockets.discard(websocket)
            await websocket.close()
        return websocket

    async def _relay(self, websocket: web.WebSocketResponse, game: GameProcess) -> None:
        """The page's messages to the game; a malformed one is skipped, said once per tab."""
        warned = False
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            parsed = parse_message(message.data)
            if parsed is None:
                if not warned:
                    log.warning("ignored a malformed message from a browser tab")
                    warned = True
                continue
            await game.handle(parsed, websocket)
