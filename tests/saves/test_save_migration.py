"""Format migrations: a format 0 save (the prototype's shape) loads as format 1."""

from __future__ import annotations

import json
from collections.abc import Callable

from game.engine import Game
from game.saves import SaveFolder
from game.saves.document import FORMAT, MIGRATIONS, migrate
from game.story import Story

Play = Callable[..., Game]


def as_format_0(doc: dict[str, object]) -> dict[str, object]:
    """What the prototype wrote: other top-level names, `location`, items as a list."""
    state = dict(doc["state"])  # type: ignore[call-overload]
    state["location"] = state.pop("scene")
    state["items"] = [i for i, n in state.pop("inventory").items() for _ in range(n)]
    return {
        "format": 0,
        "story": doc["story_id"],
        "story_version": doc["story_version"],
        "saved": doc["updated"],
        "play_time": doc["play_seconds"],
        "state": state,
    }


def test_every_older_format_has_a_migration() -> None:
    assert sorted(MIGRATIONS) == list(range(FORMAT))


def test_a_format_0_save_loads(starter: Story, folder: SaveFolder, play: Play) -> None:
    game = play(starter, [1, 2, 1])  # carries the keycard
    game.state.inventory["chocolate"] = 2
    folder.save("old", game, 42.0)
    path = folder.path / "old.json"
    current = json.loads(path.read_bytes())
    old = as_format_0(current)
    state = old["state"]
    assert isinstance(state, dict)
    assert "scene" not in state and state["items"].count("chocolate") == 2
    path.write_text(json.dumps(old))
    assert migrate(json.loads(path.read_bytes())) == {
        **{k: v for k, v in current.items() if k not in ("created",)},
        "created": current["updated"],
    }
    loaded = folder.load("old", starter)
    assert loaded.notes == [] and loaded.play_seconds == 42.0
    assert loaded.state.model_dump() == game.state.model_dump()
    [info] = folder.slots()
    assert (info.scene_title, info.turn, info.problem) == ("The roof stairs", 3, None)
