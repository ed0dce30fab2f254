"""From a key press to the new scene drawn, in the real app, at turn 1 and at turn 500
(the median of the presses).

The clock starts when the app receives the key event and stops in a callback that Textual
runs after the refresh that follows the new view (`call_after_refresh`): the frame is drawn
by then. (Pilot's own waiting, tens of milliseconds, is outside the measurement.)
The baseline is a minimal Textual app whose key press replaces a Static's text, timed
the same way: the cost of a key press and a redraw with no game behind it.
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from textual import events
from textual.app import App, ComposeResult
from textual.widgets import OptionList, Static

from game.engine import Game
from game.saves import SaveFolder
from game.story import Story
from game.storycache import open_story
from game.tui.app import HyosanApp
from game.tui.screens.play import PlayScreen

PRESSES = 15


class KeyClock:
    """Notes when a key event reaches the app, and when the frame after it is drawn."""

    pressed = 0.0
    drawn_at = 0.0
    drawn: asyncio.Event

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):
            self.pressed = time.perf_counter()
        await super().on_event(event)  # type: ignore[misc]

    def frame_drawn(self) -> None:
        self.drawn_at = time.perf_counter()
        self.drawn.set()


class MinimalApp(KeyClock, App[None]):
    BINDINGS = [("1", "next", "Next")]

    def __init__(self) -> None:
        super().__init__()
        self.drawn = asyncio.Event()

    def compose(self) -> ComposeResult:
        yield Static("scene 0", id="text")
        yield OptionList("One", "Two", "Three")

    def action_next(self) -> None:
        text = self.query_one("#text", Static)
        text.update(f"scene {time.perf_counter()}")
        self.call_after_refresh(self.frame_drawn)


class TimedApp(KeyClock, HyosanApp):
    """The real app, telling the benchmark when the frame after a new view is drawn."""

    drawn: asyncio.Event

    def _show_game(self) -> None:
        super()._show_game()
        self.call_after_refresh(self.frame_drawn)


async def _timed_press(pilot: object, app: MinimalApp | TimedApp, key: str) -> float:
    app.drawn = asyncio.Event()
    await pilot.press(key)  # type: ignore[attr-defined]
    await asyncio.wait_for(app.drawn.wait(), 10)
    return app.drawn_at - app.pressed


def _first_open(game: Game) -> str:
    return str(next(i for i, c in enumerate(game.choices) if c.open) + 1)


async def _time_game(story: Story, game: Game) -> float:
    with tempfile.TemporaryDirectory() as saves:
        app = TimedApp(story, SaveFolder(Path(saves)), clock=lambda: 0.0)
        app.animation_level = "none"
        app.drawn = asyncio.Event()
        async with app.run_test(size=(100, 30), notifications=False) as pilot:
            await pilot.pause()  # the title screen is up: the game replaces it
            assert app.session is not None
            app.session.game = game  # the game to time, already at its turn
            app._show_game()
            await pilot.pause()
            times = []
            for _ in range(PRESSES):
                if game.ended is not None or not any(c.open for c in game.choices):
                    game.undo()
                    app._show_game()
                    await pilot.pause()
                turn = game.state.turn
                key = _first_open(game)
                elapsed = await _timed_press(pilot, app, key)
                assert game.state.turn > turn and isinstance(app.screen, PlayScreen)
                times.append(elapsed)
                game.undo()  # stay at the same depth
                app._show_game()
                await pilot.pause()
            return statistics.median(times)


async def _time_minimal() -> float:
    app = MinimalApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        times = []
        for _ in range(PRESSES):
            times.append(await _timed_press(pilot, app, "1"))
            await pilot.pause()
        return statistics.median(times)


async def measure(story_dir: Path) -> dict[int, tuple[float, float]]:
    from tests.bench.common import deep_game

    story = open_story(story_dir)
    baseline = await _time_minimal()
    early = Game.new(story, "Bench", seed=1)
    late = deep_game(story, 500)
    return {
        1: (await _time_game(story, early), baseline),
        500: (await _time_game(story, late), baseline),
    }
