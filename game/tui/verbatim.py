"""Text from a story, a save or a player shown exactly as written, as Rich text.

Nothing from those sources is ever parsed as Textual or Rich markup: a player named `[/]` or
a scene titled `Class 2-5 [sic]` is shown as written. Escape sequences and control characters
are taken out first (`game.printable`), so nothing reaches the terminal as a command. Apart
from `game.tui.markup` (the story's own styles) because this needs no story parser: the title
screen and the dialogs draw with it before the story is imported.
"""

from __future__ import annotations

from rich.text import Text

from game.printable import one_line, printable


def as_text(value: str, style: str = "") -> Text:
    """`value` shown exactly as written (never markup), without control characters."""
    return Text(printable(value), style=style)


def as_line(value: str, style: str = "") -> Text:
    """`as_text` on one line: for names, titles and labels."""
    return Text(one_line(value), style=style, no_wrap=False)
