"""One process, started by the benchmark: run an app headless until its title is drawn,
print the wall clock then, and exit.

    python -m tests.bench.first_frame hyosan STORY_DIR   # the game, as `hyosan` starts it
    python -m tests.bench.first_frame minimal STORY_DIR  # the same widgets, nothing else

Both apps are timed the same way: the screen that shows the title calls `call_after_refresh`
from its `on_mount`, and that callback writes `time.time()` to stdout and ends the process.
The parent subtracts the time it spawned the process: process start to first frame drawn,
so work an app does after its first frame (the game opens its story in a worker then) is
not counted, and nothing of either app's exit is.

The game runs as `hyosan play` runs it (`game.cli.main`), with Textual told to run headless;
the hook is set on the title screen's class, so any revision of the game can be measured
(`--against`). The parent runs both children without `PYTHONDONTWRITEBYTECODE` (this sandbox
sets it; a player's install writes bytecode caches) and after one warm-up run each.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from typing import Any

from textual.app import App, ComposeResult
from textual.screen import Screen


def report_first_frame(screen: Screen[Any]) -> None:
    """Once `screen` is drawn: the time on stdout (Textual captures `sys.stdout` while an app
    runs, hence the file descriptor) and the end of the process."""

    def drawn() -> None:
        os.write(1, f"{time.time()!r}\n".encode())
        os._exit(0)

    screen.call_after_refresh(drawn)


class MinimalApp(App[None]):
    """The title screen's widgets (Static, OptionList, Footer) with no game behind them."""

    def compose(self) -> ComposeResult:
        from textual.widgets import Footer, OptionList, Static

        yield Static("Hyosan")
        yield Static("A story.")
        yield OptionList("New game", "Continue", "Load", "Help", "Quit")
        yield Footer()

    def on_mount(self) -> None:
        report_first_frame(self.screen)


def run_game(story_dir: str) -> None:
    """`hyosan play --scenes STORY_DIR` with a fresh save folder, headless."""
    from game.cli import main
    from game.tui.screens.title import TitleScreen

    run = App.run

    def headless(app: App[Any], *args: Any, **kwargs: Any) -> Any:
        return run(app, *args, **{**kwargs, "headless": True})

    def on_mount(screen: Screen[Any]) -> None:
        report_first_frame(screen)

    App.run = headless  # type: ignore[method-assign,assignment]
    TitleScreen.on_mount = on_mount  # type: ignore[attr-defined]
    with tempfile.TemporaryDirectory() as saves:
        main(["play", "--scenes", story_dir, "--saves", saves])
    raise SystemExit("the title screen was never drawn")


def main() -> None:
    kind, story_dir = sys.argv[1], sys.argv[2]
    if kind == "minimal":
        MinimalApp().run(headless=True)
        raise SystemExit("the minimal app never drew its first frame")
    run_game(story_dir)


if __name__ == "__main__":
    main()
