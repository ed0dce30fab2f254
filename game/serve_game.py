"""One browser tab's game under `hyosan serve`: its process, what the page may send it, its end.

textual-serve's `AppService` relays a game's terminal to a websocket. Three things it leaves
open are closed here, because the page is not trusted:

- sizes: the page says how big its terminal is; a game told 20,000 x 20,000 cells grows to
  gigabytes, so every size is clamped (`clamp_size`);
- messages: anything that is not a well-formed message is ignored (`parse_message`), it never
  ends the game or logs a traceback;
- the end: the game runs in a process group of its own (no shell in between) and, when the
  tab goes, is asked to quit, then killed with its group after a time limit, so no game
  outlives its socket or holds up the server's exit.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from textual_serve.app_service import AppService

WIDTH = (10, 500)
"""Columns a game may be given: 500 fill a 4K screen at a small font."""
HEIGHT = (5, 200)
"""Rows a game may be given."""
DEFAULT_SIZE = (80, 24)
QUIT_SECONDS = 2.0
"""How long a game asked to quit may take before its process group is killed."""


def clamp_size(width: object, height: object) -> tuple[int, int]:
    """A terminal size within `WIDTH` x `HEIGHT`; anything not a number gives the default."""
    return _clamp(width, WIDTH, DEFAULT_SIZE[0]), _clamp(height, HEIGHT, DEFAULT_SIZE[1])


def _clamp(value: object, bounds: tuple[int, int], default: int) -> int:
    if isinstance(value, str):
        try:
            value = int(value.strip()[:12])
        except ValueError:
            return default
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
        return default
    return int(min(bounds[1], max(bounds[0], value)))


@dataclass(frozen=True)
class Message:
    """A message from the page: `kind` is stdin, resize, ping, blur or focus."""

    kind: str
    text: str = ""
    size: tuple[int, int] = DEFAULT_SIZE
    data: Any = None


def parse_message(raw: str) -> Message | None:
    """The page's JSON message (`["stdin", "keys"]`, `["resize", {"width": w, "height": h}]`,
    `["ping", x]`, `["blur"]`, `["focus"]`), or None when it is anything else."""
    try:
        envelope = json.loads(raw)
    except (ValueError, RecursionError):
        return None
    if not isinstance(envelope, list) or not envelope or not isinstance(envelope[0], str):
        return None
    kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
    if kind == "stdin" and isinstance(data, str):
        return Message(kind, text=data)
    if kind == "resize" and isinstance(data, dict):
        return Message(kind, size=clamp_size(data.get("width"), data.get("height")))
    if kind == "ping" and isinstance(data, str | int | float | None):
        return Message(kind, data=data)
    if kind in ("blur", "focus"):
        return Message(kind)
    return None


class GameProcess(AppService):
    """textual-serve's AppService, started without a shell in a session of its own."""

    def __init__(self, args: Sequence[str], **kwargs: Any) -> None:
        super().__init__(args[0], **kwargs)
        self.args = list(args)

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Any:
        environment = self._build_environment(width=width, height=height)
        self._process = process = await asyncio.create_subprocess_exec(
            *self.args,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=environment,
            start_new_session=True,  # its own process group: killed whole, deaf to Ctrl+C
        )
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    async def handle(self, message: Message, websocket: Any) -> None:
        if message.kind == "stdin":
            await self.send_bytes(message.text.encode("utf-8", "replace"))
        elif message.kind == "resize":
            await self.set_terminal_size(*message.size)
        elif message.kind == "ping":
            await websocket.send_json(["pong", message.data])
        elif message.kind == "blur":
            await self.blur()
        elif message.kind == "focus":
            await self.focus()

    async def end(self, seconds: float = QUIT_SECONDS) -> None:
        """Ask the game to quit; after `seconds`, or at once if this is cancelled, kill its
        whole process group. Safe to call more than once, and from several tasks."""
        process = self._process
        if process is None:
            return
        loop = asyncio.get_running_loop()
        deadline = loop.time() + seconds
        try:
            with contextlib.suppress(TimeoutError, OSError, RuntimeError):
                await asyncio.wait_for(self.stop(), seconds)
                await asyncio.wait_for(process.wait(), max(0.0, deadline - loop.time()))
        finally:  # also when cancelled (the server stopping): never leave the game running
            self.kill()
            if self._task is not None:
                self._task.cancel()
        await process.wait()

    def kill(self) -> None:
        """Kill the game's whole process group now, if it still runs."""
        process = self._process
        if process is not None and process.returncode is None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)
