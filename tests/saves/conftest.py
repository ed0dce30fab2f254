"""Fixtures for save tests: a save folder in tmp_path, games played by choice numbers."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from game.engine import Game
from game.saves import SaveFolder
from game.story import Story

STARTER = Path(__file__).resolve().parents[1] / "stories" / "starter"

Play = Callable[..., Game]


def _play(story: Story, choices: Sequence[int], seed: int = 0, player: str = "Ji-ho") -> Game:
    """A new game after taking `choices` (1-based, as the player types them)."""
    game = Game.new(story, player, seed=seed)
    for n in choices:
        game.choose(n - 1)
    return game


@pytest.fixture
def play() -> Play:
    return _play


@pytest.fixture
def folder(tmp_path: Path) -> SaveFolder:
    return SaveFolder(tmp_path / "saves")


@pytest.fixture
def starter_copy(tmp_path: Path) -> Path:
    """A copy of the starter story to edit into a 'newer version'."""
    target = tmp_path / "starter"
    shutil.copytree(STARTER, target)
    return target
