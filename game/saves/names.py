"""Slot names and where the save folder lives.

A slot name becomes a file name, so it is checked like one: no path separators, no `..`, no
names Windows reserves, nothing that could collide with a backup, temporary or endings file.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

import platformdirs

import game
from game.saves.errors import SaveError

AUTOSAVE = "autosave"
QUICKSAVE = "quicksave"
ENDINGS_FILE = "endings.json"
SLOT_SUFFIX = ".json"
BACKUP_SUFFIX = ".json.bak"
MAX_SLOT_LENGTH = 64

_ALLOWED = re.compile(r"^[\w][\w .\-]*$")
_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {
    f"{p}{n}" for p in ("COM", "LPT") for n in "123456789"
}
_RESERVED_STEMS = {"endings"}
_RESERVED_ENDINGS = (".bak", ".tmp", ".json")


def slot_name(raw: str) -> str:
    """The slot name for what the player typed, tidied (spaces collapsed, a `.json` dropped).

    Raises SaveError for anything that is not a plain file name of its own.
    """
    if "\x00" in raw:
        raise SaveError("A slot name cannot contain a NUL character.")
    name = unicodedata.normalize("NFC", " ".join(raw.split()))
    if name.lower().endswith(SLOT_SUFFIX) and len(name) > len(SLOT_SUFFIX):
        name = name[: -len(SLOT_SUFFIX)].rstrip()
    if not name:
        raise SaveError("A slot name cannot be empty.")
    if any(unicodedata.category(c).startswith("C") for c in name):  # before quoting the name
        raise SaveError("A slot name cannot contain control characters.")
    if len(name) > MAX_SLOT_LENGTH:
        raise SaveError(f"A slot name can be at most {MAX_SLOT_LENGTH} characters long.")
    if "/" in name or "\\" in name or ".." in name or os.path.isabs(name):
        raise SaveError(f"'{name}' is not a slot name: it must not contain '/', '\\' or '..'.")
    if not _ALLOWED.match(name) or name.endswith("."):
        raise SaveError(
            f"'{name}' is not a slot name: use letters, digits, spaces, '-', '_' and '.', "
            "starting with a letter or digit."
        )
    stem = name.split(".")[0].upper()
    if stem in _WINDOWS_RESERVED or name.lower() in _RESERVED_STEMS:
        raise SaveError(f"'{name}' is a reserved name; choose another slot name.")
    if name.lower().endswith(_RESERVED_ENDINGS):
        raise SaveError(f"'{name}' is a reserved name; choose another slot name.")
    return name


def default_save_dir(override: Path | None = None) -> Path:
    """Where saves go: `override` (--saves), then $HYOSAN_SAVES, then the checkout's `saves/`
    when running from a source checkout, then the platform's user data folder."""
    if override is not None:
        return Path(override).expanduser()
    env = os.environ.get("HYOSAN_SAVES", "").strip()
    if env:
        return Path(env).expanduser()
    checkout = Path(game.__file__).resolve().parents[1]
    if (checkout / "saves").is_dir() and (checkout / "pyproject.toml").is_file():
        return checkout / "saves"
    return Path(platformdirs.user_data_dir("hyosan")) / "saves"
