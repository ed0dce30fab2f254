"""`hyosan serve`: the same Textual game in a web browser, through textual-serve.

textual-serve answers the page, and for each browser tab (each websocket) starts one
`hyosan play` process with Textual's web driver, relaying its terminal to xterm.js in the page.
So there is no second UI to keep in step: the browser plays exactly the terminal game.

It binds to 127.0.0.1 unless told otherwise with `--public`, because every player it reaches
shares one save folder.
"""

from __future__ import annotations

import argparse
import asyncio
import errno
import html
import ipaddress
import logging
import re
import shlex
import socket
import sys
from pathlib import Path
from typing import Any, TextIO

from game.saves import default_save_dir
from game.story import StoryError, load_story
from game.story.diagnostics import summary

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
GAME_EXIT_SECONDS = 5

_HOST_HEADER = re.compile(r"^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:[0-9]{1,5})?$")
"""A Host header that is a name or an address, with an optional port: nothing to escape."""


def play_command(scenes: Path | None, saves: Path) -> str:
    """The shell command textual-serve runs for each tab: `python -m game play`, absolute paths
    (quoted), so every game uses the same story and save folder wherever the shell starts.

    Ctrl+C in the server's terminal reaches these games too; Textual's web driver takes it as
    "exit", so they stop cleanly while the server closes their sockets."""
    args = [sys.executable, "-m", "game", "play"]
    if scenes is not None:
        args += ["--scenes", str(scenes.resolve())]
    args += ["--saves", str(saves.resolve())]
    return shlex.join(args)


def host_addresses(host: str, port: int) -> list[str]:
    """The addresses `host` stands for; raises OSError (socket.gaierror) when it has none."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})


def is_loopback(addresses: list[str]) -> bool:
    """True when every address is on this machine only (127.0.0.0/8, ::1)."""
    return bool(addresses) and all(
        ipaddress.ip_address(a.split("%")[0]).is_loopback for a in addresses
    )


def port_in_use(host: str, port: int) -> bool:
    """True when another program already listens on `port` at one of `host`'s addresses."""
    for family, kind, proto, _, address in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM):
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server does
            try:
                probe.bind(address)
            except OSError as e:
                if e.errno == errno.EADDRINUSE:
                    return True
    return False


def page_url(host: str, port: int) -> str:
    """The address to open; a wildcard bind is opened on this machine as 127.0.0.1."""
    if host in ("0.0.0.0", "::", ""):
        host = "127.0.0.1"
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}"


def busy_port_message(port: int) -> str:
    return f"Port {port} is already in use; pick another with --port"


async def _ended(process: asyncio.subprocess.Process | None) -> None:
    """Wait for a game process to exit; one that hangs after being told to quit is killed."""
    if process is None:
        return
    try:
        await asyncio.wait_for(process.wait(), GAME_EXIT_SECONDS)
    except TimeoutError:
        process.kill()
        await process.wait()


def make_server(command: str, host: str, port: int, title: str, public: bool, out: TextIO) -> Any:
    """A textual-serve server for `command`. aiohttp and textual-serve are imported here, when
    serving, because they take half a second to import and every `hyosan` command builds the
    parser this module adds to."""
    import aiohttp_jinja2
    from aiohttp import web
    from textual_serve.server import Server

    class GameServer(Server):
        """textual-serve's server with three changes:

        - the page's links use the address the browser asked for, not the bind address, so a
          server bound to 0.0.0.0 works from other machines;
        - bound to loopback, it answers only requests addressed to a loopback name, so a web page
          elsewhere cannot reach it by pointing its own name at 127.0.0.1 (DNS rebinding);
        - it logs only warnings, and says where to go in a line of its own.
        """

        def __init__(
            self, command: str, host: str, port: int, title: str, public: bool, out: TextIO
        ) -> None:
            super().__init__(command, host=host, port=port, title=title)
            self.public = public
            self.out = out
            self.games: dict[asyncio.Task[Any] | None, Any] = {}
            """The game (textual-serve's AppService) each websocket's task runs."""

        def initialize_logging(self) -> None:
            logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s")

        async def on_startup(self, app: web.Application) -> None:
            url = page_url(self.host, self.port)
            print(f"Serving {self.title} on {url}", file=self.out)
            print(f"Open {url} in a web browser; each tab plays its own game.", file=self.out)
            print("Press Ctrl+C to stop.", file=self.out, flush=True)

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

        async def handle_index(self, request: web.Request) -> web.Response:
            self._check_host(request)
            router = request.app.router
            ws_scheme = "wss" if request.scheme == "https" else "ws"
            static = str(router["static"].url_for(filename="/")).rstrip("/") + "/"
            try:
                font_size = int(request.query.get("fontsize", "16"))
            except ValueError:
                font_size = 16
            context = {
                "font_size": font_size,
                "app_websocket_url": f"{ws_scheme}://{request.host}{router['websocket'].url_for()}",
                "config": {"static": {"url": f"{request.scheme}://{request.host}{static}"}},
                "application": {"name": html.escape(self.title)},  # no autoescape there
            }
            return aiohttp_jinja2.render_template("app_index.html", request, context)

        async def _process_messages(self, websocket: web.WebSocketResponse, game: Any) -> None:
            self.games[asyncio.current_task()] = game
            await super()._process_messages(websocket, game)

        async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
            """One tab's game. textual-serve stops the game but does not wait for its process
            to end; waiting here means none is left running (or reported as leaked) when the
            server stops."""
            self._check_host(request)
            try:
                response: web.WebSocketResponse = await super().handle_websocket(request)
            finally:
                game = self.games.pop(asyncio.current_task(), None)
                await _ended(getattr(game, "_process", None))
            return response

    return GameServer(command, host, port, title, public, out)


