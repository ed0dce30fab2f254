"""`hyosan playtest`: play a story thousands of times to find its bugs before a player does.

Two modes over the engine's `Game`, never a copy of its rules:

- random runs (`random_runs`): each run is seeded from `--seed` and its number (the Game gets
  that seed too), picks open choices at random, sometimes uses an open item action,
  sometimes undoes;
- `--exhaustive` (`exhaustive`): a breadth-first walk over distinct game states (`state_keys`),
  trying every choice, every open item action, every branch target and both outcomes of an
  infection roll.

Every problem comes with a path of steps that reproduces it (`--replay`, `steps`).
Path steps: `3` takes the third choice shown; `3@hall` forces a branch to `hall`; a suffix
`~hybrid` or `~zombie` forces the infection roll of that step; `use:item:1` uses an item's
first action; `undo` undoes.

Chance decided from outside lives in one module, `chance`; what the runs found is counted and
printed by `report`; `cli` is the command line.
"""

from game.tools.playtest.chance import ROLLS, ForcedGame, ForcedOutcomes
from game.tools.playtest.cli import register, run_playtest, run_replay
from game.tools.playtest.exhaustive import DEFAULT_MAX_STATES, exhaustive_playtest
from game.tools.playtest.random_runs import (
    DEFAULT_RUNS,
    DEFAULT_STEPS,
    default_jobs,
    random_playtest,
    run_seed,
)
from game.tools.playtest.report import ActionRef, ChoiceRef, Problem, Report, format_report
from game.tools.playtest.state_keys import StateKeys
from game.tools.playtest.steps import parse_step, replay, take_step

__all__ = [
    "DEFAULT_MAX_STATES",
    "DEFAULT_RUNS",
    "DEFAULT_STEPS",
    "ROLLS",
    "ActionRef",
    "ChoiceRef",
    "ForcedGame",
    "ForcedOutcomes",
    "Problem",
    "Report",
    "StateKeys",
    "default_jobs",
    "exhaustive_playtest",
    "format_report",
    "parse_step",
    "random_playtest",
    "register",
    "replay",
    "run_playtest",
    "run_replay",
    "run_seed",
    "take_step",
]
