"""Only regular files are read: a FIFO named like a save must not hang the game."""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from game.engine import Game
from game.saves import SaveError, SaveFolder
from game.story import Story

WAIT_SECONDS = 5


def finishes(call: Callable[[], object], fifos: list[Path]) -> object:
    """`call()`'s result; fails (and unblocks it) if it is still running after a few seconds."""
    result: list[object] = []
    thread = threading.Thread(target=lambda: result.append(call()), daemon=True)
    thread.start()
    thread.join(WAIT_SECONDS)
    if thread.is_alive():
        for fifo in fifos:  # a writer lets a blocked reader go on
            with contextlib.suppress(OSError):
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        thread.join(WAIT_SECONDS)
        pytest.fail(f"{call} hung on a FIFO")
    return result[0] if result else None


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs (POSIX)")
def test_a_fifo_named_like_a_save_is_listed_as_broken_not_read(
    starter: Story, folder: SaveFolder
) -> None:
    folder.save("good", Game.new(starter, "Ji-ho", seed=1), 1)
    fifos = [folder.path / "pipe.json", folder.path / "endings.json"]
    for fifo in fifos:
        os.mkfifo(fifo)

    infos = finishes(folder.slots, fifos)
    assert isinstance(infos, list)
    assert sorted((i.name, i.problem or "") for i in infos) == [
        ("good", ""),
        ("pipe", "it is not a regular file"),
    ]

    def load() -> str:
        try:
            folder.load("pipe", starter)
        except SaveError as e:
            return str(e)
        return "loaded"

    expected = f"Could not load {folder.path / 'pipe.json'}: it is not a regular file."
    assert finishes(load, fifos) == expected
    assert finishes(lambda: folder.endings_reached("starter"), fifos) == set()
    assert finishes(lambda: folder.latest(), fifos) is not None
