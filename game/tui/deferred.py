"""`side`: the game side of the app (`game.tui.game_side`), imported when first used.

The app's modules name what needs the story (the session, the engine, the screens of play)
as `side.X`, so importing them costs Textual and a few light modules only: the title is drawn
first, and the loading worker imports the game side off the main thread. For type checkers
`side` is the module itself:

    if TYPE_CHECKING:
        from game.tui import game_side as side
    else:
        from game.tui.deferred import side
"""

from __future__ import annotations

import importlib
from typing import Any

GAME_SIDE = "game.tui.game_side"


class Deferred:
    """A module's attributes, the module imported on the first of them asked for."""

    def __init__(self, module: str) -> None:
        self._module = module

    def __getattr__(self, name: str) -> Any:
        return getattr(importlib.import_module(self._module), name)


side = Deferred(GAME_SIDE)
