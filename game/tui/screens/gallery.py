"""The endings gallery, from the title menu: the endings found (when, and by which player) and
the others locked (their titles kept secret), with the story's hint where it gives one."""

from __future__ import annotations

from collections.abc import Iterator

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Label, Static

from game.printable import one_line, printable
from game.tui.gallery import GalleryEntry
from game.tui.screens.dialog import may_dismiss

FOUND_MARK = "★"
LOCKED_MARK = "·"


def found_line(entry: GalleryEntry) -> Content:
    parts = []
    if entry.when is not None:
        parts.append(f"found {entry.when.astimezone():%Y-%m-%d %H:%M}")
    else:
        parts.append("found (the date was not recorded)")
    if entry.player:
        parts.append(f"by {one_line(entry.player)}")
    return Content(" ".join(parts))


class GalleryScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "close", "Back"),
        Binding("e", "close", "Back", show=False),
    ]

    def __init__(self, story_title: str, entries: tuple[GalleryEntry, ...]) -> None:
        super().__init__()
        self.story_title = story_title
        self.entries = entries

    def compose(self) -> ComposeResult:
        found = sum(1 for e in self.entries if e.found)
        yield Label(
            Content(
                f"Endings of {one_line(self.story_title)}: {found} of {len(self.entries)} found"
            ),
            id="gallery-title",
        )
        with VerticalScroll(id="gallery-scroll"):
            if not self.entries:
                yield Static("This story has no endings.", classes="gallery-hint")
            yield from self._entries()
        yield Footer(compact=True)

    def _entries(self) -> Iterator[Widget]:
        for e in self.entries:
            if e.found:
                yield Static(
                    Content(f"{FOUND_MARK} {one_line(e.title)}"),
                    classes="gallery-ending -found",
                    markup=False,
                )
                yield Static(found_line(e), classes="gallery-when", markup=False)
            else:
                yield Static(
                    Content(f"{LOCKED_MARK} ???"),
                    classes="gallery-ending -locked" + (" -hinted" if e.hint else ""),
                    markup=False,
                )
                if e.hint:  # without one a locked ending is one line, so more fit on screen
                    yield Static(Content(printable(e.hint)), classes="gallery-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#gallery-scroll").focus()

    def action_close(self) -> None:
        if may_dismiss(self):
            self.dismiss(None)
