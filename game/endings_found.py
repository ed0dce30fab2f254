"""Endings found across games, with when and by which player: what the endings gallery shows.

The save folder's `endings.json` (game.saves) knows only which endings were reached; this
keeps the first time each was found and the player's name then, in `.endings-found.json`
beside it (a dot name, so the slot list never shows it as a save). Like that record it is a
nicety: a missing, unreadable or foreign file reads as "nothing found", a failed write is
silent, and an ending in `endings.json` but not here is still shown as found (without a date).
"""

from __future__ import annotations

import contextlib
import os
from datetime import datetime
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from game.saves.atomic import write_atomic

FOUND_FILE = ".endings-found.json"
MAX_BYTES = 1024 * 1024

Key = Annotated[str, Field(max_length=200)]


class Found(BaseModel):
    """One ending as first found."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    player: Annotated[str, Field(max_length=200)]
    when: datetime


class FoundFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    format: Annotated[int, Field(ge=1, le=1)]
    found: dict[Key, dict[Key, Found]]
    """story id -> ending id -> first found."""


class EndingsFound:
    """The record in one save folder, read on each question (it is small and rarely asked)."""

    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / FOUND_FILE

    def found(self, story_id: str) -> dict[str, Found]:
        return dict(_read(self.path).get(story_id, {}))

    def record(self, story_id: str, ending_id: str, player: str, when: datetime) -> None:
        """Remember the first time `ending_id` was found; later finds change nothing."""
        record = _read(self.path)
        endings = record.setdefault(story_id, {})
        if ending_id in endings:
            return
        endings[ending_id] = Found(player=player[:200], when=when)
        data = FoundFile(format=1, found=record).model_dump_json(indent=2)
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path, (data + "\n").encode("utf-8"))


def _read(path: Path) -> dict[str, dict[str, Found]]:
    try:
        if not path.is_file():  # a folder or FIFO by that name must not hang or fail play
            return {}
        with open(path, "rb") as f:
            if os.fstat(f.fileno()).st_size > MAX_BYTES:
                return {}
            raw = f.read(MAX_BYTES + 1)
        return FoundFile.model_validate_json(raw).found
    except (OSError, ValueError, ValidationError):
        return {}
