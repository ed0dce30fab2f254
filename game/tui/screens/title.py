"""The title screen: New game, Continue, Load, Help, Quit.

It is drawn before the story has loaded (only the manifest's header is needed), so it imports
nothing of the game side: Continue stays greyed out, and an intro that uses the story's
styles stays off, until the app says the story is ready (`ready`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.widgets.option_list import Option

from game.tui.keys import TITLE_KEYS
from game.tui.verbatim import as_line, as_text
from game.tui.widgets.option_list import OptionList

if TYPE_CHECKING:
    from game.saves import SlotInfo

ContinueSlot = Callable[[], "SlotInfo | None"]
"""The save Continue resumes, worked out afresh (the session's `continue_slot`)."""


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


def verbatim_intro(intro: str) -> Text | None:
    """The intro as the story's styles would show it, when it uses none (no `[` at all: no
    tag, no escape), without the story's parser; None when only that parser can tell."""
    return as_text(intro.strip()) if "[" not in intro else None


class TitleScreen(Screen[None]):
    """Menu entries are app actions; Continue is greyed out until there is a save to resume.

    `intro` is None when the intro is not known yet (it comes with `ready`); an empty text
    is no intro. `continue_slot` is None until the story is ready.
    """

    BINDINGS = TITLE_KEYS

    def __init__(
        self, title: str, intro: Text | None, continue_slot: ContinueSlot | None = None
    ) -> None:
        super().__init__()
        self.story_title = title
        self.intro = intro
        self.continue_slot = continue_slot

    def compose(self) -> ComposeResult:
        with Vertical(id="title-box"):
            yield Static(as_line(self.story_title), id="game-title")
            if self.intro:
                yield Static(self.intro, id="game-intro")
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
        resume = self.continue_slot() if self.continue_slot is not None else None
        self._show_menu(resume)

    def ready(self, intro: Text, continue_slot: ContinueSlot, resume: SlotInfo | None) -> None:
        """The story has loaded: the intro if it was waiting, and Continue (`resume`, already
        worked out off the main thread) enabled when there is a save to resume."""
        self.continue_slot = continue_slot
        waited, self.intro = self.intro is None, self.intro or intro
        if not self.is_mounted:  # composed later, with all of it
            return
        if waited and intro:
            self.query_one("#title-box").mount(Static(intro, id="game-intro"), after="#game-title")
            self.call_after_refresh(self.on_resize)
        self._show_menu(resume, keep_cursor=True)

    def _show_menu(self, resume: SlotInfo | None, keep_cursor: bool = False) -> None:
        menu = self.query_one("#menu", OptionList)
        moved = keep_cursor and menu.highlighted not in (None, 0)
        was = menu.highlighted
        menu.set_options(menu_options(resume))
        menu.highlighted = was if moved else (1 if resume is not None else 0)
        if not keep_cursor:
            menu.focus()

    @on(OptionList.OptionSelected, "#menu")
    async def _picked(self, event: OptionList.OptionSelected) -> None:
        if event.option_id:
            await self.app.run_action(f"app.{event.option_id}")
