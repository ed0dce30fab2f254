"""What every benchmark shares: a figure beside its baseline, and best-of timing.

Machines are noisy: each timing is the best of several repeats, and targets are judged on
ratios wherever the issue states them as ratios, the baseline measured in the same run.
"""

from __future__ import annotations

import gc
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from game.engine import Game
from game.story import Story

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Figure:
    name: str
    value: float
    unit: str
    baseline_name: str
    baseline: float
    target: str
    ok: bool | None

    @property
    def ratio(self) -> float:
        return self.value / self.baseline if self.baseline else float("nan")


def best(
    fn: Callable[[], object], repeat: int = 3, clock: Callable[[], float] = time.perf_counter
) -> float:
    """Best time of `repeat` runs, in seconds: wall time, or `clock` (`time.process_time`
    for work that never waits, which other processes on a busy machine disturb less)."""
    times = []
    for _ in range(repeat):
        gc.collect()
        t = clock()
        fn()
        times.append(clock() - t)
    return min(times)


cpu = time.process_time
"""The clock for figures that are pure computation (no disk, no other process)."""


def deep_game(story: Story, depth: int = 500) -> Game:
    """A game `depth` choices long: a choice that ends the game is undone and another tried."""
    rng = random.Random(7)
    game = Game.new(story, seed=7)
    misses = 0
    while game.state.turn < depth:
        options = [i for i, c in enumerate(game.choices) if c.open]
        if options:
            game.choose(rng.choice(options))
        if game.ended is None and options:
            misses = 0
            continue
        misses += 1
        for _ in range(1 + misses // 10):
            game.undo()
    return game
