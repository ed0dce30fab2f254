"""The rules: `Game` over an immutable `Story` and a `GameState`. No UI, no I/O."""

from game.engine.game import Game
from game.engine.state import GameState, LogEntry, Progress
from game.engine.views import (
    ActionView,
    ChoiceView,
    EndingView,
    Event,
    GameError,
    ItemView,
    StatView,
)

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
