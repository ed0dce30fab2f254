"""Dev mode: the whole game state as JSON, to see exactly what the rules see."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Label, Static

from game.tui.keys import DIALOG_KEYS
from game.tui.screens.dialog import Dialog


class StateScreen(Dialog[None]):
    BINDINGS = DIALOG_KEYS

    def __init__(self, state_json: str) -> None:
        super().__init__()
        self.state_json = state_json

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -wide", id="state-dialog"):
            yield Label("Game state", classes="dialog-title")
            with VerticalScroll(id="state-scroll"):
                yield Static(self.state_json, markup=False, id="state-json")
            yield Static("Arrows and Page keys scroll · Escape closes", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#state-scroll").focus()

    def action_close(self) -> None:
        self.dismiss(None)
