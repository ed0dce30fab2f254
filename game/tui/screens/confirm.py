"""A yes/no question in a modal; dismisses with True for yes."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from game.tui.screens.dialog import Dialog
from game.tui.verbatim import as_line, as_text


class ConfirmScreen(Dialog[bool]):
    BINDINGS = [
        Binding("y", "answer(True)", "Yes", show=False),
        Binding("n,escape", "answer(False)", "No", show=False),
    ]

    def __init__(self, question: str, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(as_text(self.question), classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button(as_line(self.yes), id="yes", variant="warning")
                yield Button(as_line(self.no), id="no")

    def on_mount(self) -> None:
        # A key typed fast may have answered (and emptied) the dialog before it mounted.
        for button in self.query("#no").results(Button):
            button.focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
