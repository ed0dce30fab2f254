"""`hyosan playtest` on the command line: options, the progress bar, `--replay`, exit codes.

Exit 0 when no crash, stuck state or loop without exit was found, 1 when one was, 2 when the
story does not check or a replayed step is refused. The story is opened through the compiled
cache, so a large story is not parsed and checked again on every run.
"""

from __future__ import annotations

import argparse
import json
import sys
import traceback
from pathlib import Path
from typing import Any, TextIO

from game.engine import GameError
from game.story import Story, StoryError
from game.storycache import open_story
from game.tools.playtest.exhaustive import DEFAULT_MAX_STATES, exhaustive_playtest
from game.tools.playtest.random_runs import (
    DEFAULT_RUNS,
    DEFAULT_STEPS,
    default_jobs,
    random_playtest,
)
from game.tools.playtest.report import format_report
from game.tools.playtest.steps import replay, take_step


class ProgressBar:
    """A one-line bar on a terminal; silent when the stream is not one."""

    def __init__(self, stream: TextIO, label: str) -> None:
        self.stream = stream
        self.label = label
        self.enabled = stream.isatty()
        self.last = -1

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total <= 0:
            return
        pct = min(100, done * 100 // total)
        if pct == self.last:
            return
        self.last = pct
        bar = "#" * (pct * 30 // 100)
        self.stream.write(f"\r{self.label} [{bar:<30}] {pct:3d}% {done}/{total}")
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()


def run_replay(story: Story, seed: int, path: list[str], out: TextIO) -> int:
    """Play `path` step by step, printing where each step leads; 1 on a crash or stuck state."""
    game = replay(story, seed, [])
    out.write(f"[start] {game.title} ({game.state.scene})\n")
    for token in path:
        try:
            take_step(game, token)
        except ValueError as e:
            out.write(f"error: {e}\n")
            return 2
        except GameError as e:
            out.write(f"[{token}] refused: {e}\n")
            return 2
        except Exception:
            out.write(f"[{token}] CRASH in scene '{game.state.scene}':\n")
            out.write(traceback.format_exc())
            return 1
        out.write(f"[{token}] {game.title} ({game.state.scene})\n")
    if game.ended is not None:
        out.write(f"ending: {game.ended.title} ({game.ended.id})\n")
    elif game.is_stuck:
        out.write(f"STUCK: no open choice in scene '{game.state.scene}'\n")
        return 1
    else:
        for i, c in enumerate(game.choices, 1):
            out.write(f"  {i}. {c.text}{'' if c.open else f' (closed: {c.reason})'}\n")
    return 0


def run_playtest(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    try:
        story = open_story(args.dir)
    except StoryError as e:
        for d in e.diagnostics:
            err.write(f"{d}\n")
        err.write("the story does not check; fix it first (hyosan check)\n")
        return 2
    where = str(args.dir) if args.dir is not None else "scenes"
    if args.replay is not None:
        return run_replay(story, args.seed, args.replay.split(), out)
    if args.exhaustive:
        bar = None if args.json else ProgressBar(err, "states")
        report = exhaustive_playtest(story, args.seed, args.max_states, args.steps, bar)
    else:
        jobs = args.jobs if args.jobs is not None else default_jobs(args.runs)
        report = random_playtest(
            story, args.runs, args.seed, args.steps, ProgressBar(err, "runs"), jobs
        )
    if args.json:
        out.write(json.dumps(report.to_json(), indent=2) + "\n")
    else:
        out.write(format_report(report, where) + "\n")
    return 1 if report.failed else 0


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def register(sub: Any) -> None:
    p = sub.add_parser(
        "playtest",
        help="play the story many times and report unreached scenes, stuck states, crashes",
        description="Seeded random playthroughs (or --exhaustive, a walk over every state); "
        "exits 1 on a crash, a stuck state or a loop without exit.",
    )
    p.add_argument("dir", nargs="?", type=Path, default=None, help="story folder")
    p.add_argument("--runs", type=_positive, default=DEFAULT_RUNS, help="random runs")
    p.add_argument("--seed", type=int, default=0, help="base seed (with --replay: the game's seed)")
    p.add_argument(
        "--steps", type=_positive, default=DEFAULT_STEPS, help="step bound of a run (or depth)"
    )
    p.add_argument("--exhaustive", action="store_true", help="breadth-first over every state")
    p.add_argument(
        "--max-states", type=_positive, default=DEFAULT_MAX_STATES, help="bound of --exhaustive"
    )
    p.add_argument(
        "--jobs", type=_positive, default=None, help="worker processes (default: one per core)"
    )
    p.add_argument("--json", action="store_true", help="machine-readable report")
    p.add_argument(
        "--replay", metavar="STEPS", default=None, help='replay steps such as "1 3 use:mop:1 2"'
    )
    p.set_defaults(func=lambda args: run_playtest(args, sys.stdout, sys.stderr))
