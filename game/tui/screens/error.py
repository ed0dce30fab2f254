"""A problem shown to the player: a story that failed to load, a save that cannot be read."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from game.tui.keys import DIALOG_KEYS


class ErrorScreen(ModalScreen[None]):
    BINDINGS = DIALOG_KEYS

    def __init__(self, title: str, summary: str, lines: list[str], button: str = "OK") -> None:
        super().__init__()
        self.title_text = title
        self.summary = summary
        self.lines = lines
        self.button = button

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -wide -error"):
            yield Label(self.title_text, classes="dialog-title")
            yield Static(self.summary, classes="dialog-text")
            with VerticalScroll(id="error-lines"):
                yield Static("\n".join(self.lines), markup=False)
            yield Button(self.button, id="ok", variant="error")

    def on_mount(self) -> None:
        self.query_one("#ok", Button).focus()

    def on_button_pressed(self) -> None:
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
