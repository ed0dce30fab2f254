"""A real `hyosan serve` in a subprocess, on a free loopback port, with its own story and saves."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import STARTER

STARTUP_SECONDS = 20


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve_args(*args: str) -> list[str]:
    return [sys.executable, "-m", "game", "serve", *args]


@dataclass
class Served:
    process: subprocess.Popen[str]
    url: str
    port: int
    saves: Path

    def stop(self) -> tuple[int, str, str]:
        """Ctrl+C as a terminal sends it (to the whole process group); exit status and output."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
        out, err = self.process.communicate(timeout=STARTUP_SECONDS)
        return self.process.returncode, out, err

    def autosaved_scene(self) -> str | None:
        path = self.saves / "autosave.json"
        try:
            return str(json.loads(path.read_text(encoding="utf-8"))["state"]["scene"])
        except (OSError, ValueError):
            return None


def wait_for_page(url: str, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            time.sleep(0.1)
    raise AssertionError(f"no page at {url} after {STARTUP_SECONDS}s")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    """The server on a free port; scenes in a folder whose name has a space (quoting)."""
    scenes = tmp_path / "my scenes"
    shutil.copytree(STARTER, scenes)
    saves = tmp_path / "saves"
    port = free_port()
    process = subprocess.Popen(
        serve_args("--port", str(port), "--scenes", str(scenes), "--saves", str(saves)),
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_page(url, process)
        yield Served(process, url, port, saves)
    finally:
        stop_server(process)


def stop_server(process: subprocess.Popen[str]) -> None:
    """Ctrl+C first, so the server ends its games (each in a process group of its own, which
    a SIGKILL of the server's group would leave running); SIGKILL only if that hangs."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGINT)
    try:
        process.communicate(timeout=STARTUP_SECONDS)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()


FAKE_GAME = Path(__file__).with_name("fake_game.py")
FAKE_SERVER = """
import sys
from pathlib import Path
from game import serve
port, scenes, saves, public, max_games, record, mode = sys.argv[1:]
sys.exit(serve.run_serve(
    "127.0.0.1", int(port), Path(scenes), Path(saves), public == "public",
    sys.stdout, sys.stderr, max_games=int(max_games),
    game_args=[sys.executable, {fake!r}, record, mode],
))
"""


@dataclass
class FakeServed(Served):
    record: Path
    log: Path

    def entries(self) -> list[dict[str, Any]]:
        """What the fake games recorded (see fake_game.py)."""
        try:
            lines = self.record.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return []
        return [json.loads(line) for line in lines]

    def games(self) -> list[dict[str, Any]]:
        return [e for e in self.entries() if "pid" in e]

    def errors(self) -> str:
        """What the server wrote to stderr so far."""
        return self.log.read_text(encoding="utf-8")

    def stop(self) -> tuple[int, str, str]:
        status, out, _ = super().stop()
        return status, out, self.errors()

    def end(self) -> None:
        """Kill the server and every fake game it started, whatever state they are in."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.communicate()
        for game in self.games():
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(int(game["pgid"]), signal.SIGKILL)


def start_fake(
    folder: Path, mode: str = "quits", max_games: int = 8, public: bool = False
) -> FakeServed:
    """`hyosan serve` on a free port whose tabs run fake_game.py in MODE (quits or hangs)."""
    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    saves, record, log = folder / "saves", folder / "games.jsonl", folder / "server.err"
    script = FAKE_SERVER.format(fake=str(FAKE_GAME))
    args = [str(port), str(STARTER), str(saves), "public" if public else "local"]
    with log.open("w", encoding="utf-8") as err:
        process = subprocess.Popen(
            [sys.executable, "-c", script, *args, str(max_games), str(record), mode],
            cwd=Path(__file__).resolve().parents[2],
            stdout=subprocess.PIPE,
            stderr=err,
            text=True,
            start_new_session=True,
        )
    served = FakeServed(process, f"http://127.0.0.1:{port}", port, saves, record, log)
    try:
        wait_for_page(served.url, process)
    except BaseException:
        served.end()
        raise
    return served


def alive(pid: int) -> bool:
    """Whether `pid` runs (a zombie, waiting for its parent to read its status, does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return True
