"""`hyosan serve`: the same Textual game in a web browser, through textual-serve.

textual-serve answers the page, and for each browser tab (each websocket) starts one
`hyosan play` process with Textual's web driver, relaying its terminal to xterm.js in the page.
So there is no second UI to keep in step: the browser plays exactly the terminal game.

This module is the command: its checks before serving (the address, the port, the story) and
its options. The server itself, and what it refuses a page, is `game.serve_server`; one tab's
game process is `game.serve_game`. It binds to 127.0.0.1 unless told otherwise with
`--public`: the README says what serving others guarantees and what it does not.
"""

from __future__ import annotations

import argparse
import errno
import ipaddress
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
DEFAULT_MAX_GAMES = 8
"""Games at once (each a process of about 50 MB)."""


def play_args(scenes: Path | None) -> list[str]:
    """The game each tab runs: `python -m game play`, the story folder absolute, so every game
    plays the same story wherever it starts. The save folder is added per player."""
    args = [sys.executable, "-m", "game", "play"]
    if scenes is not None:
        args += ["--scenes", str(scenes.resolve())]
    return args


def play_command(scenes: Path | None, saves: Path) -> str:
    """`play_args` with a save folder, as one shell-quoted line (what the server runs)."""
    return shlex.join([*play_args(scenes), "--saves", str(saves.resolve())])


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


def make_server(
    game_args: list[str],
    saves: Path,
    host: str,
    port: int,
    title: str,
    public: bool,
    max_games: int,
    out: TextIO,
) -> Any:
    """The server (see `game.serve_server`); imported here, when serving, because aiohttp and
    textual-serve take half a second to import and every `hyosan` command builds the parser
    this module adds to."""
    from game.serve_server import GameServer

    return GameServer(game_args, saves, host, port, title, public, max_games, out)


def run_serve(
    host: str,
    port: int,
    scenes: Path | None,
    saves: Path | None,
    public: bool,
    out: TextIO,
    err: TextIO,
    max_games: int = DEFAULT_MAX_GAMES,
    game_args: list[str] | None = None,
) -> int:
    """Serve the game until Ctrl+C; returns the exit status (2 refused, 1 could not serve).

    `game_args` is the command each tab runs (default: `play_args`), `--saves DIR` added."""
    try:
        addresses = host_addresses(host, port)
    except OSError as e:
        print(f"Cannot serve on {host!r}: no such address on this machine ({e}).", file=err)
        return 2
    if not public and not is_loopback(addresses):
        print(
            f"Refusing to serve on {host}: other machines could reach the game there. Add "
            "--public if that is what you want (read what it means in the README), or leave "
            f"out --host to serve on {DEFAULT_HOST} (this machine only).",
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
            f"Warning: serving on {host} (--public). Everyone who can reach {host}:{port} can "
            f"play, up to {max_games} games at once. Each browser saves in a folder of its own "
            f"under {save_dir}; there are no accounts and no encryption (plain http).",
            file=err,
        )
    if port_in_use(host, port):
        print(busy_port_message(port), file=err)
        return 1
    args = game_args if game_args is not None else play_args(scenes)
    server = make_server(args, save_dir, host, port, story.title, public, max_games, out)
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


def _max_games(text: str) -> int:
    try:
        count = int(text)
    except ValueError:
        count = 0
    if not 1 <= count <= 1000:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of games (1 to 1000)")
    return count


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
        description=f"Serves the game at http://{DEFAULT_HOST}:{DEFAULT_PORT} by default, to "
        "this machine only. On this machine every tab shares the save folder; with --public "
        "each browser gets a save folder of its own.",
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
        help="allow an address other machines can reach (each browser saves apart)",
    )
    p.add_argument(
        "--max-games",
        type=_max_games,
        default=DEFAULT_MAX_GAMES,
        help=f"games at once; more tabs are told to wait (default: {DEFAULT_MAX_GAMES})",
    )

    def _run(args: argparse.Namespace) -> int:
        return run_serve(
            args.host,
            args.port,
            args.scenes,
            args.saves,
            args.public,
            sys.stdout,
            sys.stderr,
            max_games=args.max_games,
        )

    p.set_defaults(func=_run)
