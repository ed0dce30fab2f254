"""The text language's compiler: `{...}` fields, inline conditions and alternatives, parsed
once at load into the parts a `Template` renders, every problem at its offset in the text.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Mapping

from game.story.conditions import CompiledCondition, StateView, did_you_mean
from game.story.text import SPECIAL, Part, Seen, Template, TextError, escape, parse_markup


def _join(parts: list[Part]) -> Part | None:
    """One part for a branch: a string, or a function joining the branch's parts."""
    if not parts:
        return None
    if len(parts) == 1:
        return parts[0]
    frozen = tuple(parts)

    def joined(s: StateView, ctx: Seen) -> str:
        return "".join(p if isinstance(p, str) else p(s, ctx) for p in frozen)

    return joined


def _value(part: Part | None, s: StateView, ctx: Seen) -> str:
    if part is None:
        return ""
    return part if isinstance(part, str) else part(s, ctx)


def _if(test: CompiledCondition, yes: Part | None, no: Part | None) -> Part:
    def cond(s: StateView, ctx: Seen) -> str:
        return _value(yes if test.test(s) else no, s, ctx)

    return cond


def _mix(seed: int, key: int) -> int:
    """A stable 64-bit hash (splitmix64's finaliser): the same shuffle on every replay."""
    z = (seed ^ (key * 0x9E3779B97F4A7C15)) & 0xFFFFFFFFFFFFFFFF
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
    return z ^ (z >> 31)


def _alternatives(kind: str, options: tuple[Part | None, ...], at: int) -> Part:
    n = len(options)

    def pick(s: StateView, ctx: Seen) -> str:
        i = max(ctx.count, 1) - 1
        if kind == "seq":
            i = min(i, n - 1)
        elif kind == "cycle":
            i %= n
        elif kind == "once":
            if i >= n:
                return ""
        else:  # shuffle
            key = zlib.crc32(f"{ctx.site}@{at}#{i}".encode())
            i = _mix(ctx.seed, key) % n
        return _value(options[i], s, ctx)

    return pick


ALTERNATIVES = ("seq", "cycle", "shuffle", "once")
KEYWORDS = ("if", "else", *ALTERNATIVES)
MAX_NESTING = 2
"""A condition or alternative may hold one more, not two: deeper text is unreadable."""

ConditionCompiler = Callable[[str, int], CompiledCondition]
"""Compiles a condition found at an offset of the text; raises TextError."""


# ---------------------------------------------------------------- the parser


_NEXT = re.compile(r"\{\{|\}\}|[{}|]")
_KEYWORD = re.compile(r"\s*([A-Za-z_]+)\s*(:|\s|\()")


class _Parser:
    """Recursive descent over one text; every error names its offset in that text."""

    def __init__(
        self,
        text: str,
        stats: Mapping[str, str],
        items: Mapping[str, str],
        condition: ConditionCompiler | None,
    ) -> None:
        self.text = text
        self.stats = stats
        self.items = items
        self.condition = condition
        self.dynamic = False
        self.runs: list[list[tuple[str, int] | None]] = []
        """Literal runs of every branch, with offsets, for the markup check."""

    def sequence(self, pos: int, depth: int) -> tuple[list[Part], int]:
        """Text up to an unmatched `|` or `}` (or the end at depth 0)."""
        parts: list[Part] = []
        run: list[tuple[str, int] | None] = []
        buf: list[str] = []

        def flush() -> None:
            nonlocal buf
            if buf:
                parts.append("".join(buf))
            buf = []

        text = self.text
        while True:
            m = _NEXT.search(text, pos)
            if m is None:
                buf.append(text[pos:])
                run.append((text[pos:], pos))
                pos = len(text)
                break
            buf.append(text[pos : m.start()])
            run.append((text[pos : m.start()], pos))
            tok = m.group()
            if tok in ("{{", "}}") and not (tok == "}}" and depth > 0):
                buf.append(tok[0])
                run.append((tok[0], -1))
                pos = m.end()
                continue
            if tok in ("}", "}}") or tok == "|":
                if depth == 0:
                    if tok == "|":
                        buf.append("|")
                        run.append(("|", -1))
                        pos = m.end()
                        continue
                    raise TextError("lone '}'; write '}}' for a literal brace", m.start())
                pos = m.start()
                break
            # "{": a field, a condition or alternatives
            flush()
            part, pos = self.brace(m.start(), depth)
            run.append(None)
            if isinstance(part, str):
                buf.append(part)
            else:
                parts.append(part)
        flush()
        self.runs.append(run)
        return parts, pos

    def brace(self, start: int, depth: int) -> tuple[Part, int]:
        text = self.text
        head = _KEYWORD.match(text, start + 1)
        word = head.group(1) if head else ""
        if head and word == "if":
            return self.if_(start, head.start(1) + 2, depth)
        if head and head.group(2) == ":" and word in ALTERNATIVES:
            return self.alternatives(start, word, head.end(), depth)
        end = text.find("}", start + 1)
        inner = text[start + 1 : end] if end >= 0 else text[start + 1 :]
        if end < 0 or "{" in inner or "|" in inner:
            if head and head.group(2) == ":" and word not in ("item", "count"):
                hint = did_you_mean(word, KEYWORDS)
                raise TextError(
                    f"unknown '{{{word}:'{hint}; write {{if COND: ...}}, {{seq: a | b}}, "
                    "{cycle: ...}, {shuffle: ...} or {once: ...}",
                    start,
                )
            raise TextError(
                "'{' is never closed; close it with '}' (or write '{{' for a literal brace)",
                start,
            )
        return _field(inner.strip(), self.stats, self.items, start), end + 1

    def nested(self, start: int, depth: int) -> int:
        if depth + 1 > MAX_NESTING:
            raise TextError(
                "nested too deeply: an {if} or alternatives may hold one more, not two; "
                "split the text into variants or scenes",
                start,
            )
        self.dynamic = True
        return depth + 1

    def if_(self, start: int, pos: int, depth: int) -> tuple[Part, int]:
        depth = self.nested(start, depth)
        text = self.text
        colon = text.find(":", pos)
        close = text.find("}", pos)
        if colon < 0 or (0 <= close < colon):
            raise TextError("{if ...} needs a ':' after its condition: {if COND: text}", start)
        src = text[pos:colon]
        if not src.strip():
            raise TextError("{if} has no condition: write {if COND: text}", start)
        lead = len(src) - len(src.lstrip())
        test = self.compile(src.strip(), pos + lead)
        yes, at = self.sequence(colon + 1, depth)
        no: list[Part] = []
        if at < len(text) and text[at] == "|":
            m = re.compile(r"\s*else\s*:").match(text, at + 1)
            if m is None:
                raise TextError(
                    "after '|' in an {if} write 'else:' and the other text: "
                    "{if COND: yes | else: no}",
                    at,
                )
            no, at = self.sequence(m.end(), depth)
            if at < len(text) and text[at] == "|":
                raise TextError(
                    "an {if} has one '| else:'; for a third case put another {if} in the else",
                    at,
                )
        if at >= len(text):
            raise TextError("{if ...} is never closed; end it with '}'", start)
        return _if(test, _join(_trim(yes)), _join(_trim(no))), at + 1

    def alternatives(self, start: int, kind: str, pos: int, depth: int) -> tuple[Part, int]:
        depth = self.nested(start, depth)
        text = self.text
        options: list[Part | None] = []
        at = pos
        while True:
            parts, at = self.sequence(at, depth)
            options.append(_join(_trim(parts)))
            if at >= len(text):
                raise TextError(f"{{{kind}: ...}} is never closed; end it with '}}'", start)
            if text[at] == "}":
                break
            at += 1  # past "|"
        if all(o is None for o in options):
            raise TextError(f"{{{kind}: ...}} has no text in it", start)
        return _alternatives(kind, tuple(options), start), at + 1

    def compile(self, src: str, at: int) -> CompiledCondition:
        if self.condition is None:
            raise TextError("conditions are not allowed in this text", at)
        return self.condition(src, at)


