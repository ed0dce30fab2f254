"""A game being played: the engine's `Game`, its play time, and whether progress is unsaved.

Kept free of Textual so the bookkeeping (play time across saves, when quitting must save)
is plain code. The clock is injected: tests and snapshots use a frozen one.
"""

from __future__ import annotations

from collections.abc import Callable

from game.engine.game import Game
from game.story.story import Story

Clock = Callable[[], float]


class Session:
    def __init__(self, game: Game, play_seconds: float, clock: Clock) -> None:
        self.game = game
        self._clock = clock
        self._base_seconds = play_seconds
        self._since = clock()
        self._saved_seconds = play_seconds
        self.unsaved = True
        """Progress that no save holds yet: a new game, or a step whose autosave failed."""

    @property
    def play_seconds(self) -> float:
        return self._base_seconds + (self._clock() - self._since)

    @property
    def needs_save(self) -> bool:
        """Quitting now would lose something: progress, or a second or more of play time."""
        return self.unsaved or self.play_seconds - self._saved_seconds >= 1.0

    def mark_saved(self) -> None:
        self.unsaved = False
        self._saved_seconds = self.play_seconds

    def mark_changed(self) -> None:
        self.unsaved = True

    def swap_story(self, story: Story) -> None:
        """Keep playing the same state under a reloaded story (dev mode)."""
        self.game = Game(story, self.game.state)
