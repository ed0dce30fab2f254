"""The title screen: New game, Continue, Load, Help, Quit."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.widgets.option_list import Option

from game.saves import SlotInfo
from game.session import PlaySession
from game.tui.keys import TITLE_KEYS
from game.tui.markup import as_line, styled
from game.tui.widgets.option_list import OptionList


def menu_options(resume: SlotInfo | None) -> list[Option]:
    cont = Text("Continue")
    if resume is not None:
        cont.append("  ")
        cont.append_text(as_line(f"{resume.scene_title}, turn {resume.turn}", "dim"))
    return [
        Option("New game", id="new_game"),
        Option(cont, id="continue_game", disabled=resume is None),
        Option("Load", id="load"),
        Option("Endings", id="endings"),
        Option("Settings", id="settings"),
        Option("Help", id="help"),
        Option("Quit", id="quit"),
    ]


class TitleScreen(Screen[None]):
    """Menu entries are app actions; Continue is greyed out until there is a save to resume."""

    BINDINGS = TITLE_KEYS

    def __init__(self, title: str, intro: str, session: PlaySession) -> None:
        super().__init__()
        self.story_title = title
        self.intro = intro
        self.session = session

    def compose(self) -> ComposeResult:
        with Vertical(id="title-box"):
            yield Static(as_line(self.story_title), id="game-title")
            if self.intro:
                yield Static(styled(self.intro.strip()), id="game-intro")
            with Center():
                yield OptionList(id="menu")
        yield Footer(compact=True)

    def on_resize(self) -> None:
        """The intro gives up rows first, so the box and its menu always fit the terminal
        whatever the size."""
        for intro in self.query("#game-intro").results(Static):
            # footer 1, border and padding 4, title 2, the intro's margin 1, the menu's rows
            room = self.size.height - 8 - len(menu_options(None))
            intro.styles.max_height = max(room, 0)
            intro.display = room >= 2

    def on_screen_resume(self) -> None:
        """Saves may have been made or deleted since: Continue is worked out afresh."""
        menu = self.query_one("#menu", OptionList)
        resume = self.session.continue_slot()
        menu.set_options(menu_options(resume))
        menu.highlighted = 1 if resume is not None else 0
        menu.focus()

    @on(OptionList.OptionSelected, "#menu")
    async def _picked(self, event: OptionList.OptionSelected) -> None:
        if event.option_id:
            await self.app.run_action(f"app.{event.option_id}")
