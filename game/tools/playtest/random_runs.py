"""Random runs: seeded playthroughs that pick open choices, item actions and undo at random.

Run `n` of a playtest seeded `seed` plays a game seeded `run_seed(seed, n)`, so any run can be
replayed alone, and the runs split over worker processes give the report one process would.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import time
from collections.abc import Callable, Iterator

from game.engine import Game
from game.engine.rng import MASK
from game.story import Story
from game.tools.playtest.chance import ForcedGame, playtest_game
from game.tools.playtest.report import Problem, Report
from game.tools.playtest.tally import Tally

P_UNDO = 0.05
P_ITEM = 0.10
DEFAULT_RUNS = 1000
DEFAULT_STEPS = 500

_SPREAD = (0x9E3779B97F4A7C15, 0xBF58476D1CE4E5B9, 0x94D049BB133111EB)
"""splitmix64's mixer, used here only to spread run numbers into game seeds. The playtest
does not depend on how the engine draws (chance goes through `chance`); changing these would
only change which seed each run reports."""


def run_seed(seed: int, run: int) -> int:
    """The game seed of run `run`: well spread, so neighbouring runs play differently."""
    golden, mix1, mix2 = _SPREAD
    z = (seed * golden + run + 1) & MASK
    z = ((z ^ (z >> 30)) * mix1) & MASK
    z = ((z ^ (z >> 27)) * mix2) & MASK
    return (z ^ (z >> 31)) & 0xFFFF_FFFF


class _RandomRun:
    """One seeded playthrough of at most `steps` steps, counted into a tally."""

    def __init__(self, story: Story, seed: int, tally: Tally) -> None:
        self.story = story
        self.seed = seed
        self.tally = tally
        self.rnd = random.Random(seed)
        self.path: list[str] = []
        self.game: ForcedGame | None = None

    def play(self, steps: int) -> None:
        try:
            self._play(steps)
        except Exception as e:
            scene = self.game.state.scene if self.game is not None else self.story.info.start
            self.tally.crash(e, scene, self.seed, self.path)

    def _play(self, steps: int) -> None:
        start = Game.new(self.story, seed=self.seed)
        self.tally.note_start(start)
        game = self.game = playtest_game(self.story, start.state)
        for _ in range(steps):
            if self._ended(game) or not self._step(game):
                return
        if not self._ended(game):
            self._problem("loop", game, f"no ending after {steps} steps")

    def _ended(self, game: ForcedGame) -> bool:
        ending = game.state.ending
        if ending is None:
            return False
        self.tally.note_ending(ending, len(self.path))
        return True

    def _problem(self, kind: str, game: ForcedGame, detail: str) -> None:
        scene = game.state.scene
        self.tally.problem((kind, scene), Problem(kind, scene, detail, self.seed, self.path))

    def _step(self, game: ForcedGame) -> bool:
        """Undo, use an item or take a choice; False when there is no open choice."""
        plans = game.open_plans()
        open_indexes = [i for i, p in enumerate(plans) if p is not None]
        if not open_indexes:
            self._problem("stuck", game, "no open choice outside an ending")
            return False
        r = self.rnd.random()
        if r < P_UNDO and game.can_undo:
            game.undo()
            self.path.append("undo")
            return True
        if r < P_UNDO + P_ITEM and self._use_item(game):
            return True
        i = open_indexes[int(self.rnd.random() * len(open_indexes))]
        plan = plans[i]
        assert plan is not None
        self.path.append(str(i + 1))
        self.tally.choices.add((game.state.scene, plan.index))
        game.choose(i)
        self.tally.note_step(game)
        return True

    def _use_item(self, game: ForcedGame) -> bool:
        actions = game.open_actions()
        if not actions:
            return False
        iid, ai = actions[int(self.rnd.random() * len(actions))]
        self.path.append(f"use:{iid}:{ai + 1}")
        self.tally.actions.add((iid, ai))
        game.use_item(iid, ai)
        self.tally.note_step(game)
        return True


def _run_range(story: Story, seed: int, steps: int, first: int, last: int) -> Tally:
    tally = Tally()
    for run in range(first, last):
        _RandomRun(story, run_seed(seed, run), tally).play(steps)
    return tally


_FORKED: tuple[Story, int, int] | None = None
"""The story a forked worker plays: inherited from the parent, never pickled."""


def _forked_range(bounds: tuple[int, int]) -> Tally:
    assert _FORKED is not None
    story, seed, steps = _FORKED
    return _run_range(story, seed, steps, *bounds)


def default_jobs(runs: int) -> int:
    """Worker processes for `runs` runs: one per core (at most 8), one for small batches."""
    if runs < 2000 or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(8, os.cpu_count() or 1))


def random_playtest(
    story: Story,
    runs: int = DEFAULT_RUNS,
    seed: int = 0,
    steps: int = DEFAULT_STEPS,
    progress: Callable[[int, int], None] | None = None,
    jobs: int = 1,
) -> Report:
    """`runs` seeded random playthroughs of at most `steps` steps each.

    The result does not depend on `jobs`: runs are split into contiguous chunks whose tallies
    are merged in order, exactly as one process would have met them.
    """
    started = time.perf_counter()
    chunk = max(1, min(500, runs // max(1, jobs * 4)))
    bounds = [(i, min(runs, i + chunk)) for i in range(0, runs, chunk)]
    tally = Tally()
    if progress is not None:
        progress(0, runs)
    if jobs > 1 and len(bounds) > 1:
        parts = _in_workers(story, seed, steps, bounds, jobs)
    else:
        parts = (_run_range(story, seed, steps, first, last) for first, last in bounds)
    for part, (_, last) in zip(parts, bounds, strict=True):
        tally.merge(part)
        if progress is not None:
            progress(last, runs)
    report = tally.report(story, Report(story.id, "random", seed, runs, steps))
    report.seconds = round(time.perf_counter() - started, 3)
    return report


def _in_workers(
    story: Story, seed: int, steps: int, bounds: list[tuple[int, int]], jobs: int
) -> Iterator[Tally]:
    """Each chunk's tally as it is done, played by `jobs` forked processes, in the order of
    `bounds`."""
    global _FORKED
    _FORKED = (story, seed, steps)
    for sid in story.scenes:  # a cached story compiles scenes on first use: once, here,
        story.scenes[sid]  # not in every worker and again for the report
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            yield from pool.imap(_forked_range, bounds)
    finally:
        _FORKED = None
