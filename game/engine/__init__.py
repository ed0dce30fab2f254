"""The rules: `Game` over an immutable `Story` and a `GameState`. No UI, no I/O."""

from game.engine.game import (
    ActionView,
    ChoiceView,
    EndingView,
    Event,
    Game,
    GameError,
    ItemView,
    StatView,
)
from game.engine.state import GameState, LogEntry, Progress

__all__ = [
    "ActionView",
    "ChoiceView",
    "EndingView",
    "Event",
    "Game",
    "GameError",
    "GameState",
    "ItemView",
    "LogEntry",
    "Progress",
    "StatView",
]
