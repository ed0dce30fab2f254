"""Choices taken in any game of a story, kept across games (as visual novels mark read text).

A later game can then mark the choices the player has taken before, so replays find new
paths. Stored in the save folder as `.seen.json` (a dot name, so the slot list, which reads
every `*.json`, never shows it as a save), written atomically. Like the endings record it is
a nicety: a missing, unreadable or foreign file reads as "nothing seen", and a failed write
is silent.

A choice is known by its scene and its text as shown: the engine gives choices no public id.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from game.saves.atomic import write_atomic

SEEN_FILE = ".seen.json"
MAX_BYTES = 4 * 1024 * 1024
"""A record bigger than this is not ours: it is ignored, not read."""

Key = Annotated[str, Field(max_length=1000)]


class SeenFile(BaseModel):
    """The file as read from disk: story id -> scene id -> choice texts."""

    model_config = ConfigDict(extra="forbid")

    format: Annotated[int, Field(ge=1, le=1)]
    seen: dict[Key, dict[Key, list[Key]]]


class SeenChoices:
    """The record in one save folder; read once, then kept in memory and written on change."""

    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / SEEN_FILE
        self._seen: dict[str, dict[str, list[str]]] | None = None

    def _load(self) -> dict[str, dict[str, list[str]]]:
        if self._seen is None:
            self._seen = _read(self.path)
        return self._seen

    def taken(self, story_id: str, scene_id: str) -> frozenset[str]:
        """The texts of the choices taken in scene `scene_id` in any game so far."""
        return frozenset(self._load().get(story_id, {}).get(scene_id, ()))

    def record(self, story_id: str, scene_id: str, choice: str) -> None:
        """Remember that `choice` was taken in `scene_id`; writes only when it is new."""
        scenes = self._load().setdefault(story_id, {})
        texts = scenes.setdefault(scene_id, [])
        if choice in texts or len(choice) > 1000:
            return
        texts.append(choice)
        data = json.dumps({"format": 1, "seen": self._seen}, ensure_ascii=False)
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path, (data + "\n").encode("utf-8"))


def _read(path: Path) -> dict[str, dict[str, list[str]]]:
    try:
        if not path.is_file():  # a FIFO or a folder by that name must not hang or fail play
            return {}
        with open(path, "rb") as f:
            if os.fstat(f.fileno()).st_size > MAX_BYTES:
                return {}
            raw = f.read(MAX_BYTES + 1)
        return SeenFile.model_validate_json(raw).seen
    except (OSError, ValueError, ValidationError):
        return {}
