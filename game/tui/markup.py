"""Text from a story, a save or a player, made into Rich text for display.

Nothing from those sources is ever parsed as Textual or Rich markup: a player named `[/]` or
a scene titled `Class 2-5 [sic]` is shown as written. Only the story's own `[b]`, `[i]`, `[u]`
and `[dim]` are styled (by `styled`, through the story's parser). Escape sequences and control
characters are taken out first (`game.printable`), so nothing reaches the terminal as a
command.
"""

from __future__ import annotations

from rich.text import Text

from game.printable import one_line, printable
from game.story.text import TextError, parse_markup

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


def as_text(value: str, style: str = "") -> Text:
    """`value` shown exactly as written (never markup), without control characters."""
    return Text(printable(value), style=style)


def as_line(value: str, style: str = "") -> Text:
    """`as_text` on one line: for names, titles and labels."""
    return Text(one_line(value), style=style, no_wrap=False)


def plain_text(text: str) -> str:
    """The text without markup, for searching."""
    try:
        return "".join(chunk for chunk, _ in parse_markup(text))
    except TextError:
        return text