def _trim(parts: list[Part]) -> list[Part]:
    """Whitespace after ':' and around '|' belongs to the syntax, not the text."""
    out = list(parts)
    if out and isinstance(out[0], str):
        out[0] = out[0].lstrip()
        if not out[0]:
            out.pop(0)
    if out and isinstance(out[-1], str):
        out[-1] = out[-1].rstrip()
        if not out[-1]:
            out.pop()
    return out


def is_plain(text: str) -> bool:
    """The text has nothing of the text language: no field, condition or markup."""
    return not SPECIAL.search(text)


def compile_template(
    text: str,
    stats: Mapping[str, str],
    items: Mapping[str, str],
    condition: ConditionCompiler | None = None,
) -> Template:
    """Compile `text` in the text language; raises TextError at the offset of a problem.

    `condition` compiles an inline condition (None: conditions are not allowed here).
    """
    if not SPECIAL.search(text):
        return Template((text,))  # the common case: plain prose
    parser = _Parser(text, stats, items, condition)
    parts, _ = parser.sequence(0, 0)
    for run in parser.runs:
        _check_markup(text, run)
    merged: list[Part] = []
    for p in parts:
        if isinstance(p, str) and merged and isinstance(merged[-1], str):
            merged[-1] += p
        else:
            merged.append(p)
    return Template(tuple(merged) or ("",), parser.dynamic)


def _check_markup(text: str, run: list[tuple[str, int] | None]) -> None:
    """Markup must open and close within one branch; a field counts as plain text."""
    probe: list[str] = []
    offsets: list[int] = []
    for piece in run:
        if piece is None:
            probe.append("x")
            offsets.append(-1)
            continue
        chunk, at = piece
        probe.append(chunk)
        offsets.extend(range(at, at + len(chunk)) if at >= 0 else [-1] * len(chunk))
    joined = "".join(probe)
    if "[" not in joined:
        return
    # A literal "\[" in the source became two characters here too: parse the joined source.
    try:
        parse_markup(joined)
    except TextError as e:
        at = offsets[e.offset] if e.offset < len(offsets) else -1
        raise TextError(e.message, at if at >= 0 else max(0, min(e.offset, len(text)))) from None


def _field(field: str, stats: Mapping[str, str], items: Mapping[str, str], at: int) -> Part:
    if field == "player":
        return lambda s, ctx: escape(ctx.player)
    kind, _, ident = field.partition(":")
    if ident:
        ident = ident.strip()
        kind = kind.strip()
        if kind not in ("item", "count"):
            raise TextError(f"unknown field '{{{field}}}': use {{item:id}} or {{count:id}}", at)
        if ident not in items:
            raise TextError(
                f"unknown item '{ident}' in '{{{field}}}'{did_you_mean(ident, items)}", at
            )
        if kind == "item":
            return escape(items[ident])
        return lambda s, ctx: str(s.inventory.get(ident, 0))
    if field in stats:
        return lambda s, ctx: str(s.stats.get(field, 0))
    if field in items:
        raise TextError(
            f"'{{{field}}}' is an item; write {{item:{field}}} for its name or "
            f"{{count:{field}}} for how many the player carries",
            at,
        )
    known = ["player", *stats, *(f"item:{i}" for i in items)]
    hint = did_you_mean(field, known) or " (fields are {player}, a stat, {item:id}, {count:id})"
    raise TextError(f"unknown field '{{{field}}}'{hint}", at)
