"""The story so far: older scenes muted, the newest set apart in a panel of its own."""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widgets import Static

from game.tui.markup import styled
from game.tui.view import LogView


def render_entry(entry: LogView, newest: bool) -> Text:
    """One log entry: title (the newest has it in the title bar), what happened on arrival,
    the scene, the choice made there."""
    out = Text()
    if not newest:
        out.append(f"{entry.title}\n", "bold")
    for event in entry.events:
        out.append(f"» {event}\n", "bold")
    out.append_text(styled(entry.text.strip()))
    if entry.choice:
        out.append("\n› ", "bold")
        out.append(entry.choice, "italic")
    return out


class StoryLog(VerticalScroll, can_focus=False):
    """Shows the last entries of the game's log; set `entries` to show a new step."""

    entries: reactive[tuple[LogView, ...]] = reactive((), always_update=False)

    async def watch_entries(self, entries: tuple[LogView, ...]) -> None:
        await self.remove_children()
        last = len(entries) - 1
        widgets = [
            Static(
                render_entry(e, i == last),
                classes="log-entry -newest" if i == last else "log-entry -older",
            )
            for i, e in enumerate(entries)
        ]
        await self.mount_all(widgets)
        if widgets:
            newest = widgets[-1]
            self.call_after_refresh(self.scroll_to_widget, newest, animate=False, top=True)
