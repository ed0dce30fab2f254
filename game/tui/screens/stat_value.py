"""Dev mode: asks the value to set a stat to, showing its bounds and value now."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from game.engine import StatView
from game.tui.keys import DIALOG_KEYS
from game.tui.screens.dialog import Dialog
from game.tui.widgets.text_input import TextInput


class StatValueScreen(Dialog[int | None]):
    """Dismisses with the number typed, or None on Escape; values out of bounds are clamped
    by the engine, so any whole number is accepted here."""

    BINDINGS = DIALOG_KEYS

    def __init__(self, stat: StatView) -> None:
        super().__init__()
        self.stat = stat

    def compose(self) -> ComposeResult:
        s = self.stat
        with Vertical(classes="dialog"):
            yield Label(f"Set {s.name}", classes="dialog-title")
            yield Static(f"Now {s.value}; between {s.min} and {s.max}.", classes="dialog-text")
            yield TextInput(str(s.value), type="integer", id="stat-value")
            yield Static("Enter to set · Escape to go back", classes="dialog-hint")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        try:
            value = int(event.value.strip())
        except ValueError:
            self.notify("Type a whole number.", severity="warning")
            return
        self.dismiss(value)

    def action_close(self) -> None:
        self.dismiss(None)
