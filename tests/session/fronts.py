"""The two front ends behind one small driver, so a behaviour is tested once against both.

Each driver plays through the front end's own input (lines for plain mode, keys for the TUI)
and reports what the player saw, never by calling the session directly.
"""

from __future__ import annotations

import io
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from game.plain import PlainSession
from game.saves import SaveFolder
from game.story import Story
from game.tui.app import HyosanApp
from game.tui.screens.confirm import ConfirmScreen
from game.tui.screens.ending import EndingScreen
from game.tui.screens.name import NameScreen
from game.tui.screens.play import PlayScreen
from game.tui.screens.title import TitleScreen


@dataclass
class Seen:
    """What a run showed: the scene titles in order, the ending, and the endings count."""

    titles: list[str] = field(default_factory=list)
    ending: str | None = None
    endings_line: str = ""
    offered_continue: bool = False
    asked_to_replace: bool = False


class Front(Protocol):
    name: str

    async def new_game(
        self, story: Story, saves: Path, player: str, picks: list[int], replace: bool = True
    ) -> Seen: ...

    async def continue_game(self, story: Story, saves: Path, picks: list[int]) -> Seen: ...


class Player(io.StringIO):
    """Plain mode's stdin as a player: answers each prompt as it comes (the menu, the
    question before replacing a game, the name), then types the picks, then quits."""

    def __init__(self, out: io.StringIO, menu: str, player: str, replace: bool, picks: list[int]):
        super().__init__()
        self.out = out
        self.answers = {"menu": menu, "replace": "y" if replace else "n", "name": player}
        self.picks = [*map(str, picks), "quit"]

    def readline(self, size: int | None = -1, /) -> str:  # type: ignore[override]  # as StringIO's
        prompt = self.out.getvalue().rsplit("\n", 1)[-1]
        if prompt.startswith("What is your name?"):
            return self.answers["name"] + "\n"
        if prompt.endswith("(y/n) "):
            return self.answers["replace"] + "\n"
        if self.out.getvalue().endswith("2. New game\n> "):
            return self.answers["menu"] + "\n"
        return self.picks.pop(0) + "\n" if self.picks else ""


class Plain:
    name = "plain"

    def _run(
        self, story: Story, saves: Path, menu: str, player: str, replace: bool, picks: list[int]
    ) -> Seen:
        out = io.StringIO()
        stdin = Player(out, menu, player, replace, picks)
        PlainSession(story, SaveFolder(saves), stdin, out, seed=0).run()
        seen = Seen()
        for line in out.getvalue().splitlines():
            if line.startswith("== ") and line.endswith(" =="):
                seen.titles.append(line[3:-3])
            elif line.startswith("The end: "):
                seen.ending = line.removeprefix("The end: ").rstrip(".")
            elif line.startswith("Endings reached: "):
                seen.endings_line = line
            elif line.startswith("1. Continue ("):
                seen.offered_continue = True
            elif line.startswith("A game is in progress"):
                seen.asked_to_replace = True
        return seen

    async def new_game(
        self, story: Story, saves: Path, player: str, picks: list[int], replace: bool = True
    ) -> Seen:
        return self._run(story, saves, "2", player, replace, picks)

    async def continue_game(self, story: Story, saves: Path, picks: list[int]) -> Seen:
        return self._run(story, saves, "1", "", False, picks)


Start = Callable[[Pilot[None], Seen], Awaitable[None]]


class Tui:
    name = "tui"

    async def _play(self, story: Story, saves: Path, picks: list[int], start: Start) -> Seen:
        seen = Seen()
        app = HyosanApp(story, SaveFolder(saves), clock=lambda: 0.0, seed=0)
        app.animation_level = "none"
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            seen.offered_continue = _continue_enabled(app)
            await start(pilot, seen)
            for n in picks:
                _note_title(app, seen)
                await pilot.press(str(n))
                await pilot.pause()
            _note_title(app, seen)
            if isinstance(app.screen, EndingScreen):
                seen.ending = str(app.screen.query_one("#ending-title", Static).render())
                found = str(app.screen.query_one("#endings-found", Static).render())
                seen.endings_line = found.splitlines()[0]
            await pilot.press("q")
            await pilot.pause()
        return seen

    async def new_game(
        self, story: Story, saves: Path, player: str, picks: list[int], replace: bool = True
    ) -> Seen:
        async def start(pilot: Pilot[None], seen: Seen) -> None:
            app = pilot.app
            await pilot.press("n")
            if isinstance(app.screen, ConfirmScreen):
                seen.asked_to_replace = True
                await pilot.press("y" if replace else "n")
                await pilot.pause()
            if isinstance(app.screen, NameScreen):
                app.screen.query_one(Input).value = player
                await pilot.press("enter")
                await pilot.pause()

        return await self._play(story, saves, picks, start)

    async def continue_game(self, story: Story, saves: Path, picks: list[int]) -> Seen:
        async def start(pilot: Pilot[None], seen: Seen) -> None:
            await pilot.press("c")
            await pilot.pause()

        return await self._play(story, saves, picks, start)


def _continue_enabled(app: HyosanApp) -> bool:
    screen = app.screen
    if not isinstance(screen, TitleScreen):
        return False
    menu = screen.query_one("#menu", OptionList)
    return not menu.get_option("continue_game").disabled


def _note_title(app: HyosanApp, seen: Seen) -> None:
    if isinstance(app.screen, PlayScreen):
        title = str(app.screen.query_one("#scene-title", Static).render())
        if not seen.titles or seen.titles[-1] != title:
            seen.titles.append(title)


FRONTS: list[Front] = [Plain(), Tui()]