def run_serve(
    host: str,
    port: int,
    scenes: Path | None,
    saves: Path | None,
    public: bool,
    out: TextIO,
    err: TextIO,
) -> int:
    """Serve the game until Ctrl+C; returns the exit status (2 refused, 1 could not serve)."""
    try:
        addresses = host_addresses(host, port)
    except OSError as e:
        print(f"Cannot serve on {host!r}: no such address on this machine ({e}).", file=err)
        return 2
    if not public and not is_loopback(addresses):
        print(
            f"Refusing to serve on {host}: other machines could reach the game there, and every "
            "player shares one save folder. Add --public if that is what you want, or leave out "
            f"--host to serve on {DEFAULT_HOST} (this machine only).",
            file=err,
        )
        return 2
    try:
        story = load_story(scenes)
    except StoryError as e:
        where = scenes if scenes is not None else "The shipped story"
        print(f"{where}: the story does not load ({summary(e.diagnostics)}).", file=err)
        print(f"Run `hyosan check {scenes or ''}`".rstrip() + " to list the problems.", file=err)
        return 1
    save_dir = default_save_dir(saves).resolve()
    if public:
        print(
            f"Warning: serving on {host} (--public). Everyone who can reach {host}:{port} "
            f"plays with the same save folder, {save_dir}: they can load, overwrite and delete "
            "each other's saves.",
            file=err,
        )
    if port_in_use(host, port):
        print(busy_port_message(port), file=err)
        return 1
    server = make_server(play_command(scenes, save_dir), host, port, story.title, public, out)
    try:
        server.serve()
    except OSError as e:
        if e.errno == errno.EADDRINUSE:
            print(busy_port_message(port), file=err)
        else:
            print(f"Cannot serve on {host}:{port}: {e.strerror or e}", file=err)
        return 1
    except KeyboardInterrupt:
        pass
    print("Stopped.", file=out)
    return 0


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        port = 0
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (1 to 65535)")
    return port


def register(sub: Any) -> None:
    p = sub.add_parser(
        "serve",
        help="play in a web browser: serve the game, one game process per browser tab",
        description=f"Serves the game at http://{DEFAULT_HOST}:{DEFAULT_PORT} by default. "
        "Every tab shares the save folder.",
    )
    p.add_argument(
        "--host", default=DEFAULT_HOST, help=f"address to bind (default: {DEFAULT_HOST})"
    )
    p.add_argument(
        "--port", type=_port, default=DEFAULT_PORT, help=f"port (default: {DEFAULT_PORT})"
    )
    p.add_argument("--scenes", type=Path, default=None, help="story folder (default: shipped)")
    p.add_argument("--saves", type=Path, default=None, help="save folder (default: saves/)")
    p.add_argument(
        "--public",
        action="store_true",
        help="allow an address other machines can reach (they share the save folder)",
    )

    def _run(args: argparse.Namespace) -> int:
        return run_serve(
            args.host, args.port, args.scenes, args.saves, args.public, sys.stdout, sys.stderr
        )

    p.set_defaults(func=_run)
