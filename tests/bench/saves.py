"""Saves of a 500-choice game: serialising, the file's size, a whole save, a restore."""

from __future__ import annotations

import copy
import importlib
import json
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from game.engine import Game
from game.saves import SaveFolder
from game.saves.fit import writable
from game.story import Story, load_story
from tests.bench.common import Figure, best, cpu, deep_game


def bench_save(story_dir: Path, label: str) -> list[Figure]:
    story = load_story(story_dir)
    game = deep_game(story)
    state = game.state
    plain = json.loads(state.model_dump_json())
    now = datetime.now(UTC)
    # what a save does before the disk: the document, its bytes, the reader's check of them;
    # an autosave after one more choice (the folder kept what it wrote at the choice before)
    auto, caches = _one_choice_on(story)
    serialise = best(lambda: writable(auto, now, now, 1.0, caches.pop()), repeat=20, clock=cpu)
    # the first save after a restore: nothing kept, every page and undo point encoded
    first = best(lambda: writable(game, now, now, 1.0), repeat=20, clock=cpu)
    base_serialise = best(lambda: json.dumps(plain), repeat=20, clock=cpu)
    progress = len(state.progress().model_dump_json().encode())
    with tempfile.TemporaryDirectory() as tmp:
        folder = SaveFolder(Path(tmp) / "saves")
        folder.save("bench", game, 1.0)
        data = folder.file_for("bench").read_bytes()
        whole = best(lambda: folder.save("bench", game, 1.0), repeat=10)
        restore = best(lambda: folder.load("bench", story), repeat=20, clock=cpu)

        def bare_write() -> None:
            with open(Path(tmp) / "bare.json", "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())

        base_write = best(bare_write, repeat=10)
    parse = best(lambda: json.loads(data), repeat=20, clock=cpu)
    return [
        Figure(
            f"autosave document, bytes and check, one choice on ({label}, turn "
            f"{auto.state.turn}, undo {len(auto.state.undo)})",
            serialise * 1000,
            "ms",
            "json.dumps of the whole state ms",
            base_serialise * 1000,
            "< 2 ms",
            serialise < 0.002,
        ),
        Figure(
            f"first save after a restore, document, bytes and check ({label})",
            first * 1000,
            "ms",
            "json.dumps of the whole state ms",
            base_serialise * 1000,
            "-",
            None,
        ),
        Figure(
            f"save file of a 500-choice game ({label})",
            len(data) / 1024,
            "KiB",
            "the state without log and undo KiB",
            progress / 1024,
            "<= 100 KiB",
            len(data) <= 100 * 1024,
        ),
        Figure(
            f"whole save with fsync ({label})",
            whole * 1000,
            "ms",
            "bare write+fsync of the file ms",
            base_write * 1000,
            "<= 3 ms",
            whole <= 0.003,
        ),
        Figure(
            f"restore a 500-choice game, SaveFolder.load ({label})",
            restore * 1000,
            "ms",
            "json.loads of the same file ms",
            parse * 1000,
            "<= 3 ms, <= 3x",
            restore <= 0.003 and restore <= 3 * parse,
        ),
    ]


def _one_choice_on(story: Story) -> tuple[Game, list[Any]]:
    """The benchmark game one choice further (a page and an undo point added, the oldest
    undo point gone), and copies of what its folder kept when it saved a choice before."""
    game = deep_game(story)
    kept = _kept()
    now = datetime.now(UTC)
    writable(game, now, now, 1.0, kept)
    options = [i for i, c in enumerate(game.choices) if c.open]
    game.choose(options[0])
    copies = []
    for _ in range(20):
        twin = copy.copy(kept)
        for name, value in vars(twin).items():
            if isinstance(value, dict):
                setattr(twin, name, dict(value))
        copies.append(twin)
    return game, copies


def _kept() -> Any:
    """What a save folder keeps between saves, in this revision or an older (--against)."""
    try:
        return importlib.import_module("game.saves.encode").FileCache()
    except ImportError:  # before FileCache: the pages only
        return importlib.import_module("game.saves.compact").LogCache()
