"""The player's settings: theme, notices, story width, confirm quitting; one JSON file in the
user's config folder (`HYOSAN_CONFIG` puts it elsewhere; tests use a temporary folder).

A missing file means the defaults; a broken one too, with a sentence saying so, and is
replaced on the next change. Nothing here imports Textual.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from game.saves.atomic import write_atomic
from game.tui.settings_path import MAX_BYTES, SETTINGS_FILE, default_config_dir

__all__ = ["SETTINGS_FILE", "Settings", "SettingsFile", "default_config_dir"]

StoryWidth = Literal["narrow", "normal", "wide", "full"]
WIDTH_NAMES: dict[str, str] = {
    "narrow": "Narrow (60 characters)",
    "normal": "Normal (72 characters)",
    "wide": "Wide (90 characters)",
    "full": "The whole window",
}


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    theme: str = Field(default="textual-dark", max_length=100)
    notices: bool = Field(default=True, description="Show routine notices (items, stats).")
    story_width: StoryWidth = "normal"
    confirm_quit: bool = Field(default=False, description="Ask before quitting a game.")


class SettingsFile:
    """Where the settings live, and reading and writing them."""

    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / SETTINGS_FILE

    def load(self) -> tuple[Settings, str | None]:
        """The settings, and a sentence when the file was there but could not be used."""
        try:
            with open(self.path, "rb") as f:
                data = f.read(MAX_BYTES + 1)
        except FileNotFoundError:
            return Settings(), None
        except OSError as e:
            return Settings(), self._problem(e.strerror or str(e))
        if len(data) > MAX_BYTES:
            return Settings(), self._problem("it is too large to be a settings file")
        try:
            return Settings.model_validate_json(data), None
        except ValidationError as e:
            first = e.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            what = first["msg"].lower()
            return Settings(), self._problem(f"{where}: {what}" if where else what)

    def save(self, settings: Settings) -> str | None:
        """Write the settings; a sentence when that failed (the game goes on)."""
        data = json.dumps(settings.model_dump(), indent=2) + "\n"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path, data.encode("utf-8"))
        except OSError as e:
            return f"Could not save the settings to {self.path}: {e.strerror or e}."
        return None

    def _problem(self, what: str) -> str:
        return f"Could not read the settings in {self.path} ({what}); using the defaults."
