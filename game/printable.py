"""Text made safe to put on a terminal: no escape sequences, no control characters.

Story files, saves and players' names can hold anything. An escape sequence that reached the
terminal could retitle the window, move the cursor or worse; a lone surrogate (a name typed
in another encoding) makes the write itself fail. Every front end passes what it shows
through `printable` first. Newlines and tabs are kept: they are layout, not commands.
"""

from __future__ import annotations

import re

_ESCAPE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"  # CSI: colours, cursor moves
    r"|\x1b[\]PX^_][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # OSC, DCS, ...: up to their end
    r"|\x1b[ -/]*[0-~]?"  # two- and three-character escapes
    r"|\x9b[0-?]*[ -/]*[@-~]?"  # the 8-bit CSI
    r"|[\x90\x9d\x98\x9e\x9f][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # 8-bit OSC, DCS, ...
)
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_SUSPECT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def printable(text: str) -> str:
    """`text` without escape sequences and control characters (newline and tab kept);
    a lone surrogate becomes U+FFFD so the text can always be encoded."""
    if not _SUSPECT.search(text):  # the common case costs one scan
        return text
    text = _ESCAPE.sub("", text)
    text = _CONTROL.sub("", text)
    return _SURROGATE.sub("\ufffd", text)


def one_line(text: str) -> str:
    """`printable`, with line breaks and tabs as spaces: for names and titles."""
    return " ".join(printable(text).split())
