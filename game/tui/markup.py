"""The story's own styles (`[b]`, `[i]`, `[u]`, `[dim]`) made into Rich text, through the
story's parser; text shown as written (`as_text`, `as_line`) is `game.tui.verbatim`'s, named
here too for the screens that use both.

Escape sequences and control characters are taken out first (`game.printable`), so nothing
reaches the terminal as a command.
"""

from __future__ import annotations

from rich.text import Text

from game.printable import printable
from game.story.text import TextError, parse_markup
from game.tui.verbatim import as_line, as_text

__all__ = ["as_line", "as_text", "plain_text", "styled"]

_STYLES = {"b": "bold", "i": "italic", "u": "underline", "dim": "dim"}


def styled(text: str, style: str = "") -> Text:
    """The story's markup as Rich text; markup the loader let through is never an error here."""
    out = Text(style=style)
    text = printable(text)
    try:
        segments = parse_markup(text)
    except TextError:
        out.append(text)
        return out
    for chunk, tags in segments:
        out.append(chunk, " ".join(_STYLES[t] for t in sorted(tags)))
    return out


def plain_text(text: str) -> str:
    """The text without markup, for searching."""
    try:
        return "".join(chunk for chunk, _ in parse_markup(text))
    except TextError:
        return text
