"""Figures timed as whole processes: the first frame, a 10,000-run playtest, the test suite."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.bench.common import ROOT, Figure


def bench_first_frame(story_dir: Path, label: str, target: float) -> list[Figure]:
    """Process start to the title's first frame, the game beside a minimal Textual app
    (`tests.bench.first_frame`): each the best of 9 after one warm-up run, interleaved,
    with bytecode caches written as on a player's machine."""
    with tempfile.TemporaryDirectory() as config:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["HYOSAN_CONFIG"] = config

        def once(kind: str) -> float:
            command = [sys.executable, "-m", "tests.bench.first_frame", kind, str(story_dir)]
            spawned = time.time()
            out = subprocess.run(
                command, check=True, cwd=ROOT, capture_output=True, text=True, env=env
            )
            return float(out.stdout.split()[-1]) - spawned

        times: dict[str, list[float]] = {"hyosan": [], "minimal": []}
        for kind in times:
            once(kind)  # warm-up: bytecode caches, the story's compiled cache
        for _ in range(9):
            for kind, kept in times.items():
                kept.append(once(kind))
    ours, minimal = min(times["hyosan"]), min(times["minimal"])
    return [
        Figure(
            f"process start to first frame of the title ({label})",
            ours * 1000,
            "ms",
            "minimal Textual app ms",
            minimal * 1000,
            f"<= {target}x",
            ours / minimal <= target,
        )
    ]


def _timed(command: list[str], env: dict[str, str] | None = None) -> float:
    t = time.perf_counter()
    subprocess.run(command, check=False, cwd=ROOT, capture_output=True, env=env)
    return time.perf_counter() - t


def bench_playtest(story_dir: Path, label: str) -> list[Figure]:
    """`hyosan playtest --runs 10000` as a player runs it: the story from a warm cache."""
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "HYOSAN_CACHE": cache}

        def playtest(runs: int) -> list[str]:
            game = [sys.executable, "-m", "game", "playtest", str(story_dir), "--json"]
            return [*game, "--runs", str(runs), "--seed", "1"]

        _timed(playtest(1), env)  # fills the cache
        startup = min(_timed(playtest(1), env) for _ in range(3))
        full = _timed(playtest(10_000), env)
    return [
        Figure(
            f"playtest --runs 10000 ({label})",
            full,
            "s",
            "playtest --runs 1 s",
            startup,
            "< 5 s",
            full < 5,
        )
    ]


def bench_suite() -> list[Figure]:
    """The README's test command, beside collecting the same tests (start-up and imports)."""
    pytest = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    collect = _timed([*pytest, "--collect-only"])
    whole = _timed([*pytest, "-n", "2"])
    return [
        Figure(
            "test suite, pytest -n 2",
            whole,
            "s",
            "pytest --collect-only s",
            collect,
            "<= 60 s",
            whole <= 60,
        )
    ]
