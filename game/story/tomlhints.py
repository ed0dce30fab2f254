"""What to do about a TOML syntax error, where the likely cause can be seen on its line.

tomli says what it could not read ("Cannot overwrite a value"); an author needs to know what
they wrote wrong ("the key 'title' is written twice") and how to fix it.
"""

from __future__ import annotations

import re

_KEY = re.compile(r"""\s*("[^"]*"|'[^']*'|[A-Za-z0-9_.-]+)\s*=""")
_HEADER = re.compile(r"\s*\[\[?\s*([^\]]+?)\s*\]\]?")


def toml_hint(message: str, source: str, line: int) -> str:
    """A hint (starting with "; ") for tomli's `message` at `line`, or ""."""
    lines = source.splitlines()
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    if message.startswith("Expected newline or end of document") and text.count('"') > 2:
        return (
            "; a \" inside a \"...\" string ends the string: write the text between ''' "
            'and \'\'\' (or """ and """), or write the quote as \\"'
        )
    if message == "Illegal character '\\n'" and text.count('"') % 2 == 1:
        return (
            '; a "..." string must end on the line it starts: for text over several lines '
            'write """ before and after it'
        )
    if message == "Cannot overwrite a value":
        if text.lstrip().startswith("[["):
            header = _HEADER.match(text)
            single = header and _find(lines, line, f"[{header.group(1)}]")
            if header and single:
                return (
                    f"; [{header.group(1)}] at line {single} is a single table, so it cannot "
                    f"be a list too: write [[{header.group(1)}]] there as well"
                )
        m = _KEY.match(text)
        if m:
            key = m.group(1).strip("\"'")
            first = _first_definition(lines, line, m.group(1))
            where = f" (first at line {first})" if first else ""
            return f"; the key '{key}' is written twice in the same table{where}: keep one"
    if message.startswith("Cannot declare") and message.endswith("twice"):
        h = _HEADER.match(text)
        if h and not text.lstrip().startswith("[["):
            name = h.group(1)
            return (
                f"; [{name}] is a single table and is written twice; for a list of them "
                f"write [[{name}]] (double brackets) before each one"
            )
        return "; this table is declared twice: merge the two"
    return ""


def _find(lines: list[str], line: int, header: str) -> int | None:
    """The earlier line that is exactly `header`."""
    for n in range(line - 1, 0, -1):
        if lines[n - 1].strip() == header:
            return n
    return None


def _first_definition(lines: list[str], line: int, key: str) -> int | None:
    """The earlier line of the same table that sets `key`."""
    for n in range(line - 1, 0, -1):
        text = lines[n - 1]
        if _HEADER.match(text) and text.lstrip().startswith("["):
            return None
        m = _KEY.match(text)
        if m and m.group(1) == key:
            return n
    return None
