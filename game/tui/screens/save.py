"""Save to a new slot or over an existing one (asking first); dismisses with the slot name."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static

from game.saves import AUTOSAVE, SaveError, SaveFolder, slot_name
from game.session import slot_title
from game.tui.keys import SLOT_KEYS
from game.tui.markup import as_text
from game.tui.screens.confirm import ConfirmScreen
from game.tui.screens.dialog import Dialog
from game.tui.widgets.slot_list import SlotList
from game.tui.widgets.text_input import TextInput


class SaveScreen(Dialog[str | None]):
    BINDINGS = SLOT_KEYS

    def __init__(self, folder: SaveFolder, story_id: str, suggested: str) -> None:
        super().__init__()
        self.folder = folder
        self.story_id = story_id
        self.suggested = suggested

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -wide", id="save-dialog"):
            yield Label("Save game", classes="dialog-title")
            yield TextInput(self.suggested, placeholder="Name of a new save", id="slot-name")
            yield Static("", id="save-problem")
            yield Static("Or save over:", id="save-over", classes="dialog-text")
            yield SlotList(id="slots")
            yield Static(
                "Enter saves · Tab to the list · d deletes · Escape closes",
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        self.refresh_slots()
        self.query_one(Input).focus()

    def refresh_slots(self) -> None:
        slots = [s for s in self.folder.slots() if s.name != AUTOSAVE]
        slot_list = self.query_one(SlotList)
        slot_list.show(slots, self.story_id)
        slot_list.display = bool(slots)
        self.query_one("#save-over").display = bool(slots)

    @on(Input.Submitted, "#slot-name")
    def _save_new(self, event: Input.Submitted) -> None:
        try:
            name = slot_name(event.value)
        except SaveError as e:
            self.query_one("#save-problem", Static).update(as_text(str(e)))
            return
        if name == AUTOSAVE:
            self.query_one("#save-problem", Static).update(
                "The autosave is kept by the game; choose another name."
            )
            return
        self._save_to(name)

    @on(OptionList.OptionSelected, "#slots")
    def _save_over(self, event: OptionList.OptionSelected) -> None:
        if event.option_id:
            self._save_to(event.option_id)

    def _save_to(self, name: str) -> None:
        if not self.folder.exists(name):
            self.dismiss(name)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss(name)

        shown = slot_title(name)
        self.app.push_screen(
            ConfirmScreen(f"Save over “{shown}”? The game saved there is replaced.", "Save over"),
            answered,
        )

    def action_delete(self) -> None:
        slots = self.query_one(SlotList)
        chosen = slots.selected_slot
        if self.focused is slots and chosen is not None:
            delete_slot(self, self.folder, chosen.name, self.refresh_slots)

    def action_close(self) -> None:
        self.dismiss(None)


def delete_slot(
    screen: ModalScreen[str | None], folder: SaveFolder, name: str, then: Callable[[], None]
) -> None:
    """Ask, then delete a slot and call `then` to refresh the list."""

    def answered(yes: bool | None) -> None:
        if not yes:
            return
        try:
            folder.delete(name)
        except SaveError as e:
            screen.notify(str(e), severity="error", markup=False)
            return
        screen.notify(f"Deleted “{slot_title(name)}”.", markup=False)
        then()

    shown = slot_title(name)
    screen.app.push_screen(
        ConfirmScreen(f"Delete the save “{shown}”? This cannot be undone.", "Delete"), answered
    )
