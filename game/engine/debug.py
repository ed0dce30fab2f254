"""Dev tools: change a game in play outside the rules, to test a story while writing it.

Pure functions over `Game`, shared by every front end. Each checks its request first (a bad
one raises `GameError` and changes nothing), then takes an undo point, so `Game.undo` takes
any of them back, and returns a line saying what it did.
"""

from __future__ import annotations

import json

from game.engine import Game, GameError
from game.engine.inventory import ITEM_LIMIT as ITEM_LIMIT  # the limit `give` keeps to
from game.engine.inventory import given, taken
from game.engine.state import Infection


def jump(game: Game, scene_id: str) -> str:
    """Go to a scene as if a choice led there: its on_enter effects run, no turn passes."""
    scene = game.story.scenes.get(scene_id)
    if scene is None:
        raise GameError(f"there is no scene '{scene_id}'")
    game.checkpoint(f"[dev] jump to {scene_id}")
    game.enter(scene_id)
    return f"Jumped to {scene.title} ({scene_id})."


def give(game: Game, item_id: str, n: int = 1) -> str:
    plan = game.story.items.get(item_id)
    if plan is None:
        raise GameError(f"there is no item '{item_id}'")
    if n < 1:
        raise GameError("give at least one")
    game.checkpoint(f"[dev] give {plan.name}")
    game.state.inventory = given(game.state.inventory, item_id, n)
    return f"Gave {plan.name}" + (f" ×{n}." if n > 1 else ".")


def take(game: Game, item_id: str, n: int | None = None) -> str:
    """Take `n` of an item away, or all of it when `n` is None."""
    plan = game.story.items.get(item_id)
    have = game.state.inventory.get(item_id, 0)
    if plan is None or have <= 0:
        raise GameError(f"the player does not carry '{item_id}'")
    if n is not None and n < 1:
        raise GameError("take at least one")
    game.checkpoint(f"[dev] take {plan.name}")
    game.state.inventory = taken(game.state.inventory, item_id, n)
    return f"Took {plan.name}."


def set_flag(game: Game, flag: str, value: bool) -> str:
    if flag not in game.story.flags:
        raise GameError(f"there is no flag '{flag}'")
    game.checkpoint(f"[dev] set {flag} = {str(value).lower()}")
    game.state.flags = {**game.state.flags, flag: value}
    return f"Set flag {flag} to {str(value).lower()}."


def set_stat(game: Game, stat_id: str, value: int) -> str:
    """Set a stat, kept within its bounds; a bound's scene (`at_min`, `at_max`) is not entered."""
    plan = game.story.stats.get(stat_id)
    if plan is None:
        raise GameError(f"there is no stat '{stat_id}'")
    stat = plan.stat
    clamped = max(stat.min, min(stat.max, value))
    game.checkpoint(f"[dev] set {stat_id} = {clamped}")
    game.state.stats = {**game.state.stats, stat_id: clamped}
    kept = f" (kept within {stat.min}..{stat.max})" if clamped != value else ""
    return f"Set {stat.name} to {clamped}{kept}."


def infect(game: Game) -> str:
    """A bite: the countdown starts as the story's infection rules say."""
    rules = game.story.infection
    if rules is None:
        raise GameError("this story has no infection rules")
    if game.state.infection != "human":
        raise GameError(f"the player is already {game.state.infection}")
    _change_infection(game, "infect", "bitten", rules.countdown)
    return f"Bitten: {rules.countdown} scene changes until the infection decides."


def cure(game: Game) -> str:
    if game.state.infection == "human":
        raise GameError("the player is not infected")
    _change_infection(game, "cure", "human", None)
    return "Cured: human again."


def turn_hybrid(game: Game) -> str:
    """End the countdown now as a hybrid, whatever the outcome roll would have said."""
    if game.story.infection is None:
        raise GameError("this story has no infection rules")
    if game.state.infection == "hybrid":
        raise GameError("the player is already a hybrid")
    _change_infection(game, "turn hybrid", "hybrid", None)
    return "Hybrid now."


def _change_infection(game: Game, label: str, stage: Infection, countdown: int | None) -> None:
    """An undo point labelled `[dev] label`, then the infection at `stage`."""
    game.checkpoint(f"[dev] {label}")
    game.state.infection = stage
    game.state.countdown = countdown


def rerender(game: Game) -> None:
    """After a story reload: show the current scene as the new files write it.

    The log keeps each scene's text as it was read; the newest entry is the scene in play,
    so it is rendered again (title and text) from the reloaded story.
    """
    log = game.state.log
    if log and log[-1].scene == game.state.scene:
        log[-1].title = game.scene.title or log[-1].title
        log[-1].text = game.render_scene(game.scene)


def state_json(game: Game) -> str:
    """The whole game state as indented JSON, for reading: the undo history as its length."""
    doc = game.state.model_dump(mode="json", exclude={"undo"})
    doc["once_taken"] = sorted(doc["once_taken"])
    doc["undo"] = f"{len(game.state.undo)} steps"
    return json.dumps(doc, indent=2, ensure_ascii=False)
