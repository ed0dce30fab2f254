"""Chance, as a seam: which branch a choice takes and whether a bite makes a hybrid.

The engine asks an `Outcomes` object and never rolls dice itself, so tools (the playtest's
exhaustive search, replays with `@scene` or `~hybrid`, tests) decide outcomes through this
public interface instead of overriding the engine. The default draws from the seeded
generator whose state lives in `GameState`, so a loaded game continues exactly as it would
have.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from game.engine.rng import next_float
from game.engine.state import GameState
from game.story.story import BranchPlan


class Outcomes(Protocol):
    def branch(self, state: GameState, options: Sequence[BranchPlan]) -> BranchPlan:
        """Pick one of `options` (never empty; all open under the branch rule)."""
        ...

    def turns_hybrid(self, state: GameState, chance: float) -> bool:
        """Decide a bite's outcome: True for hybrid, with probability `chance`."""
        ...


class SeededOutcomes:
    """The game's own chance: draws by weight from the generator kept in the state."""

    def branch(self, state: GameState, options: Sequence[BranchPlan]) -> BranchPlan:
        if len(options) == 1:
            return options[0]
        total = sum(b.weight for b in options)
        state.rng, roll = next_float(state.rng)
        pick = roll * total
        for b in options:
            pick -= b.weight
            if pick < 0:
                return b
        return options[-1]

    def turns_hybrid(self, state: GameState, chance: float) -> bool:
        state.rng, roll = next_float(state.rng)
        return roll < chance


SEEDED = SeededOutcomes()


def open_branches(state: GameState, branches: Sequence[BranchPlan]) -> list[BranchPlan]:
    """The branch rule: branches whose `when` holds win over the unconditional ones, which
    are the fallback; so "if X go A, else B" needs no weights."""
    options = [b for b in branches if b.when is not None and b.when.test(state)]
    return options or [b for b in branches if b.when is None]


def first_open(state: GameState, branches: Sequence[BranchPlan]) -> list[BranchPlan]:
    """`next`'s rule, ink's conditional divert: the first branch whose `when` holds, in the
    order written; when none holds, the unconditional branches (drawn by weight)."""
    for b in branches:
        if b.when is not None and b.when.test(state):
            return [b]
    return [b for b in branches if b.when is None]
