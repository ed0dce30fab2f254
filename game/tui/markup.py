"""Scene text markup (`[b]`, `[i]`, `[u]`, `[dim]`) turned into Rich text for display."""

from __future__ import annotations

from rich.text import Text

from game.story.text import TextError, parse_markup

_STYLES = {"b": "bold", "i": "italic", "u": "underline", "dim": "dim"}


def styled(text: str, style: str = "") -> Text:
    """The story's markup as Rich text; markup the loader let through is never an error here."""
    out = Text(style=style)
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
