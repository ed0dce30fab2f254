"""Where each key of a TOML file is written: line and column by key path.

tomli gives values, not positions. This scanner reads the source once more, only when a
problem must be reported, and tracks table headers, arrays of tables and `key =` lines; that
covers how scene files are written. Keys inside inline tables map to the line of their table.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

Path_ = tuple[str | int, ...]

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_PART = r"(?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*')"
_KEY = re.compile(rf"^\s*({_PART}(?:\s*\.\s*{_PART})*)\s*=")
_INLINE_KEY = re.compile(r"(?:[{,]\s*)([A-Za-z0-9_-]+)\s*=")


def _split_key(key: str) -> list[str]:
    return [p.strip().strip("\"'") for p in re.findall(r"\"[^\"]*\"|'[^']*'|[^.]+", key)]


class SourceMap:
    def __init__(self, source: str) -> None:
        self.positions: dict[Path_, tuple[int, int]] = {}
        self.lines = source.splitlines()
        self.multiline_values: set[Path_] = set()
        self._scan(source)

    def _scan(self, source: str) -> None:
        arrays: dict[Path_, int] = {}
        current: Path_ = ()
        closing: str | None = None
        for lineno, line in enumerate(source.splitlines(), start=1):
            if closing is not None:
                if closing in line:
                    closing = None
                continue
            header = _HEADER.match(line)
            if header and not _KEY.match(line):
                parts = _split_key(header.group(2))
                concrete: list[str | int] = []
                for i, part in enumerate(parts):
                    concrete.append(part)
                    key = tuple(concrete)
                    is_last = i == len(parts) - 1
                    if is_last and header.group(1) == "[[":
                        arrays[key] = arrays.get(key, -1) + 1
                        concrete.append(arrays[key])
                    elif key in arrays:
                        concrete.append(arrays[key])
                current = tuple(concrete)
                col = line.index("[") + 1
                self.positions.setdefault(current, (lineno, col))
                continue
            m = _KEY.match(line)
            if not m:
                continue
            path = current + tuple(_split_key(m.group(1)))
            col = len(line) - len(line.lstrip()) + 1
            self.positions.setdefault(path, (lineno, col))
            after = line[m.end() :]
            rest = after.strip()
            rest_col = m.end() + len(after) - len(after.lstrip()) + 1
            for quote in ('"""', "'''"):
                if rest.startswith(quote):
                    if rest.count(quote) == 1:
                        closing = quote
                    if rest == quote:
                        self.multiline_values.add(path)
                    break
            for im in _INLINE_KEY.finditer(rest):
                inner = (*path, im.group(1))
                self.positions.setdefault(inner, (lineno, rest_col + im.start(1)))

    def locate(self, path: Sequence[str | int]) -> tuple[int, int]:
        """Line and column of the deepest known prefix of `path` (1, 1 if none)."""
        key = tuple(path)
        while key:
            if key in self.positions:
                return self.positions[key]
            key = key[:-1]
        return (1, 1)

    def text_line(self, path: Sequence[str | int], text: str, offset: int) -> tuple[int, int]:
        """Line and column of `offset` inside the string value at `path`."""
        line, col = self.locate(path)
        before = text[:offset]
        newlines = before.count("\n")
        if tuple(path) in self.multiline_values:
            return line + 1 + newlines, len(before) - (before.rfind("\n") + 1) + 1
        if newlines:
            return line + newlines, len(before) - before.rfind("\n")
        if 0 < line <= len(self.lines):
            text_line = self.lines[line - 1]
            eq = text_line.find("=", col - 1)
            quote = min((i for q in "\"'" if (i := text_line.find(q, eq)) >= 0), default=-1)
            if eq >= 0 and quote >= 0:
                return line, quote + 2 + offset
        return line, col
