"""A problem shown to the player: a story that failed to load, a save that cannot be read."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Button, Label, Static

from game.tui.keys import DIALOG_KEYS
from game.tui.screens.dialog import Dialog
from game.tui.verbatim import as_line, as_text


class ErrorScreen(Dialog[None]):
    BINDINGS = DIALOG_KEYS
    AUTO_FOCUS = "#ok"
    """Textual focuses it once mounted; a query in `on_mount` would raise when dev mode closes
    the dialog (the files were fixed) before it has mounted."""

    def __init__(self, title: str, summary: str, lines: list[str], button: str = "OK") -> None:
        super().__init__()
        self.title_text = title
        self.summary = summary
        self.lines = lines
        self.button = button

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -wide -error"):
            yield Label(as_line(self.title_text), classes="dialog-title")
            yield Static(as_text(self.summary), classes="dialog-text")
            with VerticalScroll(id="error-lines"):
                yield Static(as_text("\n".join(self.lines)))
            yield Button(self.button, id="ok", variant="error")

    def on_button_pressed(self) -> None:
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
