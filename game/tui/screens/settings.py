"""The settings dialog: theme, notices, story width, confirm quitting. Dismisses with the new
settings (Save) or None (Escape, Cancel); the app applies and stores them."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, Label, Static

from game.tui.keys import DIALOG_KEYS
from game.tui.screens.dialog import Dialog
from game.tui.settings import WIDTH_NAMES, Settings
from game.tui.widgets.select import Select


class SettingsScreen(Dialog[Settings | None]):
    BINDINGS = DIALOG_KEYS

    def __init__(self, settings: Settings, themes: list[str]) -> None:
        super().__init__()
        self.settings = settings
        self.themes = themes if settings.theme in themes else [settings.theme, *themes]

    def compose(self) -> ComposeResult:
        s = self.settings
        with Vertical(classes="dialog -wide", id="settings"):
            yield Label("Settings", classes="dialog-title")
            with Horizontal(classes="setting"):
                yield Label("Theme", classes="setting-name")
                yield Select(
                    [(t, t) for t in self.themes],
                    value=s.theme,
                    allow_blank=False,
                    id="theme",
                    compact=True,
                )
            with Horizontal(classes="setting"):
                yield Label("Story width", classes="setting-name")
                yield Select(
                    [(name, key) for key, name in WIDTH_NAMES.items()],
                    value=s.story_width,
                    allow_blank=False,
                    id="story-width",
                    compact=True,
                )
            with Horizontal(classes="setting"):
                yield Label("Notices", classes="setting-name")
                yield Checkbox(
                    "Pop-up notices: a bite, turning", s.notices, id="notices", compact=True
                )
            with Horizontal(classes="setting"):
                yield Label("Confirm quitting", classes="setting-name")
                yield Checkbox(
                    "Ask before q leaves a game", s.confirm_quit, id="confirm-quit", compact=True
                )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", id="save", variant="primary")
                yield Button("Cancel", id="cancel")
            yield Static(
                "Tab moves · Enter opens a list · Space toggles · Escape cancels",
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        self.query_one("#theme", Select).focus()

    def chosen(self) -> Settings:
        theme = self.query_one("#theme", Select).value
        width = self.query_one("#story-width", Select).value
        return Settings(
            theme=theme if isinstance(theme, str) else self.settings.theme,
            story_width=width if width in WIDTH_NAMES else self.settings.story_width,
            notices=self.query_one("#notices", Checkbox).value,
            confirm_quit=self.query_one("#confirm-quit", Checkbox).value,
        )

    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        self.dismiss(self.chosen())

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
