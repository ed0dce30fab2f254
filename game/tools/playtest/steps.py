"""The replay syntax: a path of steps that takes a game to where a problem was found.

`3` takes the third choice shown; `3@hall` forces a branch to `hall`; a suffix `~hybrid` or
`~zombie` forces the infection roll of that step; `use:item:1` uses an item's first action;
`undo` undoes. Every problem the playtest reports is written this way, so it can be replayed.
"""

from __future__ import annotations

from collections.abc import Iterable

from game.engine import Game
from game.story import Story
from game.tools.playtest.chance import ROLLS, ForcedGame

Step = tuple[str, str, int, str | None, str | None]
"""A parsed step: (kind "choose" | "use" | "undo", item id, 0-based index, target, roll)."""


def parse_step(token: str) -> Step:
    """`3@hall~hybrid` -> ("choose", "", 2, "hall", "hybrid"); raises ValueError."""
    core, _, roll = token.partition("~")
    if roll and roll not in ROLLS:
        raise ValueError(f"bad roll '~{roll}' in step '{token}': use ~hybrid or ~zombie")
    if core == "undo":
        return ("undo", "", 0, None, None)
    if core.startswith("use:"):
        return _parse_use(token, core, roll)
    number, _, target = core.partition("@")
    if not number.isdigit() or int(number) < 1:
        raise ValueError(
            f"bad step '{token}': a step is a choice number (3), 3@scene, use:item:1 or undo"
        )
    return ("choose", "", int(number) - 1, target or None, roll or None)


def _parse_use(token: str, core: str, roll: str) -> Step:
    _, _, rest = core.partition(":")
    item, _, number = rest.partition(":")
    if not item or not number.isdigit() or int(number) < 1:
        raise ValueError(f"bad step '{token}': write use:ITEM:N (N from 1)")
    return ("use", item, int(number) - 1, None, roll or None)


def take_step(game: ForcedGame, token: str) -> None:
    """Take one step of a path; a `@target` or `~roll` forces that step's chance."""
    kind, item, index, target, roll = parse_step(token)
    game.prepare(target is not None or roll is not None, target, roll or "hybrid")
    if kind == "undo":
        game.undo()
    elif kind == "use":
        game.use_item(item, index)
    else:
        game.choose(index)


def replay(story: Story, seed: int, path: Iterable[str], player: str | None = None) -> ForcedGame:
    """Play `path` from the start with game seed `seed`; exceptions propagate (that's a crash)."""
    start = Game.new(story, player, seed)
    game = ForcedGame(story, start.state)
    for token in path:
        take_step(game, token)
    return game
