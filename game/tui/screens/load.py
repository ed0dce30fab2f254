"""Pick a save to load (or delete one); dismisses with the slot name."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, OptionList, Static

from game.saves import SaveFolder
from game.tui.keys import SLOT_KEYS
from game.tui.screens.dialog import Dialog
from game.tui.screens.save import delete_slot
from game.tui.widgets.slot_list import SlotList, loadable


class LoadScreen(Dialog[str | None]):
    BINDINGS = SLOT_KEYS

    def __init__(self, folder: SaveFolder, story_id: str) -> None:
        super().__init__()
        self.folder = folder
        self.story_id = story_id

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -wide", id="load-dialog"):
            yield Label("Load game", classes="dialog-title")
            yield Static("", id="load-empty", classes="dialog-text")
            yield SlotList(id="slots")
            yield Static("Enter loads · d deletes · Escape closes", classes="dialog-hint")

    def on_mount(self) -> None:
        self.refresh_slots()
        self.query_one(SlotList).focus()

    def refresh_slots(self) -> None:
        slots = self.folder.slots()
        self.query_one(SlotList).show(slots, self.story_id)
        empty = self.query_one("#load-empty", Static)
        empty.update("" if slots else "No saved games yet.")
        empty.display = not slots

    @on(OptionList.OptionSelected, "#slots")
    def _load(self) -> None:
        chosen = self.query_one(SlotList).selected_slot
        if chosen is None:
            return
        if not loadable(chosen, self.story_id):
            why = chosen.problem or f"it is a save of another story ({chosen.story_id})"
            self.notify(f"This save cannot be loaded: {why}", severity="warning")
            return
        self.dismiss(chosen.name)

    def action_delete(self) -> None:
        chosen = self.query_one(SlotList).selected_slot
        if chosen is not None:
            delete_slot(self, self.folder, chosen.name, self.refresh_slots)

    def action_close(self) -> None:
        self.dismiss(None)
