"""SIGKILL a process that saves in a loop, at random moments: the slot always loads."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.saves import SaveFolder
from game.story import Story

SAVER = """
import sys
from pathlib import Path
from game.engine import Game
from game.saves import SaveFolder
from game.story import load_story

story = load_story(sys.argv[1])
folder = SaveFolder(Path(sys.argv[2]))
offset = int(sys.argv[3])
n = 0
while True:
    game = Game.new(story, "P" * (1 + n % 30), seed=n)
    for step in range(n % 4):
        game.choose(len(game.choices) - 1 if step % 2 else 0)
    folder.save("slot", game, float(offset + n))
    if n == 0:
        print("saved", flush=True)
    n += 1
"""

ROUNDS = 8


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
def test_a_killed_save_leaves_a_loadable_slot(starter: Story, tmp_path: Path) -> None:
    folder = SaveFolder(tmp_path / "saves")
    rng = random.Random(1234)
    seen_play_seconds = set()
    for round_ in range(ROUNDS):
        proc = subprocess.Popen(
            [sys.executable, "-c", SAVER, str(starter.root), str(folder.path), str(round_ * 10**6)],
            cwd=Path(__file__).resolve().parents[2],
            stdout=subprocess.PIPE,
        )
        try:
            assert proc.stdout is not None
            assert proc.stdout.readline() == b"saved\n", "the saver never saved"
            time.sleep(rng.uniform(0.0, 0.2))
        finally:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
        assert proc.returncode == -signal.SIGKILL
        loaded = folder.load("slot", starter)
        assert not any(n.startswith("Loaded from the backup") for n in loaded.notes)
        seen_play_seconds.add(loaded.play_seconds)
        [info] = folder.slots()
        assert info.problem is None
    assert len(seen_play_seconds) == ROUNDS, "a round never saved"
    assert any(s % 10**6 > 0 for s in seen_play_seconds), "no kill came after a first save"
