"""A real `hyosan serve` in a subprocess, on a free loopback port, with its own story and saves."""

from __future__ import annotations

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
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
