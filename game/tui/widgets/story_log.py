"""The story so far: older scenes muted, the newest set apart in a panel of its own."""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widgets import Static

from game.tui.markup import as_line, styled
from game.tui.view import LogView


def render_entry(entry: LogView, newest: bool) -> Text:
    """One log entry: title (the newest has it in the title bar), what happened on arrival,
    the scene, the choice made there."""
    out = Text()
    if not newest:
        out.append_text(as_line(entry.title, "bold"))
        out.append("\n")
    for event in entry.events:
        out.append_text(as_line(f"» {event}", "bold"))
        out.append("\n")
    out.append_text(styled(entry.text.strip()))
    if entry.choice:
        out.append("\n› ", "bold")
        out.append_text(as_line(entry.choice, "italic"))
    return out


class LogEntry(Static):
    """One entry; remembers what it shows so an unchanged entry is never redrawn."""

    def __init__(self, entry: LogView, newest: bool) -> None:
        super().__init__(render_entry(entry, newest), classes="log-entry")
        self.shown = (entry, newest)
        self.set_class(newest, "-newest")
        self.set_class(not newest, "-older")

    def show(self, entry: LogView, newest: bool) -> None:
        if self.shown != (entry, newest):
            self.shown = (entry, newest)
            self.update(render_entry(entry, newest))
            self.set_class(newest, "-newest")
            self.set_class(not newest, "-older")


class StoryLog(VerticalScroll, can_focus=False):
    """Shows the last entries of the game's log; set `entries` to show a new step.

    A step changes two or three entries (the choice on the last one, a new one, the oldest
    dropped): only those widgets change, so a key press costs the same at any turn.
    """

    entries: reactive[tuple[LogView, ...]] = reactive((), always_update=False)

    async def watch_entries(self, entries: tuple[LogView, ...]) -> None:
        kept = {w.shown[0].index: w for w in self.query_children(LogEntry)}
        wanted = {e.index for e in entries}
        gone = [w for index, w in kept.items() if index not in wanted]
        if gone:
            await self.remove_children(gone)
        last = len(entries) - 1
        first_kept = min((i for i in kept if i in wanted), default=None)
        front: list[LogEntry] = []  # after an undo the window slides back by one
        back: list[LogEntry] = []
        for i, entry in enumerate(entries):
            widget = kept.get(entry.index)
            if widget is not None:
                widget.show(entry, i == last)
            elif first_kept is not None and entry.index < first_kept:
                front.append(LogEntry(entry, i == last))
            else:
                back.append(LogEntry(entry, i == last))
        if front:
            await self.mount_all(front, before=0)
        if back:
            await self.mount_all(back)
        children = list(self.query_children(LogEntry))
        if children:
            # Entries that changed size are laid out on the next refresh: scroll after it.
            newest = children[-1]
            self.call_after_refresh(
                self.call_after_refresh, self.scroll_to_widget, newest, animate=False, top=True
            )
