"""Every key of the game, as data: screens take their BINDINGS from here and help lists them."""

from __future__ import annotations

from textual.binding import Binding, BindingType

APP_KEYS: list[BindingType] = [
    Binding("question_mark", "app.help", "Help", key_display="?"),
    Binding("q", "app.quit", "Quit"),
]
"""Keys that work everywhere (ctrl+p, the command palette, is Textual's own)."""

PALETTE_KEY = Binding("ctrl+p", "app.command_palette", "Command palette", key_display="^p")

SCROLL_KEYS: list[BindingType] = [
    Binding("pageup", "scroll_story(-1)", "Scroll the story up", show=False, priority=True),
    Binding("pagedown", "scroll_story(1)", "Scroll the story down", show=False, priority=True),
    Binding("space", "scroll_story(1)", "Scroll the story down", show=False),
]
"""Read a long text while the focus stays on the choices or buttons."""

PLAY_KEYS: list[BindingType] = [  # help and quit repeated so the footer lists them before F5/F9
    Binding("1", "app.choose(1)", "Pick", key_display="1-9", tooltip="Choose by number"),
    *(Binding(str(n), f"app.choose({n})", f"Choose {n}", show=False) for n in range(2, 10)),
    *SCROLL_KEYS,
    Binding("u", "app.undo", "Undo"),
    Binding("i", "app.inventory", "Items"),
    Binding("h", "app.history", "History"),
    Binding("s", "app.save", "Save"),
    Binding("l", "app.load", "Load"),
    *APP_KEYS,
    Binding("f5", "app.quicksave", "QSave", key_display="F5", tooltip="Quicksave"),
    Binding("f9", "app.quickload", "QLoad", key_display="F9", tooltip="Quickload"),
]

ENDING_KEYS: list[BindingType] = [
    *SCROLL_KEYS,
    Binding("n", "app.new_game", "New game"),
    Binding("l", "app.load", "Load"),
    Binding("u", "app.undo", "Undo"),
    Binding("h", "app.history", "History"),
    Binding("f9", "app.quickload", "QLoad", key_display="F9", tooltip="Quickload"),
]

TITLE_KEYS: list[BindingType] = [
    Binding("n", "app.new_game", "New game"),
    Binding("c", "app.continue_game", "Continue"),
    Binding("l", "app.load", "Load"),
    Binding("f9", "app.quickload", "QLoad", key_display="F9", tooltip="Quickload"),
]

DIALOG_KEYS: list[BindingType] = [
    Binding("escape", "close", "Close"),
]

SLOT_KEYS: list[BindingType] = [
    *DIALOG_KEYS,
    Binding("delete,d", "delete", "Delete", key_display="d"),
]

KEY_SECTIONS: list[tuple[str, list[BindingType]]] = [
    ("Anywhere", [*APP_KEYS, PALETTE_KEY]),
    ("Title screen", TITLE_KEYS),
    ("Playing", [b for b in PLAY_KEYS if b not in APP_KEYS]),
    ("At an ending", ENDING_KEYS),
    ("Save and load lists", SLOT_KEYS),
    ("Dialogs", DIALOG_KEYS),
]
"""What the help screen lists, in order."""
