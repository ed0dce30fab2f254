"""Every key of the game, generated from the binding tables in `game.tui.keys`."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Label, Static

from game.tui.keys import DIALOG_KEYS, KEY_SECTIONS
from game.tui.screens.dialog import Dialog


def key_label(binding: Binding) -> str:
    if binding.key_display:
        return binding.key_display
    names = {"question_mark": "?", "delete": "Delete", "escape": "Escape"}
    return ", ".join(names.get(k, k) for k in binding.key.split(","))


def keys_table(sections: list[tuple[str, list[BindingType]]]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True, min_width=9)
    table.add_column()
    for n, (title, bindings) in enumerate(sections):
        if n:
            table.add_row("", "")
        table.add_row(Text(title, style="bold underline"), "")
        for b in bindings:
            if isinstance(b, Binding) and (b.show or b.key_display):
                table.add_row(key_label(b), b.tooltip or b.description)
    return table


class HelpScreen(Dialog[None]):
    BINDINGS = DIALOG_KEYS

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -wide", id="help"):
            yield Label("Keys", classes="dialog-title")
            with VerticalScroll():
                yield Static(keys_table(KEY_SECTIONS))
            yield Static(
                "Lists: ↑ ↓ and Enter, or click. Escape closes a dialog.", classes="dialog-hint"
            )

    def action_close(self) -> None:
        self.dismiss(None)
