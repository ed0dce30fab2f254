"""Chance decided from outside: how the playtest forces a branch or an infection roll.

Through the engine's public seam (`game.engine.outcomes.Outcomes`), never by overriding the
engine: `ForcedOutcomes` decides exactly like the game's own seeded chance until a step is
`prepare`d as forced; then a branch goes to the wanted target and a bite's outcome is the
wanted one, and it says what chance there was (`branch_targets`, `rolled`) so the exhaustive
walk can try the other outcomes. Every chance in a forced path is forced, so a replay goes
where the walk went without knowing how the engine's generator draws.
"""

from __future__ import annotations

from collections.abc import Sequence

from game.engine import Game, GameError
from game.engine.outcomes import SEEDED
from game.engine.state import GameState
from game.story import Story
from game.story.story import BranchPlan

ROLLS = ("hybrid", "zombie")
"""The outcomes a step can force on a bite (`~hybrid`, `~zombie`)."""


class ForcedOutcomes:
    """The playtest's `Outcomes`: the game's own seeded chance, or forced step by step.

    A forced `~hybrid` makes a hybrid whenever the story gives any chance of it, a forced
    `~zombie` a zombie unless hybrid is certain: the outcomes the lowest and the highest
    possible roll would give.
    """

    def __init__(self) -> None:
        self.forced = False
        self.want_target: str | None = None
        self.want_roll = "hybrid"
        self.branch_targets: tuple[str, ...] = ()
        self.rolled = False

    def prepare(self, forced: bool, target: str | None = None, roll: str = "hybrid") -> None:
        self.forced, self.want_target, self.want_roll = forced, target, roll
        self.branch_targets, self.rolled = (), False

    def branch(self, state: GameState, options: Sequence[BranchPlan]) -> BranchPlan:
        if not self.branch_targets:
            self.branch_targets = tuple(dict.fromkeys(b.goto for b in options))
        if not self.forced:
            return SEEDED.branch(state, options)
        if self.want_target is None:
            return options[0]
        for b in options:
            if b.goto == self.want_target:
                return b
        raise GameError(f"the branch cannot go to '{self.want_target}' now")

    def turns_hybrid(self, state: GameState, chance: float) -> bool:
        self.rolled = True
        if not self.forced:
            return SEEDED.turns_hybrid(state, chance)
        return chance > 0.0 if self.want_roll == "hybrid" else chance >= 1.0


class ForcedGame(Game):
    """A `Game` whose chance comes from a `ForcedOutcomes` (typed access to it, nothing more)."""

    outcomes: ForcedOutcomes

    def __init__(self, story: Story, state: GameState) -> None:
        super().__init__(story, state, ForcedOutcomes())

    def prepare(self, forced: bool, target: str | None = None, roll: str = "hybrid") -> None:
        self.outcomes.prepare(forced, target, roll)

    @property
    def branch_targets(self) -> tuple[str, ...]:
        return self.outcomes.branch_targets

    @property
    def rolled(self) -> bool:
        return self.outcomes.rolled


def playtest_game(story: Story, state: GameState) -> ForcedGame:
    """A game for the playtest: the player's log is not kept (the scenes entered are)."""
    state.log = []
    game = ForcedGame(story, state)
    game.keep_log = False
    return game
