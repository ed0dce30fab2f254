"""What saves work out once per story goes with the story: a process that loads many stories
(a test run, a tool, dev mode's reloads) does not keep them all alive."""

from __future__ import annotations

import dataclasses
import gc
from pathlib import Path

from game.engine import Game
from game.engine.tables import tables_for
from game.saves import SaveFolder
from game.saves.compact import fills
from game.saves.recovery import _known
from game.story import Story


def test_a_story_whose_games_and_saves_are_gone_is_freed(starter: Story, tmp_path: Path) -> None:
    story = dataclasses.replace(starter)  # the same story as another object
    folder = SaveFolder(tmp_path / "saves")
    game = Game.new(story, "Ji-ho", seed=1)
    game.choose(0)
    folder.save("slot", game, 1.0)
    loaded = folder.load("slot", story)
    key = id(story)
    assert all(key in registry.made for registry in (fills, _known, tables_for))
    assert fills(story).story is story and _known(story).story is story
    del game, story, loaded, folder  # the folder keeps what it wrote, the story with it
    gc.collect()
    assert not any(key in registry.made for registry in (fills, _known, tables_for))
