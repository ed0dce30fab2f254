"""The ending: its title and text, the endings found so far across games, and what next."""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Center, Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Static

from game.engine import EndingView
from game.tui.keys import ENDING_KEYS
from game.tui.markup import as_line, styled


def endings_text(all_endings: Mapping[str, str], reached: set[str], this: str) -> Text:
    found = sum(1 for e in all_endings if e in reached)
    out = Text(f"Endings found: {found} of {len(all_endings)}", style="bold")
    for eid, title in all_endings.items():
        if eid == this:
            out.append("\n")
            out.append_text(as_line(f"★ {title}", "bold"))
        elif eid in reached:
            out.append("\n")
            out.append_text(as_line(f"✓ {title}"))
        else:
            out.append("\n· ???", "dim")
    return out


class EndingScreen(Screen[None]):
    BINDINGS = ENDING_KEYS

    def __init__(
        self,
        ending: EndingView,
        text: str,
        all_endings: Mapping[str, str],
        reached: set[str],
    ) -> None:
        super().__init__()
        self.ending = ending
        self.text = text
        self.all_endings = all_endings
        self.reached = reached

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="ending-box"):
            yield Static("THE END", id="ending-mark")
            yield Static(as_line(self.ending.title), id="ending-title")
            yield Static(styled(self.text.strip()), id="ending-text")
            yield Static(
                endings_text(self.all_endings, self.reached, self.ending.id), id="endings-found"
            )
        with Center(id="ending-buttons-box"), Horizontal(id="ending-buttons"):
            yield Button("New game", id="new", variant="primary", action="app.new_game")
            yield Button("Load", id="load", action="app.load")
            yield Button("Quit", id="quit", action="app.quit")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#new", Button).focus()

    def action_scroll_story(self, pages: int) -> None:
        """PageUp/PageDown/Space read the ending and the endings found, buttons keep focus."""
        box = self.query_one("#ending-box", VerticalScroll)
        if pages < 0:
            box.scroll_page_up()
        else:
            box.scroll_page_down()
