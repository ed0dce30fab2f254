"""Everything read and chosen in this game, searchable.

The play screen's log keeps the last entries only; this keeps all of them.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, Static

from game.tui.markup import as_line, plain_text, styled
from game.tui.screens.dialog import may_dismiss
from game.tui.view import LogView
from game.tui.widgets.text_input import TextInput


def matches(entry: LogView, needle: str) -> bool:
    hay = " ".join(
        (entry.title, plain_text(entry.text), entry.choice or "", *entry.events)
    ).casefold()
    return needle.casefold() in hay


def history_text(entries: tuple[LogView, ...], needle: str) -> Text:
    out = Text()
    shown = [e for e in entries if not needle or matches(e, needle)]
    if not shown:
        return as_line(f"Nothing read so far mentions “{needle}”.", "italic")
    for n, e in enumerate(shown):
        if n:
            out.append("\n\n")
        out.append(f"Turn {e.turn} · ", "dim")
        out.append_text(as_line(e.title, "bold"))
        for event in e.events:
            out.append("\n")
            out.append_text(as_line(f"» {event}", "bold"))
        out.append("\n")
        out.append_text(styled(e.text.strip()))
        if e.choice:
            out.append("\n")
            out.append_text(as_line(f"› {e.choice}", "italic"))
    if needle:
        out.highlight_words([needle], "reverse", case_sensitive=False)
    return out


class HistoryScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "close", "Back"),
        Binding("h", "close", "Back", show=False),
    ]

    def __init__(self, entries: tuple[LogView, ...]) -> None:
        super().__init__()
        self.entries = entries

    def compose(self) -> ComposeResult:
        yield Label(f"History: {len(self.entries)} scenes", id="history-title")
        yield TextInput(placeholder="Search what you have read and chosen", id="history-filter")
        with VerticalScroll(id="history-scroll"):
            yield Static(history_text(self.entries, ""), id="history-text")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#history-scroll").scroll_end(animate=False)
        self.query_one(Input).focus()

    @on(Input.Changed, "#history-filter")
    def _filter(self, event: Input.Changed) -> None:
        needle = event.value.strip()
        self.query_one("#history-text", Static).update(history_text(self.entries, needle))
        scroll = self.query_one("#history-scroll")
        if needle:
            scroll.scroll_home(animate=False)
        else:
            scroll.call_after_refresh(scroll.scroll_end, animate=False)

    def action_close(self) -> None:
        if may_dismiss(self):
            self.dismiss(None)
