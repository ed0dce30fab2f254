"""Asks the player's name for a new game, with the story's default filled in."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from game.tui.keys import DIALOG_KEYS
from game.tui.screens.dialog import Dialog
from game.tui.widgets.text_input import TextInput


class NameScreen(Dialog[str | None]):
    """Dismisses with the name typed (the default when left empty), or None on Escape."""

    BINDINGS = DIALOG_KEYS

    def __init__(self, default: str) -> None:
        super().__init__()
        self.default = default

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("New game", classes="dialog-title")
            yield Static("What is your name?", classes="dialog-text")
            yield TextInput(self.default, placeholder=self.default, max_length=40, id="name")
            yield Static("Enter to begin · Escape to go back", classes="dialog-hint")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or self.default)

    def action_close(self) -> None:
        self.dismiss(None)
