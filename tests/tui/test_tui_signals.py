"""SIGTERM and SIGHUP end the full-screen game as `q` does: the game is saved and the
terminal is given back (the alternate screen left, the cursor shown). Run in a real pty."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from game.saves import AUTOSAVE, SaveFolder
from game.story import Story
from tests.conftest import STARTER

ROOT = Path(__file__).resolve().parents[2]


class Terminal:
    def __init__(self, saves: Path) -> None:
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        args = ["-m", "game", "play", "--scenes", str(STARTER), "--saves", str(saves)]
        self.process = subprocess.Popen(
            [sys.executable, *args],
            cwd=ROOT,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            start_new_session=True,
        )
        os.close(slave)
        self.out = b""

    def read_until(self, wanted: bytes, seconds: float = 20) -> bool:
        end = time.monotonic() + seconds
        while wanted not in self.out and time.monotonic() < end:
            ready, _, _ = select.select([self.master], [], [], 0.1)
            if not ready:
                continue
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return False
            if not chunk:
                return False
            self.out += chunk
        return wanted in self.out

    def type(self, text: bytes) -> None:
        os.write(self.master, text)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_signal_saves_the_game_and_restores_the_terminal(
    tmp_path: Path, starter: Story, sig: signal.Signals
) -> None:
    saves = tmp_path / "saves"
    term = Terminal(saves)
    try:
        assert term.read_until(b"New game")
        term.type(b"\r")
        assert term.read_until(b"What is your name?")
        term.type(b"\r")
        assert term.read_until(b"Barricade")
        shown = len(term.out)
        term.process.send_signal(sig)
        term.read_until(b"Continue picks it up", seconds=10)
        assert term.process.wait(10) == 128 + sig
    finally:
        term.process.kill()
        os.close(term.master)
    after = term.out[shown:]
    assert b"\x1b[?1049l" in after and b"\x1b[?25h" in after  # left the alternate screen
    assert b"Game saved: Ji-ho at Class 2-5" in after
    assert SaveFolder(saves).load(AUTOSAVE, starter).state.scene == "classroom"


def test_a_closed_stdin_is_said_not_raised(tmp_path: Path) -> None:
    result = subprocess.run(
        ["bash", "-c", f"{sys.executable} -m game play --scenes {STARTER} --saves {tmp_path} <&-"],
        cwd=ROOT,
        capture_output=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr.decode() == (
        "hyosan: standard input or output is closed: the full-screen game needs a terminal "
        "(`hyosan play --plain` reads and writes lines).\n"
    )
