"""Scene text: `{...}` interpolation and light inline styling, both checked at load.

Markup is a tiny, closed set of tags (`[b]`, `[i]`, `[u]`, `[dim]`) so that every front end
can honour it: the TUI maps it to styles, plain mode drops it. `\\[` is a literal bracket,
`{{` and `}}` literal braces.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from game.story.conditions import StateView, did_you_mean

STYLES = ("b", "i", "u", "dim")

_TAG = re.compile(r"\\\[|\[(/?)([A-Za-z_]*)\]")
_SPECIAL = re.compile(r"[{}\[\]\\]")
_FIELD = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")


class TextError(ValueError):
    """Bad markup or interpolation; `offset` is the 0-based index in the source text."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


Segment = tuple[str, frozenset[str]]


def parse_markup(text: str) -> list[Segment]:
    """Split styled text into (text, styles) runs; raises TextError on a bad or unclosed tag."""
    segments: list[Segment] = []
    stack: list[tuple[str, int]] = []
    buf: list[str] = []
    pos = 0

    def flush() -> None:
        if buf:
            segments.append(("".join(buf), frozenset(t for t, _ in stack)))
            buf.clear()

    for m in _TAG.finditer(text):
        buf.append(text[pos : m.start()])
        pos = m.end()
        if m.group() == "\\[":
            buf.append("[")
            continue
        closing, tag = m.group(1), m.group(2)
        if tag not in STYLES:
            raise TextError(
                f"unknown style tag '{m.group()}'{did_you_mean(tag, STYLES)}"
                " (styles are [b], [i], [u], [dim]; for a literal bracket write \\[, "
                'or \\\\[ inside a "..." TOML string)',
                m.start(),
            )
        flush()
        if not closing:
            if any(t == tag for t, _ in stack):
                raise TextError(f"[{tag}] opened again before it was closed", m.start())
            stack.append((tag, m.start()))
        elif not stack or stack[-1][0] != tag:
            expected = f"[/{stack[-1][0]}]" if stack else "nothing open"
            raise TextError(
                f"'{m.group()}' closes nothing open here (expected {expected})", m.start()
            )
        else:
            stack.pop()
    buf.append(text[pos:])
    if stack:
        tag, at = stack[-1]
        raise TextError(f"[{tag}] is never closed; add [/{tag}]", at)
    flush()
    return [s for s in segments if s[0]]


def plain(text: str) -> str:
    """The text without markup, for plain mode and searches."""
    return "".join(s for s, _ in parse_markup(text))


def escape(value: str) -> str:
    """Make an interpolated value inert: its brackets never open a tag."""
    return value.replace("[", "\\[")


# ---------------------------------------------------------------- interpolation

Part = str | Callable[[StateView, str], str]


@dataclass(frozen=True, slots=True)
class Template:
    """Text with its `{...}` fields resolved at load; `render` is cheap at every step."""

    parts: tuple[Part, ...]

    @property
    def constant(self) -> bool:
        """The text has no fields: it reads the same in every state."""
        return len(self.parts) == 1 and isinstance(self.parts[0], str)

    def render_constant(self) -> str:
        return "".join(p for p in self.parts if isinstance(p, str))

    def render(self, state: StateView, player: str) -> str:
        if len(self.parts) == 1 and isinstance(self.parts[0], str):
            return self.parts[0]
        return "".join(p if isinstance(p, str) else p(state, player) for p in self.parts)


def compile_template(text: str, stats: Mapping[str, str], items: Mapping[str, str]) -> Template:
    """Resolve `{player}`, `{stat}`, `{item:id}`, `{count:id}`; check the markup too.

    Raises TextError at the offset of the first problem.
    """
    if not _SPECIAL.search(text):
        return Template((text,))  # the common case: plain prose
    parts: list[Part] = []
    buf: list[str] = []
    pos = 0
    for m in _FIELD.finditer(text):
        buf.append(text[pos : m.start()])
        pos = m.end()
        tok = m.group()
        if tok in ("{{", "}}"):
            buf.append(tok[0])
            continue
        if m.group(1) is None:
            raise TextError(f"lone '{tok}'; write '{tok}{tok}' for a literal brace", m.start())
        field = m.group(1).strip()
        part = _field(field, stats, items, m.start())
        if isinstance(part, str):
            buf.append(part)
            continue
        if buf:
            parts.append("".join(buf))
            buf = []
        parts.append(part)
    buf.append(text[pos:])
    if buf:
        parts.append("".join(buf))
    # Check markup with every field replaced by a harmless placeholder.
    probe = "".join(p if isinstance(p, str) else "x" for p in parts)
    try:
        parse_markup(probe)
    except TextError as e:
        raise TextError(e.message, _map_offset(text, probe, e.offset)) from None
    return Template(tuple(parts) or ("",))


def _map_offset(text: str, probe: str, offset: int) -> int:
    """Best effort: find the tag that failed in the original text."""
    m = _TAG.match(probe, offset)
    if m:
        found = text.find(m.group())
        if found >= 0:
            return found
    return min(offset, len(text))


def _field(field: str, stats: Mapping[str, str], items: Mapping[str, str], at: int) -> Part:
    if field == "player":
        return lambda s, player: escape(player)
    kind, _, ident = field.partition(":")
    if ident:
        if kind not in ("item", "count"):
            raise TextError(f"unknown field '{{{field}}}': use {{item:id}} or {{count:id}}", at)
        if ident not in items:
            raise TextError(
                f"unknown item '{ident}' in '{{{field}}}'{did_you_mean(ident, items)}", at
            )
        if kind == "item":
            return escape(items[ident])
        return lambda s, player: str(s.inventory.get(ident, 0))
    if field in stats:
        return lambda s, player: str(s.stats.get(field, 0))
    known = ["player", *stats]
    raise TextError(f"unknown field '{{{field}}}'{did_you_mean(field, known)}", at)
