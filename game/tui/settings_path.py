"""Where the player's settings live, and the theme they name, read at a glance.

The first frame is drawn in the player's theme before pydantic is imported: `peek_theme`
reads only the `theme` field. The loading worker then reads the file in full through the
`Settings` model (`game.tui.settings`), which stays the one judge of the file: a file it
refuses means the defaults (the default theme too) and a notice, as ever.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import platformdirs

SETTINGS_FILE = "settings.json"
MAX_BYTES = 64 * 1024


def default_config_dir() -> Path:
    env = os.environ.get("HYOSAN_CONFIG")
    return Path(env) if env else platformdirs.user_config_path("hyosan")


def peek_theme(folder: Path) -> str | None:
    """The theme the settings file in `folder` names, if it can be read at all."""
    try:
        with open(Path(folder) / SETTINGS_FILE, "rb") as f:
            data = json.loads(f.read(MAX_BYTES + 1))
    except (OSError, ValueError):
        return None
    theme = data.get("theme") if isinstance(data, dict) else None
    return theme if isinstance(theme, str) else None
