"""A stand-in for `hyosan play` under `hyosan serve`, to test the server's side of a game.

    python fake_game.py RECORD MODE [args the server adds...]

It speaks textual-serve's protocol (the `__GANGLION__` line, then length-prefixed packets),
draws one line, and appends what it learns to RECORD as JSON lines: its pid and process
group, the size it was started with, its arguments, and every packet the server sends it.
MODE `quits` ends when told to quit; `hangs` ignores quit, SIGINT, SIGTERM and SIGHUP, as a
stuck game would.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from pathlib import Path


def record(path: Path, entry: dict[str, object]) -> None:
    """One line of JSON, tagged with this game's pid (games of one server share the file)."""
    with path.open("a", encoding="utf-8") as f:
        f.write(json.dumps({"game": os.getpid(), **entry}) + "\n")


def packet(kind: bytes, payload: bytes) -> bytes:
    return kind + len(payload).to_bytes(4, "big") + payload


def main() -> None:
    path, mode, extra = Path(sys.argv[1]), sys.argv[2], sys.argv[3:]
    if mode == "hangs":
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(sig, signal.SIG_IGN)
    record(
        path,
        {
            "pid": os.getpid(),
            "pgid": os.getpgid(0),
            "columns": os.environ.get("COLUMNS"),
            "rows": os.environ.get("ROWS"),
            "args": extra,
        },
    )
    out = sys.stdout.buffer
    out.write(b"__GANGLION__\n" + packet(b"D", b"fake game ready"))
    out.flush()
    stdin = sys.stdin.buffer
    while True:
        head = stdin.read(5)
        if len(head) < 5:
            break
        payload = stdin.read(int.from_bytes(head[1:], "big"))
        if head[:1] == b"M":
            meta = json.loads(payload)
            record(path, {"meta": meta})
            if meta.get("type") == "quit" and mode == "quits":
                out.write(packet(b"M", b'{"type": "exit"}'))
                out.flush()
                return
        else:
            record(path, {"data": payload.decode("utf-8", "replace")})
    if mode == "hangs":
        while True:
            time.sleep(60)


if __name__ == "__main__":
    main()
