"""An Input whose cursor blinks only when the app allows animation (tests and snapshots don't)."""

from __future__ import annotations

from textual.widgets import Input


class TextInput(Input):
    def on_mount(self) -> None:
        self.cursor_blink = self.app.animation_level != "none"
