"""The text language: one syntax for every text a story shows, compiled once at load.

`{...}` holds a field (`{player}`, `{health}`, `{item:id}`, `{count:id}`), an inline
condition (`{if COND: text | else: text}`) or alternatives keyed on how often the text was
seen (`{seq: ...}`, `{cycle: ...}`, `{shuffle: ...}`, `{once: ...}`). Conditions and
alternatives nest one level. Markup is a tiny, closed set of tags (`[b]`, `[i]`, `[u]`,
`[dim]`) so that every front end can honour it: the TUI maps it to styles, plain mode drops
it. `\\[` is a literal bracket, `{{` and `}}` literal braces. Every problem carries its offset
in the source text, so the loader reports it at its own line and column.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from game.story.conditions import StateView, did_you_mean

STYLES = ("b", "i", "u", "dim")

_TAG = re.compile(r"\\\[|\[(/?)([A-Za-z_]*)\]")
SPECIAL = re.compile(r"[{}\[\]\\]")


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


# ---------------------------------------------------------------- the compiled form


class Seen:
    """What a text's alternatives are keyed on: how often it was seen (1 the first time),
    where it is (`site`, for shuffles) and the game's seed. A plain slots class: one is made
    at every render, so it must cost next to nothing."""

    __slots__ = ("count", "player", "seed", "site")

    def __init__(self, player: str, count: int = 1, site: str = "", seed: int = 0) -> None:
        self.player = player
        self.count = count
        self.site = site
        self.seed = seed


Part = str | Callable[[StateView, Seen], str]

_BLANKS = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")
_SPACES = re.compile(r"(?<=\S)[ \t]{2,}(?=\S)")
_LINE_END = re.compile(r"[ \t]+\n")


def tidy(text: str) -> str:
    """Whitespace that empty conditional pieces leave behind: double spaces, blank lines.

    Each pattern runs only when the text holds what it needs to match (most renders hold
    none of it): two blanks in a row, blanks before a line end, then (once no line ends in
    blanks) three line ends in a row."""
    if "  " in text or "\t" in text:
        text = _SPACES.sub(" ", text)
    if " \n" in text or "\t\n" in text:
        text = _LINE_END.sub("\n", text)
    if "\n\n\n" in text:
        text = _BLANKS.sub("\n\n", text)
    return text.strip()


@dataclass(frozen=True, slots=True)
class Template:
    """Text with every `{...}` resolved at load; `render` is cheap at every step."""

    parts: tuple[Part, ...]
    dynamic: bool = False
    """Has conditions or alternatives: whitespace is tidied after rendering."""
    constant: bool = field(init=False)
    """The text has no fields: it reads the same in every state."""

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "constant", len(self.parts) == 1 and isinstance(self.parts[0], str)
        )

    def render_constant(self) -> str:
        return "".join(p for p in self.parts if isinstance(p, str))

    def render(
        self, state: StateView, player: str, seen: int = 1, site: str = "", seed: int = 0
    ) -> str:
        if self.constant:
            return self.parts[0]  # type: ignore[return-value]
        ctx = Seen(player, seen, site, seed)
        out = "".join([p if isinstance(p, str) else p(state, ctx) for p in self.parts])
        return tidy(out) if self.dynamic else out
