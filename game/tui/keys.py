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
    Binding(
        "pageup",
        "scroll_story(-1)",
        "Scroll the story up",
        show=False,
        priority=True,
        key_display="PageUp",
    ),
    Binding(
        "pagedown",
        "scroll_story(1)",
        "Scroll the story down",
        show=False,
        priority=True,
        key_display="PageDown",
    ),
    Binding("space", "scroll_story(1)", "Scroll the story down", show=False, key_display="Space"),
]
"""Read a long text while the focus stays on the choices or buttons."""

PLAY_KEYS: list[BindingType] = [  # help and quit repeated so the footer lists them before F5/F9
    # The choices are numbered on screen, so the footer leaves 1-9 out to fit 80 columns.
    Binding(
        "1", "app.choose(1)", "Pick", key_display="1-9", tooltip="Choose by number", show=False
    ),
    *(Binding(str(n), f"app.choose({n})", f"Choose {n}", show=False) for n in range(2, 10)),
    *SCROLL_KEYS,
    Binding("u", "app.undo", "Undo"),
    Binding("i", "app.inventory", "Items"),
    Binding("t", "app.stats", "Stats", tooltip="Stats: what each one means, and the infection"),
    Binding("m", "app.story_map", "Map", tooltip="Story map: this game's path and its forks"),
    Binding("p", "toggle_panel", "Panel", tooltip="Open or close the side panel (narrow screens)"),
    Binding("escape", "close_panel", "Close the side panel", show=False, key_display="Escape"),
    Binding("h", "app.history", "History"),
    Binding("s", "app.save", "Save"),
    Binding("l", "app.load", "Load"),
    *APP_KEYS,
    # F5/F9 are left out of the footer (80 columns are full); help and the palette list them.
    Binding("f5", "app.quicksave", "QSave", key_display="F5", tooltip="Quicksave", show=False),
    Binding("f9", "app.quickload", "QLoad", key_display="F9", tooltip="Quickload", show=False),
    Binding("o", "app.settings", "Settings", show=False, key_display="o"),
]

ENDING_KEYS: list[BindingType] = [
    *SCROLL_KEYS,
    Binding("n", "app.new_game", "New game"),
    Binding("l", "app.load", "Load"),
    Binding("u", "app.undo", "Undo"),
    Binding("h", "app.history", "History"),
    Binding("m", "app.story_map", "Map", tooltip="Story map: the path that led here"),
    Binding("f9", "app.quickload", "QLoad", key_display="F9", tooltip="Quickload"),
]

TITLE_KEYS: list[BindingType] = [
    Binding("n", "app.new_game", "New game"),
    Binding("c", "app.continue_game", "Continue"),
    Binding("l", "app.load", "Load"),
    Binding("e", "app.endings", "Endings", tooltip="Endings gallery: found and still locked"),
    Binding("o", "app.settings", "Settings"),
    Binding("f9", "app.quickload", "QLoad", key_display="F9", tooltip="Quickload", show=False),
]
"""On the title screen, beside its menu (F9 left out of the footer to fit 80 columns)."""

DIALOG_KEYS: list[BindingType] = [
    Binding("escape", "close", "Close"),
]

MAP_KEYS: list[BindingType] = [
    Binding("escape", "close", "Back"),
    Binding("m", "close", "Back", show=False),
    Binding("a", "fold_all", "Fold all", tooltip="Fold every act"),
    Binding("A", "open_all", "Open all", key_display="A", tooltip="Open every act"),
]
"""The story map (a tree: ↑ ↓ move, Enter or a click opens and folds an act or a fork)."""

SLOT_KEYS: list[BindingType] = [
    *DIALOG_KEYS,
    Binding("delete,d", "delete", "Delete", key_display="d"),
]

KEY_SECTIONS: list[tuple[str, list[BindingType]]] = [
    ("Anywhere", [*APP_KEYS, PALETTE_KEY]),
    ("Title screen", TITLE_KEYS),
    ("Playing", [b for b in PLAY_KEYS if b not in APP_KEYS]),
    ("At an ending", ENDING_KEYS),
    ("Story map", MAP_KEYS),
    ("Save and load lists", SLOT_KEYS),
    ("Dialogs", DIALOG_KEYS),
]
"""What the help screen lists, in order."""
