"""A loaded game continues exactly as the saved one would have: the seeded generator's state
is saved with everything else."""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest

from game.engine import Game
from game.saves import SaveFolder
from game.story import Story

Play = Callable[..., Game]
JUMP = 3  # at the roof, a hybrid's "jump to the next roof": weights 3 (free) to 1 (dead)


def take_random_choices(game: Game, steps: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    scenes = []
    for _ in range(steps):
        if game.ended is not None:
            break
        open_ = [i for i, c in enumerate(game.choices) if c.open]
        game.choose(rng.choice(open_))
        scenes.append(game.state.scene)
    return scenes


@pytest.mark.parametrize("seed", range(12))
def test_save_take_choices_load_take_the_same_choices(
    starter: Story, folder: SaveFolder, seed: int
) -> None:
    game = Game.new(starter, "P", seed=seed)
    take_random_choices(game, seed % 3, seed=seed + 100)
    folder.save("d", game, 0)
    first = take_random_choices(game, 8, seed=seed)
    resumed = Game(starter, folder.load("d", starter).state)
    assert take_random_choices(resumed, 8, seed=seed) == first
    assert resumed.state.model_dump() == game.state.model_dump()


def test_a_chance_branch_after_loading_goes_where_it_would_have(
    starter: Story, folder: SaveFolder, play: Play
) -> None:
    outcomes = set()
    for seed in range(40):
        game = play(starter, [2, 2, 1], seed=seed)
        assert game.state.infection == "hybrid" and game.state.scene == "roof"
        folder.save("roof", game, 0)
        rng_before = game.state.rng
        game.choose(JUMP - 1)
        assert game.state.rng != rng_before, "the jump drew nothing from the generator"
        resumed = Game(starter, folder.load("roof", starter).state)
        resumed.choose(JUMP - 1)
        assert resumed.state.model_dump() == game.state.model_dump()
        outcomes.add(game.state.scene)
    assert outcomes == {"end_hybrid", "end_dead"}
