"""One process, started by the benchmark: draw the first frame headless, then exit.

    python -m tests.bench.first_frame hyosan STORY_DIR   # the game, as `hyosan` starts it
    python -m tests.bench.first_frame minimal STORY_DIR  # the same widgets, nothing else

The parent times the whole process, from start to exit.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from textual.app import App, ComposeResult
from textual.pilot import Pilot


async def exit_after_first_frame(pilot: Pilot[object]) -> None:
    await pilot.pause()
    pilot.app.exit()


class MinimalApp(App[None]):
    """The title screen's widgets (Static, OptionList, Footer) with no game behind them."""

    def compose(self) -> ComposeResult:
        from textual.widgets import Footer, OptionList, Static

        yield Static("Hyosan")
        yield Static("A story.")
        yield OptionList("New game", "Continue", "Load", "Help", "Quit")
        yield Footer()


def main() -> None:
    kind, story_dir = sys.argv[1], Path(sys.argv[2])
    if kind == "minimal":
        MinimalApp().run(headless=True, auto_pilot=exit_after_first_frame)
        return
    from game.saves import SaveFolder
    from game.storycache import open_story
    from game.tui.app import HyosanApp

    with tempfile.TemporaryDirectory() as saves:
        app = HyosanApp(open_story(story_dir), SaveFolder(Path(saves)))
        app.run(headless=True, auto_pilot=exit_after_first_frame)


if __name__ == "__main__":
    main()
