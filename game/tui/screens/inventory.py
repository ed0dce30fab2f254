"""What the player carries: each item with its description, and its actions as buttons."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Label, Static
from textual.widgets.option_list import Option

from game.engine import ItemView
from game.tui.keys import DIALOG_KEYS
from game.tui.markup import as_line, styled
from game.tui.screens.dialog import Dialog
from game.tui.widgets.option_list import OptionList

ItemUse = tuple[str, int]
"""(item id, action index): what the player chose to do."""


def item_prompt(item: ItemView) -> Text:
    return as_line(item.name + (f" ×{item.count}" if item.count > 1 else ""))


class InventoryScreen(Dialog[ItemUse | None]):
    """Enter on an item goes to its actions; pressing an action dismisses with it."""

    BINDINGS = DIALOG_KEYS

    def __init__(self, items: tuple[ItemView, ...]) -> None:
        super().__init__()
        self.items = items

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog -wide", id="inventory"):
            yield Label("Inventory", classes="dialog-title")
            if not self.items:
                yield Static("You are carrying nothing.", classes="dialog-text")
                return
            with Horizontal(id="inventory-body"):
                yield OptionList(*(Option(item_prompt(i), id=i.id) for i in self.items), id="items")
                yield VerticalScroll(id="item-detail")
            yield Static(
                "↑ ↓ pick · Enter/Tab to its actions · Escape closes", classes="dialog-hint"
            )

    def on_mount(self) -> None:
        if self.items:
            items = self.query_one("#items", OptionList)
            items.highlighted = 0
            items.focus()

    @on(OptionList.OptionHighlighted, "#items")
    async def _show_item(self, event: OptionList.OptionHighlighted) -> None:
        item = self.items[event.option_index]
        detail = self.query_one("#item-detail", VerticalScroll)
        await detail.remove_children()
        widgets: list[Static | Button] = [
            Static(item_prompt(item), classes="item-name"),
            Static(styled(item.description or "Nothing remarkable."), classes="item-description"),
        ]
        for n, action in enumerate(item.actions):
            widgets.append(
                Button(
                    styled(action.text), id=f"use-{n}", disabled=not action.open, variant="primary"
                )
            )
            if not action.open and action.reason:
                widgets.append(Static(as_line(f"({action.reason})"), classes="action-reason"))
        if not item.actions:
            widgets.append(Static("Nothing to do with it here.", classes="action-reason"))
        await detail.mount_all(widgets)

    @on(OptionList.OptionSelected, "#items")
    def _to_actions(self) -> None:
        for button in self.query("#item-detail Button").results(Button):
            if not button.disabled:
                button.focus()
                return
        self.notify("There is nothing you can do with that now.", severity="warning")

    @on(Button.Pressed)
    def _use(self, event: Button.Pressed) -> None:
        items = self.query_one("#items", OptionList)
        if items.highlighted is None or not event.button.id:
            return
        action = int(event.button.id.removeprefix("use-"))
        self.dismiss((self.items[items.highlighted].id, action))

    def action_close(self) -> None:
        self.dismiss(None)
