"""Chance decided from outside: how the playtest forces a branch or an infection roll.

The only module of the playtest that knows how the engine draws. `ForcedGame` plays exactly
like `Game` until a step is `prepare`d as forced; then a branching choice goes to the wanted
target and an infection roll comes out as wanted, and the game says what chance there was
(`branch_targets`, `rolled`) so the exhaustive walk can try the other outcomes.
"""

from __future__ import annotations

from game.engine.game import Game, GameError
from game.engine.rng import MASK
from game.engine.state import GameState
from game.story import Story
from game.story.story import ChoicePlan, ScenePlan

_GOLDEN = 0x9E3779B97F4A7C15
_MIX1 = 0xBF58476D1CE4E5B9
_MIX2 = 0x94D049BB133111EB

ROLLS = {"hybrid": 0.0, "zombie": 1.0 - 2.0**-53}
"""The lowest and highest possible rolls: one turns a bite hybrid (if it can), one zombie."""


def _unxorshift(y: int, k: int) -> int:
    x = y
    for _ in range(64 // k + 1):
        x = y ^ (x >> k)
    return x


def rng_state_for_roll(roll: float) -> int:
    """An rng state whose next draw is `roll`: the engine's splitmix64 step, inverted.

    Lets the exhaustive walk force an infection roll through the engine's own code.
    """
    z = int(roll * 18446744073709551616.0) & MASK
    z = _unxorshift(z, 31)
    z = (z * pow(_MIX2, -1, 1 << 64)) & MASK
    z = _unxorshift(z, 27)
    z = (z * pow(_MIX1, -1, 1 << 64)) & MASK
    z = _unxorshift(z, 30)
    return (z - _GOLDEN) & MASK


class ForcedGame(Game):
    """A `Game` whose chance can be decided from outside, step by step.

    With `forced` false it plays exactly like `Game`. With `forced` true, a branching choice
    goes to `want_target` (or its first open target) and an infection roll comes out as
    `want_roll`; `branch_targets` and `rolled` say what chance there was in the last step.
    """

    def __init__(self, story: Story, state: GameState) -> None:
        super().__init__(story, state)
        self.forced = False
        self.want_target: str | None = None
        self.want_roll = "hybrid"
        self.branch_targets: tuple[str, ...] = ()
        self.rolled = False
        self.entered: list[str] = []
        self.keep_log = True

    def prepare(self, forced: bool, target: str | None = None, roll: str = "hybrid") -> None:
        self.forced, self.want_target, self.want_roll = forced, target, roll
        self.branch_targets, self.rolled = (), False

    def _draw_branch(self, plan: ChoicePlan) -> str:
        s = self.state
        # The engine's rule: branches whose `when` holds win; the unconditional ones are the
        # fallback. A drift from it is caught below rather than silently exploring wrong.
        options = [b for b in plan.branches if b.when is not None and b.when.test(s)]
        options = options or [b for b in plan.branches if b.when is None]
        targets = tuple(dict.fromkeys(b.goto for b in options))
        self.branch_targets = targets
        if not self.forced:
            drawn = super()._draw_branch(plan)
            if drawn not in targets:
                raise AssertionError(f"playtest's branch rule differs from the engine's: {drawn}")
            return drawn
        if self.want_target is None:
            return targets[0]
        if self.want_target not in targets:
            raise GameError(f"the branch cannot go to '{self.want_target}' now")
        return self.want_target

    def _log_scene(self, scene: ScenePlan) -> None:
        """Record the scene; build the player's log only when asked (it is most of a step)."""
        self.entered.append(scene.id)
        if self.keep_log:
            super()._log_scene(scene)
        elif self.state.visits.get(scene.id, 0) <= 1:
            self._render(scene)  # render each scene once a run: a broken text is a crash

    def _progress_infection(self) -> str | None:
        if not self.forced:
            before = self.state.rng
            out = super()._progress_infection()
            self.rolled = self.state.rng != before
            return out
        s = self.state
        saved, preset = s.rng, rng_state_for_roll(ROLLS[self.want_roll])
        s.rng = preset
        out = super()._progress_infection()
        if s.rng == preset:
            s.rng = saved
        else:
            self.rolled = True
        return out


def playtest_game(story: Story, state: GameState) -> ForcedGame:
    """A game for the playtest: the player's log is not kept (scenes entered are)."""
    state.log = []
    game = ForcedGame(story, state)
    game.keep_log = False
    return game


def open_choice_plans(game: Game) -> list[ChoicePlan | None]:
    """The plan of each shown choice, None for a closed one (indexes as in `game.choices`)."""
    return [plan if view.open else None for plan, view in game._open_choices()]


def open_actions(game: Game) -> list[tuple[str, int]]:
    """Every open item action now, as (item id, 0-based action index)."""
    return [(item.id, i) for item in game.inventory for i, a in enumerate(item.actions) if a.open]
